/**
 * A management token is a password: after registrations through the BUILT server (the JSON API
 * and the plain form), and after its owner used the link, the token must not be found anywhere
 * at rest or on a staff screen — not in any table (outbox rows included: the confirmation keeps
 * the link sealed), not in the database file or its WAL, not in a backup, not in the request
 * log, not on the console's outbox, registration, print or CSV pages.
 */
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase } from '../../src/lib/server/backup';
import { postRegistration, registrationBody, startBuiltServer, tempDatabasePath, type BuiltServer } from '../helpers/registration-server';
import { TEST_PORT } from '../test-env';

const SAM = 'phien-cho-sam-ngoc-linh-2027';
const PORT = TEST_PORT + 42;
const db = tempDatabasePath('registration-tokens');
let server: BuiltServer;
let log = '';
const tokens: string[] = [];
let cookie = '';

const tokenOf = (text: string) => /\/hoi-cho\/quan-ly\/([A-Za-z0-9_-]{20,})/.exec(text)?.[1] ?? '';

beforeAll(async () => {
  server = await startBuiltServer({ port: PORT, databasePath: db.file, env: { LOG_REQUESTS: 'true' }, stdout: true });
  const collect = (d: Buffer) => {
    log += d.toString();
  };
  server.child.stdout?.on('data', collect);
  server.child.stderr?.on('data', collect);

  // One through the JSON API (with an Idempotency-Key, replayed once), one through the plain form.
  const body = registrationBody('0981000001', { email: 'htx@example.vn' });
  const api = await postRegistration(server, SAM, body, { 'Idempotency-Key': 'khoa-thu-1' });
  expect(api.status).toBe(201);
  tokens.push(tokenOf(((await api.json()) as { manageUrl: string }).manageUrl));
  expect((await postRegistration(server, SAM, body, { 'Idempotency-Key': 'khoa-thu-1' })).status).toBe(201);
  const form = Object.fromEntries(Object.entries(registrationBody('0981000002')).map(([k, v]) => [k, v === true ? 'on' : String(v)]));
  const page = await fetch(`${server.url}/hoi-cho/${SAM}/dang-ky`, {
    method: 'POST',
    headers: { Origin: server.url, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  expect(page.status).toBe(201);
  tokens.push(tokenOf(await page.text()));
  // 128 random bits (22 base64url characters): short enough for an SMS with its link.
  expect(tokens.every((t) => t.length === 22)).toBe(true);

  // The owner uses the link: the page, a correction, the API.
  for (const token of tokens) {
    expect((await fetch(`${server.url}/q/${token}`, { redirect: 'manual' })).status).toBe(303);
    expect((await fetch(`${server.url}/hoi-cho/quan-ly/${token}`)).status).toBe(200);
    const update = await fetch(`${server.url}/hoi-cho/quan-ly/${token}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { Origin: server.url, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ action: 'update-contact', representative: 'Người Mới', phone: token === tokens[0] ? '0981000001' : '0981000002' }).toString(),
    });
    expect(update.status).toBe(303);
    expect((await fetch(`${server.url}/api/registrations/manage/${token}`)).status).toBe(200);
  }

  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { Origin: server.url, 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'bantochuc@demo.khuyencong.example', password: 'bantochuc-demo-2026' }),
  });
  expect(login.status).toBe(200);
  cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
});

afterAll(async () => {
  await server.stop();
  db.cleanup();
});

function expectNoToken(where: string, text: string) {
  for (const token of tokens) expect(text.includes(token), `the management token in ${where}`).toBe(false);
}

describe('management tokens at rest and on staff screens', () => {
  it('are in no row of any table (outbox, audit, history, idempotency…)', () => {
    const sqlite = new Database(db.file, { readonly: true });
    try {
      const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
      expect(tables).toEqual(expect.arrayContaining(['outbox', 'audit_log', 'registration_events', 'registration_idempotency']));
      for (const table of tables) expectNoToken(`table ${table}`, JSON.stringify(sqlite.prepare(`SELECT * FROM "${table}"`).all()));
      // The confirmations are there, with the link sealed.
      const confirmations = sqlite.prepare("SELECT body, secret FROM outbox WHERE kind = 'registration.confirmation'").all() as { body: string; secret: string | null }[];
      expect(confirmations).toHaveLength(2);
      for (const c of confirmations) {
        expect(c.body).toContain('[[secret]]');
        expect(c.secret).not.toBeNull();
      }
    } finally {
      sqlite.close();
    }
  });

  it('are not in the database file, its WAL or a backup', async () => {
    for (const file of [db.file, `${db.file}-wal`]) if (existsSync(file)) expectNoToken(path.basename(file), readFileSync(file).toString('latin1'));
    const backup = path.join(path.dirname(db.file), 'backup.sqlite');
    await backupDatabase(db.file, backup);
    expectNoToken('the backup', readFileSync(backup).toString('latin1'));
  });

  it('are not on the console pages (outbox, registrations, print, CSV)', async () => {
    for (const page of ['/quan-tri/hop-thu-di', `/quan-tri/hoi-cho/${SAM}`, `/quan-tri/hoi-cho/${SAM}/in`, `/quan-tri/hoi-cho/${SAM}/dang-ky.csv`]) {
      const res = await fetch(`${server.url}${page}`, { headers: { Cookie: cookie } });
      expect(res.status, page).toBe(200);
      const text = await res.text();
      if (page === '/quan-tri/hop-thu-di') expect(text).toContain('Xác nhận đăng ký gian hàng');
      expectNoToken(page, text);
    }
  });

  it('are not in the request log', () => {
    expect(log).toContain('/hoi-cho/quan-ly/[token]');
    expectNoToken('the log', log);
  });
});
