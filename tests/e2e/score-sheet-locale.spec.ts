/**
 * The score sheet in browsers of two locales: a judge types "1,5" on a criterion whose maximum
 * is 15 — under en-US a number input would have sent 15 — and the saved sheet holds 1.5 (read
 * back through the judges' API and on the page); "7.5" works too; garbage is refused with the
 * criterion's Vietnamese message and changes nothing.
 */
import { expect, test, type APIRequestContext, type Browser } from '@playwright/test';
import { expectNoAxeViolations } from './a11y';
import { TEST_BASE_URL } from '../test-env';

const CONTEST = 'binh-chon-cnnt-tieu-bieu-cap-tinh-lai-chau-2027';
const ENTRY = 'tra-xanh-shan-tuyet-tui-loc';
const CRITERION = 'kha-nang-phat-trien'; // maximum 15
const ORIGIN = { Origin: TEST_BASE_URL };

async function judgeContext(browser: Browser, locale: string) {
  const context = await browser.newContext({ locale, baseURL: TEST_BASE_URL, timezoneId: 'Asia/Ho_Chi_Minh' });
  const login = await context.request.post('/api/auth/login', { data: { email: 'giamkhao2@demo.khuyencong.example', password: 'giamkhao2-demo-2026' }, headers: ORIGIN });
  expect(login.status()).toBe(200);
  // Rules accepted (idempotent), so the sheet can be saved.
  expect((await context.request.post(`/api/judging/${CONTEST}/declaration`, { data: { accept: true }, headers: ORIGIN })).status()).toBe(204);
  return context;
}

async function savedScore(request: APIRequestContext): Promise<number | undefined> {
  const body = (await (await request.get(`/api/judging/${CONTEST}/entries`)).json()) as { entries: { id: string; sheet: { scores: Record<string, number> } | null }[] };
  return body.entries.find((e) => e.id === ENTRY)?.sheet?.scores[CRITERION];
}

test.describe.configure({ mode: 'serial' });

for (const [locale, typed] of [['en-US', '1,5'], ['vi-VN', '1,5'], ['en-US', '7.5']] as const) {
  test(`${locale}: typing "${typed}" on a criterion out of 15 saves ${typed.replace(',', '.')}`, async ({ browser }) => {
    const context = await judgeContext(browser, locale);
    const page = await context.newPage();
    await page.goto(`/cham-diem/${CONTEST}/${ENTRY}`);
    const input = page.locator(`#diem-${CRITERION}`);
    await expect(input).toHaveAttribute('inputmode', 'decimal');
    await input.fill('');
    await input.pressSequentially(typed);
    // The running total reads it with the server's parser.
    await expect(page.locator('#tong-diem')).toContainText(typed === '7.5' ? '7,5' : '1,5');
    await page.getByRole('button', { name: 'Lưu nháp' }).click();
    await expect(page.getByText('Đã lưu bản nháp.')).toBeVisible();
    expect(await savedScore(context.request)).toBe(Number(typed.replace(',', '.')));
    await expect(input).toHaveValue(typed.replace('.', ','));
    await expectNoAxeViolations(page);
    await context.close();
  });
}

test('garbage gets the criterion’s message and changes nothing', async ({ browser }) => {
  const context = await judgeContext(browser, 'en-US');
  const page = await context.newPage();
  const before = await savedScore(context.request);
  for (const garbage of ['1,5,5', '7.', 'abc', '1e1', '٣']) {
    await page.goto(`/cham-diem/${CONTEST}/${ENTRY}`);
    const input = page.locator(`#diem-${CRITERION}`);
    await input.fill(garbage);
    await page.getByRole('button', { name: 'Lưu nháp' }).click();
    await expect(page.getByText('Tiêu chí 1.4 “Khả năng phát triển sản xuất, mở rộng quy mô”: điểm phải là một số từ 0 đến 15.')).toBeVisible();
    await expect(input).toHaveAttribute('aria-invalid', 'true');
    await expect(input).toHaveValue(garbage);
    expect(await savedScore(context.request)).toBe(before);
  }
  await expectNoAxeViolations(page);
  await context.close();
});

test('while typing, a score out of its range is flagged at its field with the allowed range and not counted; the server refuses it on save', async ({ browser }) => {
  const context = await judgeContext(browser, 'vi-VN');
  const page = await context.newPage();
  await page.goto(`/cham-diem/${CONTEST}/${ENTRY}`);
  const inputs = page.locator('input[data-score]');
  for (const el of await inputs.all()) await el.fill('');
  const input = page.locator(`#diem-${CRITERION}`);
  const other = inputs.first();
  await other.fill('5');
  await expect(page.locator('#tong-diem')).toHaveText('5');
  const live = page.locator(`#kiem-${CRITERION}`);
  for (const [typed, text] of [['99', 'điểm phải từ 0 đến 15'], ['15,5', 'điểm phải từ 0 đến 15'], ['-3', 'điểm phải là một số từ 0 đến 15'], ['7,25', 'bước 0,5 điểm']] as const) {
    await input.fill('');
    await input.pressSequentially(typed);
    await expect(live).toBeVisible();
    await expect(live).toContainText(text);
    await expect(input).toHaveAttribute('aria-invalid', 'true');
    await expect(input).toHaveAttribute('aria-describedby', new RegExp(`kiem-${CRITERION}`));
    // Not counted: the total is the other criterion's 5 alone, and it says a value was left out.
    await expect(page.locator('#tong-diem')).toHaveText('5');
    await expect(page.locator('#tong-ghi-chu')).toContainText('Chưa tính 1 ô');
  }
  await expectNoAxeViolations(page);
  // The server refuses it on save, with the same range, and keeps what was saved.
  await input.fill('99');
  const before = await savedScore(context.request);
  await page.getByRole('button', { name: 'Lưu nháp' }).click();
  await expect(page.getByText('Tiêu chí 1.4 “Khả năng phát triển sản xuất, mở rộng quy mô”: điểm phải từ 0 đến 15.').first()).toBeVisible();
  expect(await savedScore(context.request)).toBe(before);
  // Back in range: counted, the message gone.
  await input.fill('12');
  await expect(live).toBeHidden();
  await expect(input).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#tong-diem')).toHaveText('17');
  await expect(page.locator('#tong-ghi-chu')).toBeEmpty();
  await context.close();
});
