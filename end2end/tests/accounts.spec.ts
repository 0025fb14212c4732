// Signing in and out as a person would, on a phone, with and without
// JavaScript; axe on every page.
import { expect, fluent, ready, test } from './fixtures';

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

  await expect(page).toHaveURL(/\/home$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(fluent('Hello, Jade'));
  await expect(page.getByText('Amina Hussain')).toBeVisible();
  await checkA11y('child home');

  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
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

test('an IRO sees their own children and not another IRO\'s', async ({ page, hydrates, checkA11y }) => {
  await page.goto('/sign-in');
  await ready(page, hydrates);
  await page.getByLabel('Sign-in name or email').fill('ben.carter@example.org');
  await page.getByLabel('Passphrase').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(fluent('Hello, Ben Carter'));
  const caseload = page.getByRole('table');
  await expect(caseload).toContainText('Yonas');
  await expect(caseload).toContainText('Lily');
  await expect(caseload).not.toContainText('Jade');
  await checkA11y('IRO home');
});
