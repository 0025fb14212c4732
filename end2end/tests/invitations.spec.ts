// An IRO invites a child; the child joins on a phone by typing the code.
// Each project invites a different child, so the two can run at once.
import { expect, fluent, ready, test } from './fixtures';
import { signInStaff } from './staff';

test('an IRO invites a child, who joins with the code and sees their home', async ({
  page,
  browser,
  hydrates,
  javaScriptEnabled,
  checkA11y,
}) => {
  // The manager invites Lily with JavaScript; her IRO re-invites Yonas without.
  const child = hydrates
    ? { name: 'Lily', button: 'Invite Lily', signIn: 'moon-rabbit', inviter: 'morgan.price@example.org' }
    : { name: 'Yonas', button: 'New invitation for Yonas', signIn: 'desert-hawk', inviter: 'ben.carter@example.org' };

  await signInStaff(page, child.inviter);
  await page.getByRole('button', { name: fluent(child.button) }).click();

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

  await expect(childPage).toHaveURL(/\/home$/);
  await expect(childPage.getByRole('heading', { level: 1 })).toHaveText(fluent(`Hello, ${child.name}`));
  await expect(childPage.getByText('Ben Carter')).toBeVisible();
  await phone.close();
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
