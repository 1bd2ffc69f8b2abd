/**
 * Programme pages in the browser: the list and a programme with its charts and tables — axe 0,
 * no horizontal scroll at 360 px, no JavaScript, each chart an image with a name and a table.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectFitsPhone, expectNoAxeViolations } from './a11y';

const PROGRAMME = '/chuong-trinh/chuong-trinh-khuyen-cong-quang-ngai-2026-2030';

for (const [name, url] of [
  ['programme list', '/chuong-trinh'],
  ['programme (Quảng Ngãi 2026–2030)', PROGRAMME],
  ['programme (Quảng Nam 2021–2025)', '/chuong-trinh/chuong-trinh-khuyen-cong-quang-nam-2021-2025'],
  ['statistics', '/thong-ke'],
  ['statistics of one year', '/thong-ke?nam=2025'],
  ['tile map', '/ban-do'],
  ['tile map by recognitions', '/ban-do?chi-so=cong-nhan'],
] as const) {
  test(`${name} is accessible, fits a phone and runs no JavaScript`, async ({ page }) => {
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(r.url());
    });
    await page.goto(url);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectNoAxeViolations(page);
    await expectFitsPhone(page);
    expect(scripts).toEqual([]);
  });
}

test('each indicator has a named chart, a table beside it and the period figures', async ({ page }) => {
  await page.goto(PROGRAMME);
  await expect(page.getByText('Dữ liệu minh họa.').first()).toBeVisible();
  const section = page.locator('#chi-tieu-gh-dang-ky');
  await expect(section.getByRole('heading', { level: 2 })).toHaveText('GH-DANG-KY Gian hàng được đăng ký tại các hội chợ của tỉnh');
  await expect(section.getByRole('img', { name: 'Gian hàng được đăng ký tại các hội chợ của tỉnh: thực hiện và chỉ tiêu theo năm' })).toBeVisible();
  const table = section.getByRole('table', { name: 'GH-DANG-KY: số liệu theo năm (gian)' });
  await expect(table.getByRole('row')).toHaveCount(7);
  await expect(table.getByRole('row', { name: /^2028 48/ })).toBeVisible();
  await expect(section.getByText(/chỉ tiêu 240 gian/)).toBeVisible();
  await page.getByRole('link', { name: 'MAY-MOC – Cơ sở được hỗ trợ ứng dụng máy móc, thiết bị tiên tiến' }).click();
  await expect(page).toHaveURL(/#chi-tieu-may-moc$/);
});

test('the tile map: 34 unit links and the two archipelagos, by keyboard; a table alternative; linked from province pages and the catalogue', async ({ page }) => {
  await page.goto('/ban-do');
  const map = page.locator('figure.tile-map svg');
  await expect(map.getByRole('link')).toHaveCount(36);
  await expect(map.getByRole('link', { name: /^Quần đảo Hoàng Sa, thuộc TP Đà Nẵng$/ })).toHaveAttribute('href', '/tinh/da-nang');
  await expect(map.getByRole('link', { name: /^Quần đảo Trường Sa, thuộc tỉnh Khánh Hòa$/ })).toHaveAttribute('href', '/tinh/khanh-hoa');
  for (const link of await map.getByRole('link').all()) {
    const box = await link.boundingBox();
    expect(box?.width ?? 0).toBeGreaterThanOrEqual(24);
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(24);
  }
  const table = page.getByRole('table', { name: /Số liệu theo tỉnh, thành phố/ });
  await expect(table.getByRole('row')).toHaveCount(35);
  await expect(table.getByRole('row', { name: /TP Đà Nẵng gồm: Đà Nẵng, Quảng Nam gồm Quần đảo Hoàng Sa/ })).toBeVisible();
  await page.getByLabel('Tô màu theo', { exact: true }).selectOption('hoi-cho');
  await page.getByRole('button', { name: 'Xem' }).click();
  await expect(page).toHaveURL(/chi-so=hoi-cho/);
  await page.goto('/tinh/quang-ngai');
  await page.getByRole('link', { name: 'Xem trên bản đồ 34 tỉnh, thành phố' }).click();
  await expect(page).toHaveURL(/\/ban-do$/);
  await page.goto('/san-pham');
  await expect(page.getByRole('link', { name: 'bản đồ 34 tỉnh, thành phố' })).toHaveAttribute('href', '/ban-do');
});

async function signIn(page: Page, next: string) {
  await page.goto(`/dang-nhap?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email').fill('bantochuc@demo.khuyencong.example');
  await page.getByLabel('Mật khẩu').fill('bantochuc-demo-2026');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page).toHaveURL(new RegExp(`${next.replace(/[/?]/g, '\\$&')}$`));
}

test('organiser: enters a staff figure with evidence, sees it counted, withdraws it; the console pages are accessible at 360 px', async ({ page }) => {
  const url = '/quan-tri/chuong-trinh/chuong-trinh-khuyen-cong-quang-ngai-2026-2030';
  await signIn(page, '/quan-tri/chuong-trinh');
  await expectNoAxeViolations(page);
  await expectFitsPhone(page);
  await page.getByRole('link', { name: 'Chương trình khuyến công tỉnh Quảng Ngãi giai đoạn 2026–2030' }).click();
  await expect(page).toHaveURL(new RegExp(`${url}$`));
  await page.getByLabel('Chỉ tiêu', { exact: true }).selectOption('MO-HINH');
  await page.getByLabel('Năm', { exact: true }).selectOption('2027');
  await page.getByLabel('Số thực hiện (cộng thêm vào năm đã chọn)').fill('2');
  await page.getByLabel('Minh chứng (số quyết định, biên bản, danh sách…)').fill('Biên bản nghiệm thu số 07/BB-KC');
  await page.getByRole('button', { name: 'Ghi số liệu' }).click();
  await expect(page.getByRole('status')).toHaveText('Đã ghi 2 vào chỉ tiêu MO-HINH năm 2027.');
  await expect(page.getByRole('heading', { name: /MO-HINH – Mô hình trình diễn kỹ thuật: 2 \/ 5 mô hình/ })).toBeVisible();
  await expectNoAxeViolations(page);
  await expectFitsPhone(page);
  await page.getByLabel('Số thực hiện (cộng thêm vào năm đã chọn)').fill('hai');
  await page.getByLabel('Minh chứng (số quyết định, biên bản, danh sách…)').fill('x');
  await page.getByRole('button', { name: 'Ghi số liệu' }).click();
  await expect(page.getByRole('alert')).toContainText('Số thực hiện phải là số nguyên.');
  await expectNoAxeViolations(page);
  const api = async () => ((await (await page.request.get('/api/programmes/chuong-trinh-khuyen-cong-quang-ngai-2026-2030')).json()) as { indicators: { code: string; actual: number }[] }).indicators.find((i) => i.code === 'MO-HINH')?.actual;
  expect(await api()).toBe(2);
  const row = page.getByRole('table', { name: 'Số liệu đã nhập cho MO-HINH' }).getByRole('row').nth(1);
  await row.getByLabel('Lý do rút lại').fill('Nhập nhầm năm');
  await row.getByRole('button', { name: 'Rút lại' }).click();
  await expect(page.getByRole('status')).toContainText('Đã rút lại số liệu MO-HINH năm 2027 (2)');
  expect(await api()).toBe(0);
});
