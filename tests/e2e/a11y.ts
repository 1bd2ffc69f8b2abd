/**
 * Shared browser checks: axe (WCAG 2.1 A and AA, and WCAG 2.2 AA: target-size) with zero violations, and no horizontal
 * scrolling on a 360 px wide phone.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')})`);
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

export async function expectFitsPhone(page: Page): Promise<void> {
  const original = page.viewportSize();
  await page.setViewportSize({ width: 360, height: 740 });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `horizontal scroll at 360 px on ${page.url()}`).toBeLessThanOrEqual(360);
  if (original) await page.setViewportSize(original);
}
