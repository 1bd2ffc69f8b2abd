/**
 * Contest pages: the list with the "how contests work" page, and each contest's rules,
 * schedule and entries. Contests are discovered from the list, so editors may change them.
 */
import { expect, test } from '@playwright/test';
import { expectFitsPhone, expectNoAxeViolations } from './a11y';

function must<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`missing: ${what}`);
  return value;
}

test('contests list: every contest linked, the guide rendered; accessible, fits a phone, no JavaScript', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(r.url());
  });
  const response = await page.goto('/binh-chon');
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bình chọn sản phẩm công nghiệp nông thôn tiêu biểu');
  const contests = page.getByRole('region', { name: 'Các cuộc bình chọn' }).getByRole('heading', { level: 3 }).getByRole('link');
  expect(await contests.count()).toBeGreaterThanOrEqual(2);
  // The "how contests work" page from content/pages/binh-chon.md, rendered below the list.
  const guide = page.locator('section[aria-labelledby="cach-binh-chon"]');
  await expect(guide.getByRole('heading', { level: 2 }).first()).toBeVisible();
  expect((await guide.textContent())?.length ?? 0).toBeGreaterThan(200);
  await expectNoAxeViolations(page);
  await expectFitsPhone(page);
  expect(scripts).toEqual([]);
});

test('contest page: rubric with total and pass mark, schedule, vote, entries; accessible and fits a phone', async ({ page, request }) => {
  await page.goto('/binh-chon');
  const links = page.getByRole('region', { name: 'Các cuộc bình chọn' }).getByRole('heading', { level: 3 }).getByRole('link');
  const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  let sawEntries = false;
  for (const href of hrefs) {
    await page.goto(href);
    const title = must(await page.getByRole('heading', { level: 1 }).textContent(), 'h1').trim();
    expect(title.length).toBeGreaterThan(0);
    await expect(page.getByRole('term').filter({ hasText: /^Cấp$/ })).toBeVisible();
    await expect(page.getByRole('term').filter({ hasText: /^Nhóm sản phẩm$/ })).toBeVisible();

    // The rubric: group rows, each with its maximum; the total equals the sum of the groups.
    const rubric = page.getByRole('table');
    await expect(rubric.getByRole('columnheader', { name: 'Điểm tối đa' })).toBeVisible();
    const groupMax = await rubric.locator('tbody tr.group td').allTextContents();
    const total = Number(must(await rubric.getByRole('row', { name: /Tổng cộng/ }).getByRole('cell').textContent(), 'total').replace(/\./g, '').replace(',', '.'));
    expect(groupMax.map((t) => Number(t.replace(',', '.'))).reduce((a, b) => a + b, 0)).toBe(total);
    await expect(page.getByText(/đạt từ \d+ điểm trung bình trở lên/)).toBeVisible();
    await expect(page.getByText(/Ban giám khảo gồm \d+ thành viên/)).toBeVisible();

    for (const step of ['Nhận hồ sơ', 'Chấm điểm', 'Công bố kết quả']) {
      await expect(page.getByRole('term').filter({ hasText: new RegExp(`^${step}$`) })).toBeVisible();
    }
    await expect(page.getByRole('heading', { name: 'Bình chọn của người dân' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'trang kết quả bình chọn' })).toHaveAttribute('href', /\/binh-chon\/[^/]+\/ket-qua$/);
    // No state words that would go stale in static HTML.
    await expect(page.locator('main')).not.toContainText(/đang nhận hồ sơ|đang chấm/i);

    const entries = page.locator('main a[href^="/san-pham/"]');
    const count = await entries.count();
    if (count > 0) {
      sawEntries = true;
      const first = must(await entries.first().getAttribute('href'), 'entry link');
      expect((await request.get(first)).status()).toBe(200);
    }
  }
  expect(sawEntries, 'at least one contest lists its entries').toBe(true);

  // A contest with entries, checked for accessibility and the phone layout.
  await page.goto(must(hrefs[hrefs.length - 1], 'a contest'));
  await expectNoAxeViolations(page);
  await expectFitsPhone(page);
});
