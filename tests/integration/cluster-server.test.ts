/**
 * The built server as a cluster, started the documented way (`node …/server/entry.mjs`): a
 * primary that keeps the socket and one worker; a worker that dies is replaced and the site
 * answers again; SIGTERM stops both, gracefully, with exit code 0.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_PORT } from '../test-env';
import { startBuiltServer, tempDatabasePath } from '../helpers/registration-server';

const db = tempDatabasePath('cluster');
afterAll(() => db.cleanup());

function workersOf(pid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)]).toString().split('\n').map((l) => Number(l.trim())).filter((n) => n > 0);
  } catch {
    return [];
  }
}

async function healthy(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return true;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

describe('the cluster', () => {
  it('replaces a worker that dies, and stops cleanly on SIGTERM', async () => {
    const server = await startBuiltServer({ port: TEST_PORT + 330, databasePath: db.file });
    const primary = server.child.pid ?? 0;
    const [worker] = workersOf(primary);
    expect(worker).toBeGreaterThan(0);
    process.kill(worker ?? 0, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 200));
    expect(await healthy(server.url, 15_000)).toBe(true);
    const [replacement] = workersOf(primary);
    expect(replacement).toBeGreaterThan(0);
    expect(replacement).not.toBe(worker);
    const exit = new Promise<number | null>((resolve) => server.child.once('exit', (code) => resolve(code)));
    server.child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(workersOf(primary)).toEqual([]);
  }, 60_000);
});
