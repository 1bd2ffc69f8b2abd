/**
 * Related products by tier lists (src/lib/related.ts) select exactly what the earlier scoring
 * selected — every product of the demo content, and of synthetic sets of 10,000 — and a page
 * looks at a bounded number of products however large the collection (the build's linearity).
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { buildRelatedIndex, relatedPositions, type RelatedItem } from '~/lib/related';
import { PROVINCES } from '~/lib/provinces';
import { CNNT_GROUPS } from '~/lib/vocabulary';

/**
 * The scoring products.ts used before the tier lists (kept here as the reference): same producer
 * 4 points, same group 2, same province 1, the best `limit` by score, ties by name position.
 */
function byScore(items: readonly RelatedItem[], position: number, limit = 4): number[] {
  const of = items[position];
  if (!of) return [];
  const scored: [number, number][] = [];
  items.forEach((item, i) => {
    const score = (item.producer === of.producer ? 4 : 0) + (item.group === of.group ? 2 : 0) + (item.province === of.province ? 1 : 0);
    if (score > 0 && item.id !== of.id) scored.push([i, score]);
  });
  return scored
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, limit)
    .map(([i]) => i);
}

const collator = new Intl.Collator('vi');

/** The demo products as the build sees them: front matter, by Vietnamese name. */
function demoItems(): RelatedItem[] {
  const dir = path.join(process.cwd(), 'content', 'products');
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_'))
    .map((d) => {
      const text = readFileSync(path.join(dir, d.name, 'index.md'), 'utf8');
      const front = yaml.load(text.split(/^---$/m)[1] ?? '') as { name: string; producer: string; cnntGroup: string; province: string };
      return { id: d.name, name: front.name, producer: front.producer, group: front.cnntGroup, province: front.province };
    })
    .sort((a, b) => collator.compare(a.name, b.name));
}

/** As tests/bench/synthetic.ts spreads them: provinces, groups and 24 producers cycling. */
function cyclingItems(n: number): RelatedItem[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `p${String(i)}`,
    producer: `co-so-${String(i % 24)}`,
    group: CNNT_GROUPS.ids[i % CNNT_GROUPS.ids.length] ?? 'khac',
    province: PROVINCES[i % PROVINCES.length]?.slug ?? 'da-nang',
  }));
}

/** Skewed and clustered: few producers and provinces, so every tier has many ties. */
function randomItems(n: number, seed: number): RelatedItem[] {
  let s = seed;
  const next = (m: number) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % m;
  };
  return Array.from({ length: n }, (_, i) => ({
    id: `r${String(i)}`,
    producer: `co-so-${String(next(7) * next(3))}`,
    group: CNNT_GROUPS.ids[next(CNNT_GROUPS.ids.length)] ?? 'khac',
    province: `tinh-${String(next(5))}`,
  }));
}

function expectSameAsScoring(items: RelatedItem[], positions: Iterable<number>, limit = 4): void {
  const index = buildRelatedIndex(items);
  let compared = 0;
  for (const position of positions) {
    expect(relatedPositions(index, items, position, limit), `product ${String(position)}`).toEqual(byScore(items, position, limit));
    compared++;
  }
  expect(compared).toBeGreaterThan(0);
}

describe('related products', () => {
  it('are the same as the scoring gave on every demo product', () => {
    const items = demoItems();
    expect(items.length).toBeGreaterThan(40);
    expectSameAsScoring(items, items.keys());
    // Not an empty comparison: demo products do have related products.
    const index = buildRelatedIndex(items);
    expect(items.filter((_, i) => relatedPositions(index, items, i).length === 4).length).toBeGreaterThan(40);
  });

  it('are the same as the scoring gave on 10,000 synthetic products, and on clustered sets', () => {
    const cycling = cyclingItems(10_000);
    // Every 7th product (the reference is linear per product): all producers, groups and provinces.
    expectSameAsScoring(cycling, Array.from({ length: 1_430 }, (_, k) => k * 7));
    const clustered = randomItems(3_000, 42);
    expectSameAsScoring(clustered, clustered.keys());
    expectSameAsScoring(clustered, Array.from({ length: 300 }, (_, k) => k * 10), 9);
    const tiny = randomItems(12, 7);
    expectSameAsScoring(tiny, tiny.keys(), 20);
  });

  it('look at a bounded number of products per page, however large the collection', () => {
    for (const items of [cyclingItems(10_000), cyclingItems(40_000), randomItems(20_000, 3)]) {
      const index = buildRelatedIndex(items);
      let most = 0;
      for (let i = 0; i < items.length; i += 13) {
        const visited = { count: 0 };
        relatedPositions(index, items, i, 4, visited);
        most = Math.max(most, visited.count);
      }
      // 7 tiers × (the limit + the page itself + the tiers above, whole) — never the group or province.
      expect(most).toBeGreaterThan(0);
      expect(most).toBeLessThanOrEqual(7 * (2 * 4 + 1));
    }
  });
});
