/**
 * Slow clients against the BUILT server over raw sockets: a client that sends its headers (or
 * its body) a byte at a time is cut off after HEADERS_TIMEOUT_SECONDS (REQUEST_TIMEOUT_SECONDS),
 * here shortened to 1 s (2 s), and the server goes on answering others. Needs a build (npm test
 * makes one); skipped without it.
 */
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBuiltServer, tempDatabasePath, type BuiltServer } from '../helpers/registration-server';
import { TEST_BUILD_DIR, TEST_PORT } from '../test-env';

const PORT = TEST_PORT + 121;
const built = existsSync(path.join(TEST_BUILD_DIR, 'server', 'entry.mjs'));

let server: BuiltServer;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  if (!built) return;
  const db = tempDatabasePath('http-timeouts');
  cleanups.push(() => db.cleanup());
  server = await startBuiltServer({
    port: PORT,
    databasePath: db.file,
    env: { HEADERS_TIMEOUT_SECONDS: '1', REQUEST_TIMEOUT_SECONDS: '2' },
  });
  cleanups.push(() => server.stop());
}, 60_000);
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

/**
 * Opens a socket, writes `head` at once, then `drip` every 200 ms, never finishing. Resolves
 * with what the server sent and how long after the first byte it closed — or `closed: false`
 * after `giveUpMs`.
 */
function slowClient(head: string, drip: string, giveUpMs: number): Promise<{ closed: boolean; ms: number; received: string }> {
  return new Promise((resolve) => {
    const socket = net.connect(PORT, 'localhost');
    let received = '';
    let timer: NodeJS.Timeout | undefined;
    const started = Date.now();
    const finish = (closed: boolean) => {
      clearInterval(timer);
      clearTimeout(giveUp);
      socket.destroy();
      resolve({ closed, ms: Date.now() - started, received });
    };
    const giveUp = setTimeout(() => finish(false), giveUpMs);
    socket.on('connect', () => {
      socket.write(head);
      timer = setInterval(() => {
        if (socket.writable) socket.write(drip);
      }, 200);
    });
    socket.on('data', (d: Buffer) => (received += d.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => finish(true));
  });
}

describe.skipIf(!built)('slow clients on the built server', () => {
  it('cuts off a client that sends its headers slowly (HEADERS_TIMEOUT_SECONDS)', async () => {
    const result = await slowClient('GET / HTTP/1.1\r\nHost: localhost\r\n', 'X-Cham: 1\r\n', 6_000);
    expect(result.closed).toBe(true);
    expect(result.ms).toBeGreaterThanOrEqual(900);
    expect(result.ms).toBeLessThan(3_000);
    expect(result.received).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('cuts off a client that sends its body slowly (REQUEST_TIMEOUT_SECONDS)', async () => {
    const head = [
      'POST /api/auth/login HTTP/1.1',
      'Host: localhost',
      'Content-Type: application/json',
      'Content-Length: 1000',
      `Origin: http://localhost:${String(PORT)}`,
      '',
      '{"email":"',
    ].join('\r\n');
    const result = await slowClient(head, 'a', 8_000);
    expect(result.closed).toBe(true);
    expect(result.ms).toBeGreaterThanOrEqual(1_900);
    expect(result.ms).toBeLessThan(4_500);
    expect(result.received).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('answers other clients while a slow one waits to be cut off', async () => {
    const slow = slowClient('GET / HTTP/1.1\r\nHost: localhost\r\n', 'X-Cham: 1\r\n', 6_000);
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect((await slow).closed).toBe(true);
  });
});
