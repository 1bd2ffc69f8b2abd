/**
 * The registration form's details in a real browser: the tax code's required mark follows the
 * establishment type (with and without JavaScript), and the availability table's headers never
 * break inside a word on a 360 px phone.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { hydrateRegistrationForm, scrollToLive } from './islands';
import { expectNoAxeViolations } from './a11y';

const SAM = 'phien-cho-sam-ngoc-linh-2027';

async function expectTaxCodeRequired(page: Page, required: boolean) {
  const input = page.locator('#rf-taxCode');
  const label = page.locator('label[for="rf-taxCode"]');
  if (required) {
    await expect(label).toHaveText('Mã số thuế *');
    await expect(input).toHaveAttribute('required', '');
    await expect(input).toHaveAttribute('aria-required', 'true');
  } else {
    await expect(label).not.toContainText('*');
    await expect(label).toContainText('hộ kinh doanh có thể để trống');
    await expect(input).not.toHaveAttribute('required', /.*/);
    await expect(input).toHaveAttribute('aria-required', 'false');
  }
  await expect(page.locator('#rf-taxCode-hint')).toContainText('hộ kinh doanh có thể để trống');
}

test('the tax code is marked required for every type but households, as the type changes', async ({ page }) => {
  await page.goto(`/hoi-cho/${SAM}`);
  await hydrateRegistrationForm(page);
  await expectTaxCodeRequired(page, true);
  const type = page.getByLabel('Loại hình cơ sở *');
  await type.selectOption('household');
  await expectTaxCodeRequired(page, false);
  await type.selectOption('cooperative');
  await expectTaxCodeRequired(page, true);
  await type.selectOption('household');
  await expectNoAxeViolations(page);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the tax code mark follows the posted type, and the hint says households may leave it empty', async ({ page }) => {
    await page.goto(`/hoi-cho/${SAM}/dang-ky`);
    await expectTaxCodeRequired(page, true);
    await page.getByLabel('Loại hình cơ sở *').selectOption('household');
    await page.getByRole('button', { name: 'Gửi đăng ký' }).click();
    await expect(page.locator('#rf-phone-error')).toBeVisible();
    await expectTaxCodeRequired(page, false);
    // Everything else filled in: the tax code is the one thing missing for an SME.
    await page.getByLabel('Tên cơ sở *').fill('Công ty TNHH Sâm');
    await page.getByLabel('Loại hình cơ sở *').selectOption('sme');
    await page.getByLabel('Tỉnh, thành phố *').selectOption('quang-ngai');
    await page.getByLabel('Xã, phường, đặc khu *').fill('Trà Linh');
    await page.getByLabel('Sản phẩm trưng bày *').fill('Sâm Ngọc Linh');
    await page.getByLabel('Họ tên người đại diện *').fill('Hồ Văn Sâm');
    await page.getByLabel('Số điện thoại di động *').fill('0351234567');
    await page.getByLabel(/Tôi đồng ý để ban tổ chức xử lý dữ liệu cá nhân/).check();
    await page.getByRole('button', { name: 'Gửi đăng ký' }).click();
    await expect(page.locator('#rf-taxCode-error')).toContainText('Vui lòng nhập mã số thuế');
    await expectTaxCodeRequired(page, true);
  });
});

/**
 * Whether any word of `cell`'s text is split over two lines: a word's characters, as a DOM
 * range, have one line box when the word is whole and two or more when it is broken.
 */
async function brokenWords(cell: Locator): Promise<string[]> {
  return cell.evaluate((el) => {
    const broken: string[] = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      for (const match of text.matchAll(/\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (lines.size > 1) broken.push(match[0]);
      }
    }
    return broken;
  });
}

test('availability headers break between words only, and fit their cells, at 360 px', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(`/hoi-cho/${SAM}`);
  await scrollToLive(page.locator('.availability'));
  const table = page.locator('.availability table');
  await expect(table).toBeVisible();
  const cells = table.locator('th');
  expect(await cells.count()).toBeGreaterThanOrEqual(6);
  for (const cell of await cells.all()) {
    expect(await brokenWords(cell), `a word broken in "${(await cell.textContent()) ?? ''}"`).toEqual([]);
    const fits = await cell.evaluate((el) => el.scrollWidth <= el.clientWidth);
    expect(fits, `"${(await cell.textContent()) ?? ''}" overflows its cell`).toBe(true);
  }
  // The table fits the phone (no scrolling sideways inside its wrapper either).
  const wrap = page.locator('.availability .table-wrap');
  expect(await wrap.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
});
