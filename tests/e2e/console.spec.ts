/**
 * The organiser console: dashboard, users (admin: create, reset a password, disable), outbox,
 * audit log — accessible, at 360 px, and what each role may see.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectFitsPhone, expectNoAxeViolations } from './a11y';

const ACCOUNTS = {
  admin: { email: 'quantri@demo.khuyencong.example', password: 'quantri-demo-2026' },
  organiser: { email: 'bantochuc@demo.khuyencong.example', password: 'bantochuc-demo-2026' },
  judge: { email: 'giamkhao1@demo.khuyencong.example', password: 'giamkhao1-demo-2026' },
};

async function signInAs(page: Page, who: keyof typeof ACCOUNTS, next = '/quan-tri'): Promise<void> {
  await page.goto(`/dang-nhap?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email').fill(ACCOUNTS[who].email);
  await page.getByLabel('Mật khẩu').fill(ACCOUNTS[who].password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page).toHaveURL(new RegExp(`${next.replace(/[/?]/g, '\\$&')}$`));
}

test('admin: every console page is accessible and fits a phone', async ({ page }) => {
  await signInAs(page, 'admin');
  for (const [path, heading] of [
    ['/quan-tri', 'Tổng quan'],
    ['/quan-tri/nguoi-dung', 'Người dùng'],
    ['/quan-tri/hop-thu-di', 'Hộp thư đi'],
    ['/quan-tri/nhat-ky', 'Nhật ký hoạt động'],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expectNoAxeViolations(page);
    await expectFitsPhone(page);
  }
});

test('dashboard shows counts; the console menu follows the role', async ({ page }) => {
  await signInAs(page, 'organiser');
  const nav = page.getByRole('navigation', { name: 'Trang quản trị' });
  await expect(nav.getByRole('link', { name: 'Hộp thư đi' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Người dùng' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Hội chợ' }).first()).toBeVisible();
  await expect(page.getByText('Lượt đăng ký gian hàng')).toBeVisible();

  const res = await page.goto('/quan-tri/nguoi-dung');
  expect(res?.status()).toBe(403);
  await expect(page.getByRole('heading', { level: 1, name: 'Không có quyền truy cập' })).toBeVisible();
  await expectNoAxeViolations(page);
});

test('judge sees the dashboard only', async ({ page }) => {
  await signInAs(page, 'judge');
  await expect(page.getByRole('heading', { level: 1, name: 'Tổng quan' })).toBeVisible();
  expect((await page.goto('/quan-tri/hop-thu-di'))?.status()).toBe(403);
  expect((await page.goto('/quan-tri/nhat-ky'))?.status()).toBe(403);
});

test('admin creates a user, resets the password, disables them; the audit log records it', async ({ page, browser }) => {
  const email = `nguoi-moi-${String(Date.now())}@example.vn`;
  await signInAs(page, 'admin', '/quan-tri/nguoi-dung');

  // Invalid input: a clear message on the field, nothing created.
  await page.getByLabel('Họ tên').fill('Phạm Thị Dung');
  await page.getByLabel('Email').fill('khong-phai-email');
  await page.getByLabel(/^Mật khẩu/).fill('ngan');
  await page.getByLabel('Email').evaluate((el) => el.removeAttribute('type'));
  await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
  await expect(page.getByRole('alert')).toContainText('Chưa tạo được tài khoản');
  await expect(page.getByText('Địa chỉ email không hợp lệ.')).toBeVisible();
  await expect(page.getByText('Mật khẩu cần ít nhất 8 ký tự.')).toBeVisible();

  // Created with a generated password, shown once.
  await page.getByLabel('Họ tên').fill('Phạm Thị Dung');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Vai trò').selectOption('organiser');
  await page.getByLabel(/^Mật khẩu/).fill('');
  await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
  await expect(page.getByRole('status')).toContainText(`Đã tạo tài khoản ${email}`);
  const password = await page.locator('.password').textContent();
  expect(password).toMatch(/^\w{4}-\w{4}-\w{4}-\w{4}$/);

  // The new user signs in in another browser.
  const other = await browser.newContext();
  const theirs = await other.newPage();
  await theirs.goto('/dang-nhap');
  await theirs.getByLabel('Email').fill(email);
  await theirs.getByLabel('Mật khẩu').fill(password ?? '');
  await theirs.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(theirs.getByRole('heading', { level: 1, name: 'Tổng quan' })).toBeVisible();

  // Resetting the password ends their session.
  await page.getByRole('button', { name: `Đặt lại mật khẩu cho ${email}` }).click();
  await expect(page.getByRole('status')).toContainText(`Đã đặt lại mật khẩu cho ${email}`);
  await theirs.reload();
  await expect(theirs).toHaveURL(/\/dang-nhap\?next=%2Fquan-tri$/);

  // Disabled: cannot sign in.
  await page.getByRole('button', { name: `Vô hiệu hóa ${email}` }).click();
  await expect(page.getByRole('status')).toContainText(`Đã vô hiệu hóa tài khoản ${email}`);
  await other.close();

  await page.goto('/quan-tri/nhat-ky');
  const log = page.getByRole('table');
  await expect(log.getByRole('row').filter({ hasText: 'user.disable' }).filter({ hasText: email })).toHaveCount(1);
  await expect(log.getByRole('row').filter({ hasText: 'user.password_reset' }).filter({ hasText: email })).toHaveCount(1);
  await expect(log.getByRole('row').filter({ hasText: 'user.create' }).filter({ hasText: email })).toHaveCount(1);
  await expect(log.getByRole('row').filter({ hasText: 'auth.login' }).first()).toBeVisible();
});
