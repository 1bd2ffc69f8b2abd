/**
 * Booth registration journeys in a real browser against the built server: register with and
 * without JavaScript, look up, manage and cancel, accept a waiting-list offer, and the
 * organiser's review (approve, reject, export, printable list). axe and 360 px on each page.
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { hydrateRegistrationForm, scrollToLive } from './islands';
import { expectFitsPhone, expectNoAxeViolations } from './a11y';
import { TEST_BASE_URL } from '../test-env';

const SAM = 'phien-cho-sam-ngoc-linh-2027';
const DAKRONG = 'phien-cho-nong-san-thu-cong-dakrong-2027'; // 30 booths, 1 per establishment
let phoneSeq = Math.floor(Math.random() * 1_000_000);
const phone = () => `03${String(10_000_000 + ++phoneSeq).slice(-8)}`;

async function fillForm(page: Page, p: { name: string; phone: string }) {
  await page.getByLabel('Tên cơ sở *').fill(p.name);
  await page.getByLabel('Loại hình cơ sở *').selectOption('household');
  await page.getByLabel('Tỉnh, thành phố *').selectOption('quang-ngai');
  await page.getByLabel('Xã, phường, đặc khu *').fill('Trà Linh');
  await page.getByLabel('Sản phẩm trưng bày *').fill('Sâm Ngọc Linh tươi <b>loại 1</b>');
  await page.getByLabel('Họ tên người đại diện *').fill('Hồ Văn Sâm');
  await page.getByLabel('Số điện thoại di động *').fill(p.phone);
  const type = page.getByLabel('Loại gian hàng *');
  if ((await type.locator('option').count()) > 1) await type.selectOption('tieu-chuan');
  await page.getByLabel(/Tôi đồng ý để ban tổ chức xử lý dữ liệu cá nhân/).check();
}

async function register(request: APIRequestContext, slug: string, p: string, patch: Record<string, unknown> = {}) {
  const res = await request.post(`/api/fairs/${slug}/registrations`, {
    headers: { Origin: TEST_BASE_URL },
    data: {
      establishmentName: `Cơ sở ${p}`,
      establishmentType: 'household',
      representative: 'Người đại diện',
      phone: p,
      province: 'quang-tri',
      commune: 'Đakrông',
      products: 'Chuối sấy',
      boothTypeId: 'tieu-chuan',
      quantity: 1,
      wantsSupport: true,
      consent: true,
      ...patch,
    },
  });
  expect(res.status()).toBe(201);
  return (await res.json()) as { code: string; status: string; manageUrl: string };
}

test('registers with JavaScript: live availability, per-field errors, then the answer', async ({ page }) => {
  await page.goto(`/hoi-cho/${SAM}`);
  await hydrateRegistrationForm(page);
  await scrollToLive(page.locator('.availability'));
  const availability = page.locator('.availability table');
  await expect(availability).toBeVisible();
  await expect(availability.locator('tr[data-booth-type="tieu-chuan"] td').first()).toHaveText('60');
  const heldCell = availability.locator('tr[data-booth-type="tieu-chuan"] td').nth(1);
  const heldNow = async () => Number((await heldCell.textContent())?.replace(/\D/g, '') ?? 'NaN');
  const heldBefore = await heldNow();

  await page.getByRole('button', { name: 'Gửi đăng ký' }).click();
  const summary = page.locator('.form-summary');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('Vui lòng nhập tên cơ sở.');
  await expect(page.getByLabel('Tên cơ sở *')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Tên cơ sở *')).toHaveAttribute('aria-describedby', 'rf-establishmentName-error');
  await expectNoAxeViolations(page);

  await fillForm(page, { name: 'Hộ <script>alert(1)</script> Sâm', phone: phone() });
  await page.getByLabel('Số điện thoại di động *').fill('0212345678');
  await page.getByRole('button', { name: 'Gửi đăng ký' }).click();
  await expect(summary).toContainText('Số điện thoại di động Việt Nam gồm 10 chữ số');
  await page.getByLabel('Số điện thoại di động *').fill(phone());
  await page.getByRole('button', { name: 'Gửi đăng ký' }).click();
  await expect(page.getByRole('heading', { name: 'Đã nhận đăng ký' })).toBeFocused();
  await expect(page.locator('.reg-code')).toHaveText(/^[2-9A-HJ-NP-Z]{6}$/);
  await expect(page.getByText('Đã giữ chỗ, chờ ban tổ chức duyệt')).toBeVisible();
  // The form announced the registration: the availability island refetched at once (well
  // before its 30-second poll) and counts the booth just held.
  await expect.poll(heldNow, { timeout: 5_000 }).toBeGreaterThanOrEqual(heldBefore + 1);
  await expectNoAxeViolations(page);
  await expectFitsPhone(page);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('registers through a plain form post, shows field errors, then the answer', async ({ page }) => {
    await page.goto(`/hoi-cho/${SAM}`);
    await expect(page.locator('.availability')).not.toContainText('60');
    await page.getByLabel('Tên cơ sở *').fill('Hộ không JS');
    await page.getByRole('button', { name: 'Gửi đăng ký' }).click();
    await expect(page).toHaveURL(new RegExp(`/hoi-cho/${SAM}/dang-ky$`));
    await expect(page.locator('#rf-phone-error')).toHaveText('Vui lòng nhập số điện thoại di động.');
    await expect(page.getByLabel('Tên cơ sở *')).toHaveValue('Hộ không JS');
    await fillForm(page, { name: 'Hộ không JS', phone: phone() });
    await page.getByRole('button', { name: 'Gửi đăng ký' }).click();
    await expect(page.getByRole('heading', { name: 'Đã nhận đăng ký' })).toBeVisible();
    await expect(page.locator('.reg-code')).toHaveText(/^[2-9A-HJ-NP-Z]{6}$/);
    await expectFitsPhone(page);
  });

  test('a closed window answers 409 with the dates', async ({ request }) => {
    const res = await request.post('/api/fairs/hoi-cho-thu-cong-my-nghe-lang-nghe-hue-2027/registrations', { headers: { Origin: TEST_BASE_URL }, data: {} });
    expect(res.status()).toBe(409);
    expect(await res.json()).toMatchObject({ error: 'window_upcoming', window: { state: 'upcoming' } });
  });
});

test('the no-JavaScript pages (form with errors, answer) pass axe', async ({ page }) => {
  // The form on /hoi-cho/{id}/dang-ky is server-rendered only: submitting it is a plain post.
  await page.goto(`/hoi-cho/${SAM}/dang-ky`);
  await expectNoAxeViolations(page);
  await page.getByLabel('Tên cơ sở *').fill('Hộ kiểm tra');
  await page.getByRole('button', { name: 'Gửi đăng ký' }).click();
  await expect(page.locator('#rf-phone-error')).toBeVisible();
  await expectNoAxeViolations(page);
  await expectFitsPhone(page);
  await fillForm(page, { name: 'Hộ kiểm tra', phone: phone() });
  await page.getByRole('button', { name: 'Gửi đăng ký' }).click();
  await expect(page.getByRole('heading', { name: 'Đã nhận đăng ký' })).toBeVisible();
  await expectNoAxeViolations(page);
});

test('looks up a registration, corrects contact details and cancels through the management link', async ({ page, request }) => {
  const p = phone();
  const reg = await register(request, SAM, p, { establishmentName: '<img src=x onerror=alert(1)> HTX' });
  await page.goto('/hoi-cho/tra-cuu');
  await expectNoAxeViolations(page);
  await page.getByLabel('Mã đăng ký').fill(reg.code.toLowerCase());
  await page.getByLabel('Số điện thoại di động').fill(p);
  await page.getByRole('button', { name: 'Tra cứu' }).click();
  await expect(page.locator('[data-status]')).toHaveText('Đã giữ chỗ, chờ ban tổ chức duyệt');
  await expect(page.getByText('Gửi đăng ký', { exact: false })).toBeVisible();
  await expectNoAxeViolations(page);
  await expectFitsPhone(page);

  await page.goto(new URL(reg.manageUrl).pathname);
  await expect(page.getByText('<img src=x onerror=alert(1)> HTX')).toBeVisible();
  await page.getByLabel('Họ tên người đại diện').fill('Trần Thị Mới');
  await page.getByLabel('Email (không bắt buộc)').fill('sai-email');
  await page.getByRole('button', { name: 'Lưu thông tin liên hệ' }).click();
  await expect(page.locator('#mg-email-error')).toContainText('email');
  await page.getByLabel('Email (không bắt buộc)').fill('moi@example.vn');
  await page.getByRole('button', { name: 'Lưu thông tin liên hệ' }).click();
  await expect(page.getByRole('status')).toHaveText('Đã lưu thông tin liên hệ.');
  await expectNoAxeViolations(page);
  await expectFitsPhone(page);
  await page.getByLabel('Tôi muốn hủy đơn đăng ký này').check();
  await page.getByRole('button', { name: 'Hủy đơn đăng ký' }).click();
  await expect(page.locator('[data-status]')).toHaveText('Đã hủy');
});

test('a freed booth is offered to the waiting list and accepted', async ({ page, request }) => {
  const availability = async () =>
    ((await (await request.get(`/api/fairs/${DAKRONG}/availability`)).json()) as { boothTypes: { available: number; waitlisted: number }[] }).boothTypes[0] ?? { available: 0, waitlisted: 0 };
  const first: { code: string; manageUrl: string }[] = [];
  while ((await availability()).available > 0) first.push(await register(request, DAKRONG, phone()));
  const waiting = await register(request, DAKRONG, phone());
  expect(waiting.status).toBe('waitlisted');

  const cancel = await request.post(new URL(first[0]?.manageUrl ?? '').pathname.replace('/hoi-cho/quan-ly/', '/api/registrations/manage/'), {
    headers: { Origin: TEST_BASE_URL },
    data: { action: 'cancel' },
  });
  expect(cancel.status()).toBe(200);

  await page.goto(new URL(waiting.manageUrl).pathname);
  await expect(page.getByRole('heading', { name: 'Lời mời nhận gian' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Nhận gian' }).click();
  await expect(page.getByRole('status')).toContainText('Bạn đã nhận gian');
  await expect(page.locator('[data-status]')).toHaveText('Đã giữ chỗ, chờ ban tổ chức duyệt');
});

test('an organiser approves, rejects with a reason, exports CSV and prints the list', async ({ page, request }) => {
  const a = await register(request, SAM, phone(), { establishmentName: '=HYPERLINK("http://x") Hộ A' });
  const b = await register(request, SAM, phone(), { establishmentName: 'Hộ <b>B</b>' });
  await page.goto(`/dang-nhap?next=${encodeURIComponent(`/quan-tri/hoi-cho/${SAM}`)}`);
  await page.getByLabel('Email').fill('bantochuc@demo.khuyencong.example');
  await page.getByLabel('Mật khẩu').fill('bantochuc-demo-2026');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Đăng ký gian hàng');
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: `Duyệt ${a.code}` }).click();
  await expect(page.getByRole('status')).toContainText(`Đã cập nhật đơn ${a.code}`);
  await expect(page.locator(`#don-${a.code} [data-status]`)).toHaveText('Đã được duyệt');
  await page.getByLabel(`Số gian cho ${a.code}`).fill('A01');
  await page.locator(`#don-${a.code}`).getByRole('button', { name: 'Gán số gian' }).click();
  await expect(page.locator(`#don-${a.code}`)).toContainText('gian số A01');
  // Each badly formed assignment has its own message (from the error catalogue), not "already taken".
  const consoleAlert = page.locator('p.notice.danger[role="alert"]');
  for (const [numbers, text] of [
    ['A02, A03', 'nhiều hơn số gian đơn này đang giữ'],
    ['A05, a05', 'bị nhập trùng'],
    ['Á01', 'chưa đúng dạng'],
  ] as const) {
    await page.getByLabel(`Số gian cho ${a.code}`).fill(numbers);
    await page.locator(`#don-${a.code}`).getByRole('button', { name: 'Gán số gian' }).click();
    await expect(consoleAlert).toContainText(text);
    await expect(consoleAlert).not.toContainText('đã được gán cho đơn khác');
  }
  await expect(page.locator(`#don-${a.code}`)).toContainText('gian số A01');
  // Booths free and nobody waiting: moving b to the waiting list would offer them straight back.
  await page.getByRole('button', { name: `Chuyển ${b.code} vào danh sách chờ` }).click();
  await expect(consoleAlert).toContainText('Loại gian này còn chỗ trống');
  await expect(page.locator(`#don-${b.code} [data-status]`)).toHaveText('Đã giữ chỗ, chờ ban tổ chức duyệt');

  await page.getByLabel(`Lý do từ chối ${b.code}`).fill('Sản phẩm không thuộc CNNT');
  await page.locator(`#don-${b.code}`).getByRole('button', { name: 'Từ chối' }).click();
  await expect(page.locator(`#don-${b.code} [data-status]`)).toHaveText('Bị từ chối');
  await expect(page.locator(`#don-${b.code}`)).toContainText('Hộ <b>B</b>');

  await page.getByLabel('Trạng thái').selectOption('approved');
  await page.getByRole('button', { name: 'Lọc' }).click();
  await expect(page.locator(`#don-${b.code}`)).toHaveCount(0);
  await expectFitsPhone(page);

  const csv = await page.request.get(`/quan-tri/hoi-cho/${SAM}/dang-ky.csv`);
  expect(csv.headers()['content-type']).toContain('text/csv');
  const text = (await csv.body()).toString('utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  expect(text).toContain(`"'=HYPERLINK(""http://x"") Hộ A"`);
  expect(text).toContain('Hộ <b>B</b>');

  await page.goto(`/quan-tri/hoi-cho/${SAM}/in`);
  await expect(page.getByRole('heading', { name: 'Danh sách đăng ký gian hàng' })).toBeVisible();
  await expect(page.getByRole('cell', { name: a.code })).toBeVisible();
  await expectNoAxeViolations(page);
});
