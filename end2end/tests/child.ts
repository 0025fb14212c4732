// Signing a child in and anyone out, as the journeys do it.
import { expect, type Page } from '@playwright/test';

const PASSPHRASE = 'purple tractor sings loudly';

export async function signInChild(page: Page, name: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Sign-in name or email').fill(name);
  await page.getByLabel('Passphrase').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await passBeforeYouStart(page);
}

/** The first time a child signs in, how "Exit this page" works comes
 * before anything else; later sign-ins go straight home. */
export async function passBeforeYouStart(page: Page): Promise<void> {
  await expect(page).toHaveURL(/\/(home|before-you-start)$/);
  if (page.url().endsWith('/before-you-start')) {
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Before you start: leaving quickly');
    await page.getByRole('button', { name: 'Continue' }).click();
  }
  await expect(page).toHaveURL(/\/home$/);
}

export async function signOut(page: Page): Promise<void> {
  await page.locator('.signed-in-bar').getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/$/);
}
