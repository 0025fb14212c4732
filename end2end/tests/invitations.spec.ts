// An IRO invites a child; the child joins on a phone by typing the code.
// Each project invites a different child, so the two can run at once.
import { expect, fillDate, fluent, ready, test } from './fixtures';
import { signInStaff } from './staff';

test('a manager adds a child and invites them; the child joins with the code on a phone', async ({
  page,
  browser,
  hydrates,
  javaScriptEnabled,
  checkA11y,
}) => {
  // Each project uses its own manager and child, so the two can run at once.
  const child = hydrates
    ? { name: 'Amir', signIn: 'moon-rabbit', manager: 'morgan.price@example.org', iro: 'Ben Carter', iroEmail: 'ben.carter@example.org' }
    : { name: 'Selam', signIn: 'desert-hawk', manager: 'nadia.shah@example.org', iro: 'Amina Hussain', iroEmail: 'amina.hussain@example.org' };

  await signInStaff(page, child.manager);
  await page.getByRole('link', { name: 'Add a child' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Add a child');
  await checkA11y('add a child');
  // Sent with a gap: the problem is shown and every answer kept.
  await page.getByLabel('First name').fill(child.name);
  await fillDate(page, 'Date of birth', '2012-04-09');
  await page.getByRole('button', { name: 'Add the child' }).click();
  await expect(page.getByRole('alert')).toContainText('Enter the date they came into care');
  await expect(page.getByLabel('First name')).toHaveValue(child.name);
  await checkA11y('add a child with errors');
  await fillDate(page, 'Date they came into care', '2026-10-01');
  await page.getByLabel('Gender').selectOption('female');
  await page.getByLabel('Ethnicity group').selectOption('Black or Black British');
  await page.getByLabel('Placement type').selectOption('foster care');
  await page.getByLabel('First language').fill('Tigrinya');
  for (const question of ['Do they need an interpreter?', 'Do they have a disability?', 'Are they an unaccompanied asylum-seeking child?']) {
    await page.getByRole('group', { name: question }).getByLabel('Yes').check();
  }
  await page.getByLabel('IRO').selectOption({ label: child.iro });
  await page.getByRole('button', { name: 'Add the child' }).click();
  await expect(page).toHaveURL(/\/home$/);

  await page.getByRole('button', { name: fluent(`Invite ${child.name}`) }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(child.name);
  const code = (await page.locator('.code').textContent())?.trim() ?? '';
  expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  await checkA11y('invitation slip');

  // The child, on their own phone.
  const phone = await browser.newContext({
    javaScriptEnabled,
    viewport: { width: 360, height: 740 },
    hasTouch: true,
    baseURL: process.env.MYSAY_DEV_BASE_URL,
  });
  const childPage = await phone.newPage();
  await childPage.goto('/');
  await childPage.getByRole('link', { name: 'Join with an invitation' }).click();
  await expect(childPage.getByRole('heading', { level: 1 })).toHaveText('Join MySay');
  await childPage.getByLabel('Invitation code').fill(code.toLowerCase());
  await childPage.getByLabel('Choose a sign-in name').fill(child.name);
  await childPage.getByLabel('Choose a passphrase').fill('green kite over the hill');
  await childPage.getByRole('button', { name: 'Join MySay' }).click();

  // Their real name is refused, kindly, and nothing typed is lost but the passphrase.
  await expect(childPage.getByRole('alert')).toContainText('Please do not use your real name');
  await expect(childPage.getByLabel('Invitation code')).toHaveValue(code.toLowerCase());
  await childPage.getByLabel('Choose a sign-in name').fill(child.signIn);
  await childPage.getByLabel('Choose a passphrase').fill('green kite over the hill');
  await childPage.getByRole('button', { name: 'Join MySay' }).click();

  // Before anything else, how to leave quickly; then home.
  await expect(childPage).toHaveURL(/\/before-you-start$/);
  await expect(childPage.getByText('pressing the Shift key 3 times does the same')).toBeVisible();
  await childPage.getByRole('button', { name: 'Continue' }).click();
  await expect(childPage).toHaveURL(/\/home$/);
  await expect(childPage.getByRole('heading', { level: 1 })).toHaveText(fluent(`Hello, ${child.name}`));
  await expect(childPage.getByText(child.iro)).toBeVisible();
  await phone.close();

  // Their IRO, on their own computer, now has them on their caseload.
  const office = await browser.newContext({ javaScriptEnabled, baseURL: process.env.MYSAY_DEV_BASE_URL });
  const iroPage = await office.newPage();
  await signInStaff(iroPage, child.iroEmail);
  await expect(iroPage.locator('table.caseload')).toContainText(child.name);
  await office.close();
});

test('the join page is accessible with an error showing', async ({ page, hydrates, checkA11y }) => {
  await page.goto('/join');
  await ready(page, hydrates);
  await checkA11y('join page');
  await page.getByLabel('Invitation code').fill('AAAA-AAAA');
  await page.getByLabel('Choose a sign-in name').fill('someone-new');
  await page.getByLabel('Choose a passphrase').fill('green kite over the hill');
  await page.getByRole('button', { name: 'Join MySay' }).click();
  await expect(page.getByRole('alert')).toContainText('This invitation has been used, has run out, or is not right');
  await checkA11y('join page with an error');
});
