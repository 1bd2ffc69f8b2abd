/**
 * Fair operations on the BUILT server (TEST_BUILD_DIR) with its own port and temp database:
 * a booth rush (50 simultaneous requests for booth A05 of the Quảng Ngãi 2028 fair: exactly one
 * gets it, the others 409 `booth_taken` with the nearest free booths), the plan's states in the
 * availability answer, bad booth-choice bodies (all 4xx, nothing stored), the short link, the
 * organiser's plan and the .xlsx export (read back with exceljs, audited), the directory page.
 */
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextPhone, postRegistration, registrationBody, startBuiltServer, tempDatabasePath, type BuiltServer } from '../helpers/registration-server';
import { TEST_PORT } from '../test-env';

const QN = 'hoi-cho-cnnt-quang-ngai-2028'; // floor plan with booth choice, open on TEST_NOW
const DN = 'hoi-cho-cnnt-ocop-da-nang-2027'; // floor plan without choice
let server: BuiltServer;
let file = '';
const cleanups: (() => void | Promise<void>)[] = [];

beforeAll(async () => {
  const db = tempDatabasePath('fairops-server');
  file = db.file;
  server = await startBuiltServer({ port: TEST_PORT + 140, databasePath: db.file });
  cleanups.push(() => server.stop('SIGKILL'), () => db.cleanup());
}, 60_000);
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

const body = (patch: Record<string, unknown> = {}) => registrationBody(nextPhone(70_000), { province: 'quang-ngai', ...patch });

async function signIn(): Promise<string> {
  const r = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: server.url },
    body: JSON.stringify({ email: 'bantochuc@demo.khuyencong.example', password: 'bantochuc-demo-2026' }),
  });
  expect(r.status).toBe(200);
  return (r.headers.getSetCookie().find((c) => c.startsWith('session=')) ?? '').split(';')[0] ?? '';
}

describe('booth choice on the built server', () => {
  it('gives booth A05 to exactly one of 50 simultaneous requests; the 49 others get 409 booth_taken with the nearest free booths', async () => {
    const { boothTypeId: _type, quantity: _q, ...withoutType } = body();
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => postRegistration(server, QN, { ...withoutType, phone: nextPhone(70_000), boothCodes: ['A05'] }).then(async (r) => ({ status: r.status, json: (await r.json()) as Record<string, unknown> }))),
    );
    const won = answers.filter((a) => a.status === 201);
    expect(won).toHaveLength(1);
    expect(won[0]?.json).toMatchObject({ status: 'pending', heldQuantity: 1 });
    const refused = answers.filter((a) => a.status === 409);
    expect(refused).toHaveLength(49);
    for (const r of refused) expect(r.json).toMatchObject({ error: 'booth_taken', taken: ['A05'], nearest: ['A04', 'A06', 'A03'] });
    expect(refused[0]?.json['message']).toBe('Gian A05 vừa có đơn khác giữ. Các gian cùng loại còn trống gần nhất: A04, A06, A03.');

    const availability = (await (await fetch(`${server.url}/api/fairs/${QN}/availability`)).json()) as { booths: { code: string; state: string }[]; boothTypes: { id: string; held: number; total: number }[] };
    expect(availability.booths.find((b) => b.code === 'A05')).toEqual({ code: 'A05', state: 'held' });
    expect(availability.booths.filter((b) => b.state !== 'free')).toHaveLength(1);
    expect(availability.boothTypes.find((t) => t.id === 'tieu-chuan')).toMatchObject({ total: 44, held: 1 });
    const db = new Database(file, { readonly: true });
    expect(db.prepare("SELECT count(*) FROM booth_assignments WHERE fair_slug = ? AND booth_code = 'A05'").pluck().get(QN)).toBe(1);
    expect(db.prepare('SELECT count(*) FROM registrations WHERE fair_slug = ?').pluck().get(QN)).toBe(1);
    db.close();
  }, 60_000);

  it('answers every bad booth-choice body with a 4xx and a Vietnamese message, storing nothing', async () => {
    const cases: [Record<string, unknown>, number, string][] = [
      [body({ boothTypeId: 'tieu-chuan', boothCodes: ['D01'] }), 400, 'Gian D01 là gian đôi'],
      [body({ boothCodes: ['Z99'] }), 400, 'Gian Z99 không có trên sơ đồ'],
      [body({ quantity: 2, boothCodes: ['A07'] }), 400, 'Đã chọn 1 gian nhưng số gian đăng ký là 2'],
      [body({ quantity: 2, boothCodes: ['A07', 'A07'] }), 400, 'Gian A07 được chọn hai lần'],
      [body({ boothCodes: 'A07; ; ' + 'x'.repeat(300) }), 400, 'Mã gian'],
      [body({ boothCodes: [1, 2] }), 400, ''],
      [body({ boothCodes: { a: 1 } }), 400, ''],
      [body({ boothCodes: Array.from({ length: 30 }, (_, i) => `A${String(i).padStart(2, '0')}`) }), 400, 'Chọn tối đa 20 gian'],
      [body({ wantedTags: ['vip'] }), 400, 'Yêu cầu về gian'],
      [body({ directoryConsent: 'có lẽ' }), 400, 'danh bạ gian hàng'],
    ];
    for (const [payload, status, text] of cases) {
      const r = await postRegistration(server, QN, payload);
      const json = (await r.json()) as { error: string; fields?: Record<string, string> };
      expect(r.status, JSON.stringify(payload).slice(0, 120)).toBe(status);
      expect(JSON.stringify(json.fields ?? {})).toContain(text);
    }
    // Choice on a fair that does not allow it.
    const dn = await postRegistration(server, DN, body({ province: 'da-nang', boothCodes: ['A02'] }));
    expect(dn.status).toBe(400);
    expect(((await dn.json()) as { fields: Record<string, string> }).fields['boothCodes']).toMatch(/không cho chọn gian/);
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM registrations WHERE fair_slug IN (?, ?)').pluck().get(QN, DN)).toBe(1);
    db.close();
  });

  it('sends /q/<token> to the management page without logging or caching it', async () => {
    const r = await postRegistration(server, QN, body());
    const { manageUrl } = (await r.json()) as { manageUrl: string };
    const token = manageUrl.split('/').at(-1) ?? '';
    expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const short = await fetch(`${server.url}/q/${token}`, { redirect: 'manual' });
    expect(short.status).toBe(303);
    expect(short.headers.get('location')).toBe(`/hoi-cho/quan-ly/${token}`);
    expect(short.headers.get('cache-control')).toBe('no-store');
    expect((await fetch(`${server.url}/q/%3Cx%3E`, { redirect: 'manual' })).status).toBe(404);
  });

  it('sends the link again through the JSON API: 202 without the link, the old link dead, 4xx for bad bodies, 429 after three', async () => {
    const phone = nextPhone(70_000);
    const r = await postRegistration(server, QN, body({ phone }));
    const { code, manageUrl } = (await r.json()) as { code: string; manageUrl: string };
    const resend = (payload: unknown, type = 'application/json') =>
      fetch(`${server.url}/api/registrations/${code}/resend`, { method: 'POST', headers: { 'Content-Type': type, Origin: server.url }, body: typeof payload === 'string' ? payload : JSON.stringify(payload) });
    const first = await resend({ phone });
    expect(first.status).toBe(202);
    const text = await first.text();
    expect(JSON.parse(text)).toEqual({ channel: 'sms' });
    expect(text).not.toMatch(/quan-ly|\/q\//);
    expect((await fetch(manageUrl)).status).toBe(404);
    expect((await resend({ phone: '0900000000' })).status).toBe(404);
    expect((await resend({ phone, channel: 'fax' })).status).toBe(400);
    expect((await resend('{', 'application/json')).status).toBe(400);
    expect((await resend('phone=1', 'text/plain')).status).toBe(415);
    await resend({ phone });
    await resend({ phone });
    const limited = await resend({ phone });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(((await limited.json()) as { error: string }).error).toBe('resend_limited');
  });
});

describe('the organiser on the built server', () => {
  it('assigns, moves and vacates on the plan by plain forms, exports .xlsx (audited), and the directory lists only approved, consenting exhibitors', async () => {
    const cookie = await signIn();
    const send = (path: string, form: Record<string, string>) =>
      fetch(`${server.url}${path}`, { method: 'POST', redirect: 'manual', headers: { Cookie: cookie, Origin: server.url, 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
    const listed = (await (await postRegistration(server, DN, body({ province: 'da-nang', directoryConsent: true, establishmentName: 'Hợp tác xã Nước mắm Nam Ô thử', products: 'Nước mắm cá cơm Nam Ô' }))).json()) as { code: string };
    const hidden = (await (await postRegistration(server, DN, body({ province: 'da-nang', establishmentName: 'Hộ kinh doanh không công bố' }))).json()) as { code: string };

    let r = await send(`/api/console/fairs/${DN}/booths/A02`, { action: 'assign', registration: listed.code });
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe(`/quan-tri/hoi-cho/${DN}/so-do?da-xu-ly=${listed.code}&gian=A02`);
    r = await send(`/api/console/fairs/${DN}/booths/A02`, { action: 'assign', registration: hidden.code });
    expect(r.headers.get('location')).toContain('loi=booth_number_taken');
    r = await send(`/api/console/fairs/${DN}/booths/ZZ9`, { action: 'vacate' });
    expect(r.headers.get('location')).toContain('loi=booth_not_on_plan');
    r = await send(`/api/console/fairs/${DN}/booths/A02`, { action: 'move', to: 'A03' });
    expect(r.headers.get('location')).toBe(`/quan-tri/hoi-cho/${DN}/so-do?da-xu-ly=${listed.code}&gian=A03`);
    const json = await fetch(`${server.url}/api/console/fairs/${DN}/booths/A03`, { method: 'POST', headers: { Cookie: cookie, Origin: server.url, 'Content-Type': 'application/json' }, body: JSON.stringify({ action: 'teleport' }) });
    expect(json.status).toBe(400);
    await send(`/api/console/fairs/${DN}/booths/A03`, { action: 'vacate' });
    await send(`/api/console/fairs/${DN}/booths/A04`, { action: 'assign', registration: listed.code });
    for (const code of [listed.code, hidden.code]) await send(`/api/console/fairs/${DN}/registrations/${code}`, { action: 'approve' });

    const plan = await fetch(`${server.url}/quan-tri/hoi-cho/${DN}/so-do?gian=A04`, { headers: { Cookie: cookie } });
    expect(plan.status).toBe(200);
    const html = await plan.text();
    expect(html).toMatch(new RegExp(`Đơn <a href="/quan-tri/hoi-cho/${DN}\\?q=${listed.code}"[^>]*>${listed.code}</a>`));
    expect(html).toContain('Chuyển gian');

    const dir = await (await fetch(`${server.url}/hoi-cho/${DN}/gian-hang?q=nuoc+mam`)).text();
    expect(dir).toContain('Hợp tác xã Nước mắm Nam Ô thử');
    expect(dir).toContain('A04');
    expect(dir).not.toContain('Hộ kinh doanh không công bố');
    expect(dir).toContain('/san-pham/nuoc-mam-ca-com-nam-o');

    const xlsx = await fetch(`${server.url}/quan-tri/hoi-cho/${DN}/dang-ky.xlsx`, { headers: { Cookie: cookie } });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const sheet = workbook.worksheets[0];
    expect(sheet?.getRow(2).getCell(1).value).toBe(listed.code);
    expect(sheet?.getRow(2).getCell(6).value).toBe('A04');
    expect(sheet?.getRow(2).getCell(21).value).toBeInstanceOf(Date);

    const db = new Database(file, { readonly: true });
    const actions = db.prepare(`SELECT action, details FROM audit_log WHERE target = ? ORDER BY id`).all(`registration:${listed.code}`) as { action: string; details: string }[];
    expect(actions.map((a) => a.action)).toEqual(['registration.create', 'registration.assign', 'registration.move', 'registration.vacate', 'registration.assign', 'registration.approve']);
    expect(JSON.parse(actions[2]?.details ?? '{}')).toMatchObject({ boothFrom: 'A02', boothTo: 'A03' });
    expect(db.prepare("SELECT details FROM audit_log WHERE action = 'registration.export' ORDER BY id DESC LIMIT 1").pluck().get()).toContain('xlsx');
    db.close();
  }, 60_000);
});

describe('bad bodies on the new routes', () => {
  it('are all answered 4xx with a Vietnamese message, never 5xx, and change nothing', async () => {
    const cookie = await signIn();
    const r0 = await postRegistration(server, QN, body());
    const { manageUrl, code } = (await r0.json()) as { manageUrl: string; code: string };
    const token = manageUrl.split('/').at(-1) ?? '';
    const db = new Database(file, { readonly: true });
    const before = db.prepare('SELECT * FROM registrations WHERE code = ?').get(code);
    const huge = 'x'.repeat(70 * 1024);
    const cases: { path: string; type: string; payload: string; staff?: boolean; want: number }[] = [
      { path: `/api/registrations/manage/${token}`, type: 'application/json', payload: JSON.stringify({ action: 'reduce', quantity: 'một' }), want: 400 },
      { path: `/api/registrations/manage/${token}`, type: 'application/json', payload: JSON.stringify({ action: 'reduce', quantity: 5 }), want: 400 },
      { path: `/api/registrations/manage/${token}`, type: 'application/json', payload: JSON.stringify({ action: 'update-products', products: '\u200b\u200b' }), want: 400 },
      { path: `/api/registrations/manage/${token}`, type: 'text/plain', payload: 'action=reduce', want: 415 },
      { path: `/hoi-cho/quan-ly/${token}`, type: 'application/x-www-form-urlencoded', payload: 'action=reduce&quantity=0', want: 400 },
      { path: `/hoi-cho/quan-ly/${token}`, type: 'application/x-www-form-urlencoded', payload: 'action=update-products&products=', want: 400 },
      { path: `/api/registrations/${code}/resend`, type: 'application/json', payload: huge, want: 413 },
      { path: `/api/console/fairs/${DN}/bulk-approve`, type: 'application/json', payload: JSON.stringify({ codes: 'tất cả', confirm: true }), staff: true, want: 400 },
      { path: `/api/console/fairs/${DN}/bulk-approve`, type: 'application/json', payload: JSON.stringify({ codes: [code] }), staff: true, want: 400 },
      { path: `/api/console/fairs/${DN}/bulk-approve`, type: 'application/xml', payload: '<codes/>', staff: true, want: 415 },
      { path: `/api/console/fairs/${DN}/auto-assign`, type: 'application/json', payload: '{}', staff: true, want: 400 },
      { path: `/api/console/fairs/${DN}/booths/A01`, type: 'application/json', payload: JSON.stringify({ action: 'assign', registration: 'x' }), staff: true, want: 400 },
      { path: `/api/console/fairs/${DN}/booths/A01`, type: 'application/json', payload: JSON.stringify({ action: 'move', to: '<b>' }), staff: true, want: 400 },
      { path: `/api/console/fairs/${DN}/booths/A01`, type: 'application/json', payload: JSON.stringify({ action: 'vacate' }), staff: true, want: 409 },
      { path: `/api/console/fairs/${DN}/booths/A01`, type: 'text/plain', payload: 'vacate', staff: true, want: 415 },
      { path: `/api/console/fairs/${QN}/registrations/${code}`, type: 'application/json', payload: JSON.stringify({ action: 'move', from: 'A01' }), staff: true, want: 400 },
      { path: `/api/console/fairs/${QN}/registrations/${code}`, type: 'application/json', payload: JSON.stringify({ action: 'vacate', from: 'A01' }), staff: true, want: 409 },
      { path: `/quan-tri/hoi-cho/${DN}/dang-ky-moi`, type: 'application/json', payload: '{}', staff: true, want: 415 },
      { path: `/quan-tri/hoi-cho/${DN}/dang-ky-moi`, type: 'application/x-www-form-urlencoded', payload: 'establishmentName=', staff: true, want: 400 },
      { path: `/quan-tri/hoi-cho/${DN}/dang-ky-moi`, type: 'application/x-www-form-urlencoded', payload: huge, staff: true, want: 413 },
    ];
    for (const c of cases) {
      const r = await fetch(`${server.url}${c.path}`, { method: 'POST', redirect: 'manual', headers: { 'Content-Type': c.type, Origin: server.url, ...(c.staff ? { Cookie: cookie } : {}) }, body: c.payload });
      const text = await r.text();
      expect(r.status, `${c.path} ${c.payload.slice(0, 60)}`).toBe(c.want);
      expect(text, c.path).toMatch(/[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i);
    }
    expect(db.prepare('SELECT * FROM registrations WHERE code = ?').get(code)).toEqual(before);
    db.close();
  }, 60_000);
});
