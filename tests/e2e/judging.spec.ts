/**
 * The judging journey on the demo contest open for judging (Lai Châu 2027; demo judges are
 * assigned at first use): a judge signs in, declares a conflict, scores two entries and
 * submits; two other judges score through the HTTP API; the organiser publishes; a visitor
 * sees the results; a voter verifies with the on-screen demo code, votes, and is refused a
 * second vote. axe on every page, 360 px for public pages.
 */
import { expect, request as playwrightRequest, test, type Page } from '@playwright/test';
import { expectFitsPhone, expectNoAxeViolations } from './a11y';
import { TEST_BASE_URL } from '../test-env';

const CONTEST = 'binh-chon-cnnt-tieu-bieu-cap-tinh-lai-chau-2027';
const FIRST = 'che-shan-tuyet-co-thu-sin-suoi-ho';
const SECOND = 'hong-tra-shan-tuyet-sin-suoi-ho';
const RECUSED = 'khan-tho-cam-det-tay-nguoi-lu';
const ORIGIN = { Origin: TEST_BASE_URL };

/** Criterion id → points; totals 80 (the official four groups: 32 + 32 + 8 + 8). */
const SCORES_80: Record<string, number> = {
  'quy-mo-san-xuat': 8, 'thi-truong-tieu-thu': 10, 'thuong-mai-dien-tu': 2, 'kha-nang-phat-trien': 12,
  'hieu-qua-kinh-te': 8, 'cong-nghe-chat-luong': 8, 'nguyen-lieu-dia-phuong': 8, 'moi-truong': 8,
  'ban-sac-van-hoa': 4, 'kieu-dang-bao-bi': 4, 'so-huu-tri-tue': 3, 'tinh-sang-tao': 3, 'giai-thuong': 2,
};

async function signIn(page: Page, email: string, password: string, next: string): Promise<void> {
  await page.goto(`/dang-nhap?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page).toHaveURL(new RegExp(`${next.replace(/[/?]/g, '\\$&')}$`));
}

async function fillSheet(page: Page, scores: Record<string, number>): Promise<void> {
  for (const [id, v] of Object.entries(scores)) await page.locator(`#diem-${id}`).fill(String(v));
}

test.describe.configure({ mode: 'serial' });

test('a judge declares, scores two entries and submits', async ({ page }) => {
  await signIn(page, 'giamkhao1@demo.khuyencong.example', 'giamkhao1-demo-2026', '/cham-diem');
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: /Lai Châu năm 2027/ }).click();
  await expect(page.getByRole('heading', { name: 'Khai báo xung đột lợi ích' })).toBeVisible();
  await expectNoAxeViolations(page);

  // Forgetting the rules checkbox: told so, nothing recorded.
  await page.getByRole('button', { name: 'Xác nhận và bắt đầu chấm' }).click();
  await expect(page.getByText('Bạn cần xác nhận đã đọc và chấp hành thể lệ chấm điểm.')).toBeVisible();
  await page.locator(`#xung-dot-${RECUSED}`).selectOption('family');
  await page.locator(`#ghi-chu-${RECUSED}`).fill('Em gái tôi là thành viên tổ hợp tác');
  await page.getByRole('checkbox', { name: /Tôi đã đọc và cam kết/ }).check();
  await page.getByRole('button', { name: 'Xác nhận và bắt đầu chấm' }).click();
  await expect(page.getByText(/đã nộp 0\/6 phiếu chấm/)).toBeVisible();
  await expect(page.getByRole('row', { name: /Khăn thổ cẩm/ })).toContainText('Không chấm (xung đột lợi ích)');
  await expectNoAxeViolations(page);

  // Entry 1: an off-step value is refused with the criterion's message; then scored and submitted.
  await page.getByRole('link', { name: 'Chấm sản phẩm tiếp theo' }).click();
  await expect(page).toHaveURL(new RegExp(`/cham-diem/${CONTEST}/${FIRST}$`));
  await expect(page.getByRole('heading', { name: 'Hồ sơ dự thi' })).toBeVisible();
  await page.locator('#diem-quy-mo-san-xuat').fill('8.25');
  await page.getByRole('button', { name: 'Lưu nháp' }).click();
  await expect(page.getByText('Tiêu chí 1.1 “Quy mô sản xuất, năng lực đáp ứng đơn hàng”: chỉ chấm theo bước 0,5 điểm (ví dụ 7 hoặc 7,5).')).toBeVisible();
  await expect(page.locator('#diem-quy-mo-san-xuat')).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page);
  await fillSheet(page, SCORES_80);
  await expect(page.locator('#tong-diem')).toHaveText('80');
  // Submitting locks the sheet: without the confirmation nothing is submitted.
  await page.getByRole('button', { name: 'Nộp phiếu (khóa phiếu)' }).click();
  await expect(page.getByText('Hãy đánh dấu ô này để nộp phiếu.')).toBeVisible();
  await expect(page.locator('#diem-kha-nang-phat-trien')).toBeEnabled();
  await expect(page.locator('#diem-kha-nang-phat-trien')).toHaveValue('12');
  await expectNoAxeViolations(page);
  await page.getByRole('checkbox', { name: /Tôi đã kiểm tra và muốn nộp phiếu/ }).check();
  await page.getByRole('button', { name: 'Nộp phiếu (khóa phiếu)' }).click();
  await expect(page.getByText('Đã nộp phiếu chấm. Phiếu đã được khóa.')).toBeVisible();
  await expect(page.locator('#diem-kha-nang-phat-trien')).toBeDisabled();
  await expectNoAxeViolations(page);

  // Entry 2: keyboard only, save as draft and next, come back and submit.
  await page.goto(`/cham-diem/${CONTEST}/${SECOND}`);
  await page.locator('#diem-quy-mo-san-xuat').focus();
  for (const v of Object.values(SCORES_80)) {
    await page.keyboard.type(String(v));
    await page.keyboard.press('Tab');
  }
  await expect(page.locator('#tong-diem')).toHaveText('80');
  await page.getByRole('button', { name: 'Lưu nháp' }).click();
  await expect(page.getByText('Đã lưu bản nháp.')).toBeVisible();
  await page.locator('#diem-giai-thuong').fill('1.5');
  // Keyboard: Space ticks the confirmation.
  await page.getByRole('checkbox', { name: /Tôi đã kiểm tra và muốn nộp phiếu/ }).focus();
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: 'Nộp phiếu (khóa phiếu)' }).click();
  await expect(page.getByText('Đã nộp phiếu chấm. Phiếu đã được khóa.')).toBeVisible();
  await page.goto(`/cham-diem/${CONTEST}`);
  await expect(page.getByText(/đã nộp 2\/6 phiếu chấm/)).toBeVisible();
});

test('two other judges score the first entry through the HTTP API', async () => {
  for (const [n, delta] of [[2, -5], [3, -10]] as const) {
    const api = await playwrightRequest.newContext({ baseURL: TEST_BASE_URL });
    const login = await api.post('/api/auth/login', { data: { email: `giamkhao${String(n)}@demo.khuyencong.example`, password: `giamkhao${String(n)}-demo-2026` }, headers: ORIGIN });
    expect(login.status()).toBe(200);
    const list = await api.get(`/api/judging/${CONTEST}/entries`);
    expect(list.status()).toBe(200);
    const body = (await list.json()) as { rubric: { step: number; criteria: { id: string }[] }; entries: { id: string; state: string }[] };
    expect(body.rubric.step).toBe(0.5);
    expect(body.rubric.criteria).toHaveLength(13);
    // Not yet declared: 409.
    const early = await api.put(`/api/judging/${CONTEST}/entries/${FIRST}/sheet`, { data: { scores: SCORES_80 }, headers: ORIGIN });
    expect(early.status()).toBe(409);
    expect((await api.post(`/api/judging/${CONTEST}/declaration`, { data: { accept: true }, headers: ORIGIN })).status()).toBe(204);
    // Bounds per criterion.
    const bad = await api.put(`/api/judging/${CONTEST}/entries/${FIRST}/sheet`, { data: { scores: { 'ban-sac-van-hoa': 6 }, submit: true }, headers: ORIGIN });
    expect(bad.status()).toBe(400);
    const badBody = (await bad.json()) as { fields: Record<string, string> };
    expect(badBody.fields['ban-sac-van-hoa']).toBe('Tiêu chí 3.1 “Bản sắc văn hóa dân tộc, địa phương”: điểm phải từ 0 đến 5.');
    // JSON numbers only, known criteria only: per-field 400.
    const strict = await api.put(`/api/judging/${CONTEST}/entries/${FIRST}/sheet`, { data: { scores: { 'quy-mo-san-xuat': '5', 'khong-co': 1 } }, headers: ORIGIN });
    expect(strict.status()).toBe(400);
    const strictBody = (await strict.json()) as { error: string; fields: Record<string, string> };
    expect(strictBody.error).toBe('invalid_scores');
    expect(Object.keys(strictBody.fields).sort()).toEqual(['khong-co', 'quy-mo-san-xuat']);
    const scores = { ...SCORES_80, 'kha-nang-phat-trien': 12 + delta };
    const saved = await api.put(`/api/judging/${CONTEST}/entries/${FIRST}/sheet`, { data: { scores, submit: true, version: 0 }, headers: ORIGIN });
    expect(saved.status()).toBe(200);
    expect(((await saved.json()) as { sheet: { total: number; state: string } }).sheet).toMatchObject({ total: 80 + delta, state: 'submitted' });
    const again = await api.put(`/api/judging/${CONTEST}/entries/${FIRST}/sheet`, { data: { scores }, headers: ORIGIN });
    expect(again.status()).toBe(409);
    await api.dispose();
  }
});

test('the organiser sees the board and publishes; a visitor sees the results', async ({ page, browser }) => {
  const before = await page.request.get(`/api/contests/${CONTEST}/results`);
  expect(before.status()).toBe(404);
  // The public page answers 200 (every contest page links to it), not indexed, "chưa được công bố".
  const early = await page.goto(`/binh-chon/${CONTEST}/ket-qua`);
  expect(early?.status()).toBe(200);
  await expect(page.getByText('Kết quả chưa được công bố.')).toBeVisible();
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex');
  await signIn(page, 'bantochuc@demo.khuyencong.example', 'bantochuc-demo-2026', `/quan-tri/binh-chon/${CONTEST}`);
  await expect(page.getByRole('heading', { name: 'Tiến độ chấm' })).toBeVisible();
  await expect(page.getByRole('row', { name: /Nguyễn Văn An/ })).toContainText('Không chấm (xung đột lợi ích)');
  await expectNoAxeViolations(page);
  // 360 px: the board scrolls inside a focusable region; judge names keep a readable column.
  await page.setViewportSize({ width: 360, height: 740 });
  const board = page.getByRole('region', { name: /Bảng tiến độ chấm/ });
  await expect(board).toHaveAttribute('tabindex', '0');
  const firstCol = await page.getByRole('rowheader', { name: /Nguyễn Văn An/ }).evaluate((el) => el.getBoundingClientRect().width / parseFloat(getComputedStyle(document.documentElement).fontSize));
  expect(firstCol).toBeGreaterThanOrEqual(8);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByRole('link', { name: 'Kết quả và công bố' }).click();
  await expect(page.getByRole('row', { name: /Chè Shan tuyết cổ thụ/ })).toContainText('75');
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: /điểm chuẩn hóa z/ }).click();
  await expect(page.getByRole('columnheader', { name: 'Điểm chuẩn hóa' })).toBeVisible();
  const csv = await page.request.get(`/quan-tri/binh-chon/${CONTEST}/phieu-cham.csv`);
  expect(csv.status()).toBe(200);
  expect((await csv.body()).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  // Judging is not complete (window open, sheets missing): without the explicit confirmation, 409 listing what is missing.
  await expect(page.getByText('Việc chấm chưa hoàn tất:')).toBeVisible();
  const refused = await page.request.post(`/quan-tri/binh-chon/${CONTEST}/ket-qua`, { form: { 'thao-tac': 'cong-bo', 'xac-nhan-cong-bo': '1' }, headers: ORIGIN });
  expect(refused.status()).toBe(409);
  expect(await refused.text()).toContain('Thời gian chấm điểm chưa kết thúc');
  await page.getByRole('checkbox', { name: 'Tôi xác nhận công bố khi việc chấm chưa hoàn tất' }).check();
  await page.getByLabel(/Lý do công bố khi chưa chấm xong/).fill('Thử nghiệm công bố sớm theo chỉ đạo');
  await page.getByRole('checkbox', { name: 'Tôi đã kiểm tra bảng kết quả và muốn công bố' }).check();
  await page.getByRole('button', { name: 'Công bố kết quả' }).click();
  await expect(page.getByText('Đã công bố kết quả.')).toBeVisible();
  await page.goto(`/quan-tri/binh-chon/${CONTEST}/in-phieu`);
  await page.getByRole('link', { name: 'Nguyễn Văn An (giám khảo demo)' }).click();
  await expect(page.getByRole('region', { name: /Phiếu chấm Chè Shan tuyết cổ thụ/ })).toContainText('80');
  await expectNoAxeViolations(page);

  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  const res = await visitor.goto(`/binh-chon/${CONTEST}/ket-qua`);
  expect(res?.status()).toBe(200);
  const table = visitor.getByRole('table');
  await expect(table.getByRole('link', { name: /Chè Shan tuyết cổ thụ/ })).toHaveAttribute('href', `/san-pham/${FIRST}`);
  await expect(table.getByRole('row', { name: /Chè Shan tuyết cổ thụ/ })).toContainText('75');
  await expect(visitor.getByText('31/12/2028')).toBeVisible();
  // One sheet < minJudges: "chưa đủ phiếu chấm", never "chưa đạt".
  const fewSheets = visitor.getByRole('region', { name: 'Sản phẩm chưa đủ phiếu chấm' });
  await expect(fewSheets.getByRole('listitem').filter({ hasText: /Hồng trà/ })).toContainText('chưa đủ phiếu chấm');
  await expect(visitor.getByRole('heading', { name: 'Sản phẩm chưa đạt' })).toHaveCount(0);
  await expect(visitor.getByRole('heading', { name: 'Bình chọn của người dân' })).toBeVisible();
  await expectNoAxeViolations(visitor);
  await expectFitsPhone(visitor);
  const api = await visitor.request.get(`/api/contests/${CONTEST}/results`);
  expect(api.status()).toBe(200);

  // Withdrawn: the page says so (200, noindex); the API answers 404 again.
  await page.goto(`/quan-tri/binh-chon/${CONTEST}/ket-qua`);
  await page.getByLabel('Lý do rút kết quả').fill('Xem xét lại phiếu chấm');
  await page.getByRole('button', { name: 'Rút kết quả đã công bố' }).click();
  await expect(page.getByText('Đã rút kết quả.')).toBeVisible();
  const after = await visitor.goto(`/binh-chon/${CONTEST}/ket-qua`);
  expect(after?.status()).toBe(200);
  await expect(visitor.getByText(/Kết quả đã được rút lại để xem xét/)).toBeVisible();
  await expect(visitor.getByText('Kết quả chưa được công bố.')).toHaveCount(0);
  await expect(visitor.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex');
  expect((await visitor.request.get(`/api/contests/${CONTEST}/results`)).status()).toBe(404);
  await visitorContext.close();
});

test('a voter verifies with a code, votes once, and is refused a second vote', async ({ page }) => {
  await page.goto(`/binh-chon/${CONTEST}/binh-chon-cong-chung`);
  await expectNoAxeViolations(page);
  await expectFitsPhone(page);
  await page.getByLabel('Email hoặc số điện thoại di động').fill('nguoi.dan@example.vn');
  await page.getByRole('button', { name: 'Gửi mã xác minh' }).click();
  const code = (await page.locator('#ma-demo').textContent()) ?? '';
  expect(code).toMatch(/^\d{6}$/);
  await expectNoAxeViolations(page);
  await page.getByLabel('Mã xác minh (6 chữ số)').fill(code);
  await page.getByRole('button', { name: 'Xác minh' }).click();
  await expect(page.getByText('Đã xác minh. Bạn có thể bình chọn.')).toBeVisible();
  await page.getByRole('radio', { name: /Hồng trà Shan tuyết/ }).check();
  await page.getByRole('button', { name: 'Bình chọn' }).click();
  await expect(page.getByText('Đã ghi nhận phiếu bình chọn của bạn. Cảm ơn bạn!')).toBeVisible();
  await expect(page.getByText(/Số phiếu được giữ kín/)).toBeVisible();
  await expectNoAxeViolations(page);
  await expectFitsPhone(page);
  const second = await page.request.post(`/api/contests/${CONTEST}/vote/ballot`, { data: { entry: FIRST }, headers: ORIGIN });
  expect(second.status()).toBe(409);
  expect(((await second.json()) as { error: string }).error).toBe('already_voted');
});
