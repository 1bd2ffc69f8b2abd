/**
 * The BUILT server as a child process (TEST_BUILD_DIR), its own port and temp database:
 * 500 simultaneous requests for the last 20 booths hold exactly 20; a SIGKILL during a burst
 * loses no acknowledged registration; ≥ 1,000 malformed payloads give no 5xx and change nothing.
 */
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import {
  nextPhone,
  postRegistration,
  registrationBody,
  startBuiltServer,
  tempDatabasePath,
  type BuiltServer,
} from '../helpers/registration-server';
import { TEST_PORT } from '../test-env';

const LAI_CHAU = 'hoi-cho-cnnt-lai-chau-2027'; // 240 standard booths, open on TEST_NOW
const BASE_PORT = TEST_PORT + 100;
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function start(name: string, port: number): Promise<{ server: BuiltServer; file: string }> {
  const db = tempDatabasePath(name);
  const server = await startBuiltServer({ port, databasePath: db.file });
  cleanups.push(() => server.stop('SIGKILL'), () => db.cleanup());
  return { server, file: db.file };
}

async function availability(server: BuiltServer, slug: string) {
  const r = await fetch(`${server.url}/api/fairs/${slug}/availability`);
  return (await r.json()) as { boothTypes: { id: string; total: number; held: number; available: number; waitlisted: number }[] };
}

describe('the built server', () => {
  it('holds exactly the last 20 booths for 500 simultaneous requests', async () => {
    const { server } = await start('reg-race', BASE_PORT);
    // 220 of 240 booths taken first, in batches.
    for (let i = 0; i < 220; i += 20) {
      const batch = await Promise.all(Array.from({ length: 20 }, () => postRegistration(server, LAI_CHAU, registrationBody(nextPhone()))));
      expect(batch.map((r) => r.status)).toEqual(Array(20).fill(201));
    }
    expect((await availability(server, LAI_CHAU)).boothTypes[0]).toMatchObject({ held: 220, available: 20 });

    const answers = await Promise.all(
      Array.from({ length: 500 }, () =>
        postRegistration(server, LAI_CHAU, registrationBody(nextPhone())).then(async (r) => ({ status: r.status, body: (await r.json()) as { status: string } })),
      ),
    );
    expect(answers.every((a) => a.status === 201)).toBe(true);
    expect(answers.filter((a) => a.body.status === 'pending')).toHaveLength(20);
    expect(answers.filter((a) => a.body.status === 'waitlisted')).toHaveLength(480);
    expect((await availability(server, LAI_CHAU)).boothTypes[0]).toMatchObject({ total: 240, held: 240, available: 0, waitlisted: 480 });
  }, 120_000);

  it('keeps every acknowledged registration through a SIGKILL during a burst', async () => {
    const db = tempDatabasePath('reg-crash');
    cleanups.push(() => db.cleanup());
    const first = await startBuiltServer({ port: BASE_PORT + 1, databasePath: db.file });
    const acknowledged: { code: string; phone: string }[] = [];
    let killed = false;
    const worker = async () => {
      while (!killed) {
        const phone = nextPhone(50_000);
        try {
          const r = await postRegistration(first, LAI_CHAU, registrationBody(phone));
          if (r.status === 201) acknowledged.push({ code: ((await r.json()) as { code: string }).code, phone });
        } catch {
          // connection cut by the kill: not acknowledged
        }
      }
    };
    const workers = Array.from({ length: 16 }, () => worker());
    // Killed in the middle of the burst, once it is well under way (a loaded machine may need more than 1.5 s).
    const deadline = Date.now() + 20_000;
    await new Promise((r) => setTimeout(r, 1500));
    while (acknowledged.length <= 20 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    killed = true;
    await first.stop('SIGKILL');
    await Promise.all(workers);
    expect(acknowledged.length).toBeGreaterThan(10);

    const second = await startBuiltServer({ port: BASE_PORT + 1, databasePath: db.file });
    cleanups.push(() => second.stop('SIGKILL'));
    const missing: string[] = [];
    for (const { code, phone } of acknowledged) {
      const r = await fetch(`${second.url}/api/registrations/${code}?phone=${phone}`);
      if (r.status !== 200) missing.push(code);
    }
    expect(missing).toEqual([]);
  }, 120_000);

  it('answers ≥ 1,000 malformed payloads with 4xx and stores nothing', async () => {
    const { server, file } = await start('reg-fuzz', BASE_PORT + 2);
    const seed = await postRegistration(server, LAI_CHAU, registrationBody(nextPhone(90_000)));
    expect(seed.status).toBe(201);
    const snapshot = () => {
      const db = new Database(file, { readonly: true });
      try {
        return JSON.stringify(['registrations', 'registration_events', 'registration_idempotency', 'outbox'].map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all()));
      } finally {
        db.close();
      }
    };
    const before = snapshot();

    let state = 20261201;
    const rand = () => {
      state = (state * 1103515245 + 12345) & 0x7fffffff;
      return state / 0x7fffffff;
    };
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
    const junk: unknown[] = [null, true, 0, -1, Number.POSITIVE_INFINITY, 3.5, '', ' ', '<script>alert(1)</script>', '=cmd|', 'x'.repeat(5000), [], {}, [1, 2], { $gt: '' }, '\u0000', '0912345678'.repeat(3), 'ﾟ(ﾟ∀ﾟ)ﾟ', NaN];
    // Each mutation makes the body invalid on its own.
    const breakers: ((b: Record<string, unknown>) => void)[] = [
      (b) => {
        const field = pick(['establishmentName', 'establishmentType', 'representative', 'phone', 'province', 'commune', 'products', 'boothTypeId', 'quantity', 'consent']);
        b[field] = undefined;
      },
      (b) => (b['phone'] = pick(['123', '0212345678', '+1 555 0100', 'abc', 12345678901, '09123456789', null])),
      (b) => (b['quantity'] = pick([0, -1, 3, 2.5, '1e3', 'một', null, 1000, [1]])),
      (b) => (b['consent'] = pick([false, 'off', 'no', 0, null, 'yes please'])),
      (b) => (b['province'] = pick(['quang-nam', 'ha-tay', 'Lai Châu', '', 42, '../etc'])),
      (b) => (b['establishmentType'] = pick(['craft-village', 'SME', '', 7, 'doanh nghiệp'])),
      (b) => (b['boothTypeId'] = pick(['vip', 'TIEU-CHUAN', '', '../x', 9, 'gian-doi'])),
      (b) => ((b['establishmentType'] = 'sme'), (b['taxCode'] = pick(['', '123', '12345678901', '1234567890-1', 'abcdefghij', null]))),
      (b) => (b['email'] = pick(['x@', '@x', 'a b@c.d', 5, 'x'.repeat(300) + '@a.vn'])),
      (b) => (b[pick(['establishmentName', 'representative', 'commune', 'products'])] = pick([null, 5, [], {}, '', ' ', 'x'.repeat(2001)])),
      (b) => (b['wantsSupport'] = pick(['maybe', 2, {}, []])),
    ];
    const bodies: { body: string; type?: string; origin?: string | null; key?: string }[] = [];
    for (let i = 0; i < 1100; i++) {
      const kind = rand();
      if (kind < 0.7) {
        const b = registrationBody(nextPhone(100_000));
        const rounds = 1 + Math.floor(rand() * 3);
        for (let k = 0; k < rounds; k++) pick(breakers)(b);
        if (rand() < 0.3) b[pick(['extra', '__proto__', 'constructor', 'status', 'heldQuantity'])] = pick(junk);
        bodies.push({ body: JSON.stringify(b) });
      } else if (kind < 0.8) {
        bodies.push({ body: JSON.stringify(pick(junk)) });
      } else if (kind < 0.88) {
        const text = JSON.stringify(registrationBody(nextPhone(200_000)));
        bodies.push({ body: text.slice(0, Math.floor(rand() * text.length)) + pick(['', '}', '{{', '\\', '"']) });
      } else if (kind < 0.93) {
        bodies.push({ body: JSON.stringify(registrationBody(nextPhone(300_000))), type: pick(['text/plain', 'application/xml', '', 'application/jsonx']) });
      } else if (kind < 0.97) {
        bodies.push({ body: JSON.stringify(registrationBody(nextPhone(400_000))), origin: pick([null, 'http://evil.example', 'null']) });
      } else {
        bodies.push({ body: JSON.stringify(registrationBody(nextPhone(500_000))), key: pick([' ', 'x'.repeat(201), 'a b', 'é']) });
      }
    }
    bodies.push({ body: JSON.stringify({ ...registrationBody(nextPhone(600_000)), products: 'x'.repeat(70_000) }) });

    const statuses = new Map<number, number>();
    for (let i = 0; i < bodies.length; i += 25) {
      const chunk = bodies.slice(i, i + 25);
      const results = await Promise.all(
        chunk.map(async (b) => {
          const headers: Record<string, string> = { 'Content-Type': b.type ?? 'application/json' };
          if (b.origin !== null) headers['Origin'] = b.origin ?? server.url;
          if (b.key !== undefined) headers['Idempotency-Key'] = b.key;
          try {
            const r = await fetch(`${server.url}/api/fairs/${LAI_CHAU}/registrations`, { method: 'POST', headers, body: b.body });
            await r.arrayBuffer();
            return r.status;
          } catch {
            // An invalid header value can be refused by the client itself: not sent, not a 5xx.
            return 0;
          }
        }),
      );
      for (const s of results) statuses.set(s, (statuses.get(s) ?? 0) + 1);
    }
    const sent = [...statuses.entries()].filter(([s]) => s !== 0).reduce((n, [, c]) => n + c, 0);
    expect(sent).toBeGreaterThanOrEqual(1000);
    const bad = [...statuses.keys()].filter((s) => s !== 0 && (s < 400 || s >= 500));
    expect(bad, JSON.stringify(Object.fromEntries(statuses))).toEqual([]);
    expect(snapshot()).toBe(before);
  }, 180_000);

  it('limits status lookups per IP: the 21st in 10 minutes is 429 with Retry-After, on the API and the page', async () => {
    const db = tempDatabasePath('reg-lookup-limit');
    const server = await startBuiltServer({ port: BASE_PORT + 3, databasePath: db.file, env: { REGISTRATION_RATE_LIMIT: '100' } });
    cleanups.push(() => server.stop('SIGKILL'), () => db.cleanup());
    const seed = await postRegistration(server, LAI_CHAU, registrationBody(nextPhone(200_000)));
    const { code } = (await seed.json()) as { code: string };
    for (let i = 0; i < 20; i++) {
      const r = await fetch(`${server.url}/api/registrations/${code}?phone=09${String(30_000_000 + i)}`);
      expect(r.status).toBe(404);
    }
    const api = await fetch(`${server.url}/api/registrations/${code}?phone=0930000099`);
    expect(api.status).toBe(429);
    expect(Number(api.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await api.json()).toMatchObject({ error: 'lookup_rate_limited', message: expect.stringContaining('tra cứu quá nhiều lần') as string });

    const page = await fetch(`${server.url}/hoi-cho/tra-cuu`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.url },
      body: new URLSearchParams({ code, phone: '0930000098' }).toString(),
    });
    expect(page.status).toBe(429);
    expect(Number(page.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await page.text()).toContain('Bạn đã tra cứu quá nhiều lần');
  }, 60_000);
  it("a second registration with a known tax code learns neither the first one's code nor its status", async () => {
    const { server } = await start('reg-duplicate', BASE_PORT + 4);
    const taxed = (phone: string) => registrationBody(phone, { establishmentType: 'cooperative', taxCode: '6200123456' });
    const first = await postRegistration(server, LAI_CHAU, taxed(nextPhone(300_000)));
    expect(first.status).toBe(201);
    const { code } = (await first.json()) as { code: string };
    // Tax codes are public: someone else's phone, the same tax code.
    const again = await postRegistration(server, LAI_CHAU, taxed(nextPhone(300_000)));
    expect(again.status).toBe(200);
    const text = await again.text();
    expect(JSON.parse(text)).toEqual({ duplicate: true, message: expect.stringContaining('Cơ sở đã có đơn đăng ký ở hội chợ này') as string });
    expect(text).not.toContain(code);
    // The plain form says the same, and no code either.
    const form = new URLSearchParams(Object.entries(taxed(nextPhone(300_000))).map(([k, v]) => [k, v === true ? 'on' : String(v)]));
    const page = await fetch(`${server.url}/hoi-cho/${LAI_CHAU}/dang-ky`, { method: 'POST', headers: { Origin: server.url, 'Content-Type': 'application/x-www-form-urlencoded' }, body: form });
    const html = await page.text();
    expect(html).toContain('Cơ sở đã có đơn đăng ký');
    expect(html).not.toContain(code);
    expect(html).not.toContain('Mã đăng ký:');
  });
});
