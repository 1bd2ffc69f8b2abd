/**
 * Signing in and out in the browser (no JavaScript needed), the return address, wrong
 * passwords, throttling, and the JSON API's answers to bad input.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectFitsPhone, expectNoAxeViolations } from './a11y';
import { TEST_BASE_URL } from '../test-env';

const ADMIN = { email: 'quantri@demo.khuyencong.example', password: 'quantri-demo-2026' };
const ORGANISER = { email: 'bantochuc@demo.khuyencong.example', password: 'bantochuc-demo-2026' };

async function signIn(page: Page, account: { email: string; password: string }): Promise<void> {
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Mật khẩu').fill(account.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

test('the sign-in page is accessible and fits a phone', async ({ page }) => {
  await page.goto('/dang-nhap');
  await expect(page.getByRole('heading', { level: 1, name: 'Đăng nhập' })).toBeVisible();
  await expectNoAxeViolations(page);
  await expectFitsPhone(page);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a protected page sends to sign-in, then back to it; sign out ends the session', async ({ page, context }) => {
    await page.goto('/quan-tri/hop-thu-di');
    await expect(page).toHaveURL(/\/dang-nhap\?next=%2Fquan-tri%2Fhop-thu-di$/);
    await signIn(page, ORGANISER);
    await expect(page).toHaveURL(/\/quan-tri\/hop-thu-di$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Hộp thư đi' })).toBeVisible();

    const cookie = (await context.cookies()).find((c) => c.name === 'session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.value).toMatch(/^[a-z2-7]{32}$/);

    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await expect(page).toHaveURL(/\/dang-nhap\?da-dang-xuat=1$/);
    await expect(page.getByRole('status')).toHaveText('Bạn đã đăng xuất.');
    await page.goto('/quan-tri');
    await expect(page).toHaveURL(/\/dang-nhap\?next=%2Fquan-tri$/);
  });

  test('a wrong password and an unknown email get the same message', async ({ page }) => {
    await page.goto('/dang-nhap');
    await signIn(page, { email: ADMIN.email, password: 'sai-mat-khau' });
    const wrong = await page.getByRole('alert').textContent();
    await page.goto('/dang-nhap');
    await signIn(page, { email: 'khong-co@example.vn', password: 'sai-mat-khau' });
    const unknown = await page.getByRole('alert').textContent();
    expect(wrong).toBe('Email hoặc mật khẩu không đúng.');
    expect(unknown).toBe(wrong);
  });

  test('an external return address is ignored', async ({ page }) => {
    await page.goto('/dang-nhap?next=//evil.example/');
    await signIn(page, ADMIN);
    await expect(page).toHaveURL(`${TEST_BASE_URL}/quan-tri`);
  });
});

test('five failures from one address lock that address out of the account, with a 429 and the wait', async ({ page, request }) => {
  // A fresh account, so that the demo accounts stay usable for the other tests.
  const email = `khoa-${String(Date.now())}@example.vn`;
  await page.goto('/dang-nhap?next=/quan-tri/nguoi-dung');
  await signIn(page, ADMIN);
  await page.getByLabel('Họ tên').fill('Tài khoản thử khóa');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Vai trò').selectOption('judge');
  await page.getByLabel(/^Mật khẩu/).fill('dung-mat-khau-1');
  await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
  await expect(page.getByRole('status')).toContainText(`Đã tạo tài khoản ${email}`);

  const attempt = (password: string) =>
    request.post('/api/auth/login', { data: { email, password }, headers: { Origin: TEST_BASE_URL } });
  for (let i = 0; i < 5; i++) expect((await attempt('sai-mat-khau')).status()).toBe(401);
  const locked = await attempt('dung-mat-khau-1');
  expect(locked.status()).toBe(429);
  expect(Number(locked.headers()['retry-after'])).toBeGreaterThan(0);
  expect(Number(locked.headers()['retry-after'])).toBeLessThanOrEqual(60);
  expect((await locked.json()) as unknown).toMatchObject({ error: 'throttled', message: 'Có quá nhiều lần đăng nhập sai. Vui lòng thử lại sau 1 phút.' });

  await page.context().clearCookies();
  await page.goto('/dang-nhap');
  await signIn(page, { email, password: 'dung-mat-khau-1' });
  await expect(page.getByRole('alert')).toHaveText('Có quá nhiều lần đăng nhập sai. Vui lòng thử lại sau 1 phút.');
});

test.describe('the JSON API', () => {
  const origin = { Origin: TEST_BASE_URL };

  test('signs in and out with JSON', async ({ request }) => {
    const res = await request.post('/api/auth/login', { data: ORGANISER, headers: origin });
    expect(res.status()).toBe(200);
    expect((await res.json()) as unknown).toMatchObject({ user: { email: ORGANISER.email, role: 'organiser' } });
    expect((await request.get('/api/auth/me')).status()).toBe(200);
    expect((await request.post('/api/auth/logout', { headers: origin })).status()).toBe(204);
    expect((await request.get('/api/auth/me')).status()).toBe(401);
  });

  test('answers bad input with 400, 413, 415 and a foreign origin with 403 — never 5xx', async ({ request }) => {
    const post = (body: string, headers: Record<string, string>) =>
      request.post('/api/auth/login', { data: Buffer.from(body), headers: { ...origin, ...headers } });
    const json = { 'Content-Type': 'application/json' };
    const malformed = await post('{"email":', json);
    expect(malformed.status()).toBe(400);
    expect((await malformed.json()) as unknown).toMatchObject({ error: 'malformed_json' });
    const missing = await post('{}', json);
    expect(missing.status()).toBe(400);
    expect((await missing.json()) as unknown).toMatchObject({ error: 'invalid_input', fields: { email: 'Vui lòng nhập email.', password: 'Vui lòng nhập mật khẩu.' } });
    expect((await post('[1,2]', json)).status()).toBe(400);
    expect((await post(JSON.stringify({ email: 'a@b.vn', password: 'x'.repeat(70_000) }), json)).status()).toBe(413);
    expect((await post('email=a', { 'Content-Type': 'application/xml' })).status()).toBe(415);
    const foreign = await request.post('/api/auth/login', { data: ADMIN, headers: { Origin: 'https://evil.example' } });
    expect(foreign.status()).toBe(403);
    const noOrigin = await request.post('/api/auth/login', { data: ADMIN });
    expect(noOrigin.status()).toBe(403);
  });

  test('healthz reports the database and migrations', async ({ request }) => {
    const res = await request.get('/healthz');
    expect(res.status()).toBe(200);
    expect((await res.json()) as unknown).toEqual({ ok: true, database: 'ok', migrations: 'current', registrationWriter: 'thread' });
  });
});
