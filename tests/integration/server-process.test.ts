/**
 * The built server as a process: it refuses a wrong environment naming the variable, refuses
 * to start outside demo mode while demo accounts exist, and on SIGTERM finishes and closes the
 * database (WAL checkpointed) with exit code 0. Needs a build (npm test makes one; or set
 * TEST_BUILD_DIR); skipped without it.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_BUILD_DIR, TEST_PORT } from '../test-env';

/** Ports of this file's servers, beside the other test servers' (TEST_PORT + 100…). */
const PORT = { env: TEST_PORT + 60, demo: TEST_PORT + 61, live: TEST_PORT + 62 };

const entry = path.join(TEST_BUILD_DIR, 'server', 'entry.mjs');
const dir = mkdtempSync(path.join(os.tmpdir(), 'khuyen-cong-proc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function startServer(env: Record<string, string>, port: number) {
  const child = spawn(process.execPath, [entry], {
    env: { PATH: process.env['PATH'] ?? '', HOST: '127.0.0.1', PORT: String(port), SITE_URL: `http://127.0.0.1:${String(port)}`, LOG_REQUESTS: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<Run>((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
  const listening = new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (stdout.includes('Máy chủ đang chạy')) {
        clearInterval(timer);
        resolve();
      }
    }, 50);
    void exited.then(() => {
      clearInterval(timer);
      reject(new Error(`exited: ${stderr}`));
    });
  });
  listening.catch(() => undefined); // observed by the tests that expect a start
  return { child, exited, listening };
}

/**
 * A sign-in POST whose body arrives in two parts, so the server has accepted the connection and
 * is reading the request when the test sends SIGTERM between the parts.
 */
function startSlowRequest(port: number) {
  const body = JSON.stringify({ email: 'khong-co@example.vn', password: 'sai-mat-khau-123' });
  const req = http.request({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: '/api/auth/login',
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), origin: `http://127.0.0.1:${String(port)}` },
  });
  const status = new Promise<number>((resolve, reject) => {
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
  });
  req.write(body.slice(0, 10));
  req.flushHeaders();
  const received = new Promise<void>((resolve) => req.on('socket', (socket) => socket.on('connect', () => setTimeout(resolve, 300))));
  return { status, received, finish: () => req.end(body.slice(10)) };
}

describe.skipIf(!existsSync(entry))('server process', () => {
  it('stops with a message naming a wrong variable', async () => {
    const { exited } = startServer({ DATABASE_PATH: path.join(dir, 'a.sqlite'), DATABASE_SYNCHRONOUS: 'OFF' }, PORT.env);
    const run = await exited;
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('DATABASE_SYNCHRONOUS');
  });

  it('serves demo mode, drains on SIGTERM, then refuses the demo database outside demo mode', async () => {
    const db = path.join(dir, 'demo.sqlite');
    const demo = startServer({ DATABASE_PATH: db, DEMO: 'true' }, PORT.demo);
    await demo.listening;
    const health = await fetch(`http://127.0.0.1:${String(PORT.demo)}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, migrations: 'current', registrationWriter: 'thread' });
    // Writes skip the static-file lookup: to a prerendered page they get 405, not Astro (which
    // has no handler for them); HEAD and GET still get the file.
    for (const page of ['/', '/gioi-thieu/', '/gioi-thieu']) {
      const post = await fetch(`http://127.0.0.1:${String(PORT.demo)}${page}`, { method: 'POST', headers: { Origin: `http://127.0.0.1:${String(PORT.demo)}` }, body: 'a=1' });
      expect(post.status, page).toBe(405);
      expect(post.headers.get('allow')).toBe('GET, HEAD');
    }
    expect((await fetch(`http://127.0.0.1:${String(PORT.demo)}/gioi-thieu/`, { method: 'HEAD' })).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${String(PORT.demo)}/api/bench/bare`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: `http://127.0.0.1:${String(PORT.demo)}` }, body: '{}' })).status).toBe(404);
    // A request the server is in the middle of receiving when SIGTERM arrives still gets its answer.
    const inFlight = startSlowRequest(PORT.demo);
    await inFlight.received;
    demo.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 200));
    inFlight.finish();
    expect(await inFlight.status).toBe(401);
    const run = await demo.exited;
    expect(run.code).toBe(0);
    // The database was closed: the WAL was checkpointed and truncated.
    expect(!existsSync(`${db}-wal`) || statSync(`${db}-wal`).size === 0).toBe(true);

    const live = startServer({ DATABASE_PATH: db, DEMO: 'false' }, PORT.live);
    const refused = await live.exited;
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/tài khoản demo/);
  });
});
