// Signing a member of staff in, second step included: the first sign-in
// sets up the authenticator from the key the page shows (kept for later
// tests in a folder global-setup empties); later ones enter a code made
// here the way an authenticator app makes it (RFC 6238).
//
// A code works once, so each sign-in of one person waits for a fresh
// 30-second step. Most tests only need someone signed in: those get the
// session cookie this worker kept from its last full sign-in of that
// person, checked on their home page; a test about signing in asks for a
// full sign-in with `{ fresh: true }`.
import { createHmac } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Cookie, type Page } from '@playwright/test';

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

/** The next unused step for this person: this step or later. */
function claimStep(name: string): number {
  const file = `${secretFile(name)}.step`;
  const lock = `${file}.lock`;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let tries = 0; ; tries++) {
    try {
      closeSync(openSync(lock, 'wx'));
      break;
    } catch (error) {
      if (tries > 500) throw error;
      Atomics.wait(pause, 0, 0, 10);
    }
  }
  try {
    const last = existsSync(file) ? Number(readFileSync(file, 'utf8')) : -1;
    const step = Math.max(Math.floor(Date.now() / 30_000), last + 1);
    writeFileSync(file, String(step));
    return step;
  } finally {
    unlinkSync(lock);
  }
}

const SESSION_COOKIE = /^(__Host-)?mysay-session$/;
const keptSessions = new Map<string, Cookie[]>();

export async function signInStaff(page: Page, name: string, options: { fresh?: boolean } = {}): Promise<void> {
  const kept = keptSessions.get(name);
  if (kept && !options.fresh) {
    await page.context().addCookies(kept);
    await page.goto('/home');
    // Still signed in (no test has signed this session out since)?
    if (/\/home$/.test(page.url())) return;
    await page.context().clearCookies();
    keptSessions.delete(name);
  }
  await fullSignIn(page, name);
  const session = (await page.context().cookies()).filter((c) => SESSION_COOKIE.test(c.name));
  if (session.length === 1) keptSessions.set(name, session);
}

async function fullSignIn(page: Page, name: string): Promise<void> {
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

  // Each step's code works once, and tests on both workers sign the same
  // people in: every sign-in claims its own step (shared through a file
  // beside the key), waiting until the server will take it.
  let accepted = false;
  for (let attempt = 0; attempt < 4 && !accepted; attempt++) {
    const step = claimStep(name);
    const wait = (step - 1) * 30_000 + 500 - Date.now();
    if (wait > 0) {
      // Waiting for a code is not the test being slow: the wait is added
      // to its budget, so a busy run never times out on it.
      test.info().setTimeout(test.info().timeout + wait);
      await page.waitForTimeout(wait);
    }
    await page.getByLabel(/code/i).first().fill(totp(secret, step));
    await page.getByRole('button', { name: 'Continue' }).click();
    // The refusal's own words (a home page can hold an alert of its own:
    // a child's urgent alert).
    await page.waitForLoadState();
    accepted = !(await page.getByText('That code is not right').first().isVisible());
  }
  // The other worker may have set up the same person's app a moment
  // before (both saw the set-up page): then this sign-in goes home.
  await page.waitForLoadState();
  if (settingUp && !/\/home$/.test(page.url())) {
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Keep your recovery codes safe');
    await expect(page.locator('.recovery-codes li')).toHaveCount(10);
    await page.getByRole('link', { name: 'I have saved my codes, continue' }).click();
  }
  await expect(page).toHaveURL(/\/home$/);
}
