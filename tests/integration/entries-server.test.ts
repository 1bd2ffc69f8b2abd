/**
 * Online contest entries against the BUILT server (real HTTP, real multipart bodies of real
 * generated files, its own temp database and DATA_DIR): a valid dossier, each refused type, a
 * renamed HTML file, an SVG with a script, a 12 MB photo, a pixel bomb, a truncated JPEG, GPS
 * EXIF stripped from what is served, path-traversal names, two tabs submitting at once, who may
 * fetch documents, screening into judging, and a SIGKILL during an upload leaving nothing.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBuiltServer, tempDatabasePath, type BuiltServer } from '../helpers/registration-server';
import {
  HTML_AS_JPG,
  SVG_WITH_SCRIPT,
  completeFiles,
  entryFields,
  entryForm,
  exe,
  gif,
  greyscaleJpeg,
  pdf,
  pdfWithScript,
  photo,
  photoWithGps,
  pixelBombPng,
  truncatedJpeg,
  zip,
  type EntryFile,
} from '../helpers/entry-files';
import { TEST_PORT } from '../test-env';

const C = 'binh-chon-cnnt-tieu-bieu-cap-tinh-tuyen-quang-2027';
const CLOSED = 'binh-chon-cnnt-tieu-bieu-cap-tinh-lai-chau-2027';
const PORT = TEST_PORT + 61;
const db = tempDatabasePath('entries');
const dataDir = path.join(path.dirname(db.file), 'files');
const contentDir = path.join(path.dirname(db.file), 'content');
let server: BuiltServer;
let stderr = '';

beforeAll(async () => {
  mkdirSync(contentDir, { recursive: true });
  server = await startBuiltServer({ port: PORT, databasePath: db.file, env: { ENTRY_ORPHAN_GRACE_SECONDS: '0', CONTENT_DIR: contentDir } });
  server.child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
}, 60_000);

afterAll(async () => {
  await server.stop();
  db.cleanup();
});

/**
 * A CLI command, run without blocking this process: spawnSync froze the event loop for the seconds
 * `npx tsx` takes under load, longer than the server's keep-alive timeout (5 s), so the next fetch
 * reused a socket the server had closed meanwhile ("other side closed").
 */
function runCli(args: string[], options: { env: NodeJS.ProcessEnv; input?: string }): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', args, { env: options.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

function rows<T>(sql: string, ...params: unknown[]): T[] {
  const d = new Database(db.file, { readonly: true });
  try {
    return d.prepare(sql).all(...params) as T[];
  } finally {
    d.close();
  }
}

async function post(form: FormData, contest = C): Promise<Response> {
  return await fetch(`${server.url}/api/contests/${contest}/entries`, { method: 'POST', headers: { Origin: server.url }, body: form });
}

interface Created {
  code: string;
  status: string;
  manageUrl: string;
}
interface Refused {
  error: string;
  message: string;
  fields?: Record<string, string>;
}

/** Every screening condition (TT 26/2014) confirmed: accepting needs all of them. */
const ALL_CONDITIONS = ['own-product', 'mass-producible', 'no-violation', 'documents-complete'];

const tokenOf = (manageUrl: string) => manageUrl.split('/').pop() ?? '';

async function submitComplete(phone: string, files?: EntryFile[], overrides: Record<string, string> = {}): Promise<Created> {
  const r = await post(entryForm(entryFields(phone, overrides), files ?? (await completeFiles()), { submit: 'true' }));
  expect(r.status, await r.clone().text()).toBe(201);
  return (await r.json()) as Created;
}

async function signIn(email: string, password: string): Promise<string> {
  const r = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { Origin: server.url, 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password }) });
  expect(r.status).toBe(200);
  return (r.headers.getSetCookie().find((c) => c.startsWith('session=')) ?? '').split(';')[0] ?? '';
}

describe("the people's vote before any entry is accepted", () => {
  it('says there is nothing to vote for yet, before asking for a phone number or an email', async () => {
    const page = await (await fetch(`${server.url}/binh-chon/${C}/binh-chon-cong-chung`)).text();
    expect(page).toContain('Chưa có sản phẩm nào trong danh sách bình chọn.');
    expect(page).not.toContain('name="lien-he"');
    expect(page).not.toContain('Gửi mã xác minh');
  });
});

describe('intake', () => {
  it('takes a complete dossier: 201, submitted, files stored content-addressed and private, a message with a sealed link', async () => {
    const made = await submitComplete('0912000001');
    expect(made.status).toBe('submitted');
    expect(made.code).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
    expect(made.manageUrl).toContain('/binh-chon/quan-ly/');
    const files = rows<{ kind: string; blob: string; mime: string; name: string; webp_large: string | null }>(
      'SELECT f.kind, f.blob, f.mime, f.name, f.webp_large FROM contest_entry_files f JOIN contest_entries e ON e.id = f.entry_id WHERE e.code = ?',
      made.code,
    );
    expect(files.map((f) => f.kind).sort()).toEqual(['businessRegistration', 'photos', 'photos', 'photos']);
    for (const f of files) {
      const p = path.join(dataDir, 'blobs', f.blob.slice(0, 2), f.blob);
      expect(existsSync(p)).toBe(true);
    }
    expect(files.filter((f) => f.kind === 'photos').every((f) => f.mime === 'image/jpeg' && f.webp_large)).toBe(true);
    const message = rows<{ body: string; secret: string | null; kind: string }>("SELECT body, secret, kind FROM outbox WHERE ref = ?", `contest-entry:${made.code}`);
    expect(message).toHaveLength(1);
    expect(message[0]?.kind).toBe('contest_entry.received');
    expect(message[0]?.body).not.toContain(tokenOf(made.manageUrl));
    expect(rows<{ n: number }>("SELECT count(*) n FROM contest_entries WHERE manage_token_hash LIKE ?", `%${tokenOf(made.manageUrl)}%`)[0]?.n).toBe(0);
  });

  it('saves an incomplete draft, then refuses to submit it with what is missing', async () => {
    const r = await post(entryForm({ phone: '0912000002', productName: 'Mật ong bạc hà' }, []));
    expect(r.status).toBe(201);
    const made = (await r.json()) as Created;
    expect(made.status).toBe('draft');
    const token = tokenOf(made.manageUrl);
    const submit = await fetch(`${server.url}/api/contests/entries/manage/${token}`, { method: 'POST', headers: { Origin: server.url, 'Content-Type': 'application/json' }, body: JSON.stringify({ action: 'submit' }) });
    expect(submit.status).toBe(400);
    const body = (await submit.json()) as Refused;
    expect(body.error).toBe('incomplete');
    expect(body.fields?.['photos']).toMatch(/ít nhất 3 ảnh/);
    expect(body.fields?.['businessRegistration']).toMatch(/giấy đăng ký/);
    expect(body.fields?.['establishmentName']).toBeTruthy();
    expect(body.fields?.['consent']).toMatch(/13\/2023/);
    // The draft's "still needed" list names everything the submit refused, fields and files alike.
    const view = (await (await fetch(`${server.url}/api/contests/entries/manage/${token}`)).json()) as { missing: string[] };
    expect([...view.missing].sort()).toEqual(Object.values(body.fields ?? {}).sort());
    const page = await (await fetch(`${server.url}/binh-chon/quan-ly/${token}`)).text();
    expect(page).toContain('Để gửi hồ sơ còn cần:');
    expect(page).toContain(body.fields?.['establishmentName']);
  });

  it('stores a craft village the site has as the site names it, another as typed', async () => {
    const site = await submitComplete('0912000031', undefined, { craftVillage: 'lang nghe may tre dan phu vinh' });
    expect(rows<{ v: string }>("SELECT json_extract(fields, '$.craftVillage') v FROM contest_entries WHERE code = ?", site.code)[0]?.v).toBe('Làng nghề mây tre đan Phú Vinh');
    const other = await submitComplete('0912000032', undefined, { craftVillage: 'Làng nghề chè Tân Cương' });
    expect(rows<{ v: string }>("SELECT json_extract(fields, '$.craftVillage') v FROM contest_entries WHERE code = ?", other.code)[0]?.v).toBe('Làng nghề chè Tân Cương');
    // The form offers the site's villages as choices (a datalist: another name may be typed).
    const page = await (await fetch(`${server.url}/binh-chon/${C}/dang-ky`)).text();
    expect(page).toContain('<datalist id="ef-villages">');
    expect(page).toContain('<option value="Làng gốm Thanh Hà">');
  });

  it('refuses a submission with fields per field and file, storing nothing', async () => {
    const before = rows<{ n: number }>('SELECT count(*) n FROM contest_entries')[0]?.n;
    const files = await completeFiles();
    const r = await post(entryForm(entryFields('0912000003', { establishmentType: 'sme', taxCode: '' }), files.slice(0, 2), { submit: 'true' }));
    expect(r.status).toBe(400);
    const body = (await r.json()) as Refused;
    expect(body.fields?.['taxCode']).toMatch(/mã số thuế/);
    expect(body.fields?.['photos']).toMatch(/ít nhất 3 ảnh/);
    expect(body.fields?.['businessRegistration']).toBeTruthy();
    expect(rows<{ n: number }>('SELECT count(*) n FROM contest_entries')[0]?.n).toBe(before);
  });

  it('refuses each type that is not allowed, by content (400, the file named)', async () => {
    const cases: { name: string; file: EntryFile }[] = [
      { name: 'GIF', file: { field: 'photos', name: 'anh.gif', type: 'image/gif', data: await gif(), angle: 'front' } },
      { name: 'ZIP', file: { field: 'photos', name: 'anh.zip', type: 'application/zip', data: zip(), angle: 'front' } },
      { name: 'executable', file: { field: 'businessRegistration', name: 'giay.exe', type: 'application/octet-stream', data: exe() } },
      { name: 'HTML renamed .jpg', file: { field: 'photos', name: 'anh.jpg', type: 'image/jpeg', data: HTML_AS_JPG, angle: 'front' } },
      { name: 'SVG with a script', file: { field: 'photos', name: 'anh.svg', type: 'image/svg+xml', data: SVG_WITH_SCRIPT, angle: 'front' } },
      { name: 'PDF as a photo', file: { field: 'photos', name: 'anh.jpg', type: 'image/jpeg', data: pdf(), angle: 'front' } },
      { name: 'PDF with JavaScript', file: { field: 'businessRegistration', name: 'giay.pdf', type: 'application/pdf', data: pdfWithScript() } },
      { name: 'truncated JPEG', file: { field: 'photos', name: 'hong.jpg', type: 'image/jpeg', data: await truncatedJpeg(), angle: 'front' } },
      { name: 'pixel bomb', file: { field: 'photos', name: 'bom.png', type: 'image/png', data: pixelBombPng(), angle: 'front' } },
      { name: 'black and white photo', file: { field: 'photos', name: 'den-trang.jpg', type: 'image/jpeg', data: await greyscaleJpeg(), angle: 'front' } },
    ];
    for (const c of cases) {
      const r = await post(entryForm({ phone: '0912000004' }, [c.file]));
      expect(r.status, c.name).toBe(400);
      const body = (await r.json()) as Refused;
      const key = `${c.file.field}.0`;
      expect(body.fields?.[key], c.name).toMatch(/Tệp|Ảnh/);
      if (c.name === 'pixel bomb') expect(body.fields?.[key]).toMatch(/điểm ảnh quá lớn/);
      if (c.name === 'truncated JPEG') expect(body.fields?.[key]).toMatch(/bị hỏng/);
      if (c.name === 'PDF with JavaScript') expect(body.fields?.[key]).toMatch(/mã chạy tự động/);
      if (c.name === 'black and white photo') expect(body.fields?.[key]).toMatch(/ảnh đen trắng; thể lệ yêu cầu ảnh màu/);
    }
    expect(rows<{ n: number }>("SELECT count(*) n FROM contest_entries WHERE phone = '+84912000004'")[0]?.n).toBe(0);
    expect(stderr).not.toMatch(/"level":"error"/);
  });

  it('answers a 12 MB photo with 413 while it streams, and keeps no temp file', async () => {
    const big: EntryFile = { field: 'photos', name: 'lon.jpg', type: 'image/jpeg', data: Buffer.concat([await photo(), Buffer.alloc(12 * 1024 * 1024, 7)]), angle: 'front' };
    const r = await post(entryForm({ phone: '0912000005' }, [big]));
    expect(r.status).toBe(413);
    const body = (await r.json()) as Refused;
    expect(body.error).toBe('file_too_large');
    expect(body.message).toMatch(/10 MB/);
    const tmp = path.join(dataDir, 'tmp');
    expect(existsSync(tmp) ? readdirSync(tmp) : []).toEqual([]);
  });

  it('answers 409 outside the window, 404 without online intake, 415 for JSON, 403 without the origin', async () => {
    expect((await post(entryForm({ phone: '0912000006' }, []), CLOSED)).status).toBe(404);
    const json = await fetch(`${server.url}/api/contests/${C}/entries`, { method: 'POST', headers: { Origin: server.url, 'Content-Type': 'application/json' }, body: '{}' });
    expect(json.status).toBe(415);
    const cross = await fetch(`${server.url}/api/contests/${C}/entries`, { method: 'POST', headers: { Origin: 'https://evil.example' }, body: entryForm({ phone: '0912000006' }, []) });
    expect(cross.status).toBe(403);
  });

  it('strips GPS EXIF and applies the orientation; names with paths never reach the disk', async () => {
    const files = await completeFiles();
    files[0] = { field: 'photos', name: '../../../../etc/passwd.jpg', type: 'image/jpeg', data: await photoWithGps(), angle: 'front' };
    files[3] = { field: 'businessRegistration', name: '..\\..\\windows\\system32\\giay.pdf', type: 'application/pdf', data: pdf() };
    const input = await sharp(files[0].data).metadata();
    expect(input.exif).toBeDefined();
    const made = await submitComplete('0912000007', files);
    const stored = rows<{ id: number; name: string; blob: string; width: number; height: number; kind: string }>(
      'SELECT f.id, f.name, f.blob, f.width, f.height, f.kind FROM contest_entry_files f JOIN contest_entries e ON e.id = f.entry_id WHERE e.code = ? ORDER BY f.kind, f.position',
      made.code,
    );
    expect(stored.map((s) => s.name)).toContain('passwd.jpg');
    expect(stored.map((s) => s.name)).toContain('giay.pdf');
    expect(existsSync(path.join(path.dirname(dataDir), 'etc'))).toBe(false);
    const gps = stored.find((s) => s.name === 'passwd.jpg');
    // Orientation 6 (rotate 90°): the 400 × 300 photo is stored upright as 300 × 400.
    expect([gps?.width, gps?.height]).toEqual([300, 400]);
    const served = await fetch(`${server.url}/api/contests/entries/manage/${tokenOf(made.manageUrl)}/files/${String(gps?.id)}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    const meta = await sharp(Buffer.from(await served.arrayBuffer())).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    const webp = await fetch(`${server.url}/api/contests/entries/manage/${tokenOf(made.manageUrl)}/files/${String(gps?.id)}?v=small`);
    expect(webp.headers.get('content-type')).toBe('image/webp');
    expect((await sharp(Buffer.from(await webp.arrayBuffer())).metadata()).exif).toBeUndefined();
  });

  it('two tabs submitting the same draft at once: one submission, one refusal, one message', async () => {
    const r = await post(entryForm(entryFields('0912000008'), await completeFiles()));
    const made = (await r.json()) as Created;
    expect(made.status).toBe('draft');
    const token = tokenOf(made.manageUrl);
    const submit = () => fetch(`${server.url}/api/contests/entries/manage/${token}`, { method: 'POST', headers: { Origin: server.url, 'Content-Type': 'application/json' }, body: JSON.stringify({ action: 'submit' }) });
    const answers = await Promise.all([submit(), submit()]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(rows<{ n: number }>("SELECT count(*) n FROM contest_entry_history h JOIN contest_entries e ON e.id = h.entry_id WHERE e.code = ? AND h.to_status = 'submitted'", made.code)[0]?.n).toBe(1);
    expect(rows<{ n: number }>("SELECT count(*) n FROM outbox WHERE ref = ? AND kind = 'contest_entry.received'", `contest-entry:${made.code}`)[0]?.n).toBe(1);
  });
});

describe('screening, judging and who sees the files', () => {
  it('keeps documents from anonymous visitors and unassigned judges; accepted entries reach assigned judges only', async () => {
    const made = await submitComplete('0912000009');
    const files = rows<{ id: number; kind: string }>('SELECT f.id, f.kind FROM contest_entry_files f JOIN contest_entries e ON e.id = f.entry_id WHERE e.code = ?', made.code);
    const doc = files.find((f) => f.kind === 'businessRegistration')?.id ?? 0;
    const photoId = files.find((f) => f.kind === 'photos')?.id ?? 0;
    const fileUrl = (id: number, v = '') => `${server.url}/api/contests/${C}/entries/${made.code}/files/${String(id)}${v}`;
    expect((await fetch(fileUrl(doc))).status).toBe(404);
    expect((await fetch(fileUrl(photoId, '?v=large'))).status).toBe(404);

    const organiser = await signIn('bantochuc@demo.khuyencong.example', 'bantochuc-demo-2026');
    const staffDoc = await fetch(fileUrl(doc), { headers: { Cookie: organiser } });
    expect(staffDoc.status).toBe(200);
    expect(staffDoc.headers.get('content-type')).toBe('application/pdf');
    expect(staffDoc.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(staffDoc.headers.get('x-content-type-options')).toBe('nosniff');

    const judge = await signIn('giamkhao1@demo.khuyencong.example', 'giamkhao1-demo-2026');
    const listBefore = (await (await fetch(`${server.url}/api/judging/${C}/entries`, { headers: { Cookie: judge } })).json()) as { entries: { id: string }[] };
    const id = `dk-${made.code.toLowerCase()}`;
    expect(listBefore.entries.map((e) => e.id)).not.toContain(id);
    expect((await fetch(fileUrl(doc), { headers: { Cookie: judge } })).status).toBe(404);

    const decide = (body: unknown) =>
      fetch(`${server.url}/api/console/contests/${C}/entries/${made.code}`, { method: 'POST', headers: { Origin: server.url, 'Content-Type': 'application/json', Cookie: organiser }, body: JSON.stringify(body) });
    expect((await decide({ action: 'request-changes' })).status).toBe(400);
    expect((await decide({ action: 'request-changes', reason: 'Ảnh mặt sau bị mờ, đề nghị chụp lại.' })).status).toBe(200);
    const asked = (await (await fetch(`${server.url}/api/judging/${C}/entries`, { headers: { Cookie: judge } })).json()) as { entries: { id: string }[] };
    expect(asked.entries.map((e) => e.id)).not.toContain(id);
    expect((await decide({ action: 'accept', checklist: ALL_CONDITIONS })).status).toBe(409);
    // The applicant resubmits through the link; the organiser accepts.
    const resubmit = await fetch(`${server.url}/api/contests/entries/manage/${tokenOf(made.manageUrl)}`, { method: 'POST', headers: { Origin: server.url, 'Content-Type': 'application/json' }, body: JSON.stringify({ action: 'submit' }) });
    expect(resubmit.status).toBe(200);
    // Accepting needs every condition confirmed: none or three of four are refused, nothing changes.
    for (const checklist of [[], ALL_CONDITIONS.slice(0, 3)]) {
      const partial = await decide({ action: 'accept', checklist });
      expect(partial.status).toBe(400);
      expect(await partial.json()).toMatchObject({ error: 'checklist_incomplete', fields: { checklist: `Còn ${String(4 - checklist.length)} điều kiện chưa được xác nhận.` } });
    }
    expect(rows<{ status: string }>('SELECT status FROM contest_entries WHERE code = ?', made.code)[0]?.status).toBe('submitted');
    expect((await decide({ action: 'accept', checklist: ALL_CONDITIONS })).status).toBe(200);

    const listAfter = (await (await fetch(`${server.url}/api/judging/${C}/entries`, { headers: { Cookie: judge } })).json()) as { entries: { id: string }[] };
    expect(listAfter.entries.map((e) => e.id)).toContain(id);
    expect((await fetch(fileUrl(doc), { headers: { Cookie: judge } })).status).toBe(200);
    // Public: the accepted entry's photos as WebP, never its documents or the originals.
    expect((await fetch(fileUrl(photoId, '?v=large'))).status).toBe(200);
    expect((await fetch(fileUrl(photoId))).status).toBe(404);
    expect((await fetch(fileUrl(doc))).status).toBe(404);

    // A judge not on the panel (created with the CLI on the server's database).
    const made3 = await runCli(['tsx', 'src/cli/user.ts', 'create', '--email', 'ngoai@example.vn', '--name', 'Giám khảo Ngoài', '--role', 'judge'], {
      input: 'mat-khau-ngoai-2026',
      env: { ...process.env, DATABASE_PATH: db.file, DEMO: 'true' },
    });
    expect(made3.status, made3.stderr).toBe(0);
    const outsider = await signIn('ngoai@example.vn', 'mat-khau-ngoai-2026');
    expect((await fetch(fileUrl(doc), { headers: { Cookie: outsider } })).status).toBe(404);
    expect((await fetch(fileUrl(photoId), { headers: { Cookie: outsider } })).status).toBe(404);
    expect((await fetch(`${server.url}/api/judging/${C}/entries`, { headers: { Cookie: outsider } })).status).toBe(403);
    const audit = rows<{ action: string }>("SELECT action FROM audit_log WHERE target = ? ORDER BY id", `contest-entry:${made.code}`).map((a) => a.action);
    expect(audit).toEqual(['contest.entry.submit', 'contest.entry.request-changes', 'contest.entry.submit', 'contest.entry.accept']);
    const kinds = rows<{ kind: string }>('SELECT kind FROM outbox WHERE ref = ? ORDER BY id', `contest-entry:${made.code}`).map((m) => m.kind);
    expect(kinds).toEqual(['contest_entry.received', 'contest_entry.changes_requested', 'contest_entry.received', 'contest_entry.accepted']);
  });
});

describe('judged like a Markdown entry, then a product page', () => {
  it('three judges score the accepted entry, results are published, the console writes content/products/<slug>', async () => {
    const made = await submitComplete('0912000012', await completeFiles());
    const organiser = await signIn('bantochuc@demo.khuyencong.example', 'bantochuc-demo-2026');
    const accept = await fetch(`${server.url}/api/console/contests/${C}/entries/${made.code}`, { method: 'POST', headers: { Origin: server.url, 'Content-Type': 'application/json', Cookie: organiser }, body: JSON.stringify({ action: 'accept', checklist: ALL_CONDITIONS }) });
    expect(accept.status).toBe(200);
    const id = `dk-${made.code.toLowerCase()}`;
    for (const n of [1, 2, 3]) {
      const judge = await signIn(`giamkhao${String(n)}@demo.khuyencong.example`, `giamkhao${String(n)}-demo-2026`);
      const h = { Origin: server.url, 'Content-Type': 'application/json', Cookie: judge };
      expect((await fetch(`${server.url}/api/judging/${C}/declaration`, { method: 'POST', headers: h, body: JSON.stringify({ accept: true }) })).status).toBe(204);
      const sheet = await fetch(`${server.url}/api/judging/${C}/entries/${id}/sheet`, { method: 'PUT', headers: h, body: JSON.stringify({ scores: { 'thi-truong': 32, 'kinh-te-ky-thuat': 31, 'van-hoa-tham-my': 8, khac: 7 }, submit: true }) });
      expect(sheet.status, await sheet.clone().text()).toBe(200);
    }
    const publish = await runCli(['tsx', 'src/cli/contest.ts', 'publish', '--contest', C, '--force', '--reason', 'Chấm cuốn chiếu, công bố đợt 1'], { env: { ...process.env, DATABASE_PATH: db.file, DEMO: 'true' } });
    expect(publish.status, publish.stderr).toBe(0);
    const results = (await (await fetch(`${server.url}/api/contests/${C}/results`)).json()) as { entries: { entryId: string; recognised: boolean; mean: number }[] };
    expect(results.entries.find((e) => e.entryId === id)).toMatchObject({ recognised: true, mean: 78 });
    expect(rows<{ kind: string }>("SELECT kind FROM outbox WHERE ref = ? AND kind = 'contest_entry.result'", `contest-entry:${made.code}`)).toHaveLength(1);
    // The CSV export names it like a Markdown entry.
    const csv = await (await fetch(`${server.url}/quan-tri/binh-chon/${C}/ket-qua.csv`, { headers: { Cookie: organiser } })).text();
    expect(csv).toContain('Chè Shan tuyết cổ thụ Hà Giang');

    const page = await fetch(`${server.url}/quan-tri/binh-chon/${C}/ho-so/${made.code}`, { method: 'POST', redirect: 'manual', headers: { Origin: server.url, 'Content-Type': 'application/x-www-form-urlencoded', Cookie: organiser }, body: 'intent=product-page' });
    expect(page.status).toBe(303);
    const md = readFileSync(path.join(contentDir, 'products', 'che-shan-tuyet-co-thu-ha-giang', 'index.md'), 'utf8');
    expect(md).toContain('producer: hop-tac-xa-che-shan-tuyet-ha-giang');
    expect(md).toContain('programme: cnnt');
    expect(md).toContain('./anh-3.jpg');
    // No decision number is known yet: none is written (pages say "chưa có quyết định công nhận"), never a placeholder.
    const recognition = /recognitions:\n([\s\S]*?)\n---/.exec(md)?.[1] ?? '';
    expect(recognition).toContain('programme: cnnt');
    expect(recognition).not.toMatch(/number:/);
    expect(md).not.toContain(`Hồ sơ ${made.code}`);
    expect(existsSync(path.join(contentDir, 'producers', 'hop-tac-xa-che-shan-tuyet-ha-giang', 'index.md'))).toBe(true);
    const again = await fetch(`${server.url}/quan-tri/binh-chon/${C}/ho-so/${made.code}`, { method: 'POST', redirect: 'manual', headers: { Origin: server.url, 'Content-Type': 'application/x-www-form-urlencoded', Cookie: organiser }, body: 'intent=product-page' });
    expect(again.status).toBe(409);
  });
});

describe("the people's vote", () => {
  it('offers an online entry once it is accepted, in its product group, and counts a vote for it', async () => {
    const h = { Origin: server.url, 'Content-Type': 'application/json' };
    const code = await fetch(`${server.url}/api/contests/${C}/vote/code`, { method: 'POST', headers: h, body: JSON.stringify({ contact: 'nguoi.binh.chon@example.vn' }) });
    expect(code.status, await code.clone().text()).toBe(201);
    const { verification, demoCode } = (await code.json()) as { verification: number; demoCode: string };
    const verify = await fetch(`${server.url}/api/contests/${C}/vote/verify`, { method: 'POST', headers: h, body: JSON.stringify({ verification, code: demoCode }) });
    expect(verify.status).toBe(204);
    const voter = (verify.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
    const votePage = async () => await (await fetch(`${server.url}/binh-chon/${C}/binh-chon-cong-chung`, { headers: { Cookie: voter } })).text();

    const made = await submitComplete('0912000013', await completeFiles());
    const id = `dk-${made.code.toLowerCase()}`;
    expect(await votePage()).not.toContain(`value="${id}"`);
    const organiser = await signIn('bantochuc@demo.khuyencong.example', 'bantochuc-demo-2026');
    const accept = await fetch(`${server.url}/api/console/contests/${C}/entries/${made.code}`, { method: 'POST', headers: { Origin: server.url, 'Content-Type': 'application/json', Cookie: organiser }, body: JSON.stringify({ action: 'accept', checklist: ALL_CONDITIONS }) });
    expect(accept.status).toBe(200);
    // The vote is per product group: the entry stands in its own group's form.
    expect(await votePage()).toMatch(new RegExp(`<legend[^>]*>Chọn sản phẩm bạn yêu thích – Chế biến[^<]*</legend>(?:(?!</fieldset>)[\\s\\S])*value="${id}"`));

    const cast = await fetch(`${server.url}/api/contests/${C}/vote/ballot`, { method: 'POST', headers: { ...h, Cookie: voter }, body: JSON.stringify({ entry: id }) });
    expect(cast.status, await cast.clone().text()).toBe(201);
    expect(await cast.json()).toMatchObject({ vote: { entryId: id, scope: 'che-bien-nong-lam-thuy-san' } });
    const ballot = (await (await fetch(`${server.url}/api/contests/${C}/vote/ballot`, { headers: { Cookie: voter } })).json()) as { votes: Record<string, string> };
    expect(ballot.votes).toEqual({ 'che-bien-nong-lam-thuy-san': id });
    expect(rows<{ n: number }>('SELECT count(*) AS n FROM contest_votes WHERE contest_id = ? AND entry_id = ?', C, id)[0]?.n).toBe(1);
    expect(await votePage()).toMatch(/Phiếu của bạn[\s\S]*Chế biến nông, lâm, thủy sản và thực phẩm: <strong[^>]*>Chè Shan tuyết cổ thụ Hà Giang<\/strong>/);
    // A submitted entry not yet accepted cannot be voted for.
    const pending = await submitComplete('0912000014', await completeFiles());
    const refused = await fetch(`${server.url}/api/contests/${C}/vote/ballot`, { method: 'POST', headers: { ...h, Cookie: voter }, body: JSON.stringify({ entry: `dk-${pending.code.toLowerCase()}` }) });
    expect(refused.status).toBe(404);
    expect(await refused.json()).toMatchObject({ error: 'entry_not_found' });
  });
});

describe('backup and crashes', () => {
  it('npm run db:backup copies the files the rows name, beside the database copy', async () => {
    await submitComplete('0912000010');
    const target = path.join(path.dirname(db.file), 'sao-luu', 'backup.sqlite');
    const run = await runCli(['tsx', 'src/cli/db-backup.ts', target], { env: { ...process.env, DATABASE_PATH: db.file, DEMO: 'true' } });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/tệp hồ sơ dự thi/);
    const names = rows<{ b: string }>('SELECT blob b FROM contest_entry_files UNION SELECT webp_large FROM contest_entry_files WHERE webp_large IS NOT NULL UNION SELECT webp_small FROM contest_entry_files WHERE webp_small IS NOT NULL');
    expect(names.length).toBeGreaterThan(10);
    for (const { b } of names) expect(existsSync(path.join(`${target}.files`, 'blobs', b.slice(0, 2), b)), b).toBe(true);
  });

  it('SIGKILL during an upload leaves no entry and, after the restart, no orphan file', async () => {
    const crash = tempDatabasePath('entries-crash');
    const crashData = path.join(path.dirname(crash.file), 'files');
    const port = PORT + 1;
    let s = await startBuiltServer({ port, databasePath: crash.file, env: { ENTRY_ORPHAN_GRACE_SECONDS: '0' } });
    try {
      const boundary = '----kill';
      const head = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="phone"\r\n\r\n0912000011\r\n--${boundary}\r\nContent-Disposition: form-data; name="photoAngles"\r\n\r\nfront\r\n--${boundary}\r\nContent-Disposition: form-data; name="photos"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
      );
      const { request } = await import('node:http');
      const req = request({ host: 'localhost', port, method: 'POST', path: `/api/contests/${C}/entries`, headers: { Origin: s.url, 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Length': String(head.length + 8 * 1024 * 1024) } });
      req.on('error', () => undefined);
      req.write(head);
      req.write(await photo({ width: 1600, height: 1200 }));
      req.write(Buffer.alloc(1024 * 1024, 1));
      const tmp = path.join(crashData, 'tmp');
      const deadline = Date.now() + 10_000;
      while (!(existsSync(tmp) && readdirSync(tmp).length > 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(readdirSync(tmp).length).toBeGreaterThan(0);
      await s.stop('SIGKILL');
      req.destroy();
      s = await startBuiltServer({ port, databasePath: crash.file, env: { ENTRY_ORPHAN_GRACE_SECONDS: '0' } });
      const d = new Database(crash.file, { readonly: true });
      try {
        expect((d.prepare('SELECT count(*) n FROM contest_entries').get() as { n: number }).n).toBe(0);
      } finally {
        d.close();
      }
      expect(readdirSync(tmp)).toEqual([]);
      const blobs = path.join(crashData, 'blobs');
      expect(existsSync(blobs) ? readdirSync(blobs, { recursive: true }).filter((f) => String(f).length === 64 + 3) : []).toEqual([]);
    } finally {
      await s.stop();
      crash.cleanup();
    }
  });
});
