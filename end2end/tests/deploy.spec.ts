// MySay behind the deployment guide's own nginx block (docs/deploy.md,
// between its markers), over TLS, with and without JavaScript: a child
// signs in through the proxy and the session works (cookies `Secure`, HSTS
// sent), the page hydrates through it, and /metrics is not served to the
// outside. Only the block's ports, upstream address and certificate paths
// are swapped for the test's.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { signInChild } from './child';
import { freePort } from './ports';

/** The guide's nginx block, with the test's ports and files. */
function guideBlock(mysayPort: number, httpPort: number, httpsPort: number, dir: string): string {
  const guide = readFileSync(join(__dirname, '..', '..', 'docs', 'deploy.md'), 'utf8');
  const between = guide.split('<!-- nginx-begin -->')[1]?.split('<!-- nginx-end -->')[0];
  if (!between) throw new Error('docs/deploy.md has no nginx block between its markers');
  let block = between.replace(/```nginx|```/g, '');
  const swaps: [string, string][] = [
    ['server 127.0.0.1:3000;', `server 127.0.0.1:${mysayPort};`],
    ['listen 80;', `listen 127.0.0.1:${httpPort};`],
    ['listen 443 ssl;', `listen 127.0.0.1:${httpsPort} ssl;`],
    ['/etc/letsencrypt/live/mysay.example.gov.uk/fullchain.pem', join(dir, 'cert.pem')],
    ['/etc/letsencrypt/live/mysay.example.gov.uk/privkey.pem', join(dir, 'key.pem')],
  ];
  for (const [from, to] of swaps) {
    if (!block.includes(from)) throw new Error(`the guide's nginx block no longer has "${from}"`);
    block = block.replace(from, to);
  }
  return block;
}

async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within 60 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

let mysay: ChildProcess | undefined;
let nginx: ChildProcess | undefined;
let base = '';

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const binary = process.env.MYSAY_DEV_BIN;
  if (!binary) throw new Error('MYSAY_DEV_BIN must name the mysay binary');
  const nginxBinary = ['/usr/sbin/nginx', '/usr/bin/nginx'].find(existsSync);
  if (!nginxBinary) throw new Error('nginx is not installed (scripts/setup --test installs it)');
  const dir = mkdtempSync(join(tmpdir(), 'mysay-nginx-'));
  const [mysayPort, httpPort, httpsPort] = [await freePort(), await freePort(), await freePort()];
  base = `https://localhost:${httpsPort}`;
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost',
    '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
  ], { stdio: 'ignore' });
  const asRoot = process.getuid?.() === 0 ? 'user root;' : '';
  writeFileSync(join(dir, 'nginx.conf'), `
${asRoot}
worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${join(dir, 'body')};
  proxy_temp_path ${join(dir, 'proxy')};
  fastcgi_temp_path ${join(dir, 'fastcgi')};
  uwsgi_temp_path ${join(dir, 'uwsgi')};
  scgi_temp_path ${join(dir, 'scgi')};
${guideBlock(mysayPort, httpPort, httpsPort, dir)}
}
`);
  const env = {
    ...process.env,
    MYSAY_PORT: String(mysayPort),
    MYSAY_DATABASE_URL: `sqlite://${join(dir, 'mysay.db')}`,
    MYSAY_PUBLIC_BASE_URL: base,
    MYSAY_TRUSTED_PROXIES: '127.0.0.1',
    MYSAY_SESSION_KEY: 'a-key-for-the-test-behind-nginx-0123456789',
    MYSAY_LOG: 'warn',
    MYSAY_SIGN_IN_ATTEMPTS_PER_ADDRESS: '1000',
  };
  // --demo refuses an https address; the demo is loaded on its own.
  execFileSync(binary, ['demo-data'], { env, stdio: 'ignore' });
  mysay = spawn(binary, ['serve'], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  nginx = spawn(nginxBinary, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  await until('MySay behind nginx answering', async () => {
    if (nginx?.exitCode !== null) throw new Error(`nginx exited: see ${join(dir, 'error.log')}`);
    const response = await fetch(`http://127.0.0.1:${mysayPort}/readyz`);
    return response.ok;
  });
});

test.afterAll(() => {
  nginx?.kill('SIGTERM');
  mysay?.kill('SIGTERM');
});

test('a child signs in through nginx over TLS', async ({ browser, hydrates }) => {
  const context = await browser.newContext({
    ignoreHTTPSErrors: true,
    javaScriptEnabled: hydrates,
    viewport: { width: 360, height: 740 },
    baseURL: base,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));

  const first = await page.goto('/');
  expect(first?.headers()['strict-transport-security']).toContain('max-age=');
  await signInChild(page, 'skyblue-fox');
  await expect(page.getByText(/Hello,\W*Jade/)).toBeVisible();
  const cookies = await context.cookies();
  expect(cookies.length).toBeGreaterThan(0);
  expect(cookies.every((c) => c.secure)).toBe(true);
  if (hydrates) {
    // The script and its WebAssembly came through the proxy and ran.
    await expect(page.locator('[data-hydrated="true"]').first()).toBeAttached();
  }
  // The IT team's metrics are not served through the proxy.
  const metrics = await page.request.get('/metrics');
  expect(metrics.status()).toBe(404);
  await page.locator('.signed-in-bar').getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(`${base}/`);
  expect(errors).toEqual([]);
  await context.close();
});
