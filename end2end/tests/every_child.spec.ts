// Every child can use MySay, on a phone, with and without JavaScript:
// the whole consultation in simpler mode, the same in Arabic (right to
// left, mirrored), the whole consultation by keyboard alone with focus
// always visible, and axe on every child page in every shipped language.
// Each project has its own child (Mia with JavaScript, Sara without), so
// the two never meet; the tests run in order because they share her.
import type { Page } from '@playwright/test';
import { chooseLanguage, expect, spoken, stubSpeech, test } from './fixtures';
import { signInChild } from './child';
import { LANGUAGES, RIGHT_TO_LEFT, msg, msgPattern } from './ftl';

test.use({ viewport: { width: 360, height: 740 } });
test.describe.configure({ mode: 'serial' });

const childFor = (hydrates: boolean) =>
  hydrates ? { signIn: 'little-owl', iro: 'Amina Hussain' } : { signIn: 'quiet-moon', iro: 'Ben Carter' };

/** The topics an 8- or 14-year-old is asked about, in order. */
const TOPICS = ['where-i-live', 'family-and-friends', 'school', 'health', 'enjoy', 'safe', 'worker-and-iro', 'anything-else'];

/** Fills every topic, one per screen, then says how to take part and sends. */
async function wholeConsultation(page: Page, code: string, iro: string, checkA11y: (label?: string) => Promise<void>) {
  await page.getByRole('link', { name: msg(code, 'home-share-views') }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(code, 'consultation-heading'));
  await checkA11y(`${code} consultation overview`);
  await page.getByRole('link', { name: msg(code, `topic-${TOPICS[0]}`) }).click();
  for (const [i, topic] of TOPICS.entries()) {
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(code, `topic-${topic}`));
    if (i === 0) await checkA11y(`${code} a topic`);
    // "Feeling safe" gets a happy face: the worst face would raise an alert.
    await page.getByLabel(msg(code, i % 2 ? 'feeling-3' : 'feeling-4'), { exact: true }).check();
    await page.getByLabel(msg(code, `topic-${topic}-prompt`)).fill(`${code} ${topic}`);
    await page.getByRole('button', { name: msg(code, 'consultation-save-next') }).click();
  }
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(code, 'consultation-taking-part-heading'));
  await page.getByLabel(msg(code, 'take-part-speak')).check();
  await checkA11y(`${code} taking part`);
  await page.getByRole('button', { name: msg(code, 'consultation-save-continue') }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(code, 'consultation-check-heading'));
  await checkA11y(`${code} check and send`);
  await page.getByRole('button', { name: msgPattern(code, 'consultation-send', { name: iro }) }).click();
  await expect(page.getByRole('status')).toContainText(msg(code, 'consultation-sent-notice'));
}

/** Every target a child can press is at least `min` CSS pixels each way. */
async function expectTargetsAtLeast(page: Page, min: number) {
  const small = await page.evaluate((min) => {
    const found: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('main a, main button, main label:has(input), header a, header button')) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      // Links inside a sentence are exempt (WCAG 2.5.8 "inline").
      if (el.tagName === 'A' && getComputedStyle(el).display === 'inline' && el.closest('p, li')) continue;
      if (box.height < min - 0.5 || box.width < min - 0.5) found.push(`${el.tagName} "${el.textContent?.trim()}" ${box.width}x${box.height}`);
    }
    return found;
  }, min);
  expect(small, `targets smaller than ${min}px`).toEqual([]);
}

/** Nothing on the page is wider than the screen (reflow). */
async function expectNoSidewaysScroll(page: Page) {
  const wider = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(wider, 'the page scrolls sideways').toBeLessThanOrEqual(0);
}

test('simpler mode: a whole consultation with pictures, big targets and read aloud', async ({ page, hydrates, checkA11y }) => {
  test.slow();
  const child = childFor(hydrates);
  if (hydrates) await stubSpeech(page);
  await signInChild(page, child.signIn);
  const simpler = page.getByRole('button', { name: 'Simpler mode' });
  await expect(simpler).toHaveAttribute('aria-pressed', 'false');
  await simpler.click();
  await expect(page).toHaveURL(/\/home$/);
  await expect(page.locator('body')).toHaveClass('simpler');
  await expect(page.getByRole('button', { name: 'Simpler mode' })).toHaveAttribute('aria-pressed', 'true');
  // A picture beside every choice, each with words for it.
  await expect(page.getByRole('img', { name: 'A speech bubble' })).toBeVisible();
  await expect(page.getByRole('img', { name: 'A raised hand' })).toBeVisible();
  await expect(page.getByRole('img', { name: 'An envelope' })).toBeVisible();
  await checkA11y('simpler home');
  await expectTargetsAtLeast(page, 44);

  // Read aloud on every page with JavaScript; absent without.
  const readAloud = page.getByRole('button', { name: 'Read this page to me' });
  if (hydrates) {
    await readAloud.click();
    const said = await spoken(page);
    expect(said).toHaveLength(1);
    expect(said[0].text).toContain('Share my views before my review');
    expect(said[0].lang).toBe('en');
  } else {
    await expect(readAloud).toHaveCount(0);
  }

  await page.getByRole('link', { name: /Share my views before my review/ }).click();
  for (const topic of TOPICS) {
    await expect(page.getByRole('link', { name: new RegExp(msg('en', `topic-${topic}`)) }).getByRole('img')).toBeVisible();
  }
  // The longer explanations are left out.
  await expect(page.getByText('Answer as many or as few topics as you like')).toBeHidden();
  await expectTargetsAtLeast(page, 44);
  await page.goto('/home');
  await wholeConsultation(page, 'en', child.iro, checkA11y);
  await expectTargetsAtLeast(page, 44);

  // Remembered: after signing in again, still simpler; then off again.
  await page.context().clearCookies();
  await signInChild(page, child.signIn);
  await expect(page.locator('body')).toHaveClass('simpler');
  await page.getByRole('button', { name: 'Simpler mode' }).click();
  await expect(page.locator('body')).not.toHaveClass('simpler');
});

test('in Arabic and simpler mode: the same journey, right to left, with the layout mirrored', async ({ page, hydrates, checkA11y }) => {
  test.slow();
  const child = childFor(hydrates);
  await signInChild(page, child.signIn);
  await chooseLanguage(page, 'العربية');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(msgPattern('ar', 'home-hello', { name: hydrates ? 'Mia' : 'Sara' }));
  // In simpler mode too: the pictures' words are in Arabic.
  await page.getByRole('button', { name: msg('ar', 'simpler-switch') }).click();
  await expect(page.locator('body')).toHaveClass('simpler');
  await expect(page.getByRole('img', { name: msg('ar', 'picture-views') })).toBeVisible();
  // Mirrored: the service's name sits at the right, and the faces (one
  // column on a phone) start at the right, with their words after them.
  const name = await page.locator('.site-name').boundingBox();
  expect(name && name.x + name.width).toBeGreaterThan(300);
  await page.goto('/consultation/topics/where-i-live');
  const first = await page.getByLabel(msg('ar', 'feeling-1'), { exact: true }).boundingBox();
  const last = await page.getByLabel(msg('ar', 'feeling-5'), { exact: true }).boundingBox();
  expect(first && last && first.y < last.y, 'really unhappy first, really happy last').toBe(true);
  const word = await page.locator('.face-choice').first().locator('span').boundingBox();
  const face = await page.locator('.face-choice').first().locator('svg').boundingBox();
  expect(word && face && face.x > word.x, 'the face at the right, its word to its left').toBe(true);
  await expectNoSidewaysScroll(page);
  await page.goto('/home');
  await wholeConsultation(page, 'ar', child.iro, checkA11y);
  // Dates are written with Arabic digits.
  await page.goto('/home');
  await expect(page.locator('main')).toContainText(/[٠-٩]{4}/);
  await page.getByRole('button', { name: msg('ar', 'simpler-switch') }).click();
  await expect(page.locator('body')).not.toHaveClass('simpler');
  await chooseLanguage(page, 'English');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
});

/** Presses Tab until the focused element's text matches; checks at each
 * stop that focus is visible and not hidden behind anything. */
async function tabTo(page: Page, name: RegExp | string) {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      // A focus ring a person can see: a shadow, or an outline in a colour.
      const shown = style.boxShadow !== 'none' || (style.outlineStyle !== 'none' && style.outlineColor !== 'rgba(0, 0, 0, 0)');
      const x = box.left + box.width / 2;
      const y = box.top + Math.min(box.height / 2, 10);
      const atPoint = document.elementFromPoint(x, y);
      const label = (el as HTMLInputElement).labels?.[0]?.textContent ?? el.closest('label')?.textContent ?? '';
      return {
        text: `${el.getAttribute('aria-label') ?? ''} ${el.textContent ?? ''} ${label} ${(el as HTMLInputElement).value ?? ''}`.trim(),
        shown,
        covered: !!atPoint && !el.contains(atPoint) && !atPoint.contains(el) && !el.closest('label')?.contains(atPoint),
        inView: box.bottom > 0 && box.top < window.innerHeight,
      };
    });
    if (!focused) continue;
    expect(focused.shown, `focus is visible on "${focused.text}"`).toBe(true);
    expect(focused.inView && !focused.covered, `focus is not hidden on "${focused.text}"`).toBe(true);
    if (typeof name === 'string' ? focused.text.includes(name) : name.test(focused.text)) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

test('by keyboard alone: the whole consultation, focus always visible', async ({ page, hydrates }) => {
  test.slow();
  const child = childFor(hydrates);
  await signInChild(page, child.signIn);
  await page.goto('/home');
  await tabTo(page, 'Share my views before my review');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Share my views before my review');
  await tabTo(page, 'Where I live');
  await page.keyboard.press('Enter');
  for (const topic of ['Where I live', 'Family and friends']) {
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(topic);
    // The faces are one radio group: Tab into it (onto the chosen face, if
    // any), and the arrows move to "Happy".
    await tabTo(page, /Really unhappy|Unhappy|OK|Happy|Really happy/);
    const at = Number(await page.evaluate(() => (document.activeElement as HTMLInputElement).value));
    for (let i = 0; i < (4 - at + 5) % 5; i++) await page.keyboard.press('ArrowRight');
    await expect(page.getByLabel('Happy', { exact: true })).toBeChecked();
    await tabTo(page, /What is it like|How is time/);
    await page.keyboard.press('Control+A');
    await page.keyboard.type(`Typed by keyboard: ${topic}`);
    await tabTo(page, 'I want to talk about this at my meeting');
    await page.keyboard.press('Space');
    await expect(page.getByLabel('I want to talk about this at my meeting')).toBeChecked();
    await tabTo(page, 'Save and go to the next topic');
    await page.keyboard.press('Enter');
  }
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('School, college or work');
  await tabTo(page, 'Back to all topics');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Share my views before my review');
  await tabTo(page, 'Say how you want to take part');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('How I want to take part');
  await tabTo(page, 'Come with an advocate');
  await page.keyboard.press('Space');
  await tabTo(page, 'Save and continue');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check and send');
  await tabTo(page, /Send to/);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText('Sent. Thank you for sharing your views.');
  await page.goto('/consultation/topics/family-and-friends');
  await expect(page.getByRole('textbox', { name: 'How is time with your family and friends?' })).toHaveValue(
    'Typed by keyboard: Family and friends',
  );
});

// One test per language, so each has a budget that holds on a busy
// two-core machine (all seven in one test ran out of time there).
for (const code of LANGUAGES) {
  test(`every child page in ${code} is axe clean and reflows at 320 pixels`, async ({ page, hydrates, checkA11y }) => {
    test.slow();
    const child = childFor(hydrates);
    await page.setViewportSize({ width: 320, height: 640 });
    await signInChild(page, child.signIn);
    const pages = ['/home', '/consultation', '/consultation/topics/safe', '/consultation/taking-part', '/consultation/check',
      '/advocacy', '/advocacy/new', '/letters', '/help', '/staying-safe', '/before-you-start', '/account/passphrase',
      // Both are Speakerbox members; the demo's first topic is open to all.
      '/speakerbox', '/speakerbox/topics/1', '/speakerbox/you-said-we-did'];
    // The language for this browser only (a cookie, as the switch sets
    // it), so the tests of other languages running beside this one, as the
    // same child, are not switched with it.
    await page.context().addCookies([{ name: 'mysay-lang', value: code, url: page.url() }]);
    await page.goto('/home');
    await expect(page.locator('html')).toHaveAttribute('lang', code);
    await expect(page.locator('html')).toHaveAttribute('dir', RIGHT_TO_LEFT.has(code) ? 'rtl' : 'ltr');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(msgPattern(code, 'home-hello', { name: child.signIn === 'little-owl' ? 'Mia' : 'Sara' }));
    for (const path of pages) {
      await page.goto(path);
      await checkA11y(`${code} ${path}`);
      await expectNoSidewaysScroll(page);
      await expectTargetsAtLeast(page, 44);
    }
  });
}

// The five faces read as one scale on every phone, in every language:
// one column or one row of five in order, no word broken inside, targets
// big enough (56 px in simpler mode).
for (const code of LANGUAGES) {
  test(`the five faces fit a phone in ${code}`, async ({ page, hydrates }) => {
    const child = childFor(hydrates);
    await signInChild(page, child.signIn);
    for (const simpler of [false, true]) {
      await page.context().addCookies([
        { name: 'mysay-lang', value: code, url: page.url() },
        { name: 'mysay-simpler', value: simpler ? '1' : '', url: page.url() },
      ]);
      for (const width of [320, 360, 412]) {
        await page.setViewportSize({ width, height: 740 });
        await page.goto('/consultation/topics/school');
        const boxes = await page.locator('.face-choice').evaluateAll((labels) =>
          labels.map((label) => {
            const r = label.getBoundingClientRect();
            const span = label.querySelector('span');
            // A word broken inside itself draws in more than one line box.
            let broken = '';
            const text = span?.firstChild;
            if (text && text.nodeType === Node.TEXT_NODE) {
              const value = text.textContent ?? '';
              const re = /\S+/gu;
              for (let m = re.exec(value); m; m = re.exec(value)) {
                const range = document.createRange();
                range.setStart(text, m.index);
                range.setEnd(text, m.index + m[0].length);
                const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
                if (lines.size > 1) broken = m[0];
              }
            }
            return { x: r.x, y: r.y, w: r.width, h: r.height, broken, overflow: span ? span.scrollWidth > span.clientWidth + 1 : false };
          }),
        );
        const where = `${code} at ${width} px${simpler ? ', simpler' : ''}`;
        expect(boxes.length, where).toBe(5);
        const column = boxes.every((b) => Math.abs(b.x - boxes[0].x) < 2);
        const row = boxes.every((b) => Math.abs(b.y - boxes[0].y) < 2);
        expect(column || row, `${where}: one column or one row, never four and one`).toBe(true);
        for (let i = 1; i < 5; i++) {
          if (column) expect(boxes[i].y, `${where}: in order`).toBeGreaterThan(boxes[i - 1].y);
          else if (RIGHT_TO_LEFT.has(code)) expect(boxes[i].x, `${where}: in order`).toBeLessThan(boxes[i - 1].x);
          else expect(boxes[i].x, `${where}: in order`).toBeGreaterThan(boxes[i - 1].x);
        }
        for (const b of boxes) {
          expect(b.broken, `${where}: a word broken inside`).toBe('');
          expect(b.overflow, `${where}: a word wider than its box`).toBe(false);
          expect(Math.min(b.w, b.h), `${where}: target size`).toBeGreaterThanOrEqual(simpler ? 56 : 44);
        }
        await expectNoSidewaysScroll(page);
      }
    }
  });
}
