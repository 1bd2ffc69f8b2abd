/**
 * Programme results on the BUILT server (TEST_BUILD_DIR), own port and temp database:
 * registering and approving booths at the Quảng Ngãi 2028 fair moves exactly the indicators
 * that count them (booths registered; then booths supported, establishments, support amount),
 * and nothing else; a registration elsewhere moves nothing; the page shows the API's numbers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextPhone, postRegistration, registrationBody, startBuiltServer, tempDatabasePath, type BuiltServer } from '../helpers/registration-server';
import { TEST_PORT } from '../test-env';

const QN = 'hoi-cho-cnnt-quang-ngai-2028';
const PROGRAMME = 'chuong-trinh-khuyen-cong-quang-ngai-2026-2030';
let server: BuiltServer;
const cleanups: (() => void | Promise<void>)[] = [];

beforeAll(async () => {
  const db = tempDatabasePath('programmes-server');
  server = await startBuiltServer({ port: TEST_PORT + 160, databasePath: db.file });
  cleanups.push(() => server.stop('SIGKILL'), () => db.cleanup());
}, 60_000);
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

interface Indicator { code: string; name: string; unit: string; target: number; actual: number; byYear: { year: number; target: number | null; actual: number }[]; source: { kind: string } }
interface ProgrammeJson { slug: string; name: string; period: { from: number; to: number }; indicators: Indicator[] }

async function programme(): Promise<ProgrammeJson> {
  const r = await fetch(`${server.url}/api/programmes/${PROGRAMME}`);
  expect(r.status).toBe(200);
  expect(r.headers.get('cache-control')).toBe('no-store');
  return (await r.json()) as ProgrammeJson;
}

/** code → [period actual, 2026, 2027, 2028, 2029, 2030]. */
const figures = (p: ProgrammeJson) => Object.fromEntries(p.indicators.map((i) => [i.code, [i.actual, ...i.byYear.map((y) => y.actual)]]));

/** `before` with `changes` added (code → [period, 2026..2030]). */
function moved(before: Record<string, number[]>, changes: Record<string, number[]>) {
  return Object.fromEntries(Object.entries(before).map(([code, v]) => [code, v.map((x, i) => x + (changes[code]?.[i] ?? 0))]));
}

async function signIn(): Promise<string> {
  const r = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: server.url },
    body: JSON.stringify({ email: 'bantochuc@demo.khuyencong.example', password: 'bantochuc-demo-2026' }),
  });
  expect(r.status).toBe(200);
  return (r.headers.getSetCookie().find((c) => c.startsWith('session=')) ?? '').split(';')[0] ?? '';
}

async function approve(cookie: string, fair: string, code: string) {
  const r = await fetch(`${server.url}/api/console/fairs/${fair}/registrations/${code}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: server.url, Cookie: cookie },
    body: JSON.stringify({ action: 'approve' }),
  });
  expect(r.status).toBe(200);
}

async function register(fair: string, patch: Record<string, unknown>): Promise<string> {
  const r = await postRegistration(server, fair, registrationBody(nextPhone(90_000), { province: 'quang-ngai', ...patch }));
  expect(r.status).toBe(201);
  return ((await r.json()) as { code: string }).code;
}

describe('programme indicators on the built server', () => {
  it('answers the public JSON exactly as documented', async () => {
    const p = await programme();
    expect(Object.keys(p).sort()).toEqual(['indicators', 'name', 'period', 'slug']);
    expect(p).toMatchObject({ slug: PROGRAMME, name: 'Chương trình khuyến công tỉnh Quảng Ngãi giai đoạn 2026–2030', period: { from: 2026, to: 2030 } });
    for (const i of p.indicators) {
      expect(Object.keys(i).sort()).toEqual(['actual', 'byYear', 'code', 'name', 'source', 'target', 'unit']);
      expect(i.byYear.map((y) => y.year)).toEqual([2026, 2027, 2028, 2029, 2030]);
    }
    expect(p.indicators.find((i) => i.code === 'HC-TINH')).toMatchObject({ target: 5, source: { kind: 'fairs-held', fairKinds: ['hoi-cho'], fairLevels: ['tinh'] } });
    const missing = await fetch(`${server.url}/api/programmes/khong-co`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: 'programme_not_found', message: 'Không tìm thấy chương trình khuyến công này.' });
    expect((await fetch(`${server.url}/api/programmes/${'x'.repeat(300)}`)).status).toBe(404);
  });

  it('registering moves booths registered (2028) only; approving moves support, establishments and amount; elsewhere moves nothing', async () => {
    const start = figures(await programme());
    expect(start['GH-DANG-KY']).toEqual([0, 0, 0, 0, 0, 0]);

    // Two booths asked with support, by an establishment with a tax code.
    const supported = await register(QN, { quantity: 2, taxCode: '4300123456', establishmentName: 'Công ty TNHH Thử Sa Huỳnh', establishmentType: 'sme' });
    const afterRegister = figures(await programme());
    expect(afterRegister).toEqual(moved(start, { 'GH-DANG-KY': [2, 0, 0, 2, 0, 0] }));

    const cookie = await signIn();
    await approve(cookie, QN, supported);
    const afterApprove = figures(await programme());
    expect(afterApprove).toEqual(
      moved(afterRegister, {
        'GH-HO-TRO': [2, 0, 0, 2, 0, 0],
        'CS-HO-TRO': [1, 0, 0, 1, 0, 0],
        // tieu-chuan: 7.000.000 đ × 2 booths × 100 %.
        'KP-GIAN-HANG': [14_000_000, 0, 0, 14_000_000, 0, 0],
      }),
    );

    // Approved without asking for support: a booth registered, nothing supported.
    const unsupported = await register(QN, { wantsSupport: false });
    await approve(cookie, QN, unsupported);
    const afterUnsupported = figures(await programme());
    expect(afterUnsupported).toEqual(moved(afterApprove, { 'GH-DANG-KY': [1, 0, 0, 1, 0, 0] }));

    // A double booth (gian-doi: 14.000.000 đ at 80 %) for a household without a tax code (counted by phone).
    const double = await register(QN, { boothTypeId: 'gian-doi' });
    const pendingDouble = figures(await programme());
    expect(pendingDouble).toEqual(moved(afterUnsupported, { 'GH-DANG-KY': [1, 0, 0, 1, 0, 0] }));
    await approve(cookie, QN, double);
    const afterAgain = figures(await programme());
    expect(afterAgain).toEqual(
      moved(pendingDouble, {
        'GH-HO-TRO': [1, 0, 0, 1, 0, 0],
        'CS-HO-TRO': [1, 0, 0, 1, 0, 0],
        'KP-GIAN-HANG': [11_200_000, 0, 0, 11_200_000, 0, 0],
      }),
    );

    // Another province's fair: the Quảng Ngãi programme does not move.
    const elsewhere = await register('hoi-cho-cnnt-lai-chau-2027', { province: 'lai-chau' });
    await approve(cookie, 'hoi-cho-cnnt-lai-chau-2027', elsewhere);
    expect(figures(await programme())).toEqual(afterAgain);
  }, 60_000);

  it('shows on the page the numbers of the API, computed on demand', async () => {
    const api = await programme();
    const r = await fetch(`${server.url}/chuong-trinh/${PROGRAMME}`);
    expect(r.status).toBe(200);
    const html = await r.text();
    expect(html).toContain('Dữ liệu minh họa.');
    expect(html).not.toContain('<script');
    for (const i of api.indicators) {
      const id = `chi-tieu-${i.code.toLowerCase()}`;
      const section = html.slice(html.indexOf(`id="${id}"`), html.indexOf('</section>', html.indexOf(`id="${id}"`)));
      expect(section, i.code).toContain(`data-actual="${String(i.actual)}"`);
      expect(section, i.code).toContain(`data-target="${String(i.target)}"`);
      const years = [...section.matchAll(/<tr data-year="(\d+)"[^>]*>[\s\S]*?data-actual="(\d+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
      expect(years, i.code).toEqual(i.byYear.map((y) => [y.year, y.actual]));
      expect(section).toContain('<svg');
      expect(section).toContain('role="img"');
    }
    const list = await fetch(`${server.url}/chuong-trinh`);
    expect(list.status).toBe(200);
    expect(await list.text()).toContain(`href="/chuong-trinh/${PROGRAMME}"`);
    const missing = await fetch(`${server.url}/chuong-trinh/khong-co`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('Không tìm thấy chương trình');
  });
});
