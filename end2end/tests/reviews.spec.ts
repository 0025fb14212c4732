// The IRO's view of a child's reviews on a phone: the due date, scheduling
// the next review, and recording one, with problems explained.
import { expect, fillDate, test } from './fixtures';
import { signInStaff } from './staff';

test.use({ viewport: { width: 375, height: 740 } });

test('an IRO schedules a review and is told kindly what a record needs', async ({ page, hydrates, checkA11y }) => {
  // Axe runs on five pages, two of them the IRO's home with its caseload
  // panel's charts: on two cores beside the other project, over a minute.
  test.slow();
  // Each project has its own IRO and child, so they never meet.
  const [iro, child] = hydrates ? ['amina.hussain@example.org', 'Jade'] : ['ben.carter@example.org', 'Yonas'];
  await signInStaff(page, iro);
  await expect(page.getByRole('columnheader', { name: 'Due by' })).toBeVisible();
  await page.getByRole('link', { name: child, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(child);
  await expect(page.getByRole('heading', { name: /^Next/ })).toBeVisible();
  await checkA11y('child reviews');

  await page.getByLabel('Time', { exact: true }).fill('');
  await page.getByRole('button', { name: 'Save the date and time' }).click();
  await expect(page).toHaveTitle(/^Error: /);
  await expect(page.getByRole('alert')).toContainText('Enter the time as hours and minutes');
  await checkA11y('schedule with errors');

  // Dates the GOV.UK way: three boxes with the number keyboard, never the
  // browser's "mm/dd/yyyy" picker; the message names the part that is wrong.
  await expect(page.locator('input[type="date"]')).toHaveCount(0);
  const when = page.getByRole('group', { name: 'Date', exact: true });
  await expect(when.getByLabel('Day')).toHaveAttribute('inputmode', 'numeric');
  const nextYear = String(new Date().getUTCFullYear() + 1);
  await when.getByLabel('Day').fill('31');
  await when.getByLabel('Month').fill('2');
  await when.getByLabel('Year').fill(nextYear);
  await page.getByLabel('Time', { exact: true }).fill('14:30');
  await page.getByRole('button', { name: 'Save the date and time' }).click();
  await expect(page.getByRole('alert')).toContainText('The date must be a real date: check the day and the month');
  await expect(when.getByLabel('Day')).toHaveValue('31');
  await expect(when.getByLabel('Month')).toHaveValue('2');
  await when.getByLabel('Day').fill('3');
  await when.getByLabel('Year').fill('27');
  await page.getByRole('button', { name: 'Save the date and time' }).click();
  await expect(page.getByRole('alert')).toContainText('The year must be 4 numbers, like 2027');
  await expect(when.getByLabel('Year')).toHaveClass(/input-error/);
  await expect(when.getByLabel('Day')).not.toHaveClass(/input-error/);
  await when.getByLabel('Month').fill('');
  await when.getByLabel('Year').fill(nextYear);
  await page.getByRole('button', { name: 'Save the date and time' }).click();
  await expect(page.getByRole('alert')).toContainText('The date must include a month');
  await checkA11y('a date with a part missing');

  const day = new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10);
  await fillDate(page, 'Date', day);
  await page.getByLabel('Time', { exact: true }).fill('14:30');
  await page.getByRole('button', { name: 'Save the date and time' }).click();
  await expect(page.getByRole('status')).toContainText('The review has been scheduled.');
  await expect(page.locator('dd', { hasText: '14:30' })).toBeVisible();

  // Recording it with a code that does not fit: nothing is saved.
  await fillDate(page, 'Date it was held', new Date().toISOString().slice(0, 10));
  await page.getByRole('group', { name: 'Did the child attend?' }).getByLabel('Yes').check();
  await page.getByLabel(/PN6/).check();
  await page.getByRole('button', { name: 'Record the review' }).click();
  await expect(page.getByRole('alert')).toContainText('PN5, PN6 and PN7 are for a child who did not attend');
  await expect(page.getByLabel(/PN6/)).toBeChecked();
  await checkA11y('record with errors');
});

test('a manager sees the bank holidays and is told when one cannot be added', async ({ page, hydrates, checkA11y }) => {
  await signInStaff(page, hydrates ? 'morgan.price@example.org' : 'nadia.shah@example.org');
  await page.getByRole('link', { name: 'Bank holidays' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bank holidays');
  await expect(page.getByRole('table')).toContainText('Christmas Day');
  await checkA11y('bank holidays');
  await fillDate(page, 'Date', '2030-12-25');
  await page.getByLabel('Name').fill('Christmas again');
  await page.getByRole('button', { name: 'Add the bank holiday' }).click();
  await expect(page.getByRole('alert')).toContainText('That date is already a bank holiday');
  await expect(page.getByLabel('Name')).toHaveValue('Christmas again');
  await checkA11y('bank holidays with an error');
});

test('an IRO records a contact between reviews, told kindly what it needs', async ({ page, hydrates, checkA11y }) => {
  test.slow();
  // Each project has its own IRO and child (neither used by the other tests here).
  const [iro, child] = hydrates ? ['amina.hussain@example.org', 'Tom'] : ['ben.carter@example.org', 'Sara'];
  await signInStaff(page, iro);
  // Tom is also in the next 7 days' list: the same page either way.
  await page.getByRole('link', { name: child, exact: true }).first().click();
  await expect(page.getByRole('heading', { name: 'Contacts between reviews' })).toBeVisible();

  // A day in the future and no kind: both explained, the note kept.
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  await fillDate(page, 'Date of the contact', tomorrow);
  await page.getByLabel('Note (optional)').fill('Talked about the holidays.');
  await page.getByRole('button', { name: 'Record the contact' }).click();
  await expect(page).toHaveTitle(/^Error: /);
  await expect(page.getByRole('alert')).toContainText('Enter the date of the contact: not in the future');
  await expect(page.getByRole('alert')).toContainText('Choose the kind of contact');
  await expect(page.getByLabel('Note (optional)')).toHaveValue('Talked about the holidays.');
  await checkA11y('a contact with errors');

  const today = new Date().toISOString().slice(0, 10);
  await fillDate(page, 'Date of the contact', today);
  await page.getByRole('group', { name: 'Kind of contact' }).getByLabel('Midway review').check();
  await page.getByRole('button', { name: 'Record the contact' }).click();
  await expect(page.getByRole('status')).toContainText('The contact has been recorded.');
  const row = page.getByRole('row', { name: /Midway review/ }).filter({ hasText: 'Talked about the holidays.' });
  await expect(row).toBeVisible();
  await checkA11y('contacts recorded');
});

test("a manager records that a child ceased to be looked after; the IRO's record of them is read-only", async ({
  page,
  hydrates,
  checkA11y,
}) => {
  test.slow();
  // Each project adds its own child, so no other test's child changes.
  const child = hydrates
    ? { name: 'Rowan', manager: 'morgan.price@example.org', iro: 'Ben Carter', iroEmail: 'ben.carter@example.org' }
    : { name: 'Tegan', manager: 'nadia.shah@example.org', iro: 'Amina Hussain', iroEmail: 'amina.hussain@example.org' };
  const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

  await signInStaff(page, child.manager);
  await page.getByRole('link', { name: 'Add a child' }).click();
  await page.getByLabel('First name').fill(child.name);
  await fillDate(page, 'Date of birth', '2010-06-12');
  await fillDate(page, 'Date they came into care', daysAgo(90));
  await page.getByLabel('Gender').selectOption('male');
  await page.getByLabel('Ethnicity group').selectOption('White');
  await page.getByLabel('Placement type').selectOption('foster care');
  await page.getByLabel('First language').fill('English');
  for (const question of ['Do they need an interpreter?', 'Do they have a disability?', 'Are they an unaccompanied asylum-seeking child?']) {
    await page.getByRole('group', { name: question }).getByLabel('No').check();
  }
  await page.getByLabel('IRO').selectOption({ label: child.iro });
  await page.getByRole('button', { name: 'Add the child' }).click();
  await expect(page).toHaveURL(/\/home$/);

  // The manager records the day they ceased to be looked after: today.
  await page.getByRole('link', { name: new RegExp(`^${child.name}`) }).click();
  await expect(page).toHaveURL(/\/manage\/children\/\d+$/);
  const id = page.url().split('/').pop();
  await fillDate(page, 'Date they ceased to be looked after', daysAgo(0));
  await page.getByRole('button', { name: 'Save the changes' }).click();
  await expect(page).not.toHaveTitle(/^Error: /);

  // Their IRO, on a phone: the record says why it is read-only, and the
  // forms that would change it are gone.
  await page.context().clearCookies();
  await signInStaff(page, child.iroEmail);
  // Their caseload is long; the child's page is where the caseload's link goes.
  await page.goto(`/children/${id}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(child.name);
  await expect(page.getByText('This record is read-only now: only a manager can change it.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Contacts between reviews' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Record the contact' })).toHaveCount(0);
  await checkA11y('a ceased child, read-only');
});
