/**
 * Programme results on the BUILT server (TEST_BUILD_DIR), own port and temp database:
 * registering and approving booths at the Quảng Ngãi 2028 fair moves exactly the indicators
 * that count them (booths registered; then booths supported, establishments, support amount),
 * and nothing else; a registration elsewhere moves nothing; the page shows the API's numbers.
 * Staff-entered actuals through the console's plain form (bad bodies 4xx, nothing stored;
 * audited; withdrawn); the .docx (document.xml unzipped) and .xlsx (read with exceljs) carry the
 * API's numbers; statistics and the tile map count the registrations.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextPhone, postRegistration, registrationBody, startBuiltServer, tempDatabasePath, type BuiltServer } from '../helpers/registration-server';
import { TEST_PORT } from '../test-env';

const QN = 'hoi-cho-cnnt-quang-ngai-2028';
const PROGRAMME = 'chuong-trinh-khuyen-cong-quang-ngai-2026-2030';
let server: BuiltServer;
let databaseFile = '';
const cleanups: (() => void | Promise<void>)[] = [];

beforeAll(async () => {
  const db = tempDatabasePath('programmes-server');
  databaseFile = db.file;
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

async function postForm(cookie: string, url: string, fields: Record<string, string> | string, type = 'application/x-www-form-urlencoded') {
  return fetch(`${server.url}${url}`, {
    method: 'POST',
    headers: { 'Content-Type': type, Origin: server.url, Cookie: cookie },
    body: typeof fields === 'string' ? fields : new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
}

const CONSOLE = `/quan-tri/chuong-trinh/${PROGRAMME}`;
const rows = (sql: string, ...args: unknown[]) => {
  const db = new Database(databaseFile, { readonly: true });
  try {
    return db.prepare(sql).all(...args) as Record<string, unknown>[];
  } finally {
    db.close();
  }
};

describe('staff-entered actuals and the reports', () => {
  it('adds a figure with evidence through the plain form (audited), refuses bad bodies with 4xx storing nothing, and withdraws', async () => {
    const cookie = await signIn();
    const before = figures(await programme());
    const good = { action: 'add', indicator: 'DAO-TAO', year: '2027', value: '120', evidence: '  Quyết định  15/QĐ-KC\u0007 mở lớp dệt thổ cẩm ', note: 'Lớp tại xã Ba Tơ' };
    const ok = await postForm(cookie, CONSOLE, good);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('Đã ghi 120 vào chỉ tiêu DAO-TAO năm 2027.');
    expect(figures(await programme())).toEqual(moved(before, { 'DAO-TAO': [120, 0, 120, 0, 0, 0] }));
    const stored = rows('SELECT * FROM programme_actuals');
    expect(stored).toHaveLength(1);
    expect(stored[0]?.['evidence']).toBe('Quyết định 15/QĐ-KC mở lớp dệt thổ cẩm');

    const bad: [Record<string, string> | string, string, number, string][] = [
      [{ ...good, value: 'một trăm' }, 'application/x-www-form-urlencoded', 400, 'Số thực hiện phải là số nguyên.'],
      [{ ...good, value: '-5' }, 'application/x-www-form-urlencoded', 400, 'Số thực hiện phải là số nguyên.'],
      [{ ...good, evidence: '   ' }, 'application/x-www-form-urlencoded', 400, 'Vui lòng nhập minh chứng.'],
      [{ ...good, year: '2040' }, 'application/x-www-form-urlencoded', 400, 'Năm nằm ngoài giai đoạn của chương trình.'],
      [{ ...good, indicator: 'GH-DANG-KY' }, 'application/x-www-form-urlencoded', 409, 'không nhập tay được'],
      [{ ...good, indicator: 'KHONG-CO' }, 'application/x-www-form-urlencoded', 404, 'Chương trình không có chỉ tiêu này.'],
      [{ ...good, indicator: '<script>' }, 'application/x-www-form-urlencoded', 400, 'Chỉ tiêu không hợp lệ.'],
      [JSON.stringify(good), 'application/json', 415, 'Biểu mẫu phải được gửi từ trang web'],
      [`evidence=${'x'.repeat(70_000)}`, 'application/x-www-form-urlencoded', 413, 'quá lớn'],
      [{ action: 'withdraw', id: '999', reason: 'nhầm' }, 'application/x-www-form-urlencoded', 404, 'Không tìm thấy số liệu đã nhập này'],
      [{ action: 'withdraw', id: String(stored[0]?.['id']), reason: '' }, 'application/x-www-form-urlencoded', 400, 'Vui lòng nhập lý do rút lại.'],
    ];
    for (const [body, type, status, message] of bad) {
      const r = await postForm(cookie, CONSOLE, body, type);
      expect(r.status, JSON.stringify(body).slice(0, 80)).toBe(status);
      expect(await r.text()).toContain(message);
    }
    expect(rows('SELECT count(*) AS n FROM programme_actuals')[0]?.['n']).toBe(1);
    expect(rows('SELECT count(*) AS n FROM programme_actuals WHERE withdrawn_at IS NOT NULL')[0]?.['n']).toBe(0);

    const withdraw = await postForm(cookie, CONSOLE, { action: 'withdraw', id: String(stored[0]?.['id']), reason: 'Nhập trùng lớp' });
    expect(withdraw.status).toBe(200);
    expect(figures(await programme())).toEqual(before);
    const again = await postForm(cookie, CONSOLE, { ...good, value: '85' });
    expect(again.status).toBe(200);
    expect(figures(await programme())).toEqual(moved(before, { 'DAO-TAO': [85, 0, 85, 0, 0, 0] }));
    const actions = rows("SELECT action, target FROM audit_log WHERE action LIKE 'programme.actual.%' ORDER BY id").map((r) => r['action']);
    expect(actions).toEqual(['programme.actual.add', 'programme.actual.withdraw', 'programme.actual.add']);
    const page = await (await fetch(`${server.url}${CONSOLE}`, { headers: { Cookie: cookie } })).text();
    expect(page).toContain('Đã rút lại');
    expect(page).toContain('Nhập trùng lớp');
  }, 60_000);

  it('the .docx and the .xlsx carry the API’s numbers (parsed back), audited; only organisers and admins get them', async () => {
    const cookie = await signIn();
    const api = await programme();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'programme-report-'));
    try {
      const docx = await fetch(`${server.url}${CONSOLE}/bao-cao.docx`, { headers: { Cookie: cookie } });
      expect(docx.status).toBe(200);
      expect(docx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      expect(docx.headers.get('content-disposition')).toMatch(/^attachment; filename="bao-cao-chuong-trinh-khuyen-cong-quang-ngai-2026-2030-2026-12-01\.docx"$/);
      const file = path.join(dir, 'bao-cao.docx');
      writeFileSync(file, Buffer.from(await docx.arrayBuffer()));
      const unzip = spawnSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8' });
      expect(unzip.status).toBe(0);
      const xml = unzip.stdout;
      const texts = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1] ?? '');
      const body = texts.join('|');
      for (const heading of ['I. TÌNH HÌNH VÀ KẾT QUẢ THỰC HIỆN SO VỚI KẾ HOẠCH', 'II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN', 'III. NHIỆM VỤ, GIẢI PHÁP THỜI GIAN TỚI', 'IV. KIẾN NGHỊ, ĐỀ XUẤT']) expect(body).toContain(heading);
      expect(body.indexOf('I. TÌNH HÌNH')).toBeLessThan(body.indexOf('II. TỒN TẠI'));
      expect(body.indexOf('II. TỒN TẠI')).toBeLessThan(body.indexOf('III. NHIỆM VỤ'));
      expect(body).toContain('[Nội dung do đơn vị soạn: những chỉ tiêu chưa đạt, nguyên nhân khách quan và chủ quan]');
      expect(body).toContain('Quyết định số 0868/QĐ-UBND ngày 16/03/2026 của UBND tỉnh Quảng Ngãi');
      expect(body).toContain('Dữ liệu minh họa');
      const fmt = (n: number) => new Intl.NumberFormat('vi-VN').format(n);
      for (const i of api.indicators) {
        // Table 1: STT | code | name | unit | target | actual | %.
        const at = texts.indexOf(i.code);
        expect(at, i.code).toBeGreaterThan(0);
        expect(texts.slice(at, at + 5), i.code).toEqual([i.code, i.name, i.unit, fmt(i.target), fmt(i.actual)]);
        // Table 2: per year "actual / target".
        const row = texts.lastIndexOf(i.code);
        expect(texts.slice(row + 1, row + 1 + i.byYear.length), i.code).toEqual(i.byYear.map((y) => `${fmt(y.actual)} / ${y.target === null ? '—' : fmt(y.target)}`));
      }

      const xlsx = await fetch(`${server.url}${CONSOLE}/so-lieu.xlsx`, { headers: { Cookie: cookie } });
      expect(xlsx.status).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await xlsx.arrayBuffer());
      const sheet = workbook.getWorksheet('Số liệu chương trình');
      if (!sheet) throw new Error('no sheet');
      const header = (sheet.getRow(1).values as unknown[]).slice(1);
      expect(header.slice(0, 7)).toEqual(['Mã', 'Chỉ tiêu', 'Đơn vị', 'Cách đếm', 'Chỉ tiêu giai đoạn', 'Thực hiện', 'Tỷ lệ (%)']);
      api.indicators.forEach((i, n) => {
        const v = (sheet.getRow(n + 2).values as unknown[]).slice(1);
        expect(v.slice(0, 3)).toEqual([i.code, i.name, i.unit]);
        expect(v[4]).toBe(i.target);
        expect(v[5]).toBe(i.actual);
        expect(Array.from(v.slice(7, 7 + i.byYear.length * 2), (x) => x ?? null)).toEqual(i.byYear.flatMap((y) => [y.target, y.actual]));
      });
      expect(rows("SELECT action FROM audit_log WHERE action IN ('programme.report', 'programme.export') ORDER BY id").map((r) => r['action'])).toEqual(['programme.report', 'programme.export']);
      expect((await fetch(`${server.url}${CONSOLE}/bao-cao.docx`)).status).toBe(401);
      expect((await fetch(`${server.url}/quan-tri/chuong-trinh/khong-co/so-lieu.xlsx`, { headers: { Cookie: cookie } })).status).toBe(404);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('statistics and the tile map count the registrations by province, type and group', async () => {
    const stats = await fetch(`${server.url}/thong-ke?nam=2028`);
    expect(stats.status).toBe(200);
    const html = await stats.text();
    expect(html).toContain('Thống kê (năm 2028)');
    // The Quảng Ngãi registrations above: 3 holding, 4 booths, 3 supported (2 + the double's 1).
    expect(html).toMatch(/<th scope="row"[^>]*>tỉnh Quảng Ngãi<\/th><td class="num"[^>]*>3<\/td><td class="num"[^>]*>4<\/td><td class="num"[^>]*>3<\/td>/);
    const all = await (await fetch(`${server.url}/thong-ke?nam=abc`)).text();
    expect(all).toContain('Thống kê (mọi năm)');
    const map = await fetch(`${server.url}/ban-do?chi-so=gian-hang`);
    expect(map.status).toBe(200);
    const svg = await map.text();
    expect(svg).toContain('aria-label="tỉnh Quảng Ngãi: 4"');
    expect(svg).toContain('aria-label="Quần đảo Hoàng Sa, thuộc TP Đà Nẵng"');
    expect(svg).toContain('aria-label="Quần đảo Trường Sa, thuộc tỉnh Khánh Hòa"');
    expect((svg.match(/<a href="\/tinh\/[a-z-]+" aria-label=/g) ?? []).length).toBe(36);
  });
});
