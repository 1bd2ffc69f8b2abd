/**
 * Signing in against the BUILT server (TEST_BUILD_DIR) over real HTTP: the return address
 * (`next`) of the form POST and of the signed-in GET of /dang-nhap only ever leads to a path
 * on this site, with a valid Location header (never a 5xx); the sign-in page shows the error
 * catalogue's messages. Needs a build (npm test makes one); skipped without it.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBuiltServer, tempDatabasePath, type BuiltServer } from '../helpers/registration-server';
import { HOSTILE_NEXT } from '../helpers/hostile-next';
import { TEST_BUILD_DIR, TEST_PORT } from '../test-env';

const PORT = TEST_PORT + 120;
const ADMIN = { email: 'quantri@demo.khuyencong.example', password: 'quantri-demo-2026' };
const FALLBACK = '/quan-tri';
const built = existsSync(path.join(TEST_BUILD_DIR, 'server', 'entry.mjs'));

let server: BuiltServer;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  if (!built) return;
  const db = tempDatabasePath('auth-http');
  cleanups.push(() => db.cleanup());
  server = await startBuiltServer({ port: PORT, databasePath: db.file });
  cleanups.push(() => server.stop());
}, 60_000);
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

function formPost(fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.url, ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

/** The Location of a redirect, checked to be a same-origin path that a browser cannot take elsewhere. */
function sameSiteLocation(response: Response, label: string): string {
  expect(response.status, label).toBeGreaterThanOrEqual(300);
  expect(response.status, label).toBeLessThan(400);
  const location = response.headers.get('location') ?? '';
  expect(location, label).toMatch(/^\/(?![/\\])[\x21-\x7e]*$/);
  expect(new URL(location, server.url).origin, label).toBe(server.url);
  return location;
}

function sessionCookie(response: Response): string {
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('session='));
  expect(cookie).toBeDefined();
  return (cookie ?? '').split(';')[0] ?? '';
}

describe.skipIf(!built)('the sign-in return address on the built server', () => {
  it('the form POST sends a hostile next to the default page, with a 303', async () => {
    for (const next of HOSTILE_NEXT) {
      const label = JSON.stringify(next).slice(0, 80);
      const answer = await formPost({ ...ADMIN, next });
      expect(sameSiteLocation(answer, label), label).toBe(FALLBACK);
    }
  });

  it('the signed-in GET of /dang-nhap sends a hostile next to the default page', async () => {
    const cookie = sessionCookie(await formPost(ADMIN));
    for (const next of HOSTILE_NEXT) {
      const label = JSON.stringify(next).slice(0, 80);
      const answer = await fetch(`${server.url}/dang-nhap?next=${encodeURIComponent(next)}`, { redirect: 'manual', headers: { Cookie: cookie } });
      expect(sameSiteLocation(answer, label), label).toBe(FALLBACK);
    }
  });

  it('keeps a legitimate next with its query, and percent-encodes a non-ASCII one (no 500)', async () => {
    const cookie = sessionCookie(await formPost(ADMIN));
    const cases: [string, string][] = [
      ['/quan-tri/hoi-cho/x?trang-thai=pending', '/quan-tri/hoi-cho/x?trang-thai=pending'],
      ['/sản-phẩm', '/s%E1%BA%A3n-ph%E1%BA%A9m'],
      ['/tim-kiem?q=nước%20mắm', '/tim-kiem?q=n%C6%B0%E1%BB%9Bc%20m%E1%BA%AFm'],
    ];
    for (const [next, expected] of cases) {
      expect(sameSiteLocation(await formPost({ ...ADMIN, next }), next)).toBe(expected);
      const page = await fetch(`${server.url}/dang-nhap?next=${encodeURIComponent(next)}`, { redirect: 'manual', headers: { Cookie: cookie } });
      expect(sameSiteLocation(page, next)).toBe(expected);
    }
  });

  it('a failed sign-in goes back to the sign-in page with a safe next', async () => {
    const wrong = await formPost({ email: ADMIN.email, password: 'sai-mat-khau', next: '/\t/evil.example' });
    expect(sameSiteLocation(wrong, 'wrong password')).toBe(`/dang-nhap?loi=invalid_credentials&next=${encodeURIComponent(FALLBACK)}`);
    const kept = await formPost({ email: ADMIN.email, password: 'sai-mat-khau', next: '/sản-phẩm' });
    expect(sameSiteLocation(kept, 'non-ASCII next')).toBe(`/dang-nhap?loi=invalid_credentials&next=${encodeURIComponent('/s%E1%BA%A3n-ph%E1%BA%A9m')}`);
  });

  it('the anonymous sign-in page carries only a safe next in its form', async () => {
    const html = await (await fetch(`${server.url}/dang-nhap?next=${encodeURIComponent('/%09/evil.example')}`)).text();
    expect(html).toContain(`name="next" value="${FALLBACK}"`);
    const kept = await (await fetch(`${server.url}/dang-nhap?next=${encodeURIComponent('/quan-tri/hoi-cho/x?trang-thai=pending')}`)).text();
    expect(kept).toContain('name="next" value="/quan-tri/hoi-cho/x?trang-thai=pending"');
  });
});

describe.skipIf(!built)('the sign-in page and throttling on the built server', () => {
  const page = async (query: string) => {
    const answer = await fetch(`${server.url}/dang-nhap?${query}`);
    const html = await answer.text();
    const alert = /<p class="notice danger" role="alert"[^>]*>([^<]*)<\/p>/.exec(html)?.[1] ?? null;
    return { status: answer.status, alert };
  };

  it('shows the error catalogue\'s message and status for the code it is sent back with', async () => {
    expect(await page('loi=invalid_credentials')).toEqual({ status: 401, alert: 'Email hoặc mật khẩu không đúng.' });
    expect(await page('loi=throttled&cho=4')).toEqual({ status: 429, alert: 'Có quá nhiều lần đăng nhập sai. Vui lòng thử lại sau 4 phút.' });
    expect(await page('loi=account_throttled&cho=90')).toMatchObject({ status: 429, alert: expect.stringContaining('thử lại sau 1 giờ 30 phút, hoặc liên hệ quản trị viên.') as unknown });
    expect(await page('loi=throttled&cho=9999999')).toEqual({ status: 429, alert: 'Có quá nhiều lần đăng nhập sai. Vui lòng thử lại sau ít phút.' });
    expect(await page('loi=payload_too_large')).toEqual({ status: 413, alert: 'Nội dung gửi lên quá lớn.' });
    for (const code of ['khong-co', 'toString', '__proto__', 'constructor']) expect(await page(`loi=${code}`)).toEqual({ status: 200, alert: null });
  });

  it('a throttled form sign-in goes back to the page with the wait, a JSON one gets 429 with Retry-After', async () => {
    const email = 'khong-co-ai@example.vn';
    for (let i = 0; i < 5; i++) expect(sameSiteLocation(await formPost({ email, password: 'sai' }), 'failure')).toMatch(/^\/dang-nhap\?loi=invalid_credentials/);
    expect(sameSiteLocation(await formPost({ email, password: 'sai', next: '/quan-tri/nhat-ky' }), 'throttled')).toBe('/dang-nhap?loi=throttled&cho=1&next=%2Fquan-tri%2Fnhat-ky');
    const json = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: server.url },
      body: JSON.stringify({ email, password: 'sai' }),
    });
    expect(json.status).toBe(429);
    expect(Number(json.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(json.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(await json.json()).toEqual({ error: 'throttled', message: 'Có quá nhiều lần đăng nhập sai. Vui lòng thử lại sau 1 phút.' });
  });

  it('a successful sign-in gives the browser a device cookie, sent only to the sign-in endpoint', async () => {
    const answer = await formPost(ADMIN);
    const device = answer.headers.getSetCookie().find((c) => c.startsWith('device='));
    expect(device).toMatch(/^device=[a-z2-7]{32}; Max-Age=34560000; Path=\/api\/auth\/login; HttpOnly; SameSite=Lax$/);
    const again = await formPost(ADMIN, { Cookie: (device ?? '').split(';')[0] ?? '' });
    expect(again.headers.getSetCookie().find((c) => c.startsWith('device='))?.split(';')[0]).toBe((device ?? '').split(';')[0]);
  });
});
