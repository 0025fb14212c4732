// MySay's browser tests: Debian's Chromium (never a downloaded browser),
// every test twice: with JavaScript (hydrated) and without (plain HTML).
import { defineConfig } from '@playwright/test';

const chromium = {
  executablePath: process.env.MYSAY_DEV_CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};

export default defineConfig({
  testDir: './tests',
  globalSetup: './global-setup.ts',
  globalTeardown: './global-teardown.ts',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL: process.env.MYSAY_DEV_BASE_URL,
    launchOptions: chromium,
    // A phone: most children use MySay on one.
    viewport: { width: 360, height: 740 },
    hasTouch: true,
    trace: 'off',
  },
  projects: [
    { name: 'js', use: { javaScriptEnabled: true } },
    { name: 'no-js', use: { javaScriptEnabled: false } },
  ],
});
