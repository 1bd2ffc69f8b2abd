/**
 * Booth registration posts answered before Astro (src/lib/server/registrations/fast-path.ts)
 * against the same posts through the Astro route (REGISTRATION_FAST_PATH=0), on two copies of
 * the BUILT server with databases of their own: for every class of answer (201, duplicate 200,
 * 400 with fields, malformed JSON, a bad Idempotency-Key, 404, 409 cancelled / closed /
 * upcoming, 413 declared and streamed, 415, 422 Idempotency-Key reused, 429, 403 without an
 * Origin or from another one) the same status line, the same headers in the same order and case
 * (the date aside) and the same body (a new registration's code and link aside), compressed or
 * not; and what the fast path leaves to Astro gets Astro's handling (a signed-in organiser's
 * audit row, a stale session cookie cleared). Needs a build (npm test makes one).
 */
import { existsSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fastRegistrationSlug } from '~/lib/server/registrations/fast-path';
import { registrationBody, startBuiltServer, tempDatabasePath, type BuiltServer } from '../helpers/registration-server';
import { ORGANISER, signIn } from '../helpers/throwaway-site';
import { TEST_PORT, testBuildDir } from '../test-env';

const hasBuild = existsSync(path.join(testBuildDir(), 'server', 'entry.mjs'));
const LAI_CHAU = 'hoi-cho-cnnt-lai-chau-2027'; // open on the test clock
const CANCELLED = 'hoi-cho-cnnt-tuyen-quang-2027';
const CLOSED = 'hoi-cho-ocop-cnnt-ha-noi-2026';
const UPCOMING = 'hoi-cho-thu-cong-my-nghe-lang-nghe-hue-2027';
const RATE_LIMIT = 3;

describe('which posts the fast path takes', () => {
  const site = process.env['SITE_URL'] ?? 'http://localhost:4321';
  const req = (url: string, headers: http.IncomingHttpHeaders, method = 'POST') => ({ method, url, headers });
  const json = { 'content-type': 'application/json', origin: site };

  it('takes a JSON post (any other type but a form\'s) to a fair\'s registrations, with the site\'s Origin or none', () => {
    expect(fastRegistrationSlug(req(`/api/fairs/${LAI_CHAU}/registrations`, json))).toBe(LAI_CHAU);
    expect(fastRegistrationSlug(req('/api/fairs/khong-co/registrations?x=1', { ...json, 'content-type': 'application/json; charset=utf-8' }))).toBe('khong-co');
    expect(fastRegistrationSlug(req(`/api/fairs/${LAI_CHAU}/registrations`, { 'content-type': 'application/xml' }))).toBe(LAI_CHAU);
    expect(fastRegistrationSlug(req(`/api/fairs/${LAI_CHAU}/registrations`, { ...json, cookie: 'theme=dark' }))).toBe(LAI_CHAU);
  });

  it('leaves to Astro other methods and paths, form-like or missing types, other origins and session cookies', () => {
    const target = `/api/fairs/${LAI_CHAU}/registrations`;
    const refused: [string, ReturnType<typeof req>][] = [
      ['GET', req(target, json, 'GET')],
      ['PUT', req(target, json, 'PUT')],
      ['trailing slash', req(`${target}/`, json)],
      ['encoded slug', req('/api/fairs/hoi-cho-cnnt-lai-chau%2D2027/registrations', json)],
      ['upper-case slug', req('/api/fairs/HOI-CHO/registrations', json)],
      ['dot segment', req('/api/fairs/../registrations', json)],
      ['another route', req(`/api/fairs/${LAI_CHAU}/registrations-x`, json)],
      ['no type', req(target, { origin: site })],
      ['a form', req(target, { ...json, 'content-type': 'application/x-www-form-urlencoded' })],
      ['multipart', req(target, { ...json, 'content-type': 'multipart/form-data; boundary=x' })],
      ['text/plain', req(target, { ...json, 'content-type': 'text/plain' })],
      ['a form type inside another', req(target, { ...json, 'content-type': 'application/json; x=text/plain' })],
      ['another origin', req(target, { ...json, origin: 'https://evil.example' })],
      ['session cookie', req(target, { ...json, cookie: 'a=b; session=abc' })],
    ];
    for (const [name, r] of refused) expect(fastRegistrationSlug(r), name).toBeNull();
  });
});

interface Raw {
  statusLine: string;
  /** Name/value pairs as sent, Date left out. */
  headers: [string, string][];
  body: Buffer;
}

/** One request on a connection of its own; `chunks` sends the body without a length. */
function send(server: BuiltServer, target: string, headers: Record<string, string>, body?: string | { chunks: string[] }): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: 'localhost', port: server.port, method: 'POST', path: target, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const pairs: [string, string][] = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) {
          const name = res.rawHeaders[i] ?? '';
          if (name.toLowerCase() !== 'date') pairs.push([name, res.rawHeaders[i + 1] ?? '']);
        }
        resolve({ statusLine: `${String(res.statusCode)} ${res.statusMessage ?? ''}`, headers: pairs, body: Buffer.concat(chunks) });
      });
      res.on('error', reject);
    });
    // The client may still be writing a body the server refused: the answer is what counts.
    req.on('error', (e) => reject(e));
    if (body === undefined) req.end();
    else if (typeof body === 'string') req.end(body);
    else {
      for (const c of body.chunks) req.write(c);
      req.end();
    }
  });
}

/** A new registration's own code and management link are random: the rest must be equal. */
function comparable(raw: Raw): { statusLine: string; headers: [string, string][]; body: unknown } {
  const text = (raw.headers.find(([n]) => n.toLowerCase() === 'content-encoding')?.[1] === 'br' ? zlib.brotliDecompressSync(raw.body) : raw.body).toString('utf8');
  let body: unknown = text;
  try {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    if (typeof parsed['code'] === 'string') {
      expect(parsed['code']).toMatch(/^[A-Z0-9]{6}$/);
      parsed['code'] = 'CODE';
    }
    if (typeof parsed['manageUrl'] === 'string') {
      expect(parsed['manageUrl']).toMatch(/^http:\/\/localhost:\d+\/hoi-cho\/quan-ly\/[A-Za-z0-9_-]+$/);
      parsed['manageUrl'] = 'LINK';
    }
    body = parsed;
  } catch {
    // Not JSON (Astro's own refusals): compared as text.
  }
  return { statusLine: raw.statusLine, headers: raw.headers, body };
}

describe.skipIf(!hasBuild)('registration posts: the fast path against the Astro route', () => {
  let fast: BuiltServer;
  let astro: BuiltServer;
  const dbs = [tempDatabasePath('reg-fast'), tempDatabasePath('reg-astro')];
  beforeAll(async () => {
    // Behind a proxy: each case's X-Forwarded-For is a client of its own (see below without one).
    const env = { REGISTRATION_RATE_LIMIT: String(RATE_LIMIT), TRUST_PROXY: 'true' };
    // The same SITE_URL for both: the answers' links and the Origin they accept are the same.
    [fast, astro] = await Promise.all([
      startBuiltServer({ port: TEST_PORT + 150, databasePath: dbs[0]?.file ?? '', env }),
      startBuiltServer({ port: TEST_PORT + 151, databasePath: dbs[1]?.file ?? '', env: { ...env, REGISTRATION_FAST_PATH: '0' } }),
    ]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([fast.stop(), astro.stop()]);
    for (const d of dbs) d.cleanup();
  });

  let ip = 0;
  /** A client address of its own (the proxy's last hop), so the limit counts per case. */
  const from = () => `10.0.${String(Math.floor(++ip / 250))}.${String(ip % 250)}`;
  const same = (server: BuiltServer) => ({ 'Content-Type': 'application/json', Origin: server.url });

  /** The post on both servers; their answers must be equal. Returns the fast path's. */
  async function both(target: string, headers: (server: BuiltServer) => Record<string, string>, body?: string | { chunks: string[] }): Promise<Raw> {
    const [a, b] = await Promise.all([send(fast, target, headers(fast), body), send(astro, target, headers(astro), body)]);
    expect(comparable(a)).toEqual(comparable(b));
    return a;
  }
  const status = (raw: Raw) => Number(raw.statusLine.split(' ')[0]);
  const json = (raw: Raw) => JSON.parse(raw.body.toString('utf8')) as Record<string, unknown>;
  const route = (slug: string) => `/api/fairs/${slug}/registrations`;

  it('201, then 200 for the same phone (a duplicate), with the security headers', async () => {
    const ipOf = from();
    const body = JSON.stringify(registrationBody('0912000001'));
    const first = await both(route(LAI_CHAU), (s) => ({ ...same(s), 'X-Forwarded-For': ipOf }), body);
    expect(first.statusLine).toBe('201 Created');
    expect(json(first)).toMatchObject({ status: 'pending', heldQuantity: 1 });
    const names = first.headers.map(([n]) => n.toLowerCase());
    for (const h of ['content-security-policy', 'x-frame-options', 'x-content-type-options', 'vary', 'content-length', 'cache-control']) expect(names).toContain(h);
    const again = await both(route(LAI_CHAU), (s) => ({ ...same(s), 'X-Forwarded-For': ipOf }), body);
    expect(again.statusLine).toBe('200 OK');
    expect(json(again)).toMatchObject({ duplicate: true });
  });

  it('400 with the fields, for an invalid, a malformed and an empty body and a bad Idempotency-Key', async () => {
    const invalid = await both(route(LAI_CHAU), (s) => ({ ...same(s), 'X-Forwarded-For': from() }), JSON.stringify({ phone: '12', quantity: 0 }));
    expect(status(invalid)).toBe(400);
    const fields = json(invalid)['fields'] as Record<string, string>;
    expect(Object.keys(fields)).toEqual(expect.arrayContaining(['phone', 'quantity']));
    expect(fields['establishmentName']).toBe('Vui lòng nhập tên cơ sở.');
    expect(status(await both(route(LAI_CHAU), (s) => ({ ...same(s), 'X-Forwarded-For': from() }), '{"phone":'))).toBe(400);
    expect(status(await both(route(LAI_CHAU), (s) => ({ ...same(s), 'X-Forwarded-For': from() })))).toBe(400);
    const key = await both(route(LAI_CHAU), (s) => ({ ...same(s), 'X-Forwarded-For': from(), 'Idempotency-Key': 'co khoang trang' }), JSON.stringify(registrationBody('0912000002')));
    expect(json(key)['fields']).toHaveProperty('Idempotency-Key');
  });

  it('a large answer (every field missing, over 1 KB) compressed the same way', async () => {
    const big = await both(route(LAI_CHAU), (s) => ({ ...same(s), 'X-Forwarded-For': from(), 'Accept-Encoding': 'br' }), JSON.stringify({ boothCodes: Array.from({ length: 40 }, (_, i) => `Z${String(i)}`), email: 'x', taxCode: 'y' }));
    expect(status(big)).toBe(400);
    expect(big.headers.find(([n]) => n.toLowerCase() === 'content-encoding')?.[1]).toBe('br');
  });

  it('404 for an unknown fair; 409 for a cancelled fair, a closed and a coming window', async () => {
    const body = JSON.stringify(registrationBody('0912000003'));
    expect(status(await both(route('khong-co-hoi-cho-nay'), (s) => ({ ...same(s), 'X-Forwarded-For': from() }), body))).toBe(404);
    for (const slug of [CANCELLED, CLOSED, UPCOMING]) {
      const r = await both(route(slug), (s) => ({ ...same(s), 'X-Forwarded-For': from() }), body);
      expect(status(r), slug).toBe(409);
      expect(json(r)['window']).toBeDefined();
    }
  });

  it('413 declared and streamed, 415 for a type that is not JSON (and for a form, through Astro)', async () => {
    const big = `{"notes":"${'a'.repeat(70_000)}"}`;
    const declared = await both(route(LAI_CHAU), (s) => ({ ...same(s), 'X-Forwarded-For': from(), 'Content-Length': String(big.length) }), big);
    expect(status(declared)).toBe(413);
    expect(declared.headers).toContainEqual(['Connection', 'close']);
    const streamed = await both(route(LAI_CHAU), (s) => ({ ...same(s), 'X-Forwarded-For': from() }), { chunks: [big.slice(0, 40_000), big.slice(40_000)] });
    expect(status(streamed)).toBe(413);
    // A small JSON body sent in pieces without a length is read from the socket and registered.
    const pieces = JSON.stringify(registrationBody('0912000004'));
    expect(status(await both(route(LAI_CHAU), (s) => ({ ...same(s), 'X-Forwarded-For': from() }), { chunks: [pieces.slice(0, 20), pieces.slice(20)] }))).toBe(201);
    for (const type of ['application/xml', 'application/x-www-form-urlencoded', 'text/plain']) {
      const r = await both(route(LAI_CHAU), (s) => ({ ...same(s), 'Content-Type': type, 'X-Forwarded-For': from() }), 'a=b');
      expect(status(r), type).toBe(415);
    }
  });

  it('422 for an Idempotency-Key reused with another body (the first answer repeated before)', async () => {
    const ipOf = from();
    const headers = (s: BuiltServer) => ({ ...same(s), 'X-Forwarded-For': ipOf, 'Idempotency-Key': 'khoa-thu-422' });
    const body = JSON.stringify(registrationBody('0912000005'));
    expect(status(await both(route(LAI_CHAU), headers, body))).toBe(201);
    expect(status(await both(route(LAI_CHAU), headers, body))).toBe(201);
    const other = await both(route(LAI_CHAU), headers, JSON.stringify(registrationBody('0912000006')));
    expect(status(other)).toBe(422);
  });

  it('429 with Retry-After past the per-IP limit', async () => {
    const ipOf = from();
    const answers: Raw[] = [];
    for (let i = 0; i <= RATE_LIMIT; i++) answers.push(await both(route(LAI_CHAU), (s) => ({ ...same(s), 'X-Forwarded-For': ipOf }), '{}'));
    expect(answers.map(status)).toEqual([...Array<number>(RATE_LIMIT).fill(400), 429]);
    expect(answers.at(-1)?.headers.some(([n]) => n.toLowerCase() === 'retry-after')).toBe(true);
  });

  it('403 without an Origin (the fast path) and from another origin (Astro, on both)', async () => {
    const body = JSON.stringify(registrationBody('0912000007'));
    const none = await both(route(LAI_CHAU), () => ({ 'Content-Type': 'application/json', 'X-Forwarded-For': from() }), body);
    expect(status(none)).toBe(403);
    const evil = await both(route(LAI_CHAU), () => ({ 'Content-Type': 'application/json', Origin: 'https://evil.example', 'X-Forwarded-For': from() }), body);
    expect(status(evil)).toBe(403);
    expect(json(evil)['error']).toBe('cross_origin');
  });

  it('leaves a session cookie to Astro: a signed-in organiser is the audit row\'s actor, a stale cookie is cleared', async () => {
    const cookie = await signIn(fast.url, ORGANISER);
    const signedIn = await send(fast, route(LAI_CHAU), { ...same(fast), Cookie: cookie, 'X-Forwarded-For': from() }, JSON.stringify(registrationBody('0912000008')));
    expect(status(signedIn)).toBe(201);
    const code = json(signedIn)['code'] as string;
    const db = new Database(dbs[0]?.file ?? '', { readonly: true });
    try {
      const row = db.prepare("SELECT actor_id AS actorId FROM audit_log WHERE action = 'registration.create' AND target = ?").get(`registration:${code}`) as { actorId: string | null } | undefined;
      const organiser = db.prepare('SELECT id FROM users WHERE email = ?').get(ORGANISER.email) as { id: string };
      expect(row?.actorId).toBe(organiser.id);
    } finally {
      db.close();
    }
    const stale = await send(fast, route(LAI_CHAU), { ...same(fast), Cookie: 'session=khong-con-hieu-luc', 'X-Forwarded-For': from() }, JSON.stringify(registrationBody('0912000009')));
    expect(status(stale)).toBe(201);
    expect(stale.headers.find(([n]) => n.toLowerCase() === 'set-cookie')?.[1]).toMatch(/^session=;/);
  });
});

describe.skipIf(!hasBuild)('registration posts without a proxy in front (TRUST_PROXY unset)', () => {
  const dbs = [tempDatabasePath('reg-xff-fast'), tempDatabasePath('reg-xff-astro')];
  let servers: BuiltServer[] = [];
  beforeAll(async () => {
    const env = { REGISTRATION_RATE_LIMIT: '2' };
    servers = await Promise.all([
      startBuiltServer({ port: TEST_PORT + 152, databasePath: dbs[0]?.file ?? '', env }),
      startBuiltServer({ port: TEST_PORT + 153, databasePath: dbs[1]?.file ?? '', env: { ...env, REGISTRATION_FAST_PATH: '0' } }),
    ]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    for (const d of dbs) d.cleanup();
  });

  it('counts a client that writes its own X-Forwarded-For as itself, both ways in', async () => {
    for (const server of servers) {
      const statuses: number[] = [];
      for (const forwarded of ['10.1.0.1', '10.1.0.2', '10.1.0.3']) {
        const r = await send(server, `/api/fairs/${LAI_CHAU}/registrations`, { 'Content-Type': 'application/json', Origin: server.url, 'X-Forwarded-For': forwarded }, '{}');
        statuses.push(Number(r.statusLine.split(' ')[0]));
      }
      expect(statuses, server.url).toEqual([400, 400, 429]);
    }
  });
});
