/**
 * The contest pages and exports on the BUILT server (its own port and temp database):
 * - every contest form page answers a body it cannot read — JSON, text, XML, no type, broken
 *   multipart, 10 MB — with a 4xx and the Vietnamese message on the page, never a 5xx, without
 *   reading a 10 MB body, and with no stack trace in the server's log;
 * - the demo judges are assigned before the server answers its first request;
 * - both CSV exports are written to the audit log;
 * - the vote API takes a solved ALTCHA payload once; a phone-only contest refuses emails.
 */
import http from 'node:http';
import Database from 'better-sqlite3';
import { solveChallenge } from 'altcha-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBuiltServer, tempDatabasePath, type BuiltServer } from '../helpers/registration-server';
import { TEST_PORT } from '../test-env';

const C = 'binh-chon-cnnt-tieu-bieu-cap-tinh-lai-chau-2027';
const E = 'che-shan-tuyet-co-thu-sin-suoi-ho';
const PHONE_ONLY = 'binh-chon-cnnt-tieu-bieu-cap-xa-hoi-an-tay-2026';
const PORT = TEST_PORT + 300;

let server: BuiltServer;
let file: string;
let stderr = '';
let cleanup: () => void = () => undefined;
const cookies: Record<string, string> = {};

/** Where a sized body pauses for the answer: four times the server's 64 KB form limit. */
const HOLD_AT = 256 * 1024;
const HOLD_MS = 10_000;

interface Answer {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
  /** Request bytes written when the answer's headers arrived. */
  writtenAtAnswer: number;
}

/**
 * A request by hand (node:http), so that a server answering before the whole body is sent is
 * seen as such; the body may be a size (that many bytes of a form, in 64 KB chunks).
 */
function send(method: string, path: string, headers: Record<string, string>, body: string | number = ''): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let written = 0;
    let done = false;
    let answered = false;
    const req = http.request(`${server.url}${path}`, { method, headers: { Origin: server.url, ...headers } }, (res) => {
      answered = true;
      const at = written;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => {
        done = true;
        resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers, writtenAtAnswer: at });
      });
    });
    req.on('error', (e) => {
      if (!done) reject(e);
    });
    if (typeof body === 'string') {
      written = Buffer.byteLength(body);
      req.end(body);
      return;
    }
    // The client sends a little more than the server's limit, then waits for the answer (up to
    // HOLD_MS) before sending the rest: whether the server answered before reading it all does not
    // depend on how much of the body the kernel's socket buffers happen to take (on a loaded
    // machine they can take all 10 MB before a slow server answers).
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let held = false;
    const pump = () => {
      while (written < body && !done && !req.destroyed) {
        if (!held && !answered && written >= HOLD_AT) {
          held = true;
          setTimeout(pump, HOLD_MS);
          return;
        }
        written += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!req.destroyed) req.end();
    };
    pump();
  });
}

async function signIn(who: 'judge' | 'organiser', email: string, password: string): Promise<void> {
  const r = await send('POST', '/api/auth/login', { 'Content-Type': 'application/json' }, JSON.stringify({ email, password }));
  expect(r.status, `sign in ${email}`).toBe(200);
  const set = r.headers['set-cookie']?.find((c) => c.startsWith('session='));
  cookies[who] = set?.split(';')[0] ?? '';
}

function rows<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  const db = tempDatabasePath('contests-server');
  file = db.file;
  cleanup = () => db.cleanup();
  server = await startBuiltServer({ port: PORT, databasePath: file, env: { ALTCHA_MAX_NUMBER: '20000' } });
  server.child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
}, 60_000);

afterAll(async () => {
  await server.stop('SIGKILL');
  cleanup();
});

describe('the built server', () => {
  it('has assigned the demo judges before answering its first request', () => {
    // Nothing has asked for a contest page yet: only /healthz was called.
    const judges = rows<{ n: number }>("SELECT count(*) AS n FROM contest_assignments WHERE contest_id = ?", C)[0]?.n;
    expect(judges).toBe(3);
  });

  it('answers unreadable bodies on every contest form page with a 4xx and the message, never a 5xx or a stack', async () => {
    await signIn('judge', 'giamkhao1@demo.khuyencong.example', 'giamkhao1-demo-2026');
    await signIn('organiser', 'bantochuc@demo.khuyencong.example', 'bantochuc-demo-2026');
    const pages: [string, string | null][] = [
      [`/quan-tri/binh-chon/${C}`, 'organiser'],
      [`/quan-tri/binh-chon/${C}/ket-qua`, 'organiser'],
      [`/cham-diem/${C}`, 'judge'],
      [`/cham-diem/${C}/${E}`, 'judge'],
      [`/binh-chon/${C}/binh-chon-cong-chung`, null],
    ];
    const FORM_TYPE = 'Biểu mẫu phải được gửi từ trang web';
    const bodies: { name: string; headers: Record<string, string>; body: string | number; status: number; message: string }[] = [
      { name: 'JSON', headers: { 'Content-Type': 'application/json' }, body: '{"thao-tac":"ma"}', status: 415, message: FORM_TYPE },
      { name: 'text', headers: { 'Content-Type': 'text/plain' }, body: 'thao-tac=ma', status: 415, message: FORM_TYPE },
      { name: 'XML', headers: { 'Content-Type': 'application/xml' }, body: '<thao-tac>ma</thao-tac>', status: 415, message: FORM_TYPE },
      { name: 'no type', headers: {}, body: 'thao-tac=ma', status: 415, message: FORM_TYPE },
      { name: 'broken multipart', headers: { 'Content-Type': 'multipart/form-data; boundary=ranh-gioi' }, body: '--ranh-gioi\r\nContent-Disposition: form-data; name="thao-tac"\r\n\r\nma\r\n--ranh', status: 400, message: 'Nội dung biểu mẫu gửi lên bị hỏng' },
      { name: '10 MB form', headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(10 * 1024 * 1024) }, body: 10 * 1024 * 1024, status: 413, message: 'Nội dung gửi lên quá lớn' },
      { name: '10 MB form without a length', headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Transfer-Encoding': 'chunked' }, body: 10 * 1024 * 1024, status: 413, message: 'Nội dung gửi lên quá lớn' },
    ];
    for (const [path, who] of pages) {
      for (const b of bodies) {
        const cookie = who ? { Cookie: cookies[who] ?? '' } : {};
        const r = await send('POST', path, { ...b.headers, ...cookie }, b.body);
        expect(r.status, `${b.name} → ${path}`).toBe(b.status);
        expect(r.body, `${b.name} → ${path}: the page says why`).toContain(b.message);
        if (typeof b.body === 'number') expect(r.writtenAtAnswer, `${b.name} → ${path}: answered before reading it all`).toBeLessThan(b.body);
      }
    }
    // A plain form post still works (the reader is not in the way).
    const ok = await send('POST', `/binh-chon/${C}/binh-chon-cong-chung`, { 'Content-Type': 'application/x-www-form-urlencoded' }, 'thao-tac=ma&lien-he=');
    expect(ok.status).toBe(400);
    expect(ok.body).toContain('Hãy nhập email hoặc số điện thoại di động.');
    await new Promise((r) => setTimeout(r, 200));
    expect(stderr).not.toMatch(/\n\s+at\s/);
    expect(stderr).not.toMatch(/"stack"/);
  }, 120_000);

  it('writes both CSV exports to the audit log', async () => {
    for (const path of [`/quan-tri/binh-chon/${C}/phieu-cham.csv`, `/quan-tri/binh-chon/${C}/ket-qua.csv?chuan-hoa=1`]) {
      const r = await send('GET', path, { Cookie: cookies['organiser'] ?? '' });
      expect(r.status, path).toBe(200);
    }
    const audit = rows<{ action: string; target: string; actor_id: string | null; details: string }>(
      "SELECT action, target, actor_id, details FROM audit_log WHERE action LIKE 'contest.%.export' ORDER BY id",
    );
    expect(audit.map((a) => [a.action, a.target])).toEqual([
      ['contest.sheets.export', `contest:${C}`],
      ['contest.results.export', `contest:${C}`],
    ]);
    expect(audit.every((a) => a.actor_id !== null)).toBe(true);
    expect(JSON.parse(audit[1]?.details ?? '{}')).toMatchObject({ normalised: true, rows: 7 });
  });

  it('vote API: a solved ALTCHA payload is accepted once; a phone-only contest refuses an email', async () => {
    const challenge = (await (await fetch(`${server.url}/api/contests/${C}/vote/challenge`)).json()) as { algorithm: string; challenge: string; salt: string; signature: string; maxnumber: number };
    expect(challenge.algorithm).toBe('SHA-256');
    const solution = await solveChallenge(challenge.challenge, challenge.salt, challenge.algorithm, challenge.maxnumber).promise;
    const altcha = Buffer.from(JSON.stringify({ ...challenge, number: solution?.number })).toString('base64');
    const ask = (contest: string, body: unknown) =>
      fetch(`${server.url}/api/contests/${contest}/vote/code`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: server.url }, body: JSON.stringify(body) });
    const first = await ask(C, { contact: '0912 000 111', altcha });
    expect(first.status).toBe(201);
    const replay = await ask(C, { contact: '0912 000 222', altcha });
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ error: 'challenge_invalid' });
    const email = await ask(PHONE_ONLY, { contact: 'nguoi.dan@example.vn' });
    expect(email.status).toBe(400);
    expect(await email.json()).toMatchObject({ error: 'phone_required', fields: { contact: expect.stringContaining('di động') as string } });
    const landline = await ask(PHONE_ONLY, { contact: '0235 3861 234' });
    expect(await landline.json()).toMatchObject({ error: 'landline' });
    const page = await (await fetch(`${server.url}/binh-chon/${PHONE_ONLY}/binh-chon-cong-chung`)).text();
    expect(page).toMatch(/<label for="lien-he"[^>]*>Số điện thoại di động<\/label>/);
    expect(page).toContain('chỉ nhận số điện thoại di động Việt Nam');
  });
});
