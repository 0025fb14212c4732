// Escalations, with and without JavaScript, axe on every page: an IRO
// raises a concern with two issue types at stage 1 three weeks ago (so
// the team manager's response is overdue), is told kindly what a concern
// needs, records the response late, escalates to stage 2 and resolves it;
// a manager finds it in the year's counts, downloads them as CSV, and is
// told kindly what the stages' working days cannot be.
import { readFileSync } from 'node:fs';
import { expect, fillDate, fluent, test } from './fixtures';
import { signOut } from './child';
import { signInStaff } from './staff';

const iso = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test('an IRO escalates a concern to stage 2 and resolves it; a manager counts it', async ({ page, hydrates, checkA11y }) => {
  // Three sign-ins of staff and axe on seven pages.
  test.slow();
  // Each project its own people, so they never meet.
  const [iro, iroName, child, manager] = hydrates
    ? ['amina.hussain@example.org', 'Amina Hussain', 'Kai', 'morgan.price@example.org']
    : ['ben.carter@example.org', 'Ben Carter', 'Noor', 'nadia.shah@example.org'];

  // The manager's count of concerns raised this year, before.
  const raisedThisYear = async (): Promise<number> => {
    await page.getByRole('link', { name: 'Escalations', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Escalations');
    const summary = page.getByRole('table', { name: 'Escalations raised' });
    const cell = summary.getByRole('row', { name: /^Concerns raised/ }).getByRole('cell').first();
    const text = (await cell.innerText()).trim();
    expect(text).toMatch(/^\d+$/);
    return Number(text);
  };
  await signInStaff(page, manager);
  const before = await raisedThisYear();
  await signOut(page);

  await signInStaff(page, iro);
  await page.getByRole('link', { name: child, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(child);
  await expect(page.getByRole('heading', { name: 'Escalations and good practice' })).toBeVisible();
  await page.getByRole('link', { name: 'Raise a concern or note good practice' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(fluent(`Raise a concern about ${child}'s care plan`));
  await checkA11y('raising a concern');

  // Sent with nothing filled in: each problem said, nothing saved.
  await page.getByRole('button', { name: 'Raise the concern' }).click();
  await expect(page).toHaveTitle(/^Error: /);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Tick what the concern is about');
  await expect(alert).toContainText('Say what is wrong');
  await expect(alert).toContainText('Choose the stage');
  await checkA11y('a concern with problems');

  // Two issue types, stage 1, raised three weeks ago.
  await page.getByLabel('Inadequate care plan').check();
  await page.getByLabel('Education', { exact: true }).check();
  await page.getByLabel('What is wrong').fill('No personal education plan since the move.');
  await page.getByLabel('What must happen').fill('A plan agreed before the review.');
  await page.getByRole('radio', { name: /^Stage 1 \(team manager\): due in/ }).check();
  await fillDate(page, 'The day it was raised', iso(-21));
  await page.getByLabel('Raised with (name)').fill('Pat Jones');
  await page.getByLabel('Their role').fill('Team manager');
  await page.getByRole('group', { name: 'Was the child told?' }).getByLabel('Yes').check();
  await page.getByRole('button', { name: 'Raise the concern' }).click();
  await expect(page.getByRole('status')).toContainText('The concern was raised.');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Inadequate care plan, Education');
  await expect(page.locator('dd', { hasText: 'Overdue' })).toBeVisible();
  await checkA11y('an overdue concern');

  // The team manager answered today, late: on to the head of service.
  const respond = async (next: string | RegExp, words: string) => {
    await fillDate(page, 'The day of the response', iso(0));
    await page.getByLabel('The response', { exact: true }).fill(words);
    await page.getByRole('group', { name: 'What happens next' }).getByRole('radio', { name: next }).check();
  };
  await respond(/^Escalate to\W*Stage 2 \(head of service\)/, 'No plan yet: no school place.');
  await page.getByLabel('Raised next with (name)').fill('Sam Lee');
  await page.getByLabel('Their role').fill('Head of service');
  await page.getByRole('button', { name: 'Save the response' }).click();
  await expect(page.getByRole('status')).toContainText('The response was saved.');
  const stages = page.getByRole('table', { name: 'Stages' });
  await expect(stages.getByRole('row').nth(1)).toContainText('Late');
  await expect(stages.getByRole('row').nth(2)).toContainText('Stage 2 (head of service)');
  await expect(page.locator('#formal-clock')).toContainText('The formal stages should end by');
  await checkA11y('a concern at stage 2');

  // Resolved at stage 2, with the outcome.
  await respond('Resolved', 'A school place from Monday.');
  await page.getByLabel('The outcome').fill('A school place and a plan are agreed.');
  await page.getByRole('button', { name: 'Save the response' }).click();
  await expect(page.getByRole('status')).toContainText('The response was saved.');
  await expect(page.locator('dd', { hasText: /^Resolved on/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save the response' })).toHaveCount(0);
  await signOut(page);

  // The manager's counts have it, and the file says the same.
  await signInStaff(page, manager);
  const after = await raisedThisYear();
  expect(after).toBeGreaterThanOrEqual(before + 1);
  const footprint = page.getByRole('table', { name: "Each IRO's footprint" });
  await expect(footprint.getByRole('row', { name: new RegExp(`^${iroName}`) })).toBeVisible();
  await expect(page.getByRole('table', { name: /^Issues raised in formal escalations/ })).toBeVisible();
  await checkA11y('the manager\'s escalations');
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download the counts (CSV)' }).click(),
  ]);
  expect(csv.suggestedFilename()).toMatch(/^escalations-\d{4}-04-01-to-\d{4}-03-31\.csv$/);
  const lines = readFileSync(await csv.path(), 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/);
  const raised = lines.find((l) => l.startsWith('Concerns raised,'));
  expect(Number(raised?.split(',')[1])).toBeGreaterThanOrEqual(after);
  expect(lines).toContain('Issue raised,Issues number,Share of formal escalations');

  // The working days at each stage: told kindly what cannot be, nothing
  // changed, and saved as it was (the other project's tests count on 5).
  await page.goto('/home');
  await page.getByRole('link', { name: 'Working days at each escalation stage' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Working days to respond at each escalation stage');
  await checkA11y('the escalation days setting');
  await page.getByLabel('Stage 1 (team manager)').fill('12');
  await page.getByLabel('Stage 2 (head of service)').fill('nine');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page).toHaveTitle(/^Error: /);
  await expect(page.getByRole('alert')).toContainText('Enter a whole number of working days from 1 to 20');
  await expect(page.getByLabel('Stage 2 (head of service)')).toHaveValue('nine');
  await page.getByLabel('Stage 2 (head of service)').fill('9');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('alert')).toContainText('The three formal stages together must be 20 working days or fewer');
  await checkA11y('the escalation days setting with a problem');
  await page.getByLabel('Stage 1 (team manager)').fill('5');
  await page.getByLabel('Stage 2 (head of service)').fill('5');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status')).toContainText('Saved.');
  await expect(page.getByLabel('Informal')).toHaveValue('10');
});
