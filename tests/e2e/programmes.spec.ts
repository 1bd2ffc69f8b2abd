/**
 * Programme pages in the browser: the list and a programme with its charts and tables — axe 0,
 * no horizontal scroll at 360 px, no JavaScript, each chart an image with a name and a table.
 */
import { expect, test } from '@playwright/test';
import { expectFitsPhone, expectNoAxeViolations } from './a11y';

const PROGRAMME = '/chuong-trinh/chuong-trinh-khuyen-cong-quang-ngai-2026-2030';

for (const [name, url] of [
  ['programme list', '/chuong-trinh'],
  ['programme (Quảng Ngãi 2026–2030)', PROGRAMME],
  ['programme (Quảng Nam 2021–2025)', '/chuong-trinh/chuong-trinh-khuyen-cong-quang-nam-2021-2025'],
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
