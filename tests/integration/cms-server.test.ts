/**
 * The content editor's API on the BUILT server, started the documented way on a throwaway copy
 * of the site (tests/helpers/throwaway-site.ts): the guard on every path spelling, method and
 * role; the tree limited to the content folder; saves checked with the build's schemas (the
 * Vietnamese message, nothing written); images by their bytes; two editors and one file; the
 * commit per save with the editor as author, pushed to a bare remote; the audit log; and a
 * content folder that is not in a repository.
 */
import http from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PORT } from '../test-env';
import { ADMIN, EDITOR, JUDGE, ORGANISER, gitIn, signIn, startThrowawaySite, type ThrowawaySite } from '../helpers/throwaway-site';

const PORT = TEST_PORT + 300;
let site: ThrowawaySite;
const cookies: Record<'editor' | 'admin' | 'judge' | 'organiser', string> = { editor: '', admin: '', judge: '', organiser: '' };

beforeAll(async () => {
  site = await startThrowawaySite({ port: PORT, remote: true });
  cookies.editor = await signIn(site.url, EDITOR);
  cookies.admin = await signIn(site.url, ADMIN);
  cookies.judge = await signIn(site.url, JUDGE);
  cookies.organiser = await signIn(site.url, ORGANISER);
}, 120_000);
afterAll(async () => {
  await site.cleanup();
});

/** A request with the path sent exactly as written (fetch would normalise it first). */
function raw(method: string, target: string, headers: Record<string, string> = {}, body?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: 'localhost', port: PORT, method, path: target, headers: { ...headers, ...(body ? { 'Content-Length': String(Buffer.byteLength(body)) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

interface TreeEntry {
  path: string;
  type: string;
  sha: string;
}

async function tree(who: keyof typeof cookies = 'editor'): Promise<Map<string, string>> {
  const res = await fetch(`${site.url}/api/keystatic/tree`, { headers: { Cookie: cookies[who], 'no-cors': '1' } });
  expect(res.status).toBe(200);
  const entries = (await res.json()) as TreeEntry[];
  return new Map(entries.filter((e) => e.type === 'blob').map((e) => [e.path, e.sha]));
}

async function save(
  who: keyof typeof cookies,
  additions: Record<string, string | Buffer>,
  options: { deletions?: string[]; base?: Record<string, string | null> | null; origin?: string | null } = {},
): Promise<{ status: number; text: string }> {
  const seen = options.base === undefined ? await tree(who) : null;
  const files = [...Object.keys(additions), ...(options.deletions ?? [])];
  const base = options.base === undefined ? Object.fromEntries(files.map((f) => [f, seen?.get(f) ?? null])) : options.base;
  const body = {
    additions: Object.entries(additions).map(([p, c]) => ({ path: p, contents: Buffer.from(c).toString('base64') })),
    deletions: (options.deletions ?? []).map((p) => ({ path: p })),
    ...(base ? { base } : {}),
  };
  const headers: Record<string, string> = { Cookie: cookies[who], 'no-cors': '1', 'Content-Type': 'application/json' };
  if (options.origin !== null) headers['Origin'] = options.origin ?? site.url;
  const res = await fetch(`${site.url}/api/keystatic/update`, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: res.status, text: await res.text() };
}

const contentFile = (rel: string) => readFileSync(path.join(site.contentDir, rel), 'utf8');
const FAIR = 'fairs/hoi-cho-cnnt-lai-chau-2027/index.md';

describe('the guard', () => {
  const apiPaths = [
    '/api/keystatic/tree',
    '/api/keystatic/tree/',
    '/API/keystatic/tree',
    '/api/KEYSTATIC/tree',
    '//api/keystatic/tree',
    '/api//keystatic/tree',
    '/api/keystatic/./tree',
    '/api/keystatic/../keystatic/tree',
    '/x/../api/keystatic/tree',
    '/api/keystatic%2ftree',
    '/api%2fkeystatic%2ftree',
    '/api/%6beystatic/tree',
    '/api/keystatic/%2e%2e/keystatic/tree',
    '/api/keystatic/tree?x=1',
    '/api/keystatic/blob/0000000000000000000000000000000000000000/products%2f..%2f..%2f.env',
    '/api/keystatic/update',
  ];
  const pagePaths = ['/keystatic', '/keystatic/', '/KEYSTATIC', '/keystatic/collection/products', '//keystatic', '/keystatic%2fcollection%2fproducts', '/x/../keystatic'];
  const methods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

  it('refuses every spelling of every editor path, every method, to anonymous visitors, judges and organisers', async () => {
    const failures: string[] = [];
    for (const who of ['anonymous', 'judge', 'organiser'] as const) {
      for (const target of [...apiPaths, ...pagePaths]) {
        for (const method of methods) {
          const headers: Record<string, string> = { 'no-cors': '1', Origin: site.url, 'Content-Type': 'application/json' };
          if (who !== 'anonymous') headers['Cookie'] = cookies[who];
          const res = await raw(method, target, headers, method === 'GET' || method === 'HEAD' ? undefined : '{"additions":[],"deletions":[],"base":{}}');
          const leaked = /"path":"(products|fairs|settings)|SMTP_URL|bi-mat|<title>Biên tập nội dung/.test(res.body);
          if ((res.status >= 200 && res.status < 300) || leaked || res.status >= 500) failures.push(`${who} ${method} ${target} → ${String(res.status)}${leaked ? ' (content in the answer)' : ''}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers 401/403 in Vietnamese on the API, sign-in or the 403 page on the UI', async () => {
    const anon = await raw('GET', '/api/keystatic/tree', { 'no-cors': '1' });
    expect(anon.status).toBe(401);
    expect(anon.body).toContain('Bạn cần đăng nhập lại để biên tập');
    const judge = await raw('GET', '/api/keystatic/tree', { 'no-cors': '1', Cookie: cookies.judge });
    expect(judge.status).toBe(403);
    expect(judge.body).toContain('không có quyền biên tập nội dung');
    const page = await raw('GET', '/keystatic/collection/fairs', {});
    expect(page.status).toBe(302);
    expect(page.headers.location).toBe('/dang-nhap?next=%2Fkeystatic%2Fcollection%2Ffairs');
    const organiserPage = await raw('GET', '/keystatic', { Cookie: cookies.organiser });
    expect(organiserPage.status).toBe(403);
    expect(organiserPage.body).toContain('Không có quyền truy cập');
  });

  it('lets editors and admins in; writes need this site’s Origin', async () => {
    for (const who of ['editor', 'admin'] as const) {
      expect((await raw('GET', '/keystatic', { Cookie: cookies[who] })).status).toBe(200);
      expect((await raw('GET', '/api/keystatic/tree', { Cookie: cookies[who], 'no-cors': '1' })).status).toBe(200);
    }
    const before = contentFile(FAIR);
    const foreign = await save('editor', { [FAIR]: before.replace('Lai Châu năm 2027', 'X') }, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    const none = await save('editor', { [FAIR]: before.replace('Lai Châu năm 2027', 'X') }, { origin: null });
    expect(none.status).toBe(403);
    expect(contentFile(FAIR)).toBe(before);
  });

  it('gives the editor page a policy that lets Keystatic style itself, and scripts only from this site', async () => {
    const res = await raw('GET', '/keystatic', { Cookie: cookies.editor });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toMatch(/script-src 'self'( 'sha256-[^']+')+/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['cache-control']).toBe('no-store');
  });
});

describe('what the editor can read', () => {
  it('is the content folder only: no .env, no database folder, no .git', async () => {
    const paths = [...(await tree()).keys()];
    expect(paths.length).toBeGreaterThan(100);
    expect(paths.every((p) => /^(products|producers|craft-villages|fairs|contests|pages|settings|programmes)\//.test(p))).toBe(true);
    expect(paths.some((p) => /\.env|secret|\.git\//.test(p))).toBe(false);
  });
  it('cannot fetch a file outside the collections', async () => {
    for (const target of ['/api/keystatic/blob/x/..%2f.env', '/api/keystatic/blob/x/products/..%2f..%2f.env', '/api/keystatic/blob/x/%2e%2e/db/data/secret.txt', '/api/keystatic/blob/x/.gitignore']) {
      const res = await raw('GET', target, { Cookie: cookies.editor, 'no-cors': '1' });
      expect(res.status, target).toBeGreaterThanOrEqual(400);
      expect(res.status, target).toBeLessThan(500);
      expect(res.body).not.toContain('bi-mat');
    }
    const sha = (await tree()).get(FAIR) ?? '';
    const ok = await raw('GET', `/api/keystatic/blob/${sha}/${FAIR}`, { Cookie: cookies.editor, 'no-cors': '1' });
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('Lai Châu');
  });
  it('cannot write outside an entry', async () => {
    for (const p of ['../.env', 'products/../../.env', 'settings/khac.yaml', 'src/pages/index.astro', '/etc/passwd', 'products\\x\\index.md']) {
      const res = await save('editor', { [p]: 'x' });
      expect(res.status, p).toBe(400);
      expect(res.text).toContain('nằm ngoài các thư mục nội dung');
    }
    expect(existsSync(path.join(site.root, 'site', 'src'))).toBe(false);
    expect(readFileSync(path.join(site.root, 'site', '.env'), 'utf8')).toContain('bi-mat');
  });
});

describe('saving', () => {
  it('writes a valid edit, commits it as the editor, pushes it, and audits it', async () => {
    const text = contentFile(FAIR).replace(/^summary: .*$/m, 'summary: Tóm tắt do biên tập viên sửa qua API.');
    const res = await save('editor', { [FAIR]: text });
    expect(res.status, res.text).toBe(200);
    expect(contentFile(FAIR)).toContain('summary: Tóm tắt do biên tập viên sửa qua API.');
    const repo = site.repoDir ?? '';
    expect(gitIn(repo, 'log', '-1', '--format=%an|%ae|%s').trim()).toBe('Phạm Thu Hà (biên tập viên demo)|bientap@demo.khuyencong.example|Sửa hội chợ: Hội chợ triển lãm hàng công nghiệp nông thôn tỉnh Lai Châu năm 2027');
    const head = gitIn(repo, 'rev-parse', 'HEAD').trim();
    const deadline = Date.now() + 20_000;
    while (gitIn(site.remoteDir ?? '', 'rev-parse', 'main').trim() !== head) {
      if (Date.now() > deadline) throw new Error('not pushed');
      await new Promise((r) => setTimeout(r, 200));
    }
    const db = new Database(site.databasePath, { readonly: true });
    const row = db.prepare("SELECT a.action, a.target, a.details, u.email FROM audit_log a JOIN users u ON u.id = a.actor_id WHERE a.action = 'content.save' ORDER BY a.id DESC LIMIT 1").get() as { action: string; target: string; details: string; email: string };
    db.close();
    expect(row).toMatchObject({ target: 'content:fairs/hoi-cho-cnnt-lai-chau-2027', email: EDITOR.email });
    expect(JSON.parse(row.details)).toMatchObject({ change: 'Sửa', commit: head, files: [FAIR] });
  });

  it('creates a fair with two booth types', async () => {
    const file = 'fairs/hoi-cho-thu-api-2027/index.md';
    const text = `---
name: Hội chợ thử qua API năm 2027
organiser: Sở Công Thương tỉnh Lai Châu
venue: Nhà văn hóa tỉnh
address: Phường Tân Phong, tỉnh Lai Châu
province: lai-chau
start: 2027-09-10T08:00
end: 2027-09-12T21:00
status: scheduled
summary: Hội chợ tạo qua API để thử.
image:
  src: ./anh.svg
  alt: Cổng hội chợ
boothTypes:
  - id: tieu-chuan
    name: Gian tiêu chuẩn
    width: 3
    depth: 3
    count: 20
    price: 0
    supportShare: 100
  - id: goc
    name: Gian góc
    width: 3
    depth: 6
    count: 4
    price: 2000000
    supportShare: 50
---
Mô tả.
`;
    const res = await save('editor', { [file]: text, 'fairs/hoi-cho-thu-api-2027/anh.svg': '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 3"><rect width="4" height="3" fill="#1d5b3c"/></svg>' });
    expect(res.status, res.text).toBe(200);
    expect(contentFile(file)).toContain('id: goc');
  });

  it('refuses a booth count of zero and a missing alt text, in Vietnamese, and writes nothing', async () => {
    const before = contentFile(FAIR);
    const zero = await save('editor', { [FAIR]: before.replace('count: 240', 'count: 0') });
    expect(zero.status).toBe(422);
    expect(zero.text).toContain('Chưa lưu: nội dung còn 1 lỗi cần sửa');
    expect(zero.text).toContain('Loại gian hàng › thứ 1 › Số gian (boothTypes.0.count): cần ít nhất 1 gian');
    const noAlt = await save('editor', { [FAIR]: before.replace(/\n {2}alt: .*\n/, '\n') });
    expect(noAlt.status).toBe(422);
    expect(noAlt.text).toContain('Ảnh đại diện › Mô tả ảnh (image.alt): bắt buộc nhưng đang thiếu');
    expect(contentFile(FAIR)).toBe(before);
  });

  it('judges images by their bytes and size', async () => {
    const dir = 'products/sam-ngoc-linh-tuoi';
    const text = contentFile(`${dir}/index.md`).replace('src: ./anh-2.svg', 'src: ./anh-moi.jpg');
    const notImage = await save('editor', { [`${dir}/index.md`]: text, [`${dir}/anh-moi.jpg`]: 'đây là chữ, không phải ảnh' });
    expect(notImage.status).toBe(422);
    expect(notImage.text).toContain('không phải ảnh JPEG, PNG, WebP, AVIF, GIF hay SVG');
    const huge = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(6 * 1024 * 1024)]);
    const tooBig = await save('editor', { [`${dir}/index.md`]: text, [`${dir}/anh-moi.jpg`]: huge });
    expect(tooBig.status).toBe(422);
    expect(tooBig.text).toContain('quá giới hạn 5 MB');
    const script = await save('editor', { [`${dir}/index.md`]: text.replace('anh-moi.jpg', 'anh-moi.svg'), [`${dir}/anh-moi.svg`]: '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>' });
    expect(script.status).toBe(422);
    expect(existsSync(path.join(site.contentDir, dir, 'anh-moi.jpg'))).toBe(false);
  });

  it('refuses a save that does not say which version it replaces', async () => {
    const res = await save('editor', { [FAIR]: contentFile(FAIR) }, { base: null });
    expect(res.status).toBe(428);
    expect(res.text).toContain('Hãy tải lại trang (F5)');
  });

  it('two editors and one file: the second save is refused, naming the first, and the first is kept', async () => {
    const seenByEditor = await tree('editor');
    const seenByAdmin = await tree('admin');
    const original = contentFile(FAIR);
    const first = await save('admin', { [FAIR]: original.replace(/^venue: .*$/m, 'venue: Địa điểm do quản trị viên sửa') }, { base: { [FAIR]: seenByAdmin.get(FAIR) ?? null } });
    expect(first.status, first.text).toBe(200);
    const second = await save('editor', { [FAIR]: original.replace(/^venue: .*$/m, 'venue: Địa điểm do biên tập viên sửa') }, { base: { [FAIR]: seenByEditor.get(FAIR) ?? null } });
    expect(second.status).toBe(409);
    expect(second.text).toContain('vừa được Quản trị viên (demo) (lúc');
    expect(second.text).toContain('bản của bạn chưa được ghi');
    expect(contentFile(FAIR)).toContain('venue: Địa điểm do quản trị viên sửa');
    const created = await save('editor', { 'pages/trang-moi.md': '---\ntitle: Trang mới\ndescription: Mô tả\n---\nA\n' }, { base: { 'pages/trang-moi.md': null } });
    expect(created.status).toBe(200);
    const again = await save('admin', { 'pages/trang-moi.md': '---\ntitle: Trang khác\ndescription: Mô tả\n---\nB\n' }, { base: { 'pages/trang-moi.md': null } });
    expect(again.status).toBe(409);
    expect(contentFile('pages/trang-moi.md')).toContain('Trang mới');
  });

  it('refuses to delete a producer that products still name', async () => {
    const res = await save('editor', {}, { deletions: ['producers/htx-sam-ngoc-linh-tra-linh/index.md', 'producers/htx-sam-ngoc-linh-tra-linh/logo.svg'] });
    expect(res.status).toBe(409);
    expect(res.text).toMatch(/^Chưa xóa "Hợp tác xã Sâm Ngọc Linh Trà Linh": còn được dùng ở .*"Sâm Ngọc Linh tươi"/);
    expect(existsSync(path.join(site.contentDir, 'producers/htx-sam-ngoc-linh-tra-linh/index.md'))).toBe(true);
  });

  it('refuses to delete a craft village that producers still name', async () => {
    const res = await save('editor', {}, { deletions: ['craft-villages/lang-gom-thanh-ha/index.md'] });
    expect(res.status).toBe(409);
    expect(res.text).toMatch(/^Chưa xóa "Làng gốm Thanh Hà": còn được dùng ở "Hộ kinh doanh Gốm Thanh Hà Lê Văn Tâm"/);
    expect(existsSync(path.join(site.contentDir, 'craft-villages/lang-gom-thanh-ha/index.md'))).toBe(true);
  });

  it('deletes an entry nobody refers to, and its folder', async () => {
    const res = await save('editor', {}, { deletions: ['fairs/hoi-cho-thu-api-2027/index.md', 'fairs/hoi-cho-thu-api-2027/anh.svg'] });
    expect(res.status, res.text).toBe(200);
    expect(existsSync(path.join(site.contentDir, 'fairs/hoi-cho-thu-api-2027'))).toBe(false);
    expect(gitIn(site.repoDir ?? '', 'log', '-1', '--format=%s').trim()).toBe('Xóa hội chợ: Hội chợ thử qua API năm 2027');
  });
});

describe('publishing and history routes, for the roles', () => {
  it('lets editors and admins see the console pages, others not', async () => {
    for (const target of ['/quan-tri/xuat-ban', '/quan-tri/lich-su', '/quan-tri/lich-su?muc=fairs/hoi-cho-cnnt-lai-chau-2027']) {
      expect((await raw('GET', target, { Cookie: cookies.editor })).status, target).toBe(200);
      expect((await raw('GET', target, { Cookie: cookies.admin })).status, target).toBe(200);
      expect((await raw('GET', target, { Cookie: cookies.organiser })).status, target).toBe(403);
      expect((await raw('GET', target, {})).status, target).toBe(302);
    }
    const history = await raw('GET', '/quan-tri/lich-su?muc=fairs/hoi-cho-cnnt-lai-chau-2027', { Cookie: cookies.editor });
    expect(history.body).toContain('Sửa hội chợ: Hội chợ triển lãm hàng công nghiệp nông thôn tỉnh Lai Châu năm 2027');
    expect(history.body).toContain('Khôi phục phiên bản này');
  });

  it('restores an older version of an entry as a new commit', async () => {
    const repo = site.repoDir ?? '';
    const original = gitIn(repo, 'log', '--format=%H', '--', `content/${FAIR}`).trim().split('\n').at(-1) ?? '';
    const res = await raw('POST', '/quan-tri/lich-su', { Cookie: cookies.editor, Origin: site.url, 'Content-Type': 'application/x-www-form-urlencoded' }, new URLSearchParams({ action: 'restore', muc: 'fairs/hoi-cho-cnnt-lai-chau-2027', 'phien-ban': original }).toString());
    expect(res.status).toBe(303);
    expect(res.headers.location).toContain('da-khoi-phuc=');
    expect(contentFile(FAIR)).toBe(gitIn(repo, 'show', `${original}:content/${FAIR}`));
    expect(gitIn(repo, 'log', '-1', '--format=%an|%s').trim()).toBe(`Phạm Thu Hà (biên tập viên demo)|Khôi phục fairs/hoi-cho-cnnt-lai-chau-2027 về phiên bản ${original.slice(0, 7)}`);
  });
});

describe('content that is not in a git repository', () => {
  let bare: ThrowawaySite;
  beforeAll(async () => {
    bare = await startThrowawaySite({ port: PORT + 1, git: false });
  }, 120_000);
  afterAll(async () => {
    await bare.cleanup();
  });

  it('still saves; the console says there is no history and makes a repository on request', async () => {
    const editor = await signIn(bare.url, EDITOR);
    const file = 'pages/gioi-thieu.md';
    const treeRes = await fetch(`${bare.url}/api/keystatic/tree`, { headers: { Cookie: editor, 'no-cors': '1' } });
    const sha = ((await treeRes.json()) as TreeEntry[]).find((e) => e.path === file)?.sha ?? null;
    const text = readFileSync(path.join(bare.contentDir, file), 'utf8').replace(/^title: .*$/m, 'title: "Giới thiệu (đã sửa)"');
    const res = await fetch(`${bare.url}/api/keystatic/update`, {
      method: 'POST',
      headers: { Cookie: editor, 'no-cors': '1', 'Content-Type': 'application/json', Origin: bare.url },
      body: JSON.stringify({ additions: [{ path: file, contents: Buffer.from(text).toString('base64') }], deletions: [], base: { [file]: sha } }),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const page = await (await fetch(`${bare.url}/quan-tri/xuat-ban`, { headers: { Cookie: editor } })).text();
    expect(page).toContain('Thư mục nội dung chưa nằm trong một kho git');
    const init = await fetch(`${bare.url}/quan-tri/xuat-ban`, { method: 'POST', redirect: 'manual', headers: { Cookie: editor, Origin: bare.url, 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'action=init-repo' });
    expect(init.status).toBe(303);
    expect(gitIn(bare.contentDir, 'log', '--format=%an|%s').trim()).toBe('Phạm Thu Hà (biên tập viên demo)|Khởi tạo lịch sử nội dung');
    expect(gitIn(bare.contentDir, 'show', 'HEAD:pages/gioi-thieu.md')).toContain('Giới thiệu (đã sửa)');
  });
});
