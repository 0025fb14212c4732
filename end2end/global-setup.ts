// Starts MySay on a free port with a fresh SQLite database and the demo
// data, and tells the tests where it is (MYSAY_DEV_BASE_URL).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './tests/ports';

export default async function globalSetup(): Promise<void> {
  const binary = process.env.MYSAY_DEV_BIN;
  if (!binary) throw new Error('MYSAY_DEV_BIN must name the mysay binary (scripts/test sets it)');
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'mysay-e2e-'));
  const log = join(dataDir, 'server.log');
  const server = spawn(binary, ['serve', '--demo'], {
    env: {
      ...process.env,
      MYSAY_PORT: String(port),
      MYSAY_DATABASE_URL: `sqlite://${join(dataDir, 'mysay.db')}`,
      MYSAY_AUTHORITY_NAME: 'Northshire County Council',
      MYSAY_LOG: 'warn',
      // Every test signs in from this one address.
      MYSAY_SIGN_IN_ATTEMPTS_PER_ADDRESS: '1000',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: false,
  });
  writeFileSync(join(tmpdir(), 'mysay-e2e-server.pid'), String(server.pid));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`mysay exited with ${server.exitCode}; see ${log}`);
    try {
      const response = await fetch(`${base}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('mysay did not become healthy within 60 s');
    await new Promise((r) => setTimeout(r, 200));
  }
  process.env.MYSAY_DEV_BASE_URL = base;
  // Authenticator keys of staff set up during this run (see tests/staff.ts).
  const secrets = join(dataDir, 'authenticator-keys');
  mkdirSync(secrets);
  process.env.MYSAY_DEV_E2E_SECRETS = secrets;
}
