/**
 * The entry form as a cooperative on a phone meets it (a fresh-eyes review): every problem is
 * listed at once, each at its field and in the summary, even when a file is refused; a refused
 * submit shows one coherent state (no "Đã lưu." beside an error, a still-needed box that agrees);
 * a submitted dossier says it was submitted and what comes next; the no-JS form offers as many
 * photo and certificate slots as the contest's rules allow; after the server refuses one photo
 * the others need not be chosen again; the still-needed box follows the fields as they change.
 * Real browser, real generated photos (one black-and-white, which only the server can tell).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { expectFitsPhone, expectNoAxeViolations } from './a11y';
import { greyscaleJpeg, pdf, photo } from '../helpers/entry-files';

const C = 'binh-chon-cnnt-tieu-bieu-cap-tinh-tuyen-quang-2027';
const dir = mkdtempSync(path.join(os.tmpdir(), 'entry-ux-e2e-'));
const f: Record<string, string> = {};

test.beforeAll(async () => {
  for (const [i, name] of ['mat-truoc.jpg', 'mat-ben.jpg', 'bao-bi.jpg'].entries()) {
    f[name] = path.join(dir, name);
    writeFileSync(f[name], await photo({ seed: i + 11, width: 640, height: 480 }));
  }
  f['den-trang.jpg'] = path.join(dir, 'den-trang.jpg');
  writeFileSync(f['den-trang.jpg'], await greyscaleJpeg());
  f['giay.pdf'] = path.join(dir, 'giay-dang-ky.pdf');
  writeFileSync(f['giay.pdf'], pdf());
  f['html.jpg'] = path.join(dir, 'khong-phai-anh.jpg');
  writeFileSync(f['html.jpg'], '<html><script>alert(1)</script></html>');
});

test.describe.configure({ mode: 'serial' });

const file = (name: string) => f[name] ?? '';

async function fillDetails(page: Page, phone: string): Promise<void> {
  await page.getByLabel('Tên cơ sở *').fill('Hợp tác xã Mây tre đan Yên Sơn');
  await page.getByLabel('Loại hình cơ sở *').selectOption('cooperative');
  await page.getByLabel(/^Mã số thuế/).fill('5000123457');
  await page.getByLabel('Tỉnh, thành phố *').selectOption('tuyen-quang');
  await page.getByLabel('Xã, phường, đặc khu *').fill('Xã Yên Sơn');
  await page.getByLabel('Họ tên người đại diện *').fill('Hoàng Văn Nam');
  await page.getByLabel('Số điện thoại di động *').fill(phone);
  await page.getByLabel('Tên sản phẩm *').fill('Khay mây đan Yên Sơn');
  await page.getByLabel('Nhóm sản phẩm *').selectOption('thu-cong-my-nghe');
  await page.getByLabel('Mô tả sản phẩm *').fill('Khay mây đan tay, nan nhỏ đều, hoa văn chữ thọ của người Tày.');
  await page.getByRole('checkbox', { name: /Nghị định 13\/2023/ }).check();
}

const summary = (page: Page) => page.locator('.form-summary');

test('with JavaScript, a refused file does not hide the other problems: all listed at once, each at its field', async ({ page }) => {
  await page.goto(`/binh-chon/${C}/dang-ky`);
  await page.getByLabel('Số điện thoại di động *').fill('0987100001');
  await page.getByLabel('Email (không bắt buộc)').fill('khong-phai-email');
  await page.getByLabel(/Thêm ảnh/).setInputFiles([file('html.jpg'), file('mat-truoc.jpg')]);
  await expect(page.getByText(/Tệp phải là JPEG, PNG hoặc WebP/).first()).toBeVisible();
  await page.getByRole('button', { name: 'Gửi hồ sơ' }).click();
  const box = summary(page);
  await expect(box).toContainText('khong-phai-anh.jpg');
  await expect(box).toContainText('Địa chỉ email chưa đúng');
  await expect(box).toContainText('Vui lòng nhập tên sản phẩm');
  await expect(box).toContainText('Cần ít nhất 3 ảnh');
  await expect(box).toContainText('Cần bản sao giấy đăng ký');
  // Each at its field too.
  await expect(page.locator('#ef-email-error')).toContainText('Địa chỉ email chưa đúng');
  await expect(page.locator('#ef-productName-error')).toContainText('Vui lòng nhập tên sản phẩm');
  await expect(page.locator('#ef-productName')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#ef-businessRegistration .error').first()).toContainText('Cần bản sao giấy đăng ký');
  await expectNoAxeViolations(page);
  await expectFitsPhone(page);
});

test('a photo the server refuses is marked at its row, the others stay chosen; once removed the dossier is submitted, and the page says so', async ({ page }) => {
  await page.goto(`/binh-chon/${C}/dang-ky`);
  await fillDetails(page, '0987100002');
  await page.getByLabel(/Thêm ảnh/).setInputFiles([file('mat-truoc.jpg'), file('mat-ben.jpg'), file('bao-bi.jpg'), file('den-trang.jpg')]);
  await page.locator('#ef-add-businessRegistration').setInputFiles(file('giay.pdf'));
  await page.getByRole('button', { name: 'Gửi hồ sơ' }).click();
  const row = page.locator('.picked li', { hasText: 'den-trang.jpg' });
  await expect(row).toContainText('ảnh đen trắng');
  await expect(summary(page)).toContainText('ảnh đen trắng');
  await expect(page.getByText('Đã lưu.')).toHaveCount(0);
  // The three good photos and the PDF are still there: nothing to choose again.
  for (const name of ['mat-truoc.jpg', 'mat-ben.jpg', 'bao-bi.jpg', 'giay-dang-ky.pdf']) await expect(page.locator('.picked li', { hasText: name })).toHaveCount(1);
  await row.getByRole('button', { name: 'Bỏ ảnh' }).click();
  await page.getByRole('button', { name: 'Gửi hồ sơ' }).click();
  await expect(page).toHaveURL(/\/binh-chon\/quan-ly\//);
  await expect(page.getByText('Đã gửi, chờ ban tổ chức xét')).toBeVisible();
  await expect(page.getByText(/Đã gửi hồ sơ/)).toBeVisible();
  await expect(page.getByText(/ban tổ chức/i).first()).toBeVisible();
  await expect(page.getByText('Đã lưu.')).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test('on the management link the still-needed box follows the fields, and a refused submit leaves no "Đã lưu." beside the error', async ({ page }) => {
  await page.goto(`/binh-chon/${C}/dang-ky`);
  await page.getByLabel('Số điện thoại di động *').fill('0987100003');
  await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
  await expect(page).toHaveURL(/\?da-luu=1$/);
  await expect(page.getByText(/Đã lưu bản nháp/)).toBeVisible();
  const needed = page.locator('.still-needed');
  await expect(needed).toContainText('Vui lòng nhập tên sản phẩm');
  await page.getByLabel('Tên sản phẩm *').fill('Khay mây đan');
  await expect(needed).not.toContainText('Vui lòng nhập tên sản phẩm');
  await expect(needed).toContainText('Cần ít nhất 3 ảnh');
  await page.getByLabel(/Thêm ảnh/).setInputFiles([file('mat-truoc.jpg'), file('mat-ben.jpg'), file('bao-bi.jpg')]);
  await expect(needed).not.toContainText('Cần ít nhất 3 ảnh');
  await page.getByLabel('Tên sản phẩm *').fill('');
  await expect(needed).toContainText('Vui lòng nhập tên sản phẩm');
  // Submitting now is refused: the summary and the box agree, and the saved notice is gone.
  await page.getByRole('button', { name: 'Gửi hồ sơ' }).click();
  await expect(summary(page)).toContainText('Vui lòng nhập tên sản phẩm');
  await expect(page.getByText(/Đã lưu bản nháp/)).toHaveCount(0);
  await expect(needed).toContainText('Vui lòng nhập tên sản phẩm');
  await expectNoAxeViolations(page);
  await expectFitsPhone(page);
});

test('without JavaScript the form offers as many photo and certificate slots as the rules allow, and a submit says it was submitted', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`/binh-chon/${C}/dang-ky`);
  // The demo contest allows 8 photos and 5 certificates (content/contests/…-tuyen-quang-2027).
  await expect(page.locator('input[type=file][name=photos]')).toHaveCount(8);
  await expect(page.locator('input[type=file][name=certificates]')).toHaveCount(5);
  await expect(page.locator('select[name=photoAngles]')).toHaveCount(8);
  await fillDetails(page, '0987100004');
  await page.getByLabel('Ảnh 1', { exact: true }).setInputFiles(file('mat-truoc.jpg'));
  await page.getByLabel('Ảnh 2', { exact: true }).setInputFiles(file('mat-ben.jpg'));
  await page.getByLabel('Ảnh 3', { exact: true }).setInputFiles(file('bao-bi.jpg'));
  await page.locator('#ef-businessRegistration-0').setInputFiles(file('giay.pdf'));
  await page.getByRole('button', { name: 'Gửi hồ sơ' }).click();
  await expect(page.getByText('Đã gửi, chờ ban tổ chức xét')).toBeVisible();
  await expect(page.getByText(/Đã gửi hồ sơ/)).toBeVisible();
  await expect(page.getByText('Đã lưu.')).toHaveCount(0);
  await context.close();
});
