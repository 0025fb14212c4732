// Signing a child in and anyone out, as the journeys do it.
import { expect, type Page } from '@playwright/test';

const PASSPHRASE = 'purple tractor sings loudly';

export async function signInChild(page: Page, name: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Sign-in name or email').fill(name);
  await page.getByLabel('Passphrase').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/home$/);
}

export async function signOut(page: Page): Promise<void> {
  await page.locator('.signed-in-bar').getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/$/);
}
