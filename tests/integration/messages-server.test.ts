/**
 * Message bombing against the BUILT server (TEST_BUILD_DIR, real HTTP, its own temp database):
 * 30 requests for a vote code to one phone from 30 addresses (behind a proxy, TRUST_PROXY on)
 * queue at most the per-recipient limit; the hourly cap refuses with 429 and warns; no row of
 * the outbox ever holds a verification code or a management link.
 */
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { nextPhone, postRegistration, registrationBody, startBuiltServer, tempDatabasePath, type BuiltServer } from '../helpers/registration-server';
import { TEST_PORT } from '../test-env';

const CONTEST = 'binh-chon-cnnt-tieu-bieu-cap-tinh-lai-chau-2027'; // vote open on TEST_NOW
const LAI_CHAU = 'hoi-cho-cnnt-lai-chau-2027';
// + 220: with TEST_PORT=5800, + 200 is port 6000, which fetch() refuses (a "bad port" of the Fetch standard).
const BASE_PORT = TEST_PORT + 220;
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function start(name: string, port: number, env: Record<string, string>): Promise<{ server: BuiltServer; file: string; stderr: () => string }> {
  const db = tempDatabasePath(name);
  const server = await startBuiltServer({ port, databasePath: db.file, env });
  let err = '';
  server.child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  cleanups.push(() => server.stop('SIGKILL'), () => db.cleanup());
  return { server, file: db.file, stderr: () => err };
}

function outboxRows(file: string): { kind: string; recipient: string; body: string; secret: string | null }[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT kind, recipient, body, secret FROM outbox').all() as { kind: string; recipient: string; body: string; secret: string | null }[];
  } finally {
    db.close();
  }
}

describe('message bombing on the built server', () => {
  it('30 addresses asking codes for one phone queue at most 3; the rest get 429 and queue nothing', async () => {
    const { server, file } = await start('bomb-vote', BASE_PORT, { TRUST_PROXY: 'true', DEMO: 'true' });
    const answers = [];
    for (let i = 0; i < 30; i++) {
      const r = await fetch(`${server.url}/api/contests/${CONTEST}/vote/code`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: server.url, 'X-Forwarded-For': `198.51.100.${String(i + 1)}` },
        body: JSON.stringify({ contact: '0912 345 678' }),
      });
      answers.push({ status: r.status, body: (await r.json()) as { error?: string; message?: string; demoCode?: string }, retry: r.headers.get('retry-after') });
    }
    expect(answers.filter((a) => a.status === 201)).toHaveLength(3);
    const refused = answers.filter((a) => a.status !== 201);
    expect(refused).toHaveLength(27);
    for (const a of refused) {
      expect(a.status).toBe(429);
      expect(a.body.error).toBe('recipient_limited');
      expect(a.body.message).toMatch(/Vui lòng thử lại sau/);
      expect(Number(a.retry)).toBeGreaterThan(0);
    }
    const rows = outboxRows(file).filter((r) => r.kind === 'contest.vote_code');
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.recipient === '+84912345678')).toBe(true);
    // The demo answer shows the code on screen; the stored row never holds it.
    const codes = answers.slice(0, 3).map((a) => a.body.demoCode);
    expect(codes.every((c) => /^\d{6}$/.test(c ?? ''))).toBe(true);
    for (const code of codes) expect(JSON.stringify(rows)).not.toContain(code);
  }, 60_000);

  it('the hourly cap refuses new confirmations with 429, stores nothing, and warns in the log', async () => {
    const { server, file, stderr } = await start('bomb-cap', BASE_PORT + 1, { MESSAGE_HOURLY_LIMIT: '5' });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const r = await postRegistration(server, LAI_CHAU, registrationBody(nextPhone(7000), { email: `coso${String(i)}@example.vn` }));
      statuses.push(r.status);
      if (r.status === 429) expect(await r.json()).toMatchObject({ error: 'hourly_limit' });
    }
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429]);
    const db = new Database(file, { readonly: true });
    expect((db.prepare('SELECT count(*) AS n FROM registrations').get() as { n: number }).n).toBe(5);
    db.close();
    expect(outboxRows(file)).toHaveLength(5);
    // No management link in any row.
    expect(outboxRows(file).some((r) => r.body.includes('/hoi-cho/quan-ly/'))).toBe(false);
    await new Promise((r) => setTimeout(r, 200));
    expect(stderr()).toMatch(/MESSAGE_HOURLY_LIMIT/);
  }, 60_000);
});
