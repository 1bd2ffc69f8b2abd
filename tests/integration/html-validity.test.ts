/**
 * The Nu Html Checker (vnu.jar, the W3C validator's engine, on Java 17) over every prerendered
 * page of the built site and over the on-demand pages a visitor, an applicant, a voter, a judge
 * and an organiser see, fetched from the BUILT server: zero errors. (Warnings are not errors;
 * `--errors-only`.) Skipped with its reason only when no Java runtime is installed.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBuiltServer, tempDatabasePath, type BuiltServer } from '../helpers/registration-server';
import { TEST_BUILD_DIR, TEST_PORT } from '../test-env';

const require = createRequire(import.meta.url);
const VNU = path.join(path.dirname(require.resolve('vnu-jar/package.json')), 'build', 'dist', 'vnu.jar');
const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
const hasJava = java.status === 0;
if (!hasJava) process.stdout.write('[html validity] skipped: no Java runtime (apt-get install -y default-jre-headless)\n');

interface VnuMessage {
  type: string;
  url: string;
  message: string;
  lastLine?: number;
  extract?: string;
}

function validate(target: string): VnuMessage[] {
  const r = spawnSync('java', ['-Xss1m', '-jar', VNU, '--errors-only', '--skip-non-html', '--format', 'json', target], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  // vnu writes its JSON report to stderr and exits 1 when it found errors.
  const report = JSON.parse(r.stderr || '{"messages":[]}') as { messages: VnuMessage[] };
  return report.messages.filter((m) => m.type === 'error' || m.type === 'non-document-error');
}

function readable(messages: VnuMessage[]): string[] {
  return messages.map((m) => `${m.url.replace(/^.*\/(client|pages)\//, '')}:${String(m.lastLine ?? '?')} ${m.message}${m.extract ? ` — ${m.extract.trim().slice(0, 80)}` : ''}`);
}

/** On-demand pages, as each kind of visitor sees them. */
const PUBLIC_PAGES = [
  '/san-pham',
  '/san-pham?tinh=da-nang&sao=4',
  '/ocop',
  '/hoi-cho',
  '/tim-kiem?q=nuoc+mam',
  '/tim-kiem?q=zzzzzz',
  '/dang-nhap',
  '/hoi-cho/tra-cuu',
  '/hoi-cho/hoi-cho-cnnt-ocop-da-nang-2027/gian-hang?q=nuoc+mam',
  '/hoi-cho/hoi-cho-cnnt-quang-ngai-2028/dang-ky',
  '/hoi-cho/hoi-cho-cnnt-lai-chau-2027/dang-ky',
  '/binh-chon/binh-chon-cnnt-tieu-bieu-cap-tinh-lai-chau-2027/binh-chon-cong-chung',
  '/binh-chon/binh-chon-cnnt-tieu-bieu-cap-tinh-lai-chau-2027/ket-qua',
  '/chuong-trinh',
  '/chuong-trinh/chuong-trinh-khuyen-cong-quang-ngai-2026-2030',
  '/chuong-trinh/chuong-trinh-khuyen-cong-quang-nam-2021-2025',
  '/thong-ke',
  '/thong-ke?nam=2025',
  '/ban-do',
  '/ban-do?chi-so=gian-hang',
];
const STAFF_PAGES: Record<string, string[]> = {
  'bantochuc@demo.khuyencong.example:bantochuc-demo-2026': [
    '/quan-tri',
    '/quan-tri/hoi-cho',
    '/quan-tri/hoi-cho/hoi-cho-cnnt-lai-chau-2027',
    '/quan-tri/hoi-cho/hoi-cho-cnnt-lai-chau-2027/in',
    '/quan-tri/hoi-cho/hoi-cho-cnnt-ocop-da-nang-2027/so-do?gian=A02',
    '/quan-tri/hoi-cho/hoi-cho-cnnt-ocop-da-nang-2027/in-so-do',
    '/quan-tri/hoi-cho/hoi-cho-cnnt-ocop-da-nang-2027/dang-ky-moi',
    '/quan-tri/hop-thu-di',
    '/quan-tri/chuong-trinh',
    '/quan-tri/chuong-trinh/chuong-trinh-khuyen-cong-quang-ngai-2026-2030',
    '/quan-tri/binh-chon',
    '/quan-tri/binh-chon/binh-chon-cnnt-tieu-bieu-cap-tinh-lai-chau-2027',
    '/quan-tri/binh-chon/binh-chon-cnnt-tieu-bieu-cap-tinh-lai-chau-2027/ket-qua',
    '/quan-tri/binh-chon/binh-chon-cnnt-tieu-bieu-cap-tinh-lai-chau-2027/in-phieu',
  ],
  'quantri@demo.khuyencong.example:quantri-demo-2026': ['/quan-tri/nguoi-dung', '/quan-tri/nhat-ky'],
  'bientap@demo.khuyencong.example:bientap-demo-2026': ['/keystatic', '/quan-tri/xuat-ban', '/quan-tri/lich-su', '/quan-tri/lich-su?muc=fairs/hoi-cho-cnnt-lai-chau-2027'],
  'giamkhao1@demo.khuyencong.example:giamkhao1-demo-2026': [
    '/cham-diem',
    '/cham-diem/binh-chon-cnnt-tieu-bieu-cap-tinh-lai-chau-2027',
    '/cham-diem/binh-chon-cnnt-tieu-bieu-cap-tinh-lai-chau-2027/che-shan-tuyet-co-thu-sin-suoi-ho',
  ],
};

describe.skipIf(!hasJava)('the Nu Html Checker', () => {
  let server: BuiltServer;
  let db: { file: string; cleanup(): void };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kc-vnu-'));
  beforeAll(async () => {
    db = tempDatabasePath('vnu');
    server = await startBuiltServer({ port: TEST_PORT + 400, databasePath: db.file });
  }, 60_000);
  afterAll(async () => {
    await server.stop();
    db.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds no error in any prerendered page', () => {
    const errors = validate(path.join(TEST_BUILD_DIR, 'client'));
    expect(readable(errors)).toEqual([]);
  }, 120_000);

  it('finds no error in the on-demand pages of visitors, applicants, voters, judges and organisers', async () => {
    const pages = path.join(dir, 'pages');
    mkdirSync(pages);
    let n = 0;
    const save = async (url: string, cookie?: string) => {
      const r = await fetch(`${server.url}${url}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
      expect(r.status, url).toBeLessThan(300);
      writeFileSync(path.join(pages, `${String(n++).padStart(3, '0')}-${url.replace(/[^a-z0-9]+/gi, '-').slice(0, 80)}.html`), await r.text());
    };
    for (const url of PUBLIC_PAGES) await save(url);
    for (const [account, urls] of Object.entries(STAFF_PAGES)) {
      const [email, password] = account.split(':');
      const login = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: server.url },
        body: JSON.stringify({ email, password }),
      });
      expect(login.status, account).toBe(200);
      const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      for (const url of urls) await save(url, cookie);
    }
    const errors = validate(pages);
    expect(readable(errors)).toEqual([]);
  }, 180_000);
});
