// Shared test helpers: `test` checks each page visited with axe (WCAG 2.2
// AA) and fails on any violation, and fails on any script error.
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';

export { expect };

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'];

type Fixtures = {
  /** Runs axe on the page as it is now; fails the test on any violation. */
  checkA11y: (label?: string) => Promise<void>;
  /** True in the project that runs with JavaScript on. */
  hydrates: boolean;
};

export const test = base.extend<Fixtures>({
  hydrates: async ({ javaScriptEnabled }, use) => {
    await use(javaScriptEnabled !== false);
  },

  page: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      // A 404 page reports its own status as a console error; that is the
      // page working, not failing.
      if (message.type() === 'error' && !message.text().includes('status of 404')) {
        errors.push(message.text());
      }
    });
    await use(page);
    expect(errors, 'the page logged errors').toEqual([]);
  },

  checkA11y: async ({ page, browser, javaScriptEnabled }, use) => {
    await use(async (label?: string) => {
      const results = await axeOn(page, browser, javaScriptEnabled !== false);
      const summary = results.violations.map(
        (v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`,
      );
      expect(summary, `axe on ${label ?? page.url()}`).toEqual([]);
    });
  },
});

// axe runs inside the page, so it needs JavaScript. For the no-JS project
// the same HTML is opened in a second context with JavaScript on but
// MySay's own script and WebAssembly refused: what a no-JS visitor sees.
async function axeOn(page: Page, browser: import('@playwright/test').Browser, jsOn: boolean) {
  if (jsOn) {
    return new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  }
  const url = page.url();
  const html = await page.content();
  const context = await browser.newContext({
    javaScriptEnabled: true,
    viewport: page.viewportSize() ?? undefined,
    storageState: await page.context().storageState(),
  });
  try {
    await context.route(/\.(js|wasm)(\?|$)/, (route) => route.abort());
    await context.route(url, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
    );
    const copy = await context.newPage();
    await copy.goto(url);
    return await new AxeBuilder({ page: copy }).withTags(AXE_TAGS).analyze();
  } finally {
    await context.close();
  }
}

/** Waits until the page is ready for a person: hydrated when JS is on. */
export async function ready(page: Page, hydrates: boolean) {
  if (hydrates) {
    await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1);
  }
}

/**
 * Matches a translated text exactly, ignoring the invisible marks Fluent
 * puts around inserted values (they keep names the right way round in
 * right-to-left languages).
 */
export function fluent(text: string): RegExp {
  const escaped = [...text].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^[\u2068\u2069]?${escaped.join('[\u2068\u2069]?')}[\u2068\u2069]?$`);
}

/**
 * Stands in for the browser's speech before the page loads, recording
 * what it is asked to say (read it back with `spoken`): headless Chromium
 * has no voices.
 */
export async function stubSpeech(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const said: { text: string; lang: string }[] = [];
    (window as unknown as { __spoken: typeof said }).__spoken = said;
    Object.defineProperty(window, 'speechSynthesis', {
      configurable: true,
      value: {
        speak: (u: SpeechSynthesisUtterance) => said.push({ text: u.text, lang: u.lang }),
        cancel: () => {},
      },
    });
  });
}

/** What the stand-in speech was asked to say. */
export async function spoken(page: Page): Promise<{ text: string; lang: string }[]> {
  return page.evaluate(() => (window as unknown as { __spoken: { text: string; lang: string }[] }).__spoken);
}

/**
 * Pastes more than a box holds, as a child pasting a long message would:
 * the box must keep every letter (no `maxlength` cutting it), say its
 * limit beside it, and with JavaScript count what is in it. Returns what
 * was pasted.
 */
export async function pasteOverLimit(
  page: Page,
  box: import('@playwright/test').Locator,
  limit: number,
  hydrates: boolean,
): Promise<string> {
  const words = 'I want to say this properly. ';
  const text = words.repeat(Math.ceil((limit + 500) / words.length)).slice(0, limit + 500);
  await box.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
  const kept = await box.inputValue();
  expect(kept.length, 'the box kept everything pasted into it').toBe(text.length);
  const id = await box.getAttribute('id');
  const line = page.locator(`#${id}-limit`);
  expect(await box.getAttribute('aria-describedby')).toContain(`${id}-limit`);
  if (hydrates) {
    await expect(line).toHaveText(fluent(`${limit + 500} of ${limit} letters. That is too long: please make it shorter.`));
  }
  return text;
}

/** Types an ISO date into a GOV.UK date input (day, month, year boxes). */
export async function fillDate(page: Page, name: string, iso: string): Promise<void> {
  const group = page.getByRole('group', { name, exact: true });
  const [year, month, day] = iso.split('-');
  await group.getByLabel('Day').fill(String(Number(day)));
  await group.getByLabel('Month').fill(String(Number(month)));
  await group.getByLabel('Year').fill(year);
}

/**
 * Chooses a language from the header: its one language link opens the
 * list in place (JavaScript) or goes to /languages (without); either way
 * the language is then a link in its own name.
 */
export async function chooseLanguage(page: Page, name: string): Promise<void> {
  await page.locator('.language-link').click();
  await page.getByRole('link', { name, exact: true }).click();
}
