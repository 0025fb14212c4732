// Signing a member of staff in, second step included: the first sign-in
// sets up the authenticator from the key the page shows (kept for later
// tests in a folder global-setup empties); later ones enter a code made
// here the way an authenticator app makes it (RFC 6238).
import { createHmac } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';

const PASSPHRASE = 'purple tractor sings loudly';

function base32Decode(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of text.replace(/\s+/g, '').toUpperCase()) {
    const value = alphabet.indexOf(c);
    if (value < 0) throw new Error(`not base32: ${c}`);
    bits += value.toString(2).padStart(5, '0');
  }
  const bytes: number[] = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

export function totp(secret: string, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const digest = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = digest[19] & 0x0f;
  const number = digest.readUInt32BE(offset) & 0x7fffffff;
  return String(number % 1_000_000).padStart(6, '0');
}

function secretFile(name: string): string {
  const folder = process.env.MYSAY_DEV_E2E_SECRETS;
  if (!folder) throw new Error('global-setup sets MYSAY_DEV_E2E_SECRETS');
  return join(folder, name.replace(/[^a-z0-9.@-]/gi, '_'));
}

export async function signInStaff(page: Page, name: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Sign-in name or email').fill(name);
  await page.getByLabel('Passphrase').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/sign-in\/second-step$/);

  const settingUp = await page.getByRole('heading', { name: 'Set up your authenticator app' }).isVisible();
  if (settingUp) {
    const key = (await page.locator('.key code').textContent()) ?? '';
    writeFileSync(secretFile(name), key.replace(/\s+/g, ''));
  }
  const file = secretFile(name);
  if (!existsSync(file)) throw new Error(`no key kept for ${name}`);
  const secret = readFileSync(file, 'utf8');

  // Another test may have just used this step's code: the next step's
  // code is accepted too, and failing both, wait for the next step.
  let accepted = false;
  for (let round = 0; round < 3 && !accepted; round++) {
    const now = Math.floor(Date.now() / 1000 / 30);
    for (const step of [now, now + 1]) {
      await page.getByLabel(/code/i).first().fill(totp(secret, step));
      await page.getByRole('button', { name: 'Continue' }).click();
      // The refusal's own words (a home page can hold an alert of its
      // own: a child's urgent alert).
      await page.waitForLoadState();
      if (!(await page.getByText('That code is not right').first().isVisible())) {
        accepted = true;
        break;
      }
    }
    if (!accepted) await page.waitForTimeout(((now + 1) * 30 + 1) * 1000 - Date.now());
  }
  if (settingUp) {
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Keep your recovery codes safe');
    await expect(page.locator('.recovery-codes li')).toHaveCount(10);
    await page.getByRole('link', { name: 'I have saved my codes, continue' }).click();
  }
  await expect(page).toHaveURL(/\/home$/);
}
