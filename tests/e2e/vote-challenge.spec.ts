/**
 * The vote's proof-of-work challenge in a real browser: with JavaScript the ALTCHA widget (served
 * from our build) solves the challenge when the form is sent, the request carries its payload,
 * and the vote goes through; without JavaScript the page says what that means and still takes a
 * code request, within the stricter per-IP limit. A phone-only contest asks for a mobile number.
 */
import { expect, test } from '@playwright/test';
import { expectFitsPhone, expectNoAxeViolations } from './a11y';
import { TEST_BASE_URL } from '../test-env';

const CONTEST = 'binh-chon-cnnt-tieu-bieu-cap-tinh-lai-chau-2027';
const PHONE_ONLY = 'binh-chon-cnnt-tieu-bieu-cap-xa-hoi-an-tay-2026';

test('with JavaScript: the widget solves the challenge on submit and the vote goes through', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (['script', 'worker'].includes(r.resourceType()) || r.url().endsWith('.js')) scripts.push(r.url());
  });
  await page.goto(`/binh-chon/${CONTEST}/binh-chon-cong-chung`);
  const widget = page.locator('altcha-widget');
  await expect(widget.getByRole('checkbox')).toBeVisible();
  const box = await widget.getByRole('checkbox').boundingBox();
  expect(box?.width ?? 0).toBeGreaterThanOrEqual(24);
  expect(box?.height ?? 0).toBeGreaterThanOrEqual(24);
  await page.getByLabel('Email hoặc số điện thoại di động').fill('co.giao.lan@example.vn');
  const posted = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/binh-chon-cong-chung'));
  await page.getByRole('button', { name: 'Gửi mã xác minh' }).click();
  const payload = new URLSearchParams((await posted).postData() ?? '').get('altcha') ?? '';
  const solved = JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as { algorithm: string; number: number; salt: string };
  expect(solved.algorithm).toBe('SHA-256');
  expect(solved.salt).toContain(`contest=${CONTEST}`);
  expect(Number.isInteger(solved.number)).toBe(true);
  const code = (await page.locator('#ma-demo').textContent()) ?? '';
  expect(code).toMatch(/^\d{6}$/);
  await page.getByLabel('Mã xác minh (6 chữ số)').fill(code);
  await page.getByRole('button', { name: 'Xác minh' }).click();
  await expect(page.getByText('Đã xác minh. Bạn có thể bình chọn.')).toBeVisible();
  await page.getByRole('radio', { name: /Máy vò chè mini/ }).check();
  await page.getByRole('button', { name: 'Bình chọn' }).click();
  await expect(page.getByText('Đã ghi nhận phiếu bình chọn của bạn. Cảm ơn bạn!')).toBeVisible();
  // Everything came from this site: the widget, its worker, nothing from a CDN.
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.every((u) => u.startsWith(TEST_BASE_URL))).toBe(true);
});

test('the widget is accessible and fits a phone, before and after solving', async ({ page }) => {
  await page.goto(`/binh-chon/${CONTEST}/binh-chon-cong-chung`);
  await expect(page.locator('altcha-widget').getByRole('checkbox')).toBeVisible();
  await expectNoAxeViolations(page);
  await expectFitsPhone(page);
  // A native checkbox: a click anywhere on it starts the proof of work (the widget's custom
  // checkbox draws an invisible check mark over its centre that swallows clicks).
  await page.locator('altcha-widget').getByRole('checkbox').click();
  await expect(page.locator('altcha-widget').getByText('Đã xác minh')).toBeVisible({ timeout: 30_000 });
  // And by keyboard, as anyone without a mouse would: after a reload, Space on the checkbox.
  await page.reload();
  await page.locator('altcha-widget').getByRole('checkbox').focus();
  await page.keyboard.press('Space');
  await expect(page.locator('altcha-widget').getByText('Đã xác minh')).toBeVisible({ timeout: 30_000 });
  await expectNoAxeViolations(page);
  await expectFitsPhone(page);
});

test('without JavaScript: the page explains, and a code can still be asked (within the per-IP limit)', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL: TEST_BASE_URL, locale: 'vi-VN' });
  const page = await context.newPage();
  await page.goto(`/binh-chon/${CONTEST}/binh-chon-cong-chung`);
  await expect(page.getByText(/Trình duyệt đang tắt JavaScript.*mỗi địa chỉ mạng chỉ được 3 lần mỗi giờ/)).toBeVisible();
  await page.getByLabel('Email hoặc số điện thoại di động').fill('khong.js@example.vn');
  await page.getByRole('button', { name: 'Gửi mã xác minh' }).click();
  await expect(page.locator('#ma-demo')).toHaveText(/^\d{6}$/);
  await context.close();
});

test('a phone-only contest asks for a mobile number and refuses an email or a landline', async ({ page }) => {
  await page.goto(`/binh-chon/${PHONE_ONLY}/binh-chon-cong-chung`);
  const field = page.getByLabel('Số điện thoại di động', { exact: true });
  await expect(field).toHaveAttribute('type', 'tel');
  await expect(page.getByText(/chỉ nhận số điện thoại di động Việt Nam/)).toBeVisible();
  await field.fill('nguoi.dan@example.vn');
  await page.getByRole('button', { name: 'Gửi mã xác minh' }).click();
  await expect(page.getByRole('alert')).toContainText('Cuộc bình chọn này chỉ nhận số điện thoại di động Việt Nam');
  await expect(page.getByLabel('Số điện thoại di động', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page);
  await page.getByLabel('Số điện thoại di động', { exact: true }).fill('0235 3861 234');
  await page.getByRole('button', { name: 'Gửi mã xác minh' }).click();
  await expect(page.getByRole('alert')).toContainText('Số máy bàn không nhận được tin nhắn');
  await page.getByLabel('Số điện thoại di động', { exact: true }).fill('0912 345 000');
  await page.getByRole('button', { name: 'Gửi mã xác minh' }).click();
  await expect(page.locator('#ma-demo')).toHaveText(/^\d{6}$/);
});
