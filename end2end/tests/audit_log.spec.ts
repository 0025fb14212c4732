// The audit log, with and without JavaScript, axe clean: a manager finds
// who looked at a child's record and narrows it to one kind of event; a
// date it cannot read is said kindly. (The link from the child's record is
// in the integration tests.)
import { expect, test } from './fixtures';
import { signInStaff } from './staff';

test('a manager finds who looked at a child\'s record', async ({ page, hydrates, checkA11y }) => {
  const [manager, child] = hydrates ? ['morgan.price@example.org', 'Leo'] : ['nadia.shah@example.org', 'Ava'];
  await signInStaff(page, manager);
  await page.getByRole('link', { name: 'Audit log', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Audit log');
  await page.getByLabel('Child', { exact: true }).selectOption({ label: child });
  await page.getByRole('button', { name: 'Show' }).click();
  const entries = page.getByRole('table', { name: /^Audit log entries/ });
  // Her reading of the log comes first, under the child.
  await expect(entries.getByRole('row').nth(1)).toContainText('audit log read');
  await expect(entries.getByRole('row').nth(1)).toContainText(child);
  await checkA11y('the audit log for a child');

  await page.getByLabel('Child', { exact: true }).selectOption('');
  await page.getByLabel('Kind of event').selectOption('sign_in');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(entries.getByRole('row').nth(1)).toContainText('sign in');
  await expect(entries).not.toContainText('audit log read');
  await page.getByLabel('From').fill('31/12/2025');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.getByRole('alert')).toContainText('Enter the date as year-month-day');
  await checkA11y('the audit log with a date it cannot read');
});
