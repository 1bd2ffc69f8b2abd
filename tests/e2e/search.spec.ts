/**
 * Search journeys: results as you type (debounced), the count announced, keyboard from the box
 * to the results, the URL kept shareable, server-rendered results without JavaScript, bad input
 * never a 5xx, facet counts equal to the catalog's, axe and 360 px.
 */
import { expect, test } from '@playwright/test';
import { expectFitsPhone, expectNoAxeViolations } from './a11y';

interface ApiResult {
  total: number;
  engine: string;
  hits: { title: string; url: string }[];
  facets: Record<string, { value: string; label: string; count: number }[]>;
}

test('typing shows results, announces the count, keeps the URL shareable', async ({ page }) => {
  await page.goto('/tim-kiem');
  const box = page.getByRole('searchbox', { name: 'Từ khóa' });
  await box.pressSequentially('nuoc mam', { delay: 30 });
  const status = page.locator('.search-status');
  await expect(status).toHaveAttribute('aria-live', 'polite');
  await expect(status).toContainText(/Tìm thấy \d+ kết quả cho “nuoc mam”/);
  const results = page.getByRole('list').filter({ has: page.locator('a.search-hit') });
  await expect(results.getByRole('link', { name: /Nước mắm cá cơm Nam Ô/ })).toBeVisible();
  // The first hit may be a craft village ("Làng nghề nước mắm Nam Ô"): the mark keeps the title's case.
  await expect(results.locator('mark').first()).toHaveText(/nước|mắm/i);
  await expect(page).toHaveURL(/\/tim-kiem\?q=nuoc\+mam$/);

  // The URL, opened afresh, shows the same results.
  const shared = page.url();
  const other = await page.context().newPage();
  await other.goto(shared);
  await expect(other.getByRole('searchbox', { name: 'Từ khóa' })).toHaveValue('nuoc mam');
  await expect(other.getByRole('link', { name: /Nước mắm cá cơm Nam Ô/ })).toBeVisible();
  await other.close();
});

test('the keyboard moves from the box to the results and back', async ({ page }) => {
  await page.goto('/tim-kiem?q=shan+tuyet');
  await page.waitForLoadState('networkidle');
  const box = page.getByRole('searchbox', { name: 'Từ khóa' });
  await box.focus();
  await page.keyboard.press('ArrowDown');
  const links = page.locator('a.search-hit');
  await expect(links.nth(0)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(links.nth(1)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(links.nth(0)).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(box).toBeFocused();
  await page.keyboard.press('ArrowDown');
  const href = await links.nth(0).getAttribute('href');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`${href ?? 'x'}$`));
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the header form leads to server-rendered results', async ({ page }) => {
    await page.goto('/san-pham');
    const header = page.getByRole('search', { name: 'Tìm kiếm trên cổng thông tin' });
    await header.getByRole('searchbox').fill('quang nam');
    await header.getByRole('button', { name: 'Tìm' }).click();
    await expect(page).toHaveURL(/\/tim-kiem\?q=quang\+nam/);
    await expect(page.locator('.search-status')).toContainText(/Tìm thấy \d+ kết quả/);
    await expect(page.getByRole('link', { name: /Sâm Ngọc Linh tươi/ })).toBeVisible();
  });

  test('filters work with the submit button', async ({ page }) => {
    await page.goto('/tim-kiem?q=dak+lak');
    await page.locator('summary', { hasText: 'Bộ lọc' }).click();
    await page.getByLabel('Loại kết quả').selectOption('san-pham');
    await page.getByRole('button', { name: 'Áp dụng bộ lọc' }).click();
    await expect(page).toHaveURL(/kieu=san-pham/);
    await expect(page.getByRole('link', { name: /Cà phê Robusta rang mộc/ })).toBeVisible();
  });
});

test('bad input never gives a 5xx', async ({ request }) => {
  const inputs = ['', '"', '*', 'NEAR(', 'AND', '-', '()', '\u0001\u0002', 'x'.repeat(1000), 'nước mắm'.repeat(100)];
  for (const q of inputs) {
    const api = await request.get(`/api/search?q=${encodeURIComponent(q)}&tinh=atlantis&sao=99&trang=-1`);
    expect(api.status(), `api ${JSON.stringify(q.slice(0, 12))}`).toBe(200);
    const body = (await api.json()) as ApiResult;
    expect(body.total).toBeGreaterThanOrEqual(0);
    const page = await request.get(`/tim-kiem?q=${encodeURIComponent(q)}&nhom=zzz`);
    expect(page.status(), `page ${JSON.stringify(q.slice(0, 12))}`).toBe(200);
  }
});

test('facet counts match the catalog', async ({ request }) => {
  const result = (await (await request.get('/api/search?kieu=san-pham')).json()) as ApiResult;
  expect(result.engine).toBe('embedded');
  const catalogTotal = async (qs: string) => {
    const html = await (await request.get(`/san-pham?${qs}`)).text();
    const m = /Tìm thấy ([\d.]+) sản phẩm/.exec(html);
    return m ? Number((m[1] ?? '0').replaceAll('.', '')) : 0;
  };
  expect(result.total).toBe(await catalogTotal(''));
  for (const [facet, param] of [['tinh', 'tinh'], ['nhom', 'nhom'], ['sao', 'sao'], ['loai', 'loai'], ['hieuluc', 'hieuluc']] as const) {
    for (const f of (result.facets[facet] ?? []).slice(0, 4)) {
      expect(f.count, `${facet}=${f.value}`).toBe(await catalogTotal(`${param}=${f.value}`));
    }
  }
});

test('search page is accessible and fits a phone, with results and with none', async ({ page }) => {
  await page.goto('/tim-kiem?q=gom+thanh+ha');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tìm kiếm');
  await expect(page.getByRole('search', { name: /Tìm sản phẩm/ })).toBeVisible();
  await expectNoAxeViolations(page);
  await expectFitsPhone(page);
  await page.goto('/tim-kiem?q=khongcogica');
  await expect(page.locator('.search-status')).toContainText('Không tìm thấy kết quả nào');
  await expectNoAxeViolations(page);
  await expectFitsPhone(page);
});

test('typed with diacritics, the words as typed come first; without them, both words are found', async ({ page }) => {
  const titles = async () => page.locator('a.search-hit').evaluateAll((links) => links.map((a) => a.textContent));
  await page.goto('/tim-kiem');
  const box = page.getByRole('searchbox', { name: 'Từ khóa' });
  // "đồ gốm" (pottery ware): the Ninh Bình fair shows gốm, the Lự weavers' page only "bao gồm … đồ".
  await box.pressSequentially('đồ gốm', { delay: 30 });
  await expect(page.locator('.search-status')).toContainText(/Tìm thấy \d+ kết quả cho “đồ gốm”/);
  const withMarks = await titles();
  const fair = withMarks.findIndex((t) => t.includes('Hội chợ làng nghề và sản phẩm CNNT Ninh Bình năm 2026'));
  const weavers = withMarks.findIndex((t) => t.includes('Tổ hợp tác Dệt thổ cẩm dân tộc Lự Bản Hon'));
  expect(fair).toBeGreaterThanOrEqual(0);
  expect(weavers).toBeGreaterThan(fair);
  // Typed without marks, both words still match (folded), the weavers' page among them.
  await box.fill('');
  await box.pressSequentially('gom', { delay: 30 });
  await expect(page.locator('.search-status')).toContainText(/Tìm thấy \d+ kết quả cho “gom”/);
  await expect(page.getByRole('link', { name: /Tổ hợp tác Dệt thổ cẩm dân tộc Lự Bản Hon/ })).toBeVisible();
});
