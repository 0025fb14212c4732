// The server benchmark: for each page, wrk against MySay and against nginx
// serving the very bytes MySay returned, A B A B, each pinned to its own
// core; prints req/s (median of the two runs), p50 and p99 latency, MySay's
// CPU per request (from /proc) and MySay's req/s as a share of nginx's.
// Run by scripts/bench-server, which builds and starts both first.
//   node bench/server.mjs <MySay URL> <MySay pid> <nginx URL> <nginx root>
// With MYSAY_DEV_BENCH_PERF=<folder>, each page then gets one more run of
// MySay under `perf record` (its numbers not counted), kept in the folder
// as <page number>.data with the top of its flat profile in .txt.
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [base, pidText, nginxBase, nginxRoot] = process.argv.slice(2);
if (!nginxRoot) throw new Error('usage: node bench/server.mjs <MySay URL> <pid> <nginx URL> <nginx root>');
const pid = Number(pidText);
const SECONDS = Number(process.env.MYSAY_DEV_BENCH_SECONDS ?? 5);
const PASSPHRASE = 'purple tractor sings loudly';
const TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());

/** A tiny cookie jar: name=value pairs from Set-Cookie. */
function keep(jar, response) {
  for (const line of response.headers.getSetCookie?.() ?? []) {
    const [pair] = line.split(';');
    const [name, ...rest] = pair.split('=');
    const value = rest.join('=');
    if (value === '' || /max-age=0/i.test(line)) jar.delete(name);
    else jar.set(name, value);
  }
  return response;
}
const cookieOf = (jar) => [...jar].map(([n, v]) => `${n}=${v}`).join('; ');

async function post(jar, path, fields) {
  return keep(jar, await fetch(`${base}${path}`, {
    method: 'POST', redirect: 'manual',
    headers: { Origin: base, 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookieOf(jar) },
    body: new URLSearchParams(fields),
  }));
}

async function get(jar, path) {
  const once = () => fetch(`${base}${path}`, { redirect: 'manual', headers: { Cookie: cookieOf(jar) } });
  // A kept-alive connection the server closed while wrk ran: ask again.
  return keep(jar, await once().catch(once));
}

async function signInChild(name) {
  const jar = new Map();
  const response = await post(jar, '/sign-in', { sign_in_name: name, passphrase: PASSPHRASE });
  if (response.status !== 303) throw new Error(`${name} could not sign in (${response.status})`);
  await post(jar, '/before-you-start', {});
  return jar;
}

function base32(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of text.replace(/=+$/, '')) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

function totp(secret, step) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const digest = createHmac('sha1', base32(secret)).update(counter).digest();
  const offset = digest[19] & 0x0f;
  return String((digest.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

/** A member of staff, both steps (setting up the authenticator app). */
async function signInStaff(name) {
  const jar = new Map();
  const first = await post(jar, '/sign-in', { sign_in_name: name, passphrase: PASSPHRASE });
  if (first.headers.get('location') !== '/sign-in/second-step') throw new Error(`${name}: no second step`);
  const page = await (await get(jar, '/sign-in/second-step')).text();
  const key = page.split('class="key"')[1]?.split('<code>')[1]?.split('</code>')[0]?.replace(/\s+/g, '');
  if (!key) throw new Error(`${name}: the set-up page shows no key`);
  const done = await post(jar, '/sign-in/second-step', { code: totp(key, Math.floor(Date.now() / 30_000)) });
  if (done.status >= 400 || (await done.text()).includes('error-summary')) throw new Error(`${name}: code refused`);
  return jar;
}

function cpuTicks() {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** One wrk run; req/s, p50 and p99 in ms, requests, and CPU ms per request when measuring MySay. */
function wrk(url, cookie, mysay) {
  const before = mysay ? cpuTicks() : 0;
  const args = ['-c', '1', 'wrk', '-t1', '-c8', `-d${SECONDS}s`, '--latency', url];
  if (cookie) args.push('-H', `Cookie: ${cookie}`);
  const out = execFileSync('taskset', args).toString();
  const cpu = mysay ? cpuTicks() - before : 0;
  const rps = Number(out.match(/Requests\/sec:\s+([\d.]+)/)?.[1] ?? 0);
  const requests = Number(out.match(/(\d+) requests in/)?.[1] ?? 0);
  const ms = (label) => {
    const m = out.match(new RegExp(`${label}%\\s+([\\d.]+)(us|ms|s)`));
    if (!m) return NaN;
    const n = Number(m[1]);
    return m[2] === 'us' ? n / 1000 : m[2] === 's' ? n * 1000 : n;
  };
  const non2xx = Number(out.match(/Non-2xx or 3xx responses: (\d+)/)?.[1] ?? 0);
  if (non2xx > 0) throw new Error(`${url}: ${non2xx} responses were not 2xx or 3xx`);
  return { rps, p50: ms('50'), p99: ms('99'), cpuMs: requests ? (cpu * 1000) / TICKS / requests : 0 };
}

const median = (a, b) => (a + b) / 2;

const child = await signInChild('skyblue-fox');
const iro = await signInStaff(process.env.MYSAY_DEV_BENCH_IRO ?? 'amina.hussain@example.org');
const home = await (await get(new Map(), '/')).text();
const wasm = home.match(/href="(\/pkg\/[^"]+\.wasm)"/)?.[1];
if (!wasm) throw new Error('the page names no hashed .wasm');
const PAGES = [
  { name: '`/` (no one signed in)', path: '/', jar: new Map(), type: 'text/html' },
  { name: '`/home`, a signed-in child', path: '/home', jar: child, type: 'text/html' },
  { name: "`/home`, an IRO's caseload of 60", path: '/home', jar: iro, type: 'text/html' },
  { name: 'a consultation topic', path: '/consultation/topics/where-i-live', jar: child, type: 'text/html' },
  { name: 'the hashed `.wasm`', path: wasm, jar: new Map(), type: 'application/wasm' },
];

const rows = [];
for (const [i, page] of PAGES.entries()) {
  console.error(`measuring ${page.name}`);
  const response = await get(page.jar, page.path);
  if (response.status !== 200) throw new Error(`${page.path}: ${response.status}`);
  const bytes = Buffer.from(await response.arrayBuffer());
  const file = `p${i}.${page.type === 'application/wasm' ? 'wasm' : 'html'}`;
  writeFileSync(join(nginxRoot, file), bytes);
  const cookie = cookieOf(page.jar);
  const url = `${base}${page.path}`;
  const copy = `${nginxBase}/${file}`;
  wrk(url, cookie, true); // warm up
  const a1 = wrk(url, cookie, true);
  const b1 = wrk(copy, cookie, false);
  const a2 = wrk(url, cookie, true);
  const b2 = wrk(copy, cookie, false);
  const perfDir = process.env.MYSAY_DEV_BENCH_PERF;
  if (perfDir) {
    mkdirSync(perfDir, { recursive: true });
    const data = join(perfDir, `${i}.data`);
    const wrkArgs = ['-t1', '-c8', `-d${SECONDS}s`, url, ...(cookie ? ['-H', `Cookie: ${cookie}`] : [])];
    execFileSync('sh', ['-c', 'perf record -q -F 1999 -g -p "$1" -o "$2" -- sleep "$3" & shift 3; taskset -c 1 wrk "$@" >/dev/null; wait', 'perf', String(pid), data, String(SECONDS), ...wrkArgs], { stdio: 'inherit' });
    const top = execFileSync('perf', ['report', '-i', data, '--no-children', '--sort', 'symbol', '--stdio', '-g', 'none', '--percent-limit', '0.7'], { maxBuffer: 64 << 20 }).toString();
    writeFileSync(join(perfDir, `${i}.txt`), `${page.name}\n${top}`);
  }
  rows.push({
    name: page.name,
    bytes: bytes.length,
    mysay: median(a1.rps, a2.rps),
    nginx: median(b1.rps, b2.rps),
    p50: median(a1.p50, a2.p50),
    p99: median(a1.p99, a2.p99),
    cpu: median(a1.cpuMs, a2.cpuMs),
  });
}

console.log(`\nwrk: 1 thread, 8 connections, ${SECONDS} s a run, A B A B (the mean of the two); MySay and nginx on core 0, wrk on core 1\n`);
console.log('| page | bytes | MySay req/s | nginx req/s | ratio | MySay p50 | MySay p99 | MySay CPU per request |');
console.log('|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.name} | ${r.bytes} | ${Math.round(r.mysay)} | ${Math.round(r.nginx)} | ${((100 * r.mysay) / r.nginx).toFixed(1)}% | ${r.p50.toFixed(2)} ms | ${r.p99.toFixed(2)} ms | ${r.cpu.toFixed(2)} ms |`);
}
