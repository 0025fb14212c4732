// The annual report figures on a phone: a manager picks last year, reads
// the participation table with its definitions, and downloads the year's
// reviews for the case-management system (opened, a value checked).
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { signInStaff } from './staff';

test.use({ viewport: { width: 375, height: 740 } });

test('the annual report figures: last year, participation, the reviews CSV', async ({ page, hydrates, checkA11y }) => {
  test.slow();
  await signInStaff(page, hydrates ? 'morgan.price@example.org' : 'nadia.shah@example.org');
  await page.getByRole('link', { name: 'Annual report figures' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Annual report figures');
  await checkA11y('annual figures');

  // Last year: the financial year before the one running now.
  const now = new Date();
  const running = now.getUTCMonth() >= 3 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
  const last = running - 1;
  // Fluent marks each value it puts into words: match around them.
  const lastYear = new RegExp(`^April\\W*${last}\\W*to March\\W*${last + 1}\\W*$`);
  await page.getByLabel('Financial year').selectOption(String(last));
  await page.getByRole('button', { name: 'Show the figures' }).click();
  await expect(page).toHaveURL(new RegExp(`year=${last}`));
  await expect(page.getByRole('heading', { level: 2, name: lastYear })).toBeVisible();

  const participation = page.getByRole('table', { name: "Children's participation in their reviews" });
  await expect(participation.getByRole('columnheader', { name: lastYear })).toBeVisible();
  const total = participation.getByRole('row', { name: /^Reviews of children aged 4 and over/ });
  await expect(total).toContainText('Reviews held in the year of children aged 4 or over on the day.');
  for (const cell of await total.getByRole('cell').all()) {
    expect((await cell.innerText()).trim()).toMatch(/^(c|0|[6-9]|\d{2,})$/);
  }
  await expect(participation.getByRole('row', { name: /^% who took part \(PN1 to PN6\)/ })).toBeVisible();
  await checkA11y('annual figures for last year');

  // The reviews held, as the page counts them, are the file's lines.
  const reviews = page.getByRole('table', { name: 'Reviews', exact: true });
  const held = (await reviews.getByRole('row', { name: /^Reviews held in the year/ }).getByRole('cell').first().innerText()).trim();
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: /^Download the reviews for/ }).click(),
  ]);
  expect(csv.suggestedFilename()).toBe(`reviews-${last}-04-01-to-${last + 1}-03-31.csv`);
  const lines = readFileSync(await csv.path(), 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l !== '');
  expect(lines[0]).toBe('Case reference,Review date,Review number,Participation code,In timescale');
  expect(lines.length).toBeGreaterThan(1);
  for (const line of lines.slice(1)) expect(line).toMatch(/^(CS\d{6})?,\d{4}-\d{2}-\d{2},\d+,PN[0-7],(yes|no)$/);
  if (/^\d+$/.test(held)) expect(lines.length - 1).toBe(Number(held));
});
