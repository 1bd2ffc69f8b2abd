/**
 * The authorisation matrix: every on-demand route (and every file under src/pages/quan-tri and
 * src/pages/api, on-demand or not) × every HTTP method it handles must be listed below, either
 * as public or with the status each role gets. A new route without an entry fails this test;
 * so does a route whose guard does not give the listed status.
 *
 * Statuses are of the first answer (redirects not followed): pages send an anonymous visitor
 * to the sign-in page (302), APIs answer 401; a wrong role gets 403. Writes are sent with this
 * site's Origin and an empty body (so a permitted role gets 400 for the missing fields).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, request as playwrightRequest, test, type APIRequestContext } from '@playwright/test';
import { TEST_BASE_URL } from '../test-env';

type Who = 'anonymous' | 'judge' | 'organiser' | 'editor' | 'admin';
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface Entry {
  /** The file under src/pages. */
  file: string;
  method: Method;
  /** A concrete URL for the route (fill in dynamic segments). */
  url: string;
  /** Public: only the anonymous visitor is checked (status given, or any non-5xx). */
  public?: true;
  expect?: Partial<Record<Who, number>>;
  /** Body kind for writes: JSON (default) or an HTML form. */
  body?: 'json' | 'form';
}

const PAGE_STAFF = { anonymous: 302, judge: 200, organiser: 200, admin: 200 };
const PAGE_ORGANISERS = { anonymous: 302, judge: 403, organiser: 200, admin: 200 };
const PAGE_ADMIN = { anonymous: 302, judge: 403, organiser: 403, admin: 200 };

export const MATRIX: Entry[] = [
  // Public site (on-demand pages of the showcase and fairs work).
  { file: 'san-pham/index.astro', method: 'GET', url: '/san-pham', public: true, expect: { anonymous: 200 } },
  { file: 'hoi-cho/index.astro', method: 'GET', url: '/hoi-cho', public: true, expect: { anonymous: 200 } },
  { file: 'ocop.astro', method: 'GET', url: '/ocop', public: true, expect: { anonymous: 200 } },
  // Programme results (issue 15).
  { file: 'chuong-trinh/index.astro', method: 'GET', url: '/chuong-trinh', public: true, expect: { anonymous: 200 } },
  { file: 'chuong-trinh/[slug].astro', method: 'GET', url: '/chuong-trinh/chuong-trinh-khuyen-cong-quang-ngai-2026-2030', public: true, expect: { anonymous: 200 } },
  { file: 'api/programmes/[slug].ts', method: 'GET', url: '/api/programmes/chuong-trinh-khuyen-cong-quang-ngai-2026-2030', public: true, expect: { anonymous: 200 } },
  { file: 'thong-ke.astro', method: 'GET', url: '/thong-ke', public: true, expect: { anonymous: 200 } },
  { file: 'ban-do.astro', method: 'GET', url: '/ban-do', public: true, expect: { anonymous: 200 } },
  { file: 'quan-tri/chuong-trinh/index.astro', method: 'GET', url: '/quan-tri/chuong-trinh', expect: PAGE_ORGANISERS },
  { file: 'quan-tri/chuong-trinh/[slug]/index.astro', method: 'GET', url: '/quan-tri/chuong-trinh/chuong-trinh-khuyen-cong-quang-ngai-2026-2030', expect: PAGE_ORGANISERS },
  {
    file: 'quan-tri/chuong-trinh/[slug]/index.astro',
    method: 'POST',
    url: '/quan-tri/chuong-trinh/chuong-trinh-khuyen-cong-quang-ngai-2026-2030',
    body: 'form',
    expect: { anonymous: 302, judge: 403, organiser: 400, admin: 400 },
  },
  { file: 'quan-tri/chuong-trinh/[slug]/bao-cao.docx.ts', method: 'GET', url: '/quan-tri/chuong-trinh/chuong-trinh-khuyen-cong-quang-ngai-2026-2030/bao-cao.docx', expect: { anonymous: 401, judge: 403, organiser: 200, admin: 200 } },
  { file: 'quan-tri/chuong-trinh/[slug]/so-lieu.xlsx.ts', method: 'GET', url: '/quan-tri/chuong-trinh/chuong-trinh-khuyen-cong-quang-ngai-2026-2030/so-lieu.xlsx', expect: { anonymous: 401, judge: 403, organiser: 200, admin: 200 } },
  // Sign-in and operations.
  { file: 'dang-nhap.astro', method: 'GET', url: '/dang-nhap', public: true, expect: { anonymous: 200 } },
  { file: 'healthz.ts', method: 'GET', url: '/healthz', public: true, expect: { anonymous: 200 } },
  { file: 'tim-kiem.astro', method: 'GET', url: '/tim-kiem?q=nuoc+mam', public: true, expect: { anonymous: 200 } },
  { file: 'api/search.ts', method: 'GET', url: '/api/search?q=nuoc+mam', public: true, expect: { anonymous: 200 } },
  { file: 'api/bench/search-bare.ts', method: 'GET', url: '/api/bench/search-bare', public: true, expect: { anonymous: 404 } },
  { file: 'api/auth/login.ts', method: 'POST', url: '/api/auth/login', public: true, expect: { anonymous: 400 } },
  { file: 'api/auth/logout.ts', method: 'POST', url: '/api/auth/logout', public: true, expect: { anonymous: 204 } },
  { file: 'api/auth/me.ts', method: 'GET', url: '/api/auth/me', expect: { anonymous: 401, judge: 200, organiser: 200, admin: 200 } },
  // Console.
  { file: 'quan-tri/index.astro', method: 'GET', url: '/quan-tri', expect: PAGE_STAFF },
  { file: 'quan-tri/khong-co-quyen.astro', method: 'GET', url: '/quan-tri/khong-co-quyen', public: true, expect: { anonymous: 403 } },
  { file: 'quan-tri/hop-thu-di.astro', method: 'GET', url: '/quan-tri/hop-thu-di', expect: PAGE_ORGANISERS },
  { file: 'quan-tri/nhat-ky.astro', method: 'GET', url: '/quan-tri/nhat-ky', expect: PAGE_ADMIN },
  { file: 'quan-tri/nguoi-dung.astro', method: 'GET', url: '/quan-tri/nguoi-dung', expect: PAGE_ADMIN },
  {
    file: 'quan-tri/nguoi-dung.astro',
    method: 'POST',
    url: '/quan-tri/nguoi-dung',
    body: 'form',
    expect: { anonymous: 302, judge: 403, organiser: 403, admin: 400 },
  },
  // Booth registration (issue 4).
  { file: 'api/bench/bare.ts', method: 'GET', url: '/api/bench/bare', public: true, expect: { anonymous: 404 } },
  { file: 'api/bench/bare.ts', method: 'POST', url: '/api/bench/bare', public: true, expect: { anonymous: 404 } },
  { file: 'api/bench/upload-bare.ts', method: 'POST', url: '/api/bench/upload-bare', public: true, expect: { anonymous: 404 } },
  { file: 'api/fairs/[slug]/availability.ts', method: 'GET', url: '/api/fairs/hoi-cho-cnnt-lai-chau-2027/availability', public: true, expect: { anonymous: 200 } },
  { file: 'api/fairs/[slug]/registrations.ts', method: 'POST', url: '/api/fairs/hoi-cho-cnnt-lai-chau-2027/registrations', public: true, expect: { anonymous: 400 } },
  { file: 'api/registrations/[code].ts', method: 'GET', url: '/api/registrations/ABCDEF', public: true, expect: { anonymous: 400 } },
  { file: 'api/registrations/manage/[token].ts', method: 'GET', url: '/api/registrations/manage/khong-co', public: true, expect: { anonymous: 404 } },
  { file: 'api/registrations/manage/[token].ts', method: 'POST', url: '/api/registrations/manage/khong-co', public: true, expect: { anonymous: 404 } },
  {
    file: 'api/console/fairs/[slug]/registrations/[code].ts',
    method: 'POST',
    url: '/api/console/fairs/hoi-cho-cnnt-lai-chau-2027/registrations/ABCDEF',
    expect: { anonymous: 401, judge: 403, organiser: 400, admin: 400 },
  },
  { file: 'hoi-cho/[id]/dang-ky.astro', method: 'GET', url: '/hoi-cho/hoi-cho-cnnt-lai-chau-2027/dang-ky', public: true, expect: { anonymous: 200 } },
  { file: 'hoi-cho/[id]/dang-ky.astro', method: 'POST', url: '/hoi-cho/hoi-cho-cnnt-lai-chau-2027/dang-ky', body: 'form', public: true, expect: { anonymous: 400 } },
  { file: 'hoi-cho/tra-cuu.astro', method: 'GET', url: '/hoi-cho/tra-cuu', public: true, expect: { anonymous: 200 } },
  { file: 'hoi-cho/tra-cuu.astro', method: 'POST', url: '/hoi-cho/tra-cuu', body: 'form', public: true, expect: { anonymous: 400 } },
  { file: 'hoi-cho/quan-ly/[token].astro', method: 'GET', url: '/hoi-cho/quan-ly/khong-co', public: true, expect: { anonymous: 404 } },
  { file: 'hoi-cho/quan-ly/[token].astro', method: 'POST', url: '/hoi-cho/quan-ly/khong-co', body: 'form', public: true, expect: { anonymous: 404 } },
  { file: 'quan-tri/hoi-cho/index.astro', method: 'GET', url: '/quan-tri/hoi-cho', expect: PAGE_ORGANISERS },
  { file: 'quan-tri/hoi-cho/[slug]/index.astro', method: 'GET', url: '/quan-tri/hoi-cho/hoi-cho-cnnt-lai-chau-2027', expect: PAGE_ORGANISERS },
  { file: 'quan-tri/hoi-cho/[slug]/in.astro', method: 'GET', url: '/quan-tri/hoi-cho/hoi-cho-cnnt-lai-chau-2027/in', expect: PAGE_ORGANISERS },
  {
    file: 'quan-tri/hoi-cho/[slug]/dang-ky.csv.ts',
    method: 'GET',
    url: '/quan-tri/hoi-cho/hoi-cho-cnnt-lai-chau-2027/dang-ky.csv',
    expect: { anonymous: 401, judge: 403, organiser: 200, admin: 200 },
  },
  // Fair operations: floor plan, booth choice, directory, short link, console plan, exports, staff entry.
  { file: 'api/registrations/[code]/resend.ts', method: 'POST', url: '/api/registrations/ABCDEF/resend', public: true, expect: { anonymous: 400 } },
  { file: 'q/[token].ts', method: 'GET', url: '/q/khong-co', public: true, expect: { anonymous: 303 } },
  { file: 'hoi-cho/[id]/gian-hang.astro', method: 'GET', url: '/hoi-cho/hoi-cho-cnnt-ocop-da-nang-2027/gian-hang', public: true, expect: { anonymous: 200 } },
  { file: 'quan-tri/hoi-cho/[slug]/so-do.astro', method: 'GET', url: '/quan-tri/hoi-cho/hoi-cho-cnnt-ocop-da-nang-2027/so-do', expect: PAGE_ORGANISERS },
  { file: 'quan-tri/hoi-cho/[slug]/in-so-do.astro', method: 'GET', url: '/quan-tri/hoi-cho/hoi-cho-cnnt-ocop-da-nang-2027/in-so-do', expect: PAGE_ORGANISERS },
  { file: 'quan-tri/hoi-cho/[slug]/dang-ky-moi.astro', method: 'GET', url: '/quan-tri/hoi-cho/hoi-cho-cnnt-ocop-da-nang-2027/dang-ky-moi', expect: PAGE_ORGANISERS },
  { file: 'quan-tri/hoi-cho/[slug]/dang-ky-moi.astro', method: 'POST', url: '/quan-tri/hoi-cho/hoi-cho-cnnt-ocop-da-nang-2027/dang-ky-moi', body: 'form', expect: { anonymous: 302, judge: 403, organiser: 400, admin: 400 } },
  {
    file: 'quan-tri/hoi-cho/[slug]/dang-ky.xlsx.ts',
    method: 'GET',
    url: '/quan-tri/hoi-cho/hoi-cho-cnnt-lai-chau-2027/dang-ky.xlsx',
    expect: { anonymous: 401, judge: 403, organiser: 200, admin: 200 },
  },
  {
    file: 'api/console/fairs/[slug]/booths/[booth].ts',
    method: 'POST',
    url: '/api/console/fairs/hoi-cho-cnnt-ocop-da-nang-2027/booths/A01',
    expect: { anonymous: 401, judge: 403, organiser: 400, admin: 400 },
  },
  {
    file: 'api/console/fairs/[slug]/bulk-approve.ts',
    method: 'POST',
    url: '/api/console/fairs/hoi-cho-cnnt-lai-chau-2027/bulk-approve',
    expect: { anonymous: 401, judge: 403, organiser: 400, admin: 400 },
  },
  {
    file: 'api/console/fairs/[slug]/auto-assign.ts',
    method: 'POST',
    url: '/api/console/fairs/hoi-cho-cnnt-ocop-da-nang-2027/auto-assign',
    expect: { anonymous: 401, judge: 403, organiser: 400, admin: 400 },
  },
  // Contests (issue 5): judging, console, results, vote.
  ...contestRows(),
  // Content editor and publishing.
  ...contentRows(),
];

/**
 * The content editor (Keystatic, its own guard in the middleware: tests/integration/cms-server
 * tries every path spelling) and publishing. Writes carry an empty body: an editor gets 400/404
 * from the editor's API, nothing is written. The browser suite's server cannot build (its
 * PUBLISH_SOURCE_DIR has no project, playwright.config.ts), so a publish request is queued and
 * fails at once instead of switching the server under the other tests.
 */
function contentRows(): Entry[] {
  const EDITOR_PAGE = { anonymous: 302, judge: 403, organiser: 403, editor: 200, admin: 200 };
  const EDITOR_FORM = { anonymous: 302, judge: 403, organiser: 403, editor: 400, admin: 400 };
  const api = (editor: number) => ({ anonymous: 401, judge: 403, organiser: 403, editor, admin: editor });
  return [
    { file: 'keystatic/[...params].astro', method: 'GET', url: '/keystatic', expect: EDITOR_PAGE },
    { file: 'api/keystatic/[...params].ts', method: 'GET', url: '/api/keystatic/tree', expect: api(400) }, // without Keystatic's no-cors header
    { file: 'api/keystatic/[...params].ts', method: 'POST', url: '/api/keystatic/update', expect: api(400) },
    { file: 'api/keystatic/[...params].ts', method: 'PUT', url: '/api/keystatic/update', expect: api(404) },
    { file: 'api/keystatic/[...params].ts', method: 'PATCH', url: '/api/keystatic/tree', expect: api(404) },
    { file: 'api/keystatic/[...params].ts', method: 'DELETE', url: '/api/keystatic/tree', expect: api(404) },
    { file: 'api/console/publish.ts', method: 'POST', url: '/api/console/publish', expect: api(202) },
    { file: 'api/console/publish/[id].ts', method: 'GET', url: '/api/console/publish/khongcolanxuatban', expect: api(404) },
    { file: 'api/console/publish/rollback.ts', method: 'POST', url: '/api/console/publish/rollback', expect: api(409) },
    { file: 'quan-tri/xuat-ban.astro', method: 'GET', url: '/quan-tri/xuat-ban', expect: EDITOR_PAGE },
    { file: 'quan-tri/xuat-ban.astro', method: 'POST', url: '/quan-tri/xuat-ban', body: 'form', expect: EDITOR_FORM },
    { file: 'quan-tri/lich-su.astro', method: 'GET', url: '/quan-tri/lich-su', expect: EDITOR_PAGE },
    { file: 'quan-tri/lich-su.astro', method: 'POST', url: '/quan-tri/lich-su', body: 'form', expect: EDITOR_FORM },
  ];
}

/**
 * The editor's status where a row does not give one: what every signed-in role gets when they
 * all get the same (the console's dashboard, `me`), otherwise 403 — the editor role has no
 * part in registrations, judging or contests.
 */
function editorStatus(e: Entry): number | undefined {
  if (e.expect?.editor !== undefined) return e.expect.editor;
  const { judge, organiser, admin } = e.expect ?? {};
  if (judge === undefined) return undefined;
  return judge === organiser && organiser === admin ? judge : 403;
}

/** Contest routes; C is the demo contest open for judging (the demo judges are assigned to it). */
function contestRows(): Entry[] {
  const C = 'binh-chon-cnnt-tieu-bieu-cap-tinh-lai-chau-2027';
  const E = 'che-shan-tuyet-co-thu-sin-suoi-ho';
  const UNPUBLISHED = 'binh-chon-cnnt-tieu-bieu-cap-tinh-da-nang-2025';
  const TQ = 'binh-chon-cnnt-tieu-bieu-cap-tinh-tuyen-quang-2027';
  const JUDGE_PAGE = { anonymous: 302, judge: 200, organiser: 403, admin: 403 };
  const JUDGE_FORM = { anonymous: 302, judge: 400, organiser: 403, admin: 403 };
  const JUDGE_API = { anonymous: 401, judge: 400, organiser: 403, admin: 403 };
  const ORGANISER_FORM = { anonymous: 302, judge: 403, organiser: 400, admin: 400 };
  const ORGANISER_FILE = { anonymous: 401, judge: 403, organiser: 200, admin: 200 };
  return [
    { file: 'cham-diem/index.astro', method: 'GET', url: '/cham-diem', expect: JUDGE_PAGE },
    { file: 'cham-diem/[contest]/index.astro', method: 'GET', url: `/cham-diem/${C}`, expect: JUDGE_PAGE },
    { file: 'cham-diem/[contest]/index.astro', method: 'POST', url: `/cham-diem/${C}`, body: 'form', expect: JUDGE_FORM },
    { file: 'cham-diem/[contest]/[entry].astro', method: 'GET', url: `/cham-diem/${C}/${E}`, expect: JUDGE_PAGE },
    { file: 'cham-diem/[contest]/[entry].astro', method: 'POST', url: `/cham-diem/${C}/${E}`, body: 'form', expect: JUDGE_FORM },
    { file: 'api/judging/[contest]/entries.ts', method: 'GET', url: `/api/judging/${C}/entries`, expect: { anonymous: 401, judge: 200, organiser: 403, admin: 403 } },
    { file: 'api/judging/[contest]/declaration.ts', method: 'POST', url: `/api/judging/${C}/declaration`, expect: JUDGE_API },
    { file: 'api/judging/[contest]/entries/[entry]/sheet.ts', method: 'PUT', url: `/api/judging/${C}/entries/${E}/sheet`, expect: JUDGE_API },
    { file: 'api/judging/[contest]/entries/[entry]/recusal.ts', method: 'POST', url: `/api/judging/${C}/entries/${E}/recusal`, expect: JUDGE_API },
    { file: 'quan-tri/binh-chon/index.astro', method: 'GET', url: '/quan-tri/binh-chon', expect: PAGE_ORGANISERS },
    { file: 'quan-tri/binh-chon/[contest]/index.astro', method: 'GET', url: `/quan-tri/binh-chon/${C}`, expect: PAGE_ORGANISERS },
    { file: 'quan-tri/binh-chon/[contest]/index.astro', method: 'POST', url: `/quan-tri/binh-chon/${C}`, body: 'form', expect: ORGANISER_FORM },
    { file: 'quan-tri/binh-chon/[contest]/ket-qua.astro', method: 'GET', url: `/quan-tri/binh-chon/${C}/ket-qua`, expect: PAGE_ORGANISERS },
    { file: 'quan-tri/binh-chon/[contest]/ket-qua.astro', method: 'POST', url: `/quan-tri/binh-chon/${C}/ket-qua`, body: 'form', expect: ORGANISER_FORM },
    { file: 'quan-tri/binh-chon/[contest]/in-phieu.astro', method: 'GET', url: `/quan-tri/binh-chon/${C}/in-phieu`, expect: PAGE_ORGANISERS },
    { file: 'quan-tri/binh-chon/[contest]/ket-qua.csv.ts', method: 'GET', url: `/quan-tri/binh-chon/${C}/ket-qua.csv`, expect: ORGANISER_FILE },
    { file: 'quan-tri/binh-chon/[contest]/phieu-cham.csv.ts', method: 'GET', url: `/quan-tri/binh-chon/${C}/phieu-cham.csv`, expect: ORGANISER_FILE },
    { file: 'api/contests/[contest]/results.ts', method: 'GET', url: `/api/contests/${UNPUBLISHED}/results`, public: true, expect: { anonymous: 404 } },
    { file: 'api/contests/[contest]/vote/code.ts', method: 'POST', url: `/api/contests/${C}/vote/code`, public: true, expect: { anonymous: 400 } },
    { file: 'api/contests/[contest]/vote/verify.ts', method: 'POST', url: `/api/contests/${C}/vote/verify`, public: true, expect: { anonymous: 400 } },
    { file: 'api/contests/[contest]/vote/ballot.ts', method: 'GET', url: `/api/contests/${C}/vote/ballot`, public: true, expect: { anonymous: 401 } },
    { file: 'api/contests/[contest]/vote/ballot.ts', method: 'POST', url: `/api/contests/${C}/vote/ballot`, public: true, expect: { anonymous: 400 } },
    { file: 'api/contests/[contest]/vote/ballot.ts', method: 'DELETE', url: `/api/contests/${C}/vote/ballot`, public: true, expect: { anonymous: 400 } },
    { file: 'api/contests/[contest]/vote/tally.ts', method: 'GET', url: `/api/contests/${C}/vote/tally`, public: true, expect: { anonymous: 200 } },
    { file: 'api/contests/[contest]/vote/challenge.ts', method: 'GET', url: `/api/contests/${C}/vote/challenge`, public: true, expect: { anonymous: 200 } },
    { file: 'binh-chon/[id]/ket-qua.astro', method: 'GET', url: `/binh-chon/${UNPUBLISHED}/ket-qua`, public: true, expect: { anonymous: 200 } }, // "chưa được công bố", noindex (the JSON API keeps 404)
    { file: 'binh-chon/[id]/binh-chon-cong-chung.astro', method: 'GET', url: `/binh-chon/${C}/binh-chon-cong-chung`, public: true, expect: { anonymous: 200 } },
    { file: 'binh-chon/[id]/binh-chon-cong-chung.astro', method: 'POST', url: `/binh-chon/${C}/binh-chon-cong-chung`, body: 'form', public: true, expect: { anonymous: 400 } },
    // Online entries (issue 12): intake and the management link are public (the token is the secret); files by role.
    { file: 'api/contests/[contest]/entries.ts', method: 'POST', url: `/api/contests/${TQ}/entries`, public: true, expect: { anonymous: 415 } },
    { file: 'api/contests/entries/manage/[token].ts', method: 'GET', url: '/api/contests/entries/manage/khongcotokennaykhongco', public: true, expect: { anonymous: 404 } },
    { file: 'api/contests/entries/manage/[token].ts', method: 'POST', url: '/api/contests/entries/manage/khongcotokennaykhongco', public: true, expect: { anonymous: 404 } },
    { file: 'api/contests/entries/manage/[token]/files/[file].ts', method: 'GET', url: '/api/contests/entries/manage/khongcotokennaykhongco/files/1', public: true, expect: { anonymous: 404 } },
    { file: 'api/contests/[contest]/entries/[code]/files/[file].ts', method: 'GET', url: `/api/contests/${TQ}/entries/ABCDEFGH/files/1`, expect: { anonymous: 404, judge: 404, organiser: 404, admin: 404 } },
    { file: 'api/console/contests/[contest]/entries.ts', method: 'GET', url: `/api/console/contests/${TQ}/entries`, expect: { anonymous: 401, judge: 403, organiser: 200, admin: 200 } },
    { file: 'api/console/contests/[contest]/entries/[code].ts', method: 'GET', url: `/api/console/contests/${TQ}/entries/ABCDEFGH`, expect: { anonymous: 401, judge: 403, organiser: 404, admin: 404 } },
    { file: 'api/console/contests/[contest]/entries/[code].ts', method: 'POST', url: `/api/console/contests/${TQ}/entries/ABCDEFGH`, expect: { anonymous: 401, judge: 403, organiser: 400, admin: 400 } },
    { file: 'binh-chon/[id]/dang-ky.astro', method: 'GET', url: `/binh-chon/${TQ}/dang-ky`, public: true, expect: { anonymous: 200 } },
    { file: 'binh-chon/[id]/dang-ky.astro', method: 'POST', url: `/binh-chon/${TQ}/dang-ky`, body: 'form', public: true, expect: { anonymous: 415 } },
    { file: 'binh-chon/quan-ly/[token].astro', method: 'GET', url: '/binh-chon/quan-ly/khongcotokennaykhongco', public: true, expect: { anonymous: 404 } },
    { file: 'binh-chon/quan-ly/[token].astro', method: 'POST', url: '/binh-chon/quan-ly/khongcotokennaykhongco', body: 'form', public: true, expect: { anonymous: 404 } },
    { file: 'quan-tri/binh-chon/[contest]/ho-so/index.astro', method: 'GET', url: `/quan-tri/binh-chon/${TQ}/ho-so`, expect: PAGE_ORGANISERS },
    { file: 'quan-tri/binh-chon/[contest]/ho-so/[code].astro', method: 'GET', url: `/quan-tri/binh-chon/${TQ}/ho-so/ABCDEFGH`, expect: { anonymous: 302, judge: 403, organiser: 404, admin: 404 } },
    { file: 'quan-tri/binh-chon/[contest]/ho-so/[code].astro', method: 'POST', url: `/quan-tri/binh-chon/${TQ}/ho-so/ABCDEFGH`, body: 'form', expect: { anonymous: 302, judge: 403, organiser: 404, admin: 404 } },
  ];
}

// --- Route discovery ------------------------------------------------------------------------

const PAGES = path.resolve('src/pages');

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? walk(path.join(dir, d.name)) : /\.(astro|ts|js|mjs|md|mdx|html)$/.test(d.name) ? [path.join(dir, d.name)] : [],
  );
}

function methodsOf(file: string, source: string): Method[] {
  if (file.endsWith('.astro')) {
    // A page handles POST when it tests the method itself, or when one of its forms posts back
    // to it (`<form method="post">` without an action: the page prepares and handles it).
    const handlesPost = /request\.method\s*===?\s*['"]POST['"]/.test(source) || /<form\b(?![^>]*\baction=)[^>]*\bmethod="post"/i.test(source);
    return handlesPost ? ['GET', 'POST'] : ['GET'];
  }
  const found = [...source.matchAll(/export\s+(?:const|(?:async\s+)?function)\s+(GET|POST|PUT|PATCH|DELETE|ALL)\b/g)].map((m) => m[1]);
  if (found.includes('ALL')) return ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
  return found as Method[];
}

/** Every route the matrix must cover: on-demand anywhere, and everything under quan-tri and api. */
function discoverRoutes(): { file: string; method: Method }[] {
  return walk(PAGES).flatMap((abs) => {
    const file = path.relative(PAGES, abs).split(path.sep).join('/');
    const source = readFileSync(abs, 'utf8');
    const onDemand = /export\s+const\s+prerender\s*=\s*false/.test(source);
    const sensitive = file.startsWith('quan-tri/') || file.startsWith('api/');
    if (!onDemand && !sensitive) return [];
    return methodsOf(file, source).map((method) => ({ file, method }));
  });
}

test('every on-demand, console and API route is in the matrix', () => {
  const listed = new Set(MATRIX.map((e) => `${e.method} ${e.file}`));
  const missing = discoverRoutes()
    .map((r) => `${r.method} ${r.file}`)
    .filter((key) => !listed.has(key));
  expect(missing, 'routes without an entry in tests/e2e/authz-matrix.spec.ts').toEqual([]);
  for (const e of MATRIX) {
    expect(e.public || (e.expect && ['anonymous', 'judge', 'organiser', 'admin'].every((w) => w in (e.expect ?? {}))), `${e.method} ${e.file}: give every role's status or mark it public`).toBeTruthy();
  }
});

test('no console page or API route is prerendered', () => {
  const prerendered = walk(PAGES)
    .map((abs) => path.relative(PAGES, abs).split(path.sep).join('/'))
    .filter((f) => (f.startsWith('quan-tri/') || f.startsWith('api/')) && !/export\s+const\s+prerender\s*=\s*false/.test(readFileSync(path.join(PAGES, f), 'utf8')));
  expect(prerendered).toEqual([]);
});

// --- Checking each entry against the running server ---------------------------------------------

const PASSWORDS: Record<Exclude<Who, 'anonymous'>, { email: string; password: string }> = {
  judge: { email: 'giamkhao2@demo.khuyencong.example', password: 'giamkhao2-demo-2026' },
  organiser: { email: 'bantochuc@demo.khuyencong.example', password: 'bantochuc-demo-2026' },
  editor: { email: 'bientap@demo.khuyencong.example', password: 'bientap-demo-2026' },
  admin: { email: 'quantri@demo.khuyencong.example', password: 'quantri-demo-2026' },
};

const contexts = new Map<Who, APIRequestContext>();

test.beforeAll(async () => {
  for (const who of ['anonymous', 'judge', 'organiser', 'editor', 'admin'] as const) {
    const ctx = await playwrightRequest.newContext({ baseURL: TEST_BASE_URL, maxRedirects: 0 });
    if (who !== 'anonymous') {
      const res = await ctx.post('/api/auth/login', { data: PASSWORDS[who], headers: { Origin: TEST_BASE_URL } });
      expect(res.status(), `sign in as ${who}`).toBe(200);
    }
    contexts.set(who, ctx);
  }
});

test.afterAll(async () => {
  for (const ctx of contexts.values()) await ctx.dispose();
});

for (const entry of MATRIX) {
  test(`${entry.method} ${entry.url} (${entry.file})`, async () => {
    const roles: Who[] = entry.public ? ['anonymous'] : ['anonymous', 'judge', 'organiser', 'editor', 'admin'];
    for (const who of roles) {
      const ctx = contexts.get(who);
      if (!ctx) throw new Error(`no context for ${who}`);
      const headers = { Origin: TEST_BASE_URL };
      const res =
        entry.method === 'GET'
          ? await ctx.get(entry.url, { maxRedirects: 0 })
          : await ctx.fetch(entry.url, {
              method: entry.method,
              headers,
              maxRedirects: 0,
              ...(entry.body === 'form' ? { form: {} } : { data: {} }),
            });
      const wanted = who === 'editor' ? editorStatus(entry) : entry.expect?.[who];
      if (wanted === undefined) expect(res.status(), who).toBeLessThan(500);
      else expect(res.status(), `${entry.method} ${entry.url} as ${who}`).toBe(wanted);
      if (res.status() === 302) expect(res.headers()['location'] ?? '').toMatch(/^\/dang-nhap\?next=/);
    }
  });
}
