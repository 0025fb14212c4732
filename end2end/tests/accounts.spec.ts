// Signing in and out as a person would, on a phone, with and without
// JavaScript; axe on every page.
import { expect, fluent, ready, test } from './fixtures';
import { passBeforeYouStart } from './child';
import { signInStaff } from './staff';

const PASSPHRASE = 'purple tractor sings loudly';

test('a child signs in, sees their home, and signs out', async ({ page, hydrates, checkA11y }) => {
  await page.goto('/');
  await ready(page, hydrates);
  await page.getByRole('link', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
  await checkA11y('sign-in page');

  await page.getByLabel('Sign-in name or email').fill('skyblue-fox');
  await page.getByLabel('Passphrase').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Sign in' }).click();

  // The first sign-in explains "Exit this page" before anything else.
  await expect(page).toHaveURL(/\/(home|before-you-start)$/);
  await page.goto('/before-you-start');
  await expect(page.getByText('At the top of every page there is a button called "Exit this page"')).toBeVisible();
  await checkA11y('before you start');
  await passBeforeYouStart(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(fluent('Hello, Jade'));
  // (Her IRO's name may also be in "Who has read what you wrote".)
  await expect(page.locator('.summary-list').getByText('Amina Hussain')).toBeVisible();
  await checkA11y('child home');

  await page.getByRole('main').getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto('/home');
  await expect(page).toHaveURL(/\/sign-in$/);
});

test('a wrong passphrase gets one kind message and keeps the name', async ({ page, hydrates, checkA11y }) => {
  await page.goto('/sign-in');
  await ready(page, hydrates);
  await page.getByLabel('Sign-in name or email').fill('river-stone');
  await page.getByLabel('Passphrase').fill('not my passphrase');
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect(page).toHaveTitle(/^Error: /);
  const summary = page.getByRole('alert');
  await expect(summary).toContainText('There is a problem');
  await expect(summary).toContainText('The sign-in name or passphrase is not right');
  await expect(page.getByLabel('Sign-in name or email')).toHaveValue('river-stone');
  await expect(page.getByLabel('Passphrase')).toHaveValue('');
  await checkA11y('sign-in page with an error');
  // The summary's link takes the reader to the field.
  await summary.getByRole('link').click();
  await expect(page.getByLabel('Sign-in name or email')).toBeFocused();
});

test('an IRO signs in with their authenticator and sees only their own children', async ({
  page,
  hydrates,
  checkA11y,
}) => {
  // Each project signs in a different IRO, so the two can run at once.
  const iro = hydrates
    ? { email: 'ben.carter@example.org', name: 'Ben Carter', own: ['Yonas', 'Lily'], others: ['Jade', 'Tom'] }
    : { email: 'amina.hussain@example.org', name: 'Amina Hussain', own: ['Jade', 'Tom'], others: ['Yonas', 'Lily'] };
  await signInStaff(page, iro.email, { fresh: true });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(fluent(`Hello, ${iro.name}`));
  const caseload = page.locator('table.caseload');
  for (const name of iro.own) await expect(caseload).toContainText(name);
  for (const name of iro.others) await expect(caseload).not.toContainText(name);
  await checkA11y('IRO home');
});

test('the authenticator set-up page is accessible', async ({ page, hydrates, checkA11y }) => {
  await page.goto('/sign-in');
  await ready(page, hydrates);
  // One of the demo's generated IROs: no other test signs them in, so
  // their authenticator is never set up (this test only types a wrong code).
  await page.getByLabel('Sign-in name or email').fill('alex.adeyemi.1@example.org');
  await page.getByLabel('Passphrase').fill('purple tractor sings loudly');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Set up your authenticator app');
  await expect(page.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible();
  await checkA11y('authenticator set-up');
  await page.getByLabel('Code from your authenticator app').fill('000000');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('alert')).toContainText('That code is not right');
  await checkA11y('authenticator set-up with an error');
});

test('a child is warned before being signed out and can stay signed in', async ({ page, hydrates, checkA11y }) => {
  if (hydrates) await page.clock.install();
  await page.goto('/sign-in');
  await page.getByLabel('Sign-in name or email').fill('river-stone');
  await page.getByLabel('Passphrase').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await passBeforeYouStart(page);
  await ready(page, hydrates);
  await expect(page.getByText(/MySay signs you out after \W?30\W? minutes without activity/)).toBeVisible();

  if (hydrates) {
    await page.clock.fastForward('28:01');
    const warning = page.getByRole('alertdialog');
    await expect(warning).toContainText('You will be signed out in 2 minutes');
    await checkA11y('idle warning');
    await warning.getByRole('link', { name: 'Stay signed in' }).click();
  } else {
    // Without JavaScript the link is always there.
    await page.getByRole('link', { name: 'Stay signed in' }).click();
  }
  await expect(page).toHaveURL(/\/home$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(fluent('Hello, Tom'));
});

test('a manager sees every account with its status', async ({ page, hydrates, checkA11y }) => {
  await signInStaff(page, hydrates ? 'morgan.price@example.org' : 'nadia.shah@example.org');
  await page.getByRole('link', { name: 'Manage accounts' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Accounts');
  const table = page.getByRole('table');
  await expect(table).toContainText('Amina Hussain');
  await expect(table).toContainText('sunny-kite');
  await checkA11y('manage accounts');
});

test('the change-passphrase page explains problems kindly', async ({ page, hydrates, checkA11y }) => {
  await page.goto('/sign-in');
  await ready(page, hydrates);
  await page.getByLabel('Sign-in name or email').fill('skyblue-fox');
  await page.getByLabel('Passphrase').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await passBeforeYouStart(page);
  await page.getByRole('link', { name: 'Change your passphrase' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Change your passphrase');
  await checkA11y('change passphrase');
  await page.getByLabel('Your passphrase now').fill('not my passphrase');
  await page.getByLabel('Your new passphrase').fill('short');
  await page.getByRole('button', { name: 'Change passphrase' }).click();
  const summary = page.getByRole('alert');
  await expect(summary).toContainText('That is not your passphrase now');
  await expect(summary).toContainText('at least 8 characters');
  await checkA11y('change passphrase with errors');
});

test('a manager adds a member of staff and opens a child record, with problems explained', async ({
  page,
  hydrates,
  checkA11y,
}) => {
  await signInStaff(page, hydrates ? 'morgan.price@example.org' : 'nadia.shah@example.org');
  await page.getByRole('link', { name: 'Add a member of staff' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Add a member of staff');
  await checkA11y('add a member of staff');
  // Both projects share one database: a name each.
  const name = hydrates ? 'Grace Okafor' : 'Grace Mensah';
  await page.getByLabel('Full name').fill(name);
  await page.getByLabel('Work email address').fill('grace at example');
  await page.getByRole('button', { name: 'Add and send the invitation' }).click();
  await expect(page).toHaveTitle(/^Error: /);
  const summary = page.getByRole('alert');
  await expect(summary).toContainText('Enter an email address in the correct format');
  await expect(summary).toContainText('Choose their role');
  await expect(page.getByLabel('Full name')).toHaveValue(name);
  await checkA11y('add a member of staff with errors');
  const email = hydrates ? 'grace.js@example.org' : 'grace.nojs@example.org';
  await page.getByLabel('Work email address').fill(email);
  await page.getByLabel("Children's Rights Officer").check();
  await page.getByRole('button', { name: 'Add and send the invitation' }).click();
  await expect(page.getByRole('status')).toContainText('The invitation has been emailed.');
  await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText('Invited, not joined yet');

  await page.goto('/home');
  await page.getByRole('link', { name: /^Lily/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(fluent('Change the record of Lily'));
  await expect(page.getByRole('table')).toContainText('Ben Carter');
  await checkA11y('change a child record');
  await page.getByLabel("Child's own email address (optional)").fill('no address');
  // Ceasing to be looked after before they came into care cannot be.
  const ceased = page.getByRole('group', { name: 'Date they ceased to be looked after' });
  await ceased.getByLabel('Day').fill('1');
  await ceased.getByLabel('Month').fill('1');
  await ceased.getByLabel('Year').fill('2001');
  await page.getByRole('button', { name: 'Save the changes' }).click();
  await expect(page).toHaveTitle(/^Error: /);
  await expect(page.getByRole('alert')).toContainText('Enter an email address in the correct format');
  await expect(page.getByRole('alert')).toContainText('Enter the date they ceased to be looked after');
  await expect(page.getByRole('group', { name: 'Date they ceased to be looked after' }).getByLabel('Year')).toHaveValue('2001');
  await checkA11y('change a child record with errors');
});
