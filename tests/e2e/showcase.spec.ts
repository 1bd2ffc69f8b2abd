/**
 * The public, prerendered showcase: every page type renders, is accessible, fits a phone,
 * carries valid structured data, and the catalog filters work without JavaScript.
 */
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { expectFitsPhone, expectNoAxeViolations } from './a11y';

const PRODUCT = '/san-pham/sam-ngoc-linh-tuoi';
const PRODUCER = '/co-so/htx-sam-ngoc-linh-tra-linh';

const pageTypes: [string, string, RegExp][] = [
  ['home', '/', /Khuyến công/],
  ['catalog', '/san-pham', /Sản phẩm tiêu biểu và OCOP/],
  ['product', PRODUCT, /Sâm Ngọc Linh tươi/],
  ['OCOP by stars', '/ocop', /Sản phẩm OCOP theo hạng sao/],
  ['producers', '/co-so', /Cơ sở sản xuất/],
  ['producer', PRODUCER, /Hợp tác xã Sâm Ngọc Linh Trà Linh/],
  ['provinces', '/tinh', /theo tỉnh, thành phố/],
  ['province', '/tinh/da-nang', /Thành phố Đà Nẵng/],
  ['craft villages', '/lang-nghe', /^Làng nghề$/],
  ['craft village', '/lang-nghe/lang-gom-thanh-ha', /Làng gốm Thanh Hà/],
  ['content page', '/gioi-thieu', /./],
];

for (const [name, path, heading] of pageTypes) {
  test(`${name} page renders, is accessible and fits a phone`, async ({ page }) => {
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    await expect(page.getByRole('note').filter({ hasText: 'Dữ liệu minh họa' })).toBeVisible();
    await expect(page.getByRole('contentinfo')).toContainText('Cơ quan quản lý');
    // The trail, first in the main content: home first, the page itself last and current.
    const crumbs = page.getByRole('main').getByRole('navigation', { name: 'Đường dẫn' });
    if (path === '/') await expect(crumbs).toHaveCount(0);
    else {
      await expect(crumbs.getByRole('listitem').first()).toHaveText('Trang chủ');
      await expect(crumbs.getByRole('link', { name: 'Trang chủ' })).toHaveAttribute('href', '/');
      await expect(crumbs.locator('[aria-current="page"]')).toHaveCount(1);
      await expect(crumbs.getByRole('listitem').last().locator('[aria-current="page"]')).toHaveCount(1);
      expect(await page.locator('main > *').first().evaluate((e) => e.getAttribute('aria-label'))).toBe('Đường dẫn');
    }
    await expectNoAxeViolations(page);
    await expectFitsPhone(page);
  });
}

test('content pages load no JavaScript', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(r.url());
  });
  for (const path of ['/', '/san-pham', PRODUCT, '/ocop', PRODUCER, '/tinh/lai-chau', '/lang-nghe', '/lang-nghe/lang-gom-thanh-ha']) await page.goto(path);
  expect(scripts).toEqual([]);
});

test('craft villages: a product leads to its village, the village to its producers and products, the province lists it', async ({ page }) => {
  await page.goto('/co-so/ho-gom-thanh-ha-le-van-tam');
  await page.getByRole('link', { name: 'Làng gốm Thanh Hà' }).click();
  await expect(page).toHaveURL(/\/lang-nghe\/lang-gom-thanh-ha$/);
  await expect(page.getByRole('definition').filter({ hasText: 'Làm gốm' })).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: 'thành phố Hội An, tỉnh Quảng Nam' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Thành phố Đà Nẵng' }).first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'Hộ kinh doanh Gốm Thanh Hà Lê Văn Tâm' })).toBeVisible();
  const product = page.getByRole('heading', { name: /Sản phẩm \((\d+)\)/ });
  await expect(product).not.toHaveText('Sản phẩm (0)');
  await page.locator('main .grid a').first().click();
  await expect(page).toHaveURL(/\/san-pham\//);
  await expect(page.getByRole('link', { name: 'Làng gốm Thanh Hà' })).toHaveAttribute('href', '/lang-nghe/lang-gom-thanh-ha');
  await page.goto('/tinh/da-nang');
  await expect(page.getByRole('link', { name: 'Làng gốm Thanh Hà' })).toBeVisible();
  await page.goto('/lang-nghe');
  await expect(page.getByRole('heading', { level: 2, name: /Thành phố Đà Nẵng \(\d+\)/ })).toBeVisible();
  await expect(page.getByRole('contentinfo').getByRole('link', { name: 'Làng nghề' })).toHaveAttribute('href', '/lang-nghe');
});

// The site's CSS is one file every page links (build.inlineStylesheets 'auto', README "Build"):
// written once and cached by the browser, not copied into each of thousands of pages.
test('a product page is at most 30 KB gzipped with its CSS, which is the stylesheet the other pages share', async ({ request }) => {
  const sheets = async (path: string) => {
    const html = (await (await request.get(path)).body()).toString();
    return { html, hrefs: [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1] ?? '') };
  };
  const product = await sheets(PRODUCT);
  expect(product.hrefs).toHaveLength(1);
  expect(product.html).not.toContain('<style>');
  let bytes = gzipSync(product.html).length;
  for (const href of product.hrefs) bytes += gzipSync(await (await request.get(href)).body()).length;
  expect(bytes).toBeLessThanOrEqual(30 * 1024);
  for (const other of ['/', PRODUCER, '/san-pham']) expect((await sheets(other)).hrefs).toEqual(product.hrefs);
});

test('product page: origin, recognitions with validity, where to buy, JSON-LD and OpenGraph', async ({ page }) => {
  await page.goto(PRODUCT);
  await expect(page.getByText('xã Trà Linh, TP Đà Nẵng (trước đây thuộc huyện Nam Trà My, tỉnh Quảng Nam)')).toBeVisible();
  const row = page.getByRole('row', { name: /OCOP 5 sao/ });
  await expect(row).toContainText('1089/QĐ-BNN-VPĐP');
  await expect(row).toContainText('10/05/2023');
  await expect(row).toContainText('09/05/2026'); // derived: 36 months
  const cnnt = page.getByRole('row', { name: /Sản phẩm CNNT tiêu biểu/ });
  await expect(cnnt).toContainText('20/10/2025');
  await expect(cnnt).toContainText('31/12/2027'); // derived: 31/12 of the third year
  await expect(page.getByRole('heading', { name: 'Nơi mua' })).toBeVisible();

  const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').first().textContent()) ?? '{}') as Record<string, unknown>;
  expect(ld['@type']).toBe('Product');
  expect(ld['name']).toBe('Sâm Ngọc Linh tươi');
  expect(ld).not.toHaveProperty('aggregateRating');
  expect(JSON.stringify(ld['award'])).toContain('OCOP 5 sao');
  expect(ld['additionalProperty']).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Hạng sao OCOP', value: 5 })]));
  expect(String((ld['image'] as string[])[0])).toMatch(/^http/);
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', 'Sâm Ngọc Linh tươi');
  await expect(page.locator('meta[property="og:image"]')).toHaveAttribute('content', /^http/);
});

test.describe('catalog without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('filters by province, OCOP stars and validity, and pages', async ({ page }) => {
    await page.goto('/san-pham');
    const count = async () => Number(/Tìm thấy ([\d.]+)/.exec((await page.getByRole('status').textContent()) ?? '')?.[1]?.replace(/\./g, '') ?? 0);
    const total = await count();
    expect(total).toBeGreaterThanOrEqual(1);

    await page.getByLabel('Tỉnh, thành phố').selectOption('da-nang');
    await page.getByRole('button', { name: 'Lọc sản phẩm' }).click();
    await expect(page).toHaveURL(/tinh=da-nang/);
    const inDaNang = await count();
    expect(inDaNang).toBeLessThanOrEqual(total);
    for (const card of await page.getByRole('listitem').filter({ has: page.getByRole('article') }).all()) {
      await expect(card).toContainText('TP Đà Nẵng');
    }

    const expired = page.getByRole('link', { name: 'Đèn lồng gấp xếp du lịch' }); // CNNT valid through 31/12/2025
    const valid = page.getByRole('link', { name: 'Sâm Ngọc Linh tươi' }); // CNNT valid through 31/12/2027
    await expect(expired).toBeVisible();
    await expect(valid).toBeVisible();

    await page.getByLabel('Chỉ chứng nhận còn hiệu lực').check();
    await page.getByRole('button', { name: 'Lọc sản phẩm' }).click();
    await expect(page).toHaveURL(/hieuluc=1/);
    await expect(expired).toHaveCount(0);
    await expect(valid).toBeVisible();

    await page.getByLabel('Hạng sao OCOP').selectOption('5');
    await page.getByRole('button', { name: 'Lọc sản phẩm' }).click();
    await expect(page).toHaveURL(/sao=5/);
    await expect(valid).toBeVisible();
    expect(await count()).toBe(1);

    await page.getByRole('link', { name: 'Bỏ tất cả bộ lọc' }).click();
    expect(await count()).toBe(total);

    const pages = Math.ceil(total / 24);
    if (pages > 1) {
      await page.getByRole('navigation', { name: 'Phân trang' }).getByRole('link', { name: 'Trang sau ›' }).click();
      await expect(page).toHaveURL(/trang=2/);
      await expect(page.getByRole('status')).toContainText(`trang 2/${String(pages)}`);
    }
  });

  test('unknown filter values are ignored, not errors', async ({ page }) => {
    const response = await page.goto('/san-pham?tinh=%3Cscript%3E&sao=99&trang=abc&nhom[]=x');
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('status')).toContainText('Tìm thấy');
  });
});

test('404 page helps the visitor on', async ({ page }) => {
  const response = await page.goto('/khong-co-trang-nay');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Không tìm thấy trang');
  await expect(page.getByRole('link', { name: /Danh mục sản phẩm/ })).toBeVisible();
  await expectNoAxeViolations(page);
});

test('sitemap, robots and the products feed are well-formed', async ({ page, request }) => {
  const robots = await (await request.get('/robots.txt')).text();
  expect(robots).toMatch(/Sitemap: http:\/\/localhost:\d+\/sitemap\.xml/);
  const sitemap = await (await request.get('/sitemap.xml')).text();
  expect(sitemap).toContain('/san-pham/sam-ngoc-linh-tuoi</loc>');
  const feed = await request.get('/rss/san-pham.xml');
  expect(feed.headers()['content-type']).toMatch(/xml/);
  await page.goto('/');
  const parsed = await page.evaluate((xml) => {
    const doc = new DOMParser().parseFromString(xml, 'application/xml');
    return { error: doc.querySelector('parsererror') !== null, items: [...doc.querySelectorAll('item > title')].map((t) => t.textContent) };
  }, await feed.text());
  expect(parsed.error).toBe(false);
  expect(parsed.items).toContain('Sâm Ngọc Linh tươi');
});

test('security headers on static pages, on-demand pages and errors; canonical addresses without a trailing slash', async ({ request, page }) => {
  for (const path of ['/', PRODUCT, '/san-pham', '/dang-nhap']) {
    const response = await request.get(path);
    const csp = response.headers()['content-security-policy'] ?? '';
    expect(csp, path).toContain("frame-ancestors 'none'");
    expect(response.headers()['x-content-type-options'], path).toBe('nosniff');
    expect(response.headers()['referrer-policy'], path).toBeTruthy();
  }
  const missing = await request.get('/khong-co-trang-nay');
  expect(missing.status()).toBe(404);
  expect(missing.statusText()).toBe('Not Found');
  await page.goto(`${PRODUCT}/`);
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', new RegExp(`${PRODUCT}$`));
});

test('OCOP page counts only certificates valid on the day and lists lapsed ones apart', async ({ page }) => {
  await page.goto('/ocop');
  // OCOP 3 sao issued 14/11/2023: valid through 13/11/2026, lapsed on the test clock (01/12/2026).
  const lapsed = page.getByRole('region', { name: 'Chứng nhận OCOP đã hết hiệu lực' });
  await expect(lapsed.getByRole('link', { name: 'Rượu ngô men lá Đồng Văn' })).toBeVisible();
  await expect(lapsed.getByText('hết hiệu lực').first()).toBeVisible();
  await expect(page.getByRole('region', { name: 'OCOP 3 sao' }).getByRole('link', { name: 'Rượu ngô men lá Đồng Văn' })).toHaveCount(0);
  // OCOP 5 sao issued 10/05/2023: valid through 09/05/2026.
  await expect(lapsed.getByRole('link', { name: 'Sâm Ngọc Linh tươi' })).toBeVisible();
  expect(await page.getByRole('region', { name: 'OCOP 5 sao' }).getByRole('article').count()).toBeGreaterThanOrEqual(1);
  // The static product page, built on the test clock, marks what had lapsed by then (that never
  // goes stale) — in the badge, in the certificate table and on the cards of its province.
  await page.goto('/san-pham/ruou-ngo-men-la-dong-van');
  await expect(page.getByRole('article').first().getByText('OCOP · hết hiệu lực sau ngày 13/11/2026')).toBeVisible();
  await expect(page.getByRole('row', { name: /OCOP 3 sao/ }).getByText('đã hết hiệu lực')).toBeVisible();
  await page.goto('/tinh/tuyen-quang');
  const card = page.getByRole('article').filter({ has: page.getByRole('link', { name: 'Mật ong bạc hà Đồng Văn' }) });
  await expect(card.getByText('hết hiệu lực sau ngày 09/11/2025')).toBeVisible();
  // A certificate valid on the page's date states its date, never "valid".
  await page.goto('/san-pham/bach-tra-shan-tuyet-ta-xua');
  await expect(page.getByText(/hết hiệu lực/)).toHaveCount(0);
});

test("a former province's address points to the unit it belongs to now", async ({ page }) => {
  const response = await page.goto('/tinh/quang-nam');
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Quảng Nam nay thuộc Thành phố Đà Nẵng');
  await page.getByRole('main').getByRole('link', { name: 'Thành phố Đà Nẵng', exact: true }).click();
  await expect(page).toHaveURL(/\/tinh\/da-nang$/);
  await expectNoAxeViolations(page);
});

test('the breadcrumb trail of an on-demand page links its fair, and a fair that does not exist has none', async ({ page }) => {
  const response = await page.goto('/hoi-cho/hoi-cho-cnnt-ocop-da-nang-2027/gian-hang');
  expect(response?.status()).toBe(200);
  const crumbs = page.getByRole('navigation', { name: 'Đường dẫn' });
  await expect(crumbs.getByRole('listitem')).toHaveText(['Trang chủ', 'Hội chợ', /Hội chợ/, 'Danh bạ gian hàng']);
  await expect(crumbs.getByRole('link', { name: 'Hội chợ', exact: true })).toHaveAttribute('href', '/hoi-cho');
  await expect(crumbs.getByRole('listitem').nth(2).getByRole('link')).toHaveAttribute('href', '/hoi-cho/hoi-cho-cnnt-ocop-da-nang-2027');
  await expect(crumbs.locator('[aria-current="page"]')).toHaveText('Danh bạ gian hàng');
  const missing = await page.goto('/hoi-cho/khong-co-hoi-cho-nay/gian-hang');
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole('navigation', { name: 'Đường dẫn' })).toHaveCount(0);
});
