/**
 * The online entry journey in a real browser, without and with JavaScript: an applicant saves
 * a draft, completes and submits it with real generated photos and a PDF; the organiser asks
 * for changes; the applicant resubmits through the management link; the organiser accepts;
 * a judge finds it in judging and scores it with the dossier beside the sheet. axe on every
 * page, 360 px for the applicant's pages.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectFitsPhone, expectNoAxeViolations } from './a11y';
import { pdf, photo } from '../helpers/entry-files';

const C = 'binh-chon-cnnt-tieu-bieu-cap-tinh-tuyen-quang-2027';
const dir = mkdtempSync(path.join(os.tmpdir(), 'entries-e2e-'));
const files: Record<string, string> = {};

test.beforeAll(async () => {
  for (const [i, name] of ['mat-truoc.jpg', 'mat-ben.jpg', 'bao-bi.jpg'].entries()) {
    files[name] = path.join(dir, name);
    writeFileSync(files[name], await photo({ seed: i + 5, width: 800, height: 600 }));
  }
  files['giay.pdf'] = path.join(dir, 'giay-dang-ky.pdf');
  writeFileSync(files['giay.pdf'], pdf());
  files['html.jpg'] = path.join(dir, 'khong-phai-anh.jpg');
  writeFileSync(files['html.jpg'], '<html><script>alert(1)</script></html>');
});

test.describe.configure({ mode: 'serial' });

async function signIn(page: Page, email: string, password: string, next: string): Promise<void> {
  await page.goto(`/dang-nhap?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page).toHaveURL(new RegExp(`${next.replace(/[/?]/g, '\\$&')}$`));
}

async function fillDetails(page: Page, product: string): Promise<void> {
  await page.getByLabel('Tên cơ sở *').fill('Hợp tác xã Mây tre đan Hàm Yên');
  await page.getByLabel('Loại hình cơ sở *').selectOption('cooperative');
  await page.getByLabel(/^Mã số thuế/).fill('5000123456');
  await page.getByLabel('Tỉnh, thành phố *').selectOption('tuyen-quang');
  await page.getByLabel('Xã, phường, đặc khu *').fill('Xã Hàm Yên');
  await page.getByLabel('Họ tên người đại diện *').fill('Hoàng Thị Hoa');
  await page.getByLabel('Tên sản phẩm *').fill(product);
  await page.getByLabel('Nhóm sản phẩm *').selectOption('thu-cong-my-nghe');
  await page.getByLabel('Mô tả sản phẩm *').fill('Giỏ mây đan tay từ mây rừng, hoa văn truyền thống của người Tày.');
  await page.getByRole('checkbox', { name: /Nghị định 13\/2023/ }).check();
}

async function decide(browser: Browser, code: string, action: RegExp, reason?: string): Promise<void> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, 'bantochuc@demo.khuyencong.example', 'bantochuc-demo-2026', `/quan-tri/binh-chon/${C}/ho-so`);
  await expectNoAxeViolations(page);
  await expectFitsPhone(page);
  await page.getByRole('link', { name: code }).click();
  await expect(page.getByRole('heading', { name: new RegExp(`Hồ sơ ${code}`) })).toBeVisible();
  await expectNoAxeViolations(page);
  for (const box of await page.getByRole('checkbox').all()) await box.check();
  await page.getByRole('radio', { name: action }).check();
  if (reason) await page.getByLabel(/Lý do gửi cho cơ sở/).fill(reason);
  await page.getByRole('button', { name: 'Ghi nhận quyết định' }).click();
  await expect(page.getByText('Đã ghi nhận quyết định')).toBeVisible();
  await context.close();
}

async function score(browser: Browser, code: string): Promise<void> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, 'giamkhao2@demo.khuyencong.example', 'giamkhao2-demo-2026', `/cham-diem/${C}`);
  const accept = page.getByRole('checkbox', { name: /Tôi đã đọc và cam kết/ });
  if (await accept.isVisible()) {
    await accept.check();
    await page.getByRole('button', { name: 'Xác nhận và bắt đầu chấm' }).click();
  }
  await page.goto(`/cham-diem/${C}/dk-${code.toLowerCase()}`);
  await expect(page.getByRole('heading', { name: 'Hồ sơ dự thi' })).toBeVisible();
  await expect(page.getByRole('img', { name: /Mặt trước/ })).toBeVisible();
  await expect(page.getByRole('link', { name: /giay-dang-ky\.pdf/ })).toBeVisible();
  await expectNoAxeViolations(page);
  for (const [id, v] of Object.entries({ 'thi-truong': 32, 'kinh-te-ky-thuat': 30, 'van-hoa-tham-my': 8, khac: 7 })) await page.locator(`#diem-${id}`).fill(String(v));
  await page.getByRole('checkbox', { name: /Tôi đã kiểm tra và muốn nộp phiếu/ }).check();
  await page.getByRole('button', { name: 'Nộp phiếu' }).click();
  await expect(page.getByText('Đã nộp phiếu chấm')).toBeVisible();
  await page.context().close();
}

for (const js of [false, true]) {
  test(`the whole intake ${js ? 'with' : 'without'} JavaScript: draft, submit, changes, resubmit, accept, score`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: js });
    const page = await context.newPage();
    // axe runs inside the page: only where scripts run (the same pages are checked in the JS run).
    const axe = js ? expectNoAxeViolations : () => Promise.resolve();
    const product = js ? 'Giỏ mây đan Hàm Yên (có JS)' : 'Giỏ mây đan Hàm Yên';
    await page.goto(`/binh-chon/${C}/dang-ky`);
    await expect(page.getByRole('heading', { name: 'Gửi hồ sơ dự thi' })).toBeVisible();
    await axe(page);
    await expectFitsPhone(page);

    // A draft needs only the phone.
    await page.getByLabel('Số điện thoại di động *').fill(js ? '0987000002' : '0987000001');
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await expect(page).toHaveURL(/\/binh-chon\/quan-ly\/[A-Za-z0-9_-]+\?da-luu=1$/);
    await expect(page.getByText('Bản nháp (chưa gửi)')).toBeVisible();
    const code = ((await page.getByRole('heading', { level: 1 }).textContent()) ?? '').replace('Hồ sơ dự thi ', '').trim();
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
    await axe(page);
    await expectFitsPhone(page);

    // Complete it: details and files.
    await fillDetails(page, product);
    if (js) {
      // A file that is not an image is flagged before sending, and can be removed.
      await page.getByLabel(/Thêm ảnh/).setInputFiles(files['html.jpg'] ?? '');
      await expect(page.getByText(/Tệp phải là JPEG, PNG hoặc WebP/)).toBeVisible();
      await page.getByRole('button', { name: 'Bỏ ảnh' }).click();
      await page.getByLabel(/Thêm ảnh/).setInputFiles([files['mat-truoc.jpg'] ?? '', files['mat-ben.jpg'] ?? '', files['bao-bi.jpg'] ?? '']);
      await expect(page.getByRole('img', { name: /Xem trước: mat-truoc\.jpg/ })).toBeVisible();
      await page.locator('#ef-add-businessRegistration').setInputFiles(files['giay.pdf'] ?? '');
      await axe(page);
    } else {
      await page.getByLabel('Ảnh 1', { exact: true }).setInputFiles(files['mat-truoc.jpg'] ?? '');
      await page.getByLabel('Ảnh 2', { exact: true }).setInputFiles(files['mat-ben.jpg'] ?? '');
      await page.getByLabel('Ảnh 3', { exact: true }).setInputFiles(files['bao-bi.jpg'] ?? '');
      await page.locator('#ef-businessRegistration-0').setInputFiles(files['giay.pdf'] ?? '');
    }
    await page.getByRole('button', { name: 'Gửi hồ sơ' }).click();
    await expect(page.getByText('Đã gửi, chờ ban tổ chức xét')).toBeVisible();
    const manage = page.url().replace(/\?.*$/, '');

    await decide(browser, code, /Đề nghị bổ sung/, 'Ảnh bao bì chưa rõ nhãn, đề nghị chụp lại.');
    await page.goto(manage);
    await expect(page.getByText('Ảnh bao bì chưa rõ nhãn')).toBeVisible();
    await expect(page.getByText('Ban tổ chức đề nghị bổ sung, sửa hồ sơ')).toBeVisible();
    await page.getByRole('button', { name: 'Gửi hồ sơ' }).click();
    await expect(page.getByText('Đã gửi, chờ ban tổ chức xét')).toBeVisible();

    await decide(browser, code, /Đủ điều kiện/);
    await page.goto(manage);
    await expect(page.getByText('Đủ điều kiện, vào vòng chấm điểm')).toBeVisible();
    await score(browser, code);
    await context.close();
  });
}
