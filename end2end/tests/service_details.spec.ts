// The service's details in the browser, with and without JavaScript, axe
// clean: a manager changes the advocacy service's phone number (a number
// typed wrongly is said kindly, nothing saved), a child sees the new
// number on Help now at once, and the manager finds the change, old and
// new, in the audit log.
import { mkdirSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { signInChild } from './child';
import { signInStaff } from './staff';

/** Both projects change the one service: one journey at a time. */
async function alone(run: () => Promise<void>): Promise<void> {
  const folder = process.env.MYSAY_DEV_E2E_SECRETS;
  if (!folder) throw new Error('global-setup sets MYSAY_DEV_E2E_SECRETS');
  const lock = join(folder, '..', 'service-details.lock');
  for (let tries = 0; ; tries++) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if (tries > 1200) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    await run();
  } finally {
    rmdirSync(lock);
  }
}

test('a manager changes the advocacy phone number and a child sees it on Help now', async ({
  page,
  browser,
  hydrates,
  checkA11y,
}) => {
  test.setTimeout(180_000);
  const [manager, number, tel] = hydrates
    ? ['morgan.price@example.org', '0800 111 2222', 'tel:08001112222']
    : ['nadia.shah@example.org', '0800 333 4444', 'tel:08003334444'];
  await signInStaff(page, manager);
  const child = await browser.newContext({
    javaScriptEnabled: hydrates,
    viewport: { width: 360, height: 740 },
    baseURL: process.env.MYSAY_DEV_BASE_URL,
  });
  const childPage = await child.newPage();
  await signInChild(childPage, 'sunny-kite');

  await alone(async () => {
    await page.getByRole('link', { name: /^The service's details/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText("The service's details");
    await checkA11y("the service's details");
    const phone = page.getByLabel("The advocacy service's phone number");

    // Typed wrongly: said kindly, what was typed kept, nothing saved.
    await phone.fill('ring us on 0800');
    await page.getByRole('button', { name: 'Save the details' }).click();
    await expect(page.getByRole('alert')).toContainText("Enter the advocacy service's phone number using digits");
    await expect(phone).toHaveValue('ring us on 0800');
    await expect(page).toHaveTitle(/^Error: /);
    await checkA11y("the service's details with a mistake");

    await phone.fill(number);
    await page.getByRole('button', { name: 'Save the details' }).click();
    await expect(page.getByRole('status')).toContainText('The details are saved.');
    await expect(phone).toHaveValue(number);

    // The child sees it on Help now at once, as a tap-to-call link.
    await childPage.goto('/home');
    await childPage.getByRole('contentinfo').getByRole('link', { name: 'Help now' }).click();
    await expect(childPage.getByRole('heading', { level: 1 })).toHaveText('Help now');
    await expect(childPage.getByRole('link', { name: number })).toHaveAttribute('href', tel);
    await expect(childPage.locator('a[href="tel:08088005792"]')).toHaveCount(0);

    // The manager finds the change, old and new, in the audit log.
    await page.goto('/home');
    await page.getByRole('link', { name: 'Audit log', exact: true }).click();
    await page.getByLabel('Kind of event').selectOption('setting_changed');
    await page.getByRole('button', { name: 'Show' }).click();
    const entries = page.getByRole('table', { name: /^Audit log entries/ });
    const newest = entries.getByRole('row').nth(1);
    await expect(newest).toContainText('setting:advocacy_phone');
    await expect(newest).toContainText(`-> ${number}`);
    await checkA11y('the audit log of setting changes');
  });
  await child.close();
});
