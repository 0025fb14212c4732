// The annual report figures on a phone: a manager picks last year, reads
// the participation table with its definitions, downloads the year's
// reviews for the case-management system and the pack (each opened, a
// value checked), and opens the pack's page to print.
import { readFileSync } from 'node:fs';
import * as ExcelJS from 'exceljs';
import { expect, test } from './fixtures';
import { signInStaff } from './staff';

test.use({ viewport: { width: 375, height: 740 } });

test('the annual report figures: last year, participation, the reviews CSV, the pack', async ({ page, hydrates, checkA11y }) => {
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

  // The pack: the whole year as a workbook, a sheet per table with each
  // figure's definition beside it, then the themes chapter's sheets.
  const lookedAfter = page.getByRole('table', { name: 'Children looked after', exact: true });
  const atEnd = (await lookedAfter.getByRole('row', { name: /^Looked after at 31 March/ }).getByRole('cell').first().innerText()).trim();
  const [xlsx] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: /^Download the pack for/ }).click(),
  ]);
  expect(xlsx.suggestedFilename()).toBe(`annual-report-figures-${last}-04-01-to-${last + 1}-03-31.xlsx`);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await xlsx.path());
  const first = book.worksheets[1];
  expect(first.name).toBe('1 Children looked after');
  expect(first.getCell('A4').value).toBe('Looked after at 31 March');
  expect(String(first.getCell('B4').value)).toBe(atEnd);
  expect(first.getCell('D4').value).toBe('Children who had come into care by 31 March and had not ceased to be looked after by then.');
  expect(book.worksheets.some((sheet) => /^\d+ Children who sent their/.test(sheet.name))).toBe(true);

  // The same year on one page, to print or copy into the report.
  await page.getByRole('link', { name: /^The pack for .* on one page/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Annual report figures, \W*April/);
  await expect(page.getByRole('heading', { level: 2, name: 'What children told us' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Children looked after', exact: true })
    .getByRole('row', { name: /^Looked after at 31 March/ }).getByRole('cell').first()).toHaveText(atEnd);
  await checkA11y('annual report pack');
});
