/**
 * Editing and publishing, end to end, on a throwaway copy of the site (content in its own git
 * repository, the built server started the documented way, real builds of this project):
 * an editor creates a fair with two booth types in Keystatic's editor and publishes it under
 * load — no request fails while the site switches builds — and the fair page, the calendar,
 * the iCalendar feed and the registration form show it; invalid edits are refused in
 * Vietnamese and change nothing; a publication of broken content fails and leaves the site
 * as it was, with the errors in the console; roll back brings the previous pages back and a
 * restart serves the last published build; two editors saving one file lose nothing.
 */
import { readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { TEST_PORT } from '../test-env';
import { ADMIN, EDITOR, gitIn, signIn, startThrowawaySite, type ThrowawaySite } from '../helpers/throwaway-site';
import { startLoad } from '../helpers/load';
import { expectFitsPhone, expectNoAxeViolations } from './a11y';

test.describe.configure({ mode: 'serial', timeout: 240_000 });

const SLUG = 'hoi-cho-hang-thu-cong-tam-duong-nam-2027';
const NAME = 'Hội chợ hàng thủ công Tam Đường năm 2027';
const FILE = `fairs/${SLUG}/index.md`;
let site: ThrowawaySite;

test.beforeAll(async () => {
  site = await startThrowawaySite({ port: TEST_PORT + 320 });
});
test.afterAll(async () => {
  await site.cleanup();
});

async function signInPage(browser: Browser, who: { email: string; password: string }, next: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${site.url}/dang-nhap?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Mật khẩu').fill(who.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL(`**${next}`);
  return page;
}

/** Follows a publication through the API until it ends. */
async function waitForPublication(cookie: string, id: string): Promise<{ state: string; errors?: { file: string; field: string | null; message: string }[]; message: string }> {
  const deadline = Date.now() + 200_000;
  for (;;) {
    const res = await fetch(`${site.url}/api/console/publish/${id}`, { headers: { Cookie: cookie } });
    const body = (await res.json()) as { state: string; message: string; errors?: { file: string; field: string | null; message: string }[] };
    if (body.state === 'live' || body.state === 'failed') return body;
    if (Date.now() > deadline) throw new Error(`publication ${id} still ${body.state}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

async function publishByApi(cookie: string): Promise<string> {
  const res = await fetch(`${site.url}/api/console/publish`, { method: 'POST', headers: { Cookie: cookie, Origin: site.url } });
  expect(res.status).toBe(202);
  return ((await res.json()) as { id: string }).id;
}

const text = async (p: string) => {
  const res = await fetch(`${site.url}${p}`);
  return { status: res.status, body: await res.text() };
};

test('an editor creates a fair with two booth types in the content editor', async ({ browser }) => {
  const page = await signInPage(browser, EDITOR, '/keystatic');
  await page.goto(`${site.url}/keystatic/collection/fairs/create`);
  await page.getByLabel('Tên hội chợ').fill(NAME);
  await page.getByLabel('Đơn vị tổ chức', { exact: true }).fill('Trung tâm Khuyến công tỉnh Lai Châu');
  await page.getByLabel('Địa điểm').fill('Sân vận động xã Tam Đường');
  await page.getByLabel('Địa chỉ', { exact: true }).fill('Xã Tam Đường, tỉnh Lai Châu');
  await page.getByRole('button', { name: /Tỉnh, thành phố/ }).click();
  await page.getByRole('option', { name: 'tỉnh Lai Châu' }).click();
  await expect(page.getByRole('listbox')).toBeHidden();
  await page.getByLabel('Khai mạc').fill('2027-10-05T08:00');
  await page.getByLabel('Bế mạc').fill('2027-10-08T21:00');
  await page.getByLabel('Tóm tắt').fill('Phiên hội chợ giới thiệu hàng thủ công của các hộ, hợp tác xã xã Tam Đường.');
  const image = page.getByRole('group', { name: 'Ảnh đại diện' });
  const chooser = page.waitForEvent('filechooser');
  await image.getByRole('button', { name: 'Choose file' }).click();
  await (await chooser).setFiles(path.resolve('content/fairs/hoi-cho-cnnt-lai-chau-2027/anh.svg'));
  await image.getByLabel('Mô tả ảnh').fill('Dãy gian hàng dưới mái bạt xanh');
  const booths = page.getByRole('group', { name: 'Loại gian hàng' });
  for (const [id, name, depth, count, price] of [['tieu-chuan', 'Gian tiêu chuẩn', '3', '30', '0'], ['goc', 'Gian góc mở hai mặt', '6', '6', '1500000']] as const) {
    await booths.getByRole('button', { name: 'Add' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Mã loại gian').fill(id);
    await dialog.getByLabel('Tên loại gian').fill(name);
    await dialog.getByRole('textbox', { name: 'Chiều rộng (m)', exact: true }).fill('3');
    await dialog.getByRole('textbox', { name: 'Chiều sâu (m)', exact: true }).fill(depth);
    await dialog.getByRole('textbox', { name: 'Số gian', exact: true }).fill(count);
    await dialog.getByRole('textbox', { name: 'Giá thuê một gian (đồng)', exact: true }).fill(price);
    await dialog.getByRole('textbox', { name: 'Tỷ lệ hỗ trợ khuyến công (%)', exact: true }).fill('100');
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(dialog).toBeHidden();
  }
  await page.getByLabel('Mở đăng ký').fill('2026-11-01T08:00');
  await page.getByLabel('Hạn đăng ký').fill('2027-09-30T17:00');
  await page.getByRole('textbox', { name: 'Mô tả hội chợ' }).fill('Hội chợ thường niên của xã Tam Đường.');
  await page.getByRole('button', { name: 'Create' }).click();
  await page.waitForURL(`**/keystatic/collection/fairs/item/${SLUG}`);
  const saved = readFileSync(path.join(site.contentDir, FILE), 'utf8');
  expect(saved).toContain(`name: ${NAME}`);
  expect(saved).toContain('start: 2027-10-05T08:00');
  expect(saved).toMatch(/- id: tieu-chuan[\s\S]*- id: goc/);
  expect(saved).toContain('src: ./anh.svg');
  expect(gitIn(site.repoDir ?? '', 'log', '-1', '--format=%an|%s').trim()).toBe(`Phạm Thu Hà (biên tập viên demo)|Thêm hội chợ: ${NAME}`);
  // Saved is not published: the live site does not have it yet.
  expect((await text(`/hoi-cho/${SLUG}`)).status).toBe(404);
  await page.context().close();
});

test('Xuất bản under load: no request fails during the switch, and every page shows the new fair', async ({ browser }) => {
  const page = await signInPage(browser, EDITOR, '/quan-tri/xuat-ban');
  const load = startLoad(site.url, ['/', '/hoi-cho', '/hoi-cho/hoi-cho-cnnt-lai-chau-2027', '/san-pham/sam-ngoc-linh-tuoi', '/api/fairs/hoi-cho-cnnt-lai-chau-2027/availability'], 16);
  await page.getByRole('button', { name: 'Xuất bản', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Xuất bản:' })).toContainText('Đã lên trang', { timeout: 200_000 });
  // The new build serves: keep the load on it a moment, then stop.
  await expect.poll(async () => (await text(`/hoi-cho/${SLUG}`)).status, { timeout: 20_000 }).toBe(200);
  await new Promise((r) => setTimeout(r, 1500));
  const report = await load.stop();
  expect(report.requests).toBeGreaterThan(200);
  expect({ errors: report.errors, timeouts: report.timeouts, non2xx: report.non2xx, samples: report.errorSamples }).toEqual({ errors: 0, timeouts: 0, non2xx: 0, samples: [] });

  const fair = await text(`/hoi-cho/${SLUG}`);
  expect(fair.body).toContain(NAME);
  expect(fair.body).toContain('Gian tiêu chuẩn');
  expect(fair.body).toContain('Gian góc mở hai mặt');
  expect((await text('/hoi-cho')).body).toContain(NAME);
  const ics = await text('/hoi-cho/lich.ics');
  expect(ics.body.replace(/\r\n /g, '')).toContain(`SUMMARY:${NAME}`);
  expect((await text(`/hoi-cho/${SLUG}.ics`)).status).toBe(200);
  const form = await text(`/hoi-cho/${SLUG}/dang-ky`);
  expect(form.body).toContain('Gian tiêu chuẩn');
  expect(form.body).toContain('Gian góc mở hai mặt');
  const availability = (await (await fetch(`${site.url}/api/fairs/${SLUG}/availability`)).json()) as { boothTypes: { id: string; total: number }[] };
  expect(availability.boothTypes.map((b) => [b.id, b.total])).toEqual([['tieu-chuan', 30], ['goc', 6]]);
  await expect(page.getByText('Đã xuất bản sau')).toBeVisible();
  await page.context().close();
});

test('an invalid edit is refused with a Vietnamese message, and nothing changes', async ({ browser }) => {
  const before = readFileSync(path.join(site.contentDir, FILE), 'utf8');
  const page = await signInPage(browser, EDITOR, '/keystatic');
  await page.goto(`${site.url}/keystatic/collection/fairs/item/${SLUG}`);
  await page.getByRole('group', { name: 'Loại gian hàng' }).getByRole('gridcell', { name: /Gian góc/ }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Số gian', exact: true }).fill('0');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('alert')).toContainText('Chưa lưu: nội dung còn 1 lỗi cần sửa');
  await expect(page.getByRole('alert')).toContainText('Loại gian hàng › thứ 2 › Số gian (boothTypes.1.count): cần ít nhất 1 gian');
  await page.getByRole('button', { name: 'Reset changes' }).click();
  await page.getByRole('group', { name: 'Ảnh đại diện' }).getByLabel('Mô tả ảnh').fill('');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('alert')).toContainText('Ảnh đại diện › Mô tả ảnh (image.alt): bắt buộc nhưng đang thiếu');
  expect(readFileSync(path.join(site.contentDir, FILE), 'utf8')).toBe(before);
  const live = await (await fetch(`${site.url}/api/fairs/${SLUG}/availability`)).json() as { boothTypes: { total: number }[] };
  expect(live.boothTypes.map((b) => b.total)).toEqual([30, 6]);
  await page.context().close();
});

test('a publication of broken content fails, shows the errors, and the site stays as it was', async ({ browser }) => {
  // Content can also change outside the editor (a developer's commit, a copy): the publication checks it all.
  const dir = path.join(site.contentDir, 'products', 'san-pham-loi');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'index.md'), '---\nproducer: htx-sam-ngoc-linh-tra-linh\ncommune: xã Trà Linh\nprovince: quang-nam\ncnntGroup: khac\nphotos: []\nsummary: Thiếu tên.\n---\n');
  const editor = await signIn(site.url, EDITOR);
  const result = await waitForPublication(editor, await publishByApi(editor));
  expect(result.state).toBe('failed');
  expect(result.message).toContain('Trang web vẫn giữ bản đang chạy');
  expect(result.errors).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ file: 'products/san-pham-loi/index.md', field: 'name', message: 'bắt buộc nhưng đang thiếu' }),
      expect.objectContaining({ file: 'products/san-pham-loi/index.md', field: 'province', message: expect.stringContaining('"quang-nam" là tỉnh cũ') }),
    ]),
  );
  expect((await text('/san-pham/san-pham-loi')).status).toBe(404);
  expect((await text(`/hoi-cho/${SLUG}`)).status).toBe(200);
  const page = await signInPage(browser, EDITOR, '/quan-tri/xuat-ban');
  await expect(page.getByText('products/san-pham-loi/index.md').first()).toBeVisible();
  await expect(page.getByText('"quang-nam" là tỉnh cũ', { exact: false }).first()).toBeVisible();
  await expectNoAxeViolations(page);
  await expectFitsPhone(page);
  await page.context().close();
  rmSync(dir, { recursive: true, force: true });
});

test('roll back brings the previous pages back in one action; a restart serves the last published build', async ({ browser }) => {
  const editor = await signIn(site.url, EDITOR);
  const tree = (await (await fetch(`${site.url}/api/keystatic/tree`, { headers: { Cookie: editor, 'no-cors': '1' } })).json()) as { path: string; sha: string }[];
  const before = readFileSync(path.join(site.contentDir, FILE), 'utf8');
  const changed = before.replace(/^summary: .*$/m, 'summary: Lịch hội chợ đã dời sang tháng Mười Một.');
  const save = await fetch(`${site.url}/api/keystatic/update`, {
    method: 'POST',
    headers: { Cookie: editor, 'no-cors': '1', 'Content-Type': 'application/json', Origin: site.url },
    body: JSON.stringify({ additions: [{ path: FILE, contents: Buffer.from(changed).toString('base64') }], deletions: [], base: { [FILE]: tree.find((e) => e.path === FILE)?.sha ?? null } }),
  });
  expect(save.status).toBe(200);
  expect((await waitForPublication(editor, await publishByApi(editor))).state).toBe('live');
  expect((await text(`/hoi-cho/${SLUG}`)).body).toContain('Lịch hội chợ đã dời sang tháng Mười Một.');

  const page = await signInPage(browser, EDITOR, '/quan-tri/xuat-ban');
  await page.getByRole('button', { name: 'Quay lại bản trước' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Quay lại bản trước:' })).toContainText('Đã lên trang', { timeout: 60_000 });
  const fair = await text(`/hoi-cho/${SLUG}`);
  expect(fair.body).not.toContain('Lịch hội chợ đã dời sang tháng Mười Một.');
  expect(fair.body).toContain('Phiên hội chợ giới thiệu hàng thủ công');
  await page.context().close();

  await site.stop();
  await site.restart();
  const again = await text(`/hoi-cho/${SLUG}`);
  expect(again.status).toBe(200);
  expect(again.body).toContain('Phiên hội chợ giới thiệu hàng thủ công');
});

test('two editors save the same fair: the second is refused, naming the first, and nothing is lost', async ({ browser }) => {
  const first = await signInPage(browser, ADMIN, '/keystatic');
  const second = await signInPage(browser, EDITOR, '/keystatic');
  for (const page of [first, second]) {
    await page.goto(`${site.url}/keystatic/collection/fairs/item/${SLUG}`);
    await expect(page.getByLabel('Tóm tắt')).not.toHaveValue('');
  }
  await first.getByLabel('Tóm tắt').fill('Bản của quản trị viên.');
  await first.getByRole('button', { name: 'Save' }).click();
  await expect(first.getByText('Unsaved')).toBeHidden();
  await expect.poll(() => readFileSync(path.join(site.contentDir, FILE), 'utf8')).toContain('summary: Bản của quản trị viên.');
  await second.getByLabel('Tóm tắt').fill('Bản của biên tập viên.');
  await second.getByRole('button', { name: 'Save' }).click();
  await expect(second.getByRole('alert')).toContainText('vừa được Quản trị viên (demo)');
  await expect(second.getByRole('alert')).toContainText('bản của bạn chưa được ghi');
  expect(readFileSync(path.join(site.contentDir, FILE), 'utf8')).toContain('summary: Bản của quản trị viên.');
  await first.context().close();
  await second.context().close();
});

test('the publishing and history pages, and the content editor: axe and 360 px', async ({ browser }) => {
  const page = await signInPage(browser, EDITOR, '/quan-tri/xuat-ban');
  await expect(page.getByRole('heading', { name: 'Các bản dựng' })).toBeVisible();
  await expectNoAxeViolations(page);
  await expectFitsPhone(page);
  await page.goto(`${site.url}/quan-tri/lich-su?muc=fairs/${SLUG}`);
  await expect(page.getByRole('button', { name: /Khôi phục phiên bản/ }).first()).toBeVisible();
  // Staff see the entry's name, not its file path.
  await expect(page.getByRole('main').getByRole('heading', { level: 2 })).toHaveText(NAME);
  await expectNoAxeViolations(page);
  await expectFitsPhone(page);
  await page.goto(`${site.url}/quan-tri/lich-su?loai=fairs`);
  const listed = page.getByRole('link', { name: NAME, exact: true });
  await expect(listed).toHaveAttribute('href', `/quan-tri/lich-su?muc=${encodeURIComponent(`fairs/${SLUG}`)}`);
  await expect(page.getByRole('link', { name: /^fairs\// })).toHaveCount(0);
  await expectNoAxeViolations(page);
  for (const [target, ready] of [
    ['/keystatic', 'Trưng bày'],
    ['/keystatic/collection/fairs', NAME],
    [`/keystatic/collection/fairs/item/${SLUG}`, 'Loại gian hàng'],
  ] as const) {
    await page.goto(`${site.url}${target}`);
    await expect(page.getByText(ready).first()).toBeVisible();
    await expectNoAxeViolations(page);
    await expectFitsPhone(page);
  }
  await page.context().close();
});
