/**
 * Fair operations in a real browser against the built server: the floor plan of every demo
 * fair that has one (SVG, legend, table; states filled in from the availability API; axe; 360
 * px), choosing a booth by clicking the plan, the exhibitor directory without JavaScript, the
 * organiser's plan by keyboard, the lookup page's resend and the printable plan.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { expectFitsPhone, expectNoAxeViolations } from './a11y';
import { hydrateRegistrationForm } from './islands';
import { TEST_BASE_URL } from '../test-env';

const QN = 'hoi-cho-cnnt-quang-ngai-2028'; // booth choice
const DN = 'hoi-cho-cnnt-ocop-da-nang-2027'; // plan without choice

/** Demo fairs whose content has a floor plan (discovered, so editors may add more). */
const PLANNED = readdirSync('content/fairs').filter((d) => /\nfloorPlan:/.test(readFileSync(path.join('content/fairs', d, 'index.md'), 'utf8')));

let phoneSeq = 0;
const phone = () => `0936${String(100_000 + ++phoneSeq).padStart(6, '0')}`;

async function signIn(page: Page, next: string): Promise<void> {
  await page.goto(`/dang-nhap?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email').fill('bantochuc@demo.khuyencong.example');
  await page.getByLabel('Mật khẩu').fill('bantochuc-demo-2026');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((url) => url.pathname === next.split('?')[0]);
}

test('the demo has a fair with booth choice open until the end of 2027, and one planned without choice', () => {
  expect(PLANNED).toEqual(expect.arrayContaining([QN, DN]));
  expect(readFileSync(`content/fairs/${QN}/index.md`, 'utf8')).toMatch(/closes: "2027-12-31T17:00"[\s\S]*boothChoice: true/);
  expect(readFileSync(`content/fairs/${DN}/index.md`, 'utf8')).toContain('boothChoice: false');
});

for (const slug of PLANNED) {
  test(`the floor plan of ${slug}: SVG with legend and table, states from the API, accessible, fits a phone`, async ({ page, request }) => {
    await page.goto(`/hoi-cho/${slug}`);
    const plan = page.locator('.floor-plan');
    // The plan fetches its booths' states when it scrolls into view.
    await plan.scrollIntoViewIfNeeded();
    await expect(plan.getByRole('img', { name: /^Sơ đồ / }).first()).toBeVisible();
    const legend = plan.getByRole('list', { name: 'Chú thích sơ đồ' });
    for (const text of ['Còn trống (nền trơn)', 'Đã có đơn giữ (gạch chéo)', 'Đã xác nhận (ô lưới)']) await expect(legend).toContainText(text);
    const api = (await (await request.get(`/api/fairs/${slug}/availability`)).json()) as { booths: { code: string; state: string }[] };
    const rows = plan.locator('table.plan-table tbody tr');
    await expect(rows).toHaveCount(api.booths.length);
    // The static HTML carries no state; the script fills every row in from the API.
    await expect(plan.locator('[data-state-text]', { hasText: 'Đang cập nhật' })).toHaveCount(0);
    const first = api.booths[0];
    if (first) await expect(plan.locator(`tr[data-code="${first.code}"] [data-state-text]`)).toHaveText(first.state === 'free' ? 'Còn trống' : first.state === 'held' ? 'Đã có đơn giữ' : 'Đã xác nhận');
    await expectNoAxeViolations(page);
    await expectFitsPhone(page);
    // A booth on a phone is at least 24 px wide (it scrolls inside its region instead of shrinking).
    await page.setViewportSize({ width: 360, height: 740 });
    const box = await plan.locator('g.booth rect').first().boundingBox();
    expect(box?.width ?? 0).toBeGreaterThanOrEqual(24);
  });
}

test('choosing a booth by clicking the plan registers it; the plan then shows it held', async ({ page }) => {
  await page.goto(`/hoi-cho/${QN}`);
  const plan = page.locator('.floor-plan');
  await plan.scrollIntoViewIfNeeded();
  await expect(plan.locator('tr[data-code="B03"] [data-state-text]')).toHaveText('Còn trống');
  // Clicked before the form below has hydrated (client:visible): the form gets the booth when it does.
  await plan.locator('g.booth[data-code="B03"]').click();
  await hydrateRegistrationForm(page);
  await expect(page.getByLabel('Gian chọn trên sơ đồ (không bắt buộc)')).toHaveValue('B03');
  await page.getByLabel('Tên cơ sở *').fill('Hộ kinh doanh mạch nha Thi Phổ');
  await page.getByLabel('Loại hình cơ sở *').selectOption('household');
  await page.getByLabel('Tỉnh, thành phố *').selectOption('quang-ngai');
  await page.getByLabel('Xã, phường, đặc khu *').fill('Mộ Đức');
  await page.getByLabel('Sản phẩm trưng bày *').fill('Mạch nha Thi Phổ');
  await page.getByLabel('Họ tên người đại diện *').fill('Trần Thị Hoa');
  await page.getByLabel('Số điện thoại di động *').fill(phone());
  await page.getByLabel(/Tôi đồng ý để ban tổ chức xử lý dữ liệu cá nhân/).check();
  await page.getByRole('button', { name: 'Gửi đăng ký' }).click();
  await expect(page.getByRole('heading', { name: /Đã nhận đăng ký|Đăng ký/ }).first()).toBeVisible();
  await expect(plan.locator('tr[data-code="B03"] [data-state-text]')).toHaveText('Đã có đơn giữ');
  await expect(plan.locator('g.booth[data-code="B03"]')).toHaveAttribute('data-state', 'held');
});

test('a taken booth is refused in the form with the nearest free booths', async ({ page, request }) => {
  const taken = await request.post(`/api/fairs/${QN}/registrations`, {
    headers: { Origin: TEST_BASE_URL },
    data: { establishmentName: 'Cơ sở giữ C04', establishmentType: 'household', representative: 'Lê Văn Bình', phone: phone(), province: 'quang-ngai', commune: 'Tịnh Khê', products: 'Tỏi Lý Sơn', boothCodes: ['C04'], wantsSupport: true, consent: true },
  });
  expect(taken.status()).toBe(201);
  await page.goto(`/hoi-cho/${QN}/dang-ky`);
  await page.getByLabel('Gian chọn trên sơ đồ (không bắt buộc)').fill('C04');
  await page.getByLabel('Tên cơ sở *').fill('Hộ kinh doanh tỏi Lý Sơn');
  await page.getByLabel('Loại hình cơ sở *').selectOption('household');
  await page.getByLabel('Tỉnh, thành phố *').selectOption('quang-ngai');
  await page.getByLabel('Xã, phường, đặc khu *').fill('Lý Sơn');
  await page.getByLabel('Sản phẩm trưng bày *').fill('Tỏi cô đơn Lý Sơn');
  await page.getByLabel('Họ tên người đại diện *').fill('Phạm Văn Đông');
  await page.getByLabel('Số điện thoại di động *').fill(phone());
  await page.getByLabel(/Tôi đồng ý để ban tổ chức xử lý dữ liệu cá nhân/).check();
  await page.getByRole('button', { name: 'Gửi đăng ký' }).click();
  await expect(page.getByRole('alert')).toContainText(/Gian C04 vừa có đơn khác giữ\. Các gian cùng loại còn trống gần nhất: [A-F]\d\d, [A-F]\d\d, [A-F]\d\d\./);
  await expectNoAxeViolations(page);
});

test('the exhibitor directory works without JavaScript, is accessible and fits a phone', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'vi-VN', baseURL: TEST_BASE_URL });
  const page = await context.newPage();
  await page.goto(`/hoi-cho/${DN}`);
  await page.getByLabel('Tìm cơ sở, sản phẩm hoặc số gian').fill('nuoc mam');
  await page.getByRole('button', { name: 'Tìm trong danh bạ' }).click();
  await expect(page).toHaveURL(new RegExp(`/hoi-cho/${DN}/gian-hang\\?q=nuoc\\+mam`));
  await expect(page.getByRole('heading', { level: 1, name: 'Danh bạ gian hàng' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('cơ sở');
  await context.close();
});

test('the exhibitor directory page is accessible and fits a phone', async ({ page }) => {
  await page.goto(`/hoi-cho/${DN}/gian-hang?q=nuoc+mam`);
  await expect(page.getByRole('heading', { level: 1, name: 'Danh bạ gian hàng' })).toBeVisible();
  await expectNoAxeViolations(page);
  await expectFitsPhone(page);
});

test('the organiser assigns a booth on the plan with the keyboard; the printable plan names it', async ({ page, request }) => {
  const reg = await request.post(`/api/fairs/${DN}/registrations`, {
    headers: { Origin: TEST_BASE_URL },
    data: { establishmentName: 'Tổ hợp tác đèn lồng phố Hội', establishmentType: 'household', representative: 'Võ Thị Lan', phone: phone(), province: 'da-nang', commune: 'Hội An', products: 'Đèn lồng lụa', boothTypeId: 'tieu-chuan', quantity: 1, wantsSupport: true, consent: true },
  });
  const { code } = (await reg.json()) as { code: string };
  await signIn(page, `/quan-tri/hoi-cho/${DN}/so-do`);
  await expect(page.getByRole('heading', { level: 1, name: /Sơ đồ gian hàng/ })).toBeVisible();
  await expectNoAxeViolations(page);
  await expectFitsPhone(page);
  const booth = page.getByRole('link', { name: /^Gian B05, gian hàng tiêu chuẩn: còn trống/ });
  await booth.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Gian B05 · Gian hàng tiêu chuẩn' })).toBeVisible();
  await page.getByLabel('Gán gian B05 cho đơn').selectOption(code);
  await page.getByRole('button', { name: 'Gán gian' }).press('Enter');
  await expect(page.getByRole('status')).toContainText(`Đã cập nhật đơn ${code}`);
  await expect(page.getByRole('link', { name: new RegExp(`^Gian B05, gian hàng tiêu chuẩn: đã có đơn giữ, ${code}`) })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto(`/quan-tri/hoi-cho/${DN}/in-so-do`);
  await expect(page.locator('.mode-print svg text.booth-name').first()).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Tổ hợp tác đèn lồng phố Hội' })).toBeVisible();
  await page.goto(`/quan-tri/hoi-cho/${DN}`);
  await expectNoAxeViolations(page);
  await expectFitsPhone(page);
});

test('the lookup page sends the link again without showing it, and is accessible', async ({ page, request }) => {
  const number = phone();
  const reg = await request.post(`/api/fairs/${QN}/registrations`, {
    headers: { Origin: TEST_BASE_URL },
    data: { establishmentName: 'Hộ kinh doanh quế Trà Bồng', establishmentType: 'household', representative: 'Hồ Văn Tín', phone: number, province: 'quang-ngai', commune: 'Trà Bồng', products: 'Quế Trà Bồng', boothTypeId: 'tieu-chuan', quantity: 1, wantsSupport: false, consent: true },
  });
  expect(reg.status(), await reg.text()).toBe(201);
  const { code, manageUrl } = (await reg.json()) as { code: string; manageUrl: string };
  await page.goto('/hoi-cho/tra-cuu');
  await page.getByLabel('Mã đăng ký').fill(code);
  await page.getByLabel('Số điện thoại di động').fill(number);
  await page.getByRole('button', { name: 'Tra cứu' }).click();
  await expect(page.getByRole('heading', { name: 'Mất đường liên kết quản lý?' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Gửi lại đường liên kết quản lý' }).click();
  await expect(page.getByText('Đã gửi lại đường liên kết quản lý')).toBeVisible();
  expect(await page.content()).not.toContain('/q/');
  // Rotated: the first link no longer opens.
  expect((await request.get(new URL(manageUrl).pathname)).status()).toBe(404);
  await expectFitsPhone(page);
});
