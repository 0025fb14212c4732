// The landing page: server-rendered and complete without JavaScript,
// hydrated with it; the shell's parts are all there; Arabic mirrors.
import { chooseLanguage, expect, ready, test } from './fixtures';

test('the landing page tells a child what MySay is and how to get in', async ({ page, hydrates, checkA11y }) => {
  const response = await page.goto('/');
  expect(response?.status()).toBe(200);
  await ready(page, hydrates);

  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Have your say about your care');
  await expect(page.getByRole('link', { name: 'Exit this page', exact: true })).toHaveAttribute('href', '/exit');
  await expect(page.getByRole('banner')).toContainText('Northshire County Council');
  await expect(page.getByRole('main')).toBeVisible();
  await expect(page.getByRole('contentinfo').getByRole('link', { name: 'Help now' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
  await checkA11y('landing page');
});

test('the page\'s script runs only when JavaScript is on', async ({ page, hydrates }) => {
  await page.goto('/');
  const marker = page.locator('[data-hydrated]');
  if (hydrates) {
    // Set by the page's script, which only runs once its WebAssembly is live.
    await expect(marker).toHaveAttribute('data-hydrated', 'true');
  } else {
    await expect(marker).toHaveAttribute('data-hydrated', 'false');
    // Everything a child needs is in the HTML itself.
    await expect(page.getByText('Ask for an advocate')).toBeVisible();
  }
});

test('a child can switch to Arabic and the page mirrors', async ({ page, hydrates, checkA11y }) => {
  await page.goto('/help');
  await ready(page, hydrates);
  await chooseLanguage(page, 'العربية');
  await expect(page).toHaveURL(/\/help$/);
  await ready(page, hydrates);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('مساعدة الآن');
  // Mirrored: the exit button sits on the left in a right-to-left page.
  const exit = await page.getByRole('link', { name: 'اخرج من هذه الصفحة' }).boundingBox();
  expect(exit).not.toBeNull();
  expect(exit!.x).toBeLessThan(100);
  await checkA11y('help page in Arabic');
  // And back again.
  await chooseLanguage(page, 'English');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
});

test('Help now lists the numbers to call, as tap-to-call links', async ({ page, hydrates, checkA11y }) => {
  await page.goto('/');
  await ready(page, hydrates);
  await page.getByRole('contentinfo').getByRole('link', { name: 'Help now' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Help now');
  await expect(page.locator('a[href="tel:999"]')).toBeVisible();
  await expect(page.locator('a[href="tel:08001111"]')).toBeVisible();
  await checkA11y('help page');
});

test('an unknown address gets a kind not-found page', async ({ page, hydrates, checkA11y }) => {
  const response = await page.goto('/no-such-page');
  expect(response?.status()).toBe(404);
  await ready(page, hydrates);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await checkA11y('not found page');
});
