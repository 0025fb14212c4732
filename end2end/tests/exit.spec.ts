// "Exit this page" on a phone, with and without JavaScript: the button
// (and, with JavaScript, Shift pressed three times) ends the session,
// clears the site's data and goes to a neutral site; the back button does
// not bring the page back and the old session cookie no longer works.
// The neutral site is answered here (no internet in tests).
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { signInChild } from './child';

test.use({ viewport: { width: 360, height: 740 } });

async function neutralSite(page: Page): Promise<void> {
  await page.context().route(/bbc\.co\.uk/, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<title>Weather</title><h1>Weather</h1>' }),
  );
}

test('Exit this page ends the session and leaves nothing to go back to', async ({ page, hydrates, checkA11y }) => {
  await neutralSite(page);
  await signInChild(page, 'river-stone');
  await page.goto('/consultation');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Share my views before my review');
  await expect(page.getByRole('link', { name: 'Skip to Exit this page' })).toHaveCount(1);
  const cookies = await page.context().cookies();
  expect(cookies.length).toBeGreaterThan(0);

  await page.getByRole('link', { name: 'Exit this page', exact: true }).click();
  await expect(page).toHaveURL(/bbc\.co\.uk\/weather/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Weather');

  // Back: no MySay page comes back signed in.
  await page.goBack();
  await expect(page.getByText('Share my views before my review')).toHaveCount(0);
  await expect(page.getByText(/Hello, /)).toHaveCount(0);

  // The old session cookie, put back, opens nothing.
  await page.context().addCookies(cookies);
  await page.goto('/home');
  await expect(page).toHaveURL(/\/sign-in$/);
  await checkA11y('sign-in after leaving');
});

test('Shift pressed three times leaves at once with JavaScript; without it the button does', async ({ page, hydrates }) => {
  await neutralSite(page);
  await signInChild(page, 'river-stone');
  if (!hydrates) {
    // No script to hear the keys: the page stays, and the button still works.
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
    await expect(page).toHaveURL(/\/home$/);
    await page.getByRole('link', { name: 'Exit this page', exact: true }).click();
    await expect(page).toHaveURL(/bbc\.co\.uk\/weather/);
    return;
  }
  await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1);
  await page.keyboard.press('Shift');
  await page.keyboard.press('Shift');
  await expect(page).toHaveURL(/\/home$/);
  await page.keyboard.press('Shift');
  await expect(page).toHaveURL(/bbc\.co\.uk\/weather/);
  await page.goto('/home');
  await expect(page).toHaveURL(/\/sign-in$/);
});

test('Staying safe online explains how to leave and leave no trace', async ({ page, checkA11y }) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'Staying safe online' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Staying safe online');
  await expect(page.getByText('press the Shift key 3 times')).toBeVisible();
  await checkA11y('staying safe online');
});
