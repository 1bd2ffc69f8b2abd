/**
 * The no-JavaScript registration forms against the BUILT server (TEST_BUILD_DIR, real HTTP, its
 * own temp database): every form route refuses bodies that are not a form — JSON, text, XML, no
 * content type, a broken multipart body — and a 10 MB body, with a 4xx and a Vietnamese message
 * on the page; never a 5xx, never a stack in the log. Then free text with invisible, control and
 * reordering characters, through the API, the plain form and the management link: stored
 * cleaned or refused with the field's message, and never in the console page or the CSV.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postRegistration, registrationBody, startBuiltServer, tempDatabasePath, type BuiltServer } from '../helpers/registration-server';
import { TEST_PORT } from '../test-env';
import Database from 'better-sqlite3';

const SAM = 'phien-cho-sam-ngoc-linh-2027';
const PORT = TEST_PORT + 41;
const db = tempDatabasePath('registration-forms');
let server: BuiltServer;
let stderr = '';
let manageUrl = '';

beforeAll(async () => {
  server = await startBuiltServer({ port: PORT, databasePath: db.file });
  server.child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const res = await postRegistration(server, SAM, registrationBody('0971000001'));
  expect(res.status).toBe(201);
  manageUrl = ((await res.json()) as { manageUrl: string }).manageUrl;
});

afterAll(async () => {
  await server.stop();
  db.cleanup();
});

const TEN_MB = 10 * 1024 * 1024;

/** A body of `bytes` bytes sent as a stream of 64 KB chunks, without a Content-Length. */
function chunked(bytes: number): ReadableStream<Uint8Array> {
  const chunk = new Uint8Array(64 * 1024).fill(0x61);
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      controller.enqueue(chunk);
      sent += chunk.byteLength;
    },
  });
}

const BODIES: { name: string; init: () => RequestInit; status: number; message: RegExp }[] = [
  { name: 'JSON', init: () => ({ headers: { 'Content-Type': 'application/json' }, body: '{"code":"ABCDEF"}' }), status: 415, message: /Biểu mẫu phải được gửi từ trang web/ },
  { name: 'text/plain', init: () => ({ headers: { 'Content-Type': 'text/plain' }, body: 'code=ABCDEF' }), status: 415, message: /Biểu mẫu phải được gửi từ trang web/ },
  { name: 'XML', init: () => ({ headers: { 'Content-Type': 'application/xml' }, body: '<code>ABCDEF</code>' }), status: 415, message: /Biểu mẫu phải được gửi từ trang web/ },
  // A byte body: fetch adds no Content-Type of its own.
  { name: 'no content type', init: () => ({ body: new TextEncoder().encode('code=ABCDEF') }), status: 415, message: /Biểu mẫu phải được gửi từ trang web/ },
  {
    name: 'broken multipart',
    init: () => ({ headers: { 'Content-Type': 'multipart/form-data; boundary=----bien' }, body: '------bien\r\nContent-Disposition: form-data; name="code"\r\n\r\nABC' }),
    status: 400,
    message: /Nội dung biểu mẫu gửi lên bị hỏng/,
  },
  {
    name: '10 MB with a length',
    init: () => ({ headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `code=${'a'.repeat(TEN_MB)}` }),
    status: 413,
    message: /Nội dung gửi lên quá lớn/,
  },
  {
    name: '10 MB chunked',
    init: () => ({ headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: chunked(TEN_MB), duplex: 'half' }) as RequestInit,
    status: 413,
    message: /Nội dung gửi lên quá lớn/,
  },
];

const ROUTES = [
  { name: 'the no-JS registration form', path: () => `/hoi-cho/${SAM}/dang-ky` },
  { name: 'the lookup form', path: () => '/hoi-cho/tra-cuu' },
  { name: 'the management link', path: () => new URL(manageUrl).pathname },
];

describe('form routes refuse what is not a form', () => {
  for (const route of ROUTES) {
    for (const body of BODIES) {
      it(`${route.name} × ${body.name} → ${String(body.status)}`, async () => {
        const init = body.init();
        const res = await fetch(`${server.url}${route.path()}`, { ...init, method: 'POST', headers: { Origin: server.url, ...(init.headers as Record<string, string> | undefined) } });
        expect(res.status).toBe(body.status);
        const html = await res.text();
        expect(html).toMatch(body.message);
        expect(html).toContain('<html lang="vi"');
      });
    }
  }

  it('logged no error and no stack for any of them', () => {
    expect(stderr).not.toMatch(/"level":"error"|\n\s+at /);
  });
});

/** The registrations stored, read straight from the file. */
function stored(): { establishment_name: string; representative: string; commune: string; products: string; notes: string | null; phone: string; craft_village: string | null }[] {
  const sqlite = new Database(db.file, { readonly: true });
  try {
    return sqlite.prepare('SELECT establishment_name, representative, commune, products, notes, phone, craft_village FROM registrations ORDER BY id').all() as never;
  } finally {
    sqlite.close();
  }
}

/** Controls (line breaks aside: notes and products keep them) and format characters. */
// eslint-disable-next-line no-control-regex -- control characters are what this looks for
const INVISIBLE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\p{Cf}]/u;
let phoneSeq = 0;
const phone = () => `09720000${String(++phoneSeq).padStart(2, '0')}`;

/** Posts the plain form (no JavaScript) with `fields` over a valid registration. */
async function postForm(fields: Record<string, string>): Promise<Response> {
  const base = Object.fromEntries(Object.entries(registrationBody(phone())).map(([k, v]) => [k, v === true ? 'on' : String(v)]));
  return fetch(`${server.url}/hoi-cho/${SAM}/dang-ky`, {
    method: 'POST',
    headers: { Origin: server.url, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...base, ...fields }).toString(),
  });
}

describe('invisible and deceptive text', () => {
  const nfd = 'Hợp tác xã Chè'.normalize('NFD');
  const cases: { name: string; field: string; value: string; stored?: string; refused?: string }[] = [
    { name: 'control characters only', field: 'establishmentName', value: '\u0000\u0001', refused: 'Vui lòng nhập tên cơ sở.' },
    { name: 'zero-width only', field: 'representative', value: '\u200b\u200c\u2060\ufeff', refused: 'Vui lòng nhập họ tên người đại diện.' },
    { name: 'a right-to-left override', field: 'establishmentName', value: 'HTX \u202Egnp.exe\u202C', stored: 'HTX gnp.exe' },
    { name: 'decomposed (NFD) Vietnamese', field: 'establishmentName', value: nfd, stored: 'Hợp tác xã Chè' },
    { name: 'controls inside a commune', field: 'commune', value: 'Trà\u0007 Linh', stored: 'Trà Linh' },
    { name: 'bidi isolates in the products', field: 'products', value: '\u2066Sâm\u2069 Ngọc Linh', stored: 'Sâm Ngọc Linh' },
    { name: 'punctuation only as a name', field: 'establishmentName', value: '*** ---', refused: 'Tên cơ sở phải có ít nhất một chữ cái hoặc chữ số.' },
  ];

  for (const c of cases) {
    it(`API: ${c.name} in ${c.field}`, async () => {
      const res = await postRegistration(server, SAM, registrationBody(phone(), { [c.field]: c.value }));
      if (c.refused) {
        expect(res.status).toBe(400);
        expect(((await res.json()) as { fields: Record<string, string> }).fields[c.field]).toBe(c.refused);
      } else {
        expect(res.status).toBe(201);
        const row = stored().at(-1) as Record<string, string>;
        const column = c.field.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`);
        expect(row[column]).toBe(c.stored);
      }
    });

    it(`no-JS form: ${c.name} in ${c.field}`, async () => {
      const before = stored().length;
      const res = await postForm({ [c.field]: c.value });
      const html = await res.text();
      if (c.refused) {
        expect(res.status).toBe(400);
        expect(html).toContain(c.refused);
        expect(stored()).toHaveLength(before);
      } else {
        expect(res.status).toBe(201);
        const row = stored().at(-1) as Record<string, string>;
        expect(row[c.field.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`)]).toBe(c.stored);
      }
    });
  }

  // A typed craft village the site has is stored as the site names it, both ways in (as contest
  // entries store it); another name as typed, trimmed.
  const villages = [
    { typed: 'lang gom thanh ha', stored: 'Làng gốm Thanh Hà' },
    { typed: '  Gốm Thanh Hà ', stored: 'Làng gốm Thanh Hà' },
    { typed: 'Làng nón Chuông ', stored: 'Làng nón Chuông' },
  ];
  for (const v of villages) {
    it(`API and no-JS form: craft village "${v.typed}" → "${v.stored}"`, async () => {
      const api = await postRegistration(server, SAM, registrationBody(phone(), { craftVillage: v.typed }));
      expect(api.status).toBe(201);
      expect(stored().at(-1)?.craft_village).toBe(v.stored);
      const form = await postForm({ craftVillage: v.typed });
      expect(form.status).toBe(201);
      expect(stored().at(-1)?.craft_village).toBe(v.stored);
    });
  }

  it('the management link cleans a corrected contact, or refuses it', async () => {
    const path = new URL(manageUrl).pathname;
    const post = (representative: string) =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { Origin: server.url, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ action: 'update-contact', representative, phone: '0971000001' }).toString(),
      });
    const refused = await post('\u200b\u200b\u200b');
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Vui lòng nhập họ tên người đại diện.');
    expect((await post('Lò \u202EnăV\u202C Thào'.normalize('NFD'))).status).toBe(303);
    expect(stored()[0]?.representative).toBe('Lò năV Thào');
  });

  it('the lookup form cleans the code', async () => {
    const res = await fetch(`${server.url}/hoi-cho/tra-cuu`, {
      method: 'POST',
      headers: { Origin: server.url, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ code: '\u200bABC\u0000DEF', phone: '0971000001' }).toString(),
    });
    expect(res.status).toBeLessThan(500);
    expect([400, 404]).toContain(res.status);
  });

  it("the organiser's reject reason is cleaned, or refused when nothing visible is left", async () => {
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { Origin: server.url, 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'bantochuc@demo.khuyencong.example', password: 'bantochuc-demo-2026' }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const res = await postRegistration(server, SAM, registrationBody(phone(), { establishmentName: 'Hộ bị từ chối' }));
    const { code } = (await res.json()) as { code: string };
    const reject = (reason: string) =>
      fetch(`${server.url}/api/console/fairs/${SAM}/registrations/${code}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { Origin: server.url, Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ action: 'reject', reason }).toString(),
      });
    const invisible = await reject('\u200b\u200b\u200b\u200b\u200b');
    expect(invisible.status).toBe(303);
    expect(invisible.headers.get('location')).toContain('loi=invalid_input');
    const ok = await reject('Sản phẩm \u202Etrùng\u202C\u0000 hạng mục');
    expect(ok.headers.get('location')).toContain(`da-xu-ly=${code}`);
    const sqlite = new Database(db.file, { readonly: true });
    const row = sqlite.prepare('SELECT status, reject_reason AS reason FROM registrations WHERE code = ?').get(code) as { status: string; reason: string };
    const notes = sqlite.prepare("SELECT e.note FROM registration_events e JOIN registrations r ON r.id = e.registration_id WHERE r.code = ? AND e.kind = 'rejected'").all(code) as { note: string }[];
    sqlite.close();
    expect(row).toEqual({ status: 'rejected', reason: 'Sản phẩm trùng hạng mục' });
    expect(notes).toEqual([{ note: 'Sản phẩm trùng hạng mục' }]);

    // Neither the console page nor the CSV shows an invisible or reordering character.
    const page = await (await fetch(`${server.url}/quan-tri/hoi-cho/${SAM}`, { headers: { Cookie: cookie } })).text();
    const csv = await (await fetch(`${server.url}/quan-tri/hoi-cho/${SAM}/dang-ky.csv`, { headers: { Cookie: cookie } })).text();
    expect(page).toContain('HTX gnp.exe');
    expect(csv).toContain('HTX gnp.exe');
    expect(csv).toContain('Sản phẩm trùng hạng mục');
    // eslint-disable-next-line no-control-regex -- control characters are what this looks for
    expect(page).not.toMatch(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069\u0000\u0001\u0007]/);
    // eslint-disable-next-line no-control-regex -- control characters are what this looks for
    expect(csv.slice(1)).not.toMatch(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u0000\u0001\u0007]/);
  });

  it('nothing stored carries an invisible or reordering character', () => {
    for (const row of stored()) for (const value of Object.values(row)) if (value) expect(value).not.toMatch(INVISIBLE);
  });
});
