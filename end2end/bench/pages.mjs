// The low-data benchmark: for each main child page, what a phone downloads
// on a first visit (empty cache) and on a repeat visit (same page again),
// as HTML, CSS, JavaScript and WebAssembly, raw and brotli-compressed; then
// Lighthouse's mobile scores for the busiest pages. Prints a table; run by
// scripts/bench-pages, which builds and starts MySay first.
//   node bench/pages.mjs <base URL>
import { brotliCompressSync, constants } from 'node:zlib';
import { chromium } from '@playwright/test';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';

const base = process.argv[2];
if (!base) throw new Error('usage: node bench/pages.mjs <base URL>');
const CHROMIUM = process.env.MYSAY_DEV_CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run'];
const CHILD = { name: 'skyblue-fox', passphrase: 'purple tractor sings loudly' };
const PAGES = ['/', '/sign-in', '/help', '/staying-safe', '/home', '/consultation', '/consultation/topics/where-i-live',
  '/consultation/taking-part', '/consultation/check', '/advocacy', '/advocacy/new', '/letters'];
const LIGHTHOUSE_PAGES = process.env.MYSAY_DEV_BENCH_NO_LIGHTHOUSE ? [] : ['/', '/home', '/consultation', '/consultation/topics/where-i-live', '/advocacy/new'];
const SIGNED_OUT = new Set(['/', '/sign-in', '/help', '/staying-safe']);

/** A child's session cookie, past the first-time page. */
async function signIn() {
  const headers = { Origin: base, 'Content-Type': 'application/x-www-form-urlencoded' };
  const response = await fetch(`${base}/sign-in`, {
    method: 'POST', headers, redirect: 'manual',
    body: new URLSearchParams({ sign_in_name: CHILD.name, passphrase: CHILD.passphrase }),
  });
  const cookie = (response.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).find((c) => c.includes('session='));
  if (!cookie) throw new Error(`could not sign in (${response.status})`);
  await fetch(`${base}/before-you-start`, { method: 'POST', headers: { ...headers, Cookie: cookie }, redirect: 'manual' });
  return cookie;
}

function kindOf(url, mime) {
  if (url.endsWith('.wasm') || mime === 'application/wasm') return 'wasm';
  if (url.endsWith('.woff2') || mime.startsWith('font/')) return 'font';
  if (mime.includes('javascript')) return 'js';
  if (mime.includes('css')) return 'css';
  if (mime.includes('html')) return 'html';
  return 'other';
}

/** Bytes fetched over the network while `visit` runs, by kind. */
async function measure(page, visit) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const responses = new Map();
  cdp.on('Network.responseReceived', ({ requestId, response }) => {
    if (!response.fromDiskCache && !response.fromMemoryCache && !response.fromServiceWorker) {
      responses.set(requestId, { url: response.url, mime: response.mimeType });
    }
  });
  const cached = new Set();
  cdp.on('Network.requestServedFromCache', ({ requestId }) => cached.add(requestId));
  const finished = [];
  cdp.on('Network.loadingFinished', ({ requestId }) => finished.push(requestId));
  await visit();
  const totals = {};
  for (const id of finished) {
    const seen = responses.get(id);
    if (!seen || cached.has(id)) continue;
    let body;
    try {
      const { body: text, base64Encoded } = await cdp.send('Network.getResponseBody', { requestId: id });
      body = Buffer.from(text, base64Encoded ? 'base64' : 'utf8');
    } catch {
      continue;
    }
    const kind = kindOf(seen.url, seen.mime);
    const brotli = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    totals[kind] ??= { raw: 0, brotli: 0 };
    totals[kind].raw += body.length;
    totals[kind].brotli += brotli;
  }
  await cdp.detach();
  return totals;
}

const cell = (t) => (t ? `${t.raw}/${t.brotli}` : '0/0');
const pad = (text, width) => String(text).padEnd(width);

async function weights(cookie) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  const rows = [];
  try {
    // The main pages in English, then two in Tigrinya and Pashto: the
    // only pages that may fetch one of the fonts MySay serves (on a phone
    // without its own; Debian's Chromium here has Noto, so 0 is expected
    // where fonts-noto-core is installed).
    const visits = [...PAGES.map((path) => ({ path, lang: null })),
      ...['/', '/home'].flatMap((path) => [{ path, lang: 'ti' }, { path, lang: 'ps' }])];
    for (const { path, lang } of visits) {
      const context = await browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true });
      if (!SIGNED_OUT.has(path)) {
        const [name, value] = cookie.split('=');
        await context.addCookies([{ name, value, url: base }]);
      }
      if (lang) await context.addCookies([{ name: 'mysay-lang', value: lang, url: base }]);
      const page = await context.newPage();
      const first = await measure(page, () => page.goto(`${base}${path}`, { waitUntil: 'networkidle' }));
      // Coming back later: a new tab sharing the browser's cache (a plain
      // navigation, not a reload, which would ask the server again).
      const later = await context.newPage();
      const again = await measure(later, () => later.goto(`${base}${path}`, { waitUntil: 'networkidle' }));
      rows.push({ path: lang ? `${path} [${lang}]` : path, first, again });
      await context.close();
    }
  } finally {
    await browser.close();
  }
  const width = Math.max(...rows.map((r) => r.path.length)) + 2;
  console.log('Page weight in bytes, raw/brotli (first visit, then repeat visit with a warm cache):');
  console.log(`${pad('page', width)}${pad('visit', 8)}${['html', 'css', 'js', 'wasm', 'font'].map((k) => pad(k, 16)).join('')}total brotli`);
  let worst = 0;
  for (const { path, first, again } of rows) {
    for (const [visit, t] of [['first', first], ['repeat', again]]) {
      const total = ['html', 'css', 'js', 'wasm', 'font'].reduce((sum, k) => sum + (t[k]?.brotli ?? 0), 0);
      console.log(`${pad(path, width)}${pad(visit, 8)}${['html', 'css', 'js', 'wasm', 'font'].map((k) => pad(cell(t[k]), 16)).join('')}${total}`);
      worst = Math.max(worst, ['html', 'css', 'js', 'wasm'].reduce((sum, k) => sum + (t[k]?.brotli ?? 0), 0));
    }
  }
  // ENGINEERING.md's budget: a first visit at most 40 KB on the wire in
  // all (HTML, CSS, script, WebAssembly; a font only where the phone
  // lacks its own).
  console.log(`largest: html+css+js+wasm ${worst} B brotli (budget 40960)`);
  return worst <= 40960;
}

async function scores(cookie) {
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: ['--headless=new', ...FLAGS] });
  console.log('\nLighthouse 12.2.3, mobile (simulated slow 4G, mid-range phone), scores out of 100:');
  console.log(`${pad('page', 36)}${pad('performance', 13)}${pad('accessibility', 15)}${pad('best practices', 16)}FCP / LCP / TBT`);
  try {
    for (const path of LIGHTHOUSE_PAGES) {
      const result = await lighthouse(`${base}${path}`, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility', 'best-practices'],
        extraHeaders: SIGNED_OUT.has(path) ? {} : { Cookie: cookie },
      });
      const { categories, audits } = result.lhr;
      const score = (c) => Math.round((categories[c]?.score ?? 0) * 100);
      const ms = (a) => `${Math.round(audits[a]?.numericValue ?? 0)} ms`;
      console.log(`${pad(path, 36)}${pad(score('performance'), 13)}${pad(score('accessibility'), 15)}${pad(score('best-practices'), 16)}` +
        `${ms('first-contentful-paint')} / ${ms('largest-contentful-paint')} / ${ms('total-blocking-time')}`);
    }
  } finally {
    await chrome.kill();
  }
}

const cookie = await signIn();
const withinBudget = await weights(cookie);
await scores(cookie);
if (!withinBudget) {
  console.error('OVER BUDGET');
  process.exit(1);
}
