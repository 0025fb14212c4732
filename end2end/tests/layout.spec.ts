// What a child and an IRO actually see. Screenshots of the main child
// pages at 320 and 360 px in English, Arabic and Tigrinya and of the
// caseload at 1280 px, kept in the folder this prints (CI keeps it), and on
// each the layout facts: the header leaves room for the page (a quarter
// of the first screen at most), nothing scrolls sideways, no word is broken
// inside itself, and no letter is drawn as an empty box. The fonts MySay
// serves for Ethiopic and Arabic script are checked to draw every letter
// its languages use.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, ready, test } from './fixtures';
import { signInChild } from './child';
import { signInStaff } from './staff';
import { LANGUAGES } from './ftl';

const SHOTS = join(__dirname, '..', 'screenshots');
mkdirSync(SHOTS, { recursive: true });

const CHILD_PAGES = ['/', '/sign-in', '/help', '/languages', '/home', '/consultation', '/consultation/topics/school', '/advocacy/new', '/letters'];
const SIGNED_OUT = new Set(['/', '/sign-in', '/help', '/languages']);
const PHONES = [
  { width: 320, height: 568 },
  { width: 360, height: 740 },
];

/** Every letter of a locale's messages, as the Fluent file has them. */
function lettersOf(code: string): string {
  const file = join(__dirname, '..', '..', 'app', 'locales', code, 'main.ftl');
  return [...new Set(readFileSync(file, 'utf8'))].join('');
}

/**
 * The letters of `text` drawn as the empty box a browser shows for a
 * letter no font has: each is drawn on a canvas in the page's own fonts
 * and compared, pixel for pixel, with a letter no font has. It checks
 * itself first: two such letters must match, and "A" must not.
 */
async function boxesIn(page: Page, text: string): Promise<string[]> {
  return page.evaluate(async (text) => {
    const family = getComputedStyle(document.body).fontFamily;
    const font = `32px ${family}`;
    // Load whatever web fonts the letters need, as the page would.
    await document.fonts.load(font, text);
    await document.fonts.ready;
    const canvas = document.createElement('canvas');
    canvas.width = 80;
    canvas.height = 64;
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    const draw = (s: string) => {
      ctx.clearRect(0, 0, 80, 64);
      ctx.font = font;
      ctx.fillText(s, 8, 44);
      const data = ctx.getImageData(0, 0, 80, 64).data;
      let hash = 0;
      for (let i = 3; i < data.length; i += 4) hash = (Math.imul(hash, 31) + data[i] * (i + 1)) | 0;
      return hash;
    };
    const missing = draw('\u{F0000}');
    if (draw('\u{F0001}') !== missing || draw('A') === missing) throw new Error('the missing-letter check cannot tell');
    const letters = [...new Set(text)].filter((c) => /[\p{L}\p{N}\p{P}\p{S}]/u.test(c) && !/\p{M}/u.test(c));
    return letters.filter((c) => draw(c) === missing);
  }, text);
}

/** The layout facts every page must meet on a phone. */
async function layoutFacts(page: Page, where: string) {
  const facts = await page.evaluate(() => {
    const header = document.querySelector('.site-header')!.getBoundingClientRect();
    // A word broken inside itself draws in more than one line box. A
    // hyphen is a place a line may break ("river-" / "stone"), so the
    // parts either side of one count as words.
    const broken: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('.visually-hidden, script, style, textarea, svg') || !parent.checkVisibility()) continue;
      const value = node.textContent ?? '';
      const re = /[^\s\-\u2010]+/gu;
      for (let m = re.exec(value); m; m = re.exec(value)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (lines.size > 1) broken.push(m[0]);
      }
    }
    return {
      header: header.height,
      screen: window.innerHeight,
      sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      broken,
    };
  });
  expect(facts.header, `${where}: the header is at most a quarter of the first screen`).toBeLessThanOrEqual(facts.screen / 4);
  expect(facts.sideways, `${where}: the page scrolls sideways`).toBeLessThanOrEqual(0);
  expect(facts.broken, `${where}: words broken inside`).toEqual([]);
  return facts;
}

for (const code of ['en', 'ar', 'ti']) {
  test(`the main child pages on a phone in ${code}`, async ({ page, hydrates }) => {
    test.slow();
    await page.goto('/');
    const language = (value: string) => page.context().addCookies([{ name: 'mysay-lang', value, url: page.url() }]);
    await language(code);
    let signedIn = false;
    for (const path of CHILD_PAGES) {
      if (!SIGNED_OUT.has(path) && !signedIn) {
        // Signing in as the tests do it, in English; then the language.
        await language('en');
        await signInChild(page, 'river-stone');
        await language(code);
        signedIn = true;
      }
      for (const phone of PHONES) {
        await page.setViewportSize(phone);
        await page.goto(path);
        await ready(page, hydrates);
        await expect(page.locator('html')).toHaveAttribute('lang', code);
        const where = `${code} ${path} at ${phone.width} px${hydrates ? '' : ' without JavaScript'}`;
        const facts = await layoutFacts(page, where);
        if (hydrates) {
          const text = await page.locator('body').innerText();
          expect(await boxesIn(page, text), `${where}: letters drawn as empty boxes`).toEqual([]);
          const name = `${code}${path.replaceAll('/', '_') || '_'}-${phone.width}.png`;
          await page.screenshot({ path: join(SHOTS, name), fullPage: true });
        }
        test.info().annotations.push({ type: 'header', description: `${where}: ${Math.round(facts.header)} of ${facts.screen} px` });
      }
    }
    if (hydrates) console.log(`screenshots: ${SHOTS}`);
  });
}

test('the header stays small in simpler mode and when the language list opens', async ({ page, hydrates }) => {
  await signInChild(page, 'river-stone');
  await page.setViewportSize({ width: 320, height: 568 });
  for (const code of ['en', 'ar', 'ti', 'ps']) {
    await page.context().addCookies([
      { name: 'mysay-lang', value: code, url: page.url() },
      { name: 'mysay-simpler', value: '1', url: page.url() },
    ]);
    await page.goto('/home');
    await ready(page, hydrates);
    await expect(page.locator('body')).toHaveClass(/simpler/);
    await layoutFacts(page, `${code} /home in simpler mode at 320 px`);
  }
  // Choosing a language signed in would keep it on Tom's account, which
  // other tests share: the list is tried signed out.
  await page.context().clearCookies();
  await page.goto('/help');
  await ready(page, hydrates);
  // One link for the language, in its own name, leading to every language.
  const link = page.locator('.language-link');
  await expect(link).toHaveAccessibleName('Language: English');
  await link.click();
  const arabic = page.getByRole('link', { name: 'العربية', exact: true });
  await expect(arabic).toBeVisible();
  if (hydrates) {
    // Opened in place: still this page.
    await expect(page).toHaveURL(/\/help$/);
    await expect(link).toHaveAttribute('aria-expanded', 'true');
  } else {
    await expect(page).toHaveURL(/\/languages\?next=\/help$/);
  }
  await expect(page.getByRole('link', { name: 'ትግርኛ', exact: true })).toHaveAttribute('lang', 'ti');
  await arabic.click();
  await expect(page).toHaveURL(/\/help$/);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
});

test('an English page has no letters of other scripts, so it fetches no font', async ({ page, hydrates }) => {
  test.skip(!hydrates, 'font requests are the same without JavaScript');
  const fonts: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('.woff2')) fonts.push(r.url());
  });
  await page.goto('/');
  await signInChild(page, 'river-stone');
  for (const path of ['/', '/home', '/consultation', '/consultation/topics/school']) {
    await page.goto(path);
    await ready(page, hydrates);
    const text = await page.locator('body').innerText();
    expect(text.match(/[\u0600-\u06FF\u1200-\u137F]/g), `${path}: other scripts on an English page`).toBeNull();
  }
  expect(fonts).toEqual([]);
});

test('the fonts MySay serves draw every letter its languages use', async ({ page, hydrates }) => {
  test.skip(!hydrates, 'checks the font files, which are the same without JavaScript');
  await page.goto('/');
  // Hydration may redraw the body: probe only once it has finished.
  await ready(page, hydrates);
  const faces = await page.evaluate(() =>
    [...document.styleSheets]
      .flatMap((sheet) => [...sheet.cssRules])
      .filter((rule): rule is CSSFontFaceRule => rule instanceof CSSFontFaceRule)
      .map((rule) => ({
        family: rule.style.getPropertyValue('font-family').replaceAll('"', ''),
        url: /url\("?([^")]+)"?\)/.exec(rule.style.getPropertyValue('src'))?.[1] ?? '',
      })),
  );
  const scripts = [
    { family: 'MySay Ethiopic', range: /[\u1200-\u137F]/u, codes: ['ti'] },
    { family: 'MySay Arabic', range: /[\u0600-\u06FF]/u, codes: ['ar', 'ckb', 'fa-AF', 'ps'] },
  ];
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  for (const { family, range, codes } of scripts) {
    const face = faces.find((f) => f.family === family);
    expect(face?.url, `${family} is served by MySay`).toMatch(/^\/pkg\/[a-z]+\.[0-9a-f]{16}\.woff2$/);
    // Every letter in that script in the messages and the languages' names.
    const letters = [...new Set(codes.map(lettersOf).join('') + 'العربيةدریپښتوکوردیትግርኛ')].filter((c) => range.test(c));
    expect(letters.length).toBeGreaterThan(20);
    // Drawn in the served file alone (not the phone's own font): the
    // browser's DevTools say which fonts drew the text.
    await page.evaluate(
      async ({ url, text }) => {
        const probe = new FontFace('probe', `url(${url})`);
        await probe.load();
        document.fonts.add(probe);
        document.getElementById('probe')?.remove();
        const p = document.createElement('p');
        p.id = 'probe';
        p.style.fontFamily = 'probe';
        p.textContent = text;
        document.body.append(p);
        await document.fonts.ready;
        await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
      },
      { url: face!.url, text: letters.join(' ') },
    );
    // DevTools report the fonts only once the probe has been laid out.
    const drawnWith = async () => {
      const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '#probe' });
      return (await cdp.send('CSS.getPlatformFontsForNode', { nodeId })).fonts;
    };
    await expect.poll(async () => (await drawnWith()).length, `${family}: the probe is drawn`).toBeGreaterThan(0);
    const fonts = await drawnWith();
    expect(fonts.filter((f) => !f.isCustomFont), `${family}: letters the served font lacks`).toEqual([]);
  }
});

test('every shipped language draws its name and its page without empty boxes', async ({ page, hydrates }) => {
  test.skip(!hydrates, 'the letters are the same without JavaScript');
  await page.goto('/');
  for (const code of LANGUAGES) {
    await page.context().addCookies([{ name: 'mysay-lang', value: code, url: page.url() }]);
    for (const path of ['/languages', '/', '/help']) {
      await page.goto(path);
      const text = await page.locator('body').innerText();
      expect(await boxesIn(page, text), `${code} ${path}: letters drawn as empty boxes`).toEqual([]);
    }
  }
});

test('the caseload on a staff laptop: wide, dense, filtered by links', async ({ page, hydrates, checkA11y }) => {
  test.slow();
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInStaff(page, hydrates ? 'amina.hussain@example.org' : 'ben.carter@example.org');
  await ready(page, hydrates);
  const table = page.locator('table.caseload');
  await expect(table).toBeVisible();
  const width = (await table.boundingBox())!.width;
  expect(width, 'the caseload uses a laptop screen').toBeGreaterThan(900);
  const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(sideways).toBeLessThanOrEqual(0);
  // The next 7 days: Tom (Amina's) and Lily (Ben's) have reviews in the demo.
  await expect(page.locator('.week-list')).toContainText(hydrates ? 'Tom' : 'Lily');
  // No invitation buttons in the table: they are on each child's page.
  await expect(table.getByRole('button')).toHaveCount(0);
  await checkA11y('the caseload at 1280 px');
  if (hydrates) await page.screenshot({ path: join(SHOTS, 'caseload-1280.png'), fullPage: true });
  // Filters and sorting are links: they work without JavaScript.
  await page.getByRole('navigation', { name: 'Show' }).getByRole('link', { name: /^Due within 14 days/ }).click();
  await expect(page).toHaveURL(/show=due-soon/);
  await expect(page.getByRole('navigation', { name: 'Show' }).getByRole('link', { name: /^Due within 14 days/ })).toHaveAttribute('aria-current', 'true');
  await page.getByRole('navigation', { name: 'Sort by' }).getByRole('link', { name: 'Next review' }).click();
  await expect(page).toHaveURL(/show=due-soon&sort=review/);
  await checkA11y('the caseload, filtered and sorted');
});
