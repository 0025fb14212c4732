// Stops the server global-setup started.
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default async function globalTeardown(): Promise<void> {
  const pidFile = join(tmpdir(), 'mysay-e2e-server.pid');
  try {
    const pid = Number(readFileSync(pidFile, 'utf8'));
    if (pid) process.kill(pid, 'SIGTERM');
    rmSync(pidFile, { force: true });
  } catch {
    // already gone
  }
}
