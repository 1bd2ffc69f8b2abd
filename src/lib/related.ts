/**
 * Related products by tier lists, built once per build: a product page shows the products of the
 * same producer first, then the same CNNT group in the same province, then the same group, then
 * the same province — by name within a tier. That order is the one the earlier scoring gave
 * (same producer 4 points, same group 2, same province 1; ties by name): the seven tiers below
 * are its seven scores, 7 down to 1.
 *
 * Each tier is a list in name order, keyed by what the tier shares, so a page takes the first
 * `limit` products that are not itself and not in a tier above (a product of a higher tier is
 * recognised by its own fields). A walk skips only products of the tiers above, which the page
 * has consumed whole (otherwise it would have stopped), so a page visits at most about
 * 7 × (2 × limit + 1) products whatever the size of the collection: the build stays linear.
 * Pure and client-safe: tests run it over the demo content and synthetic sets.
 */

export interface RelatedItem {
  id: string;
  producer: string;
  group: string;
  province: string;
}

type Key = (item: RelatedItem) => string;

const SEP = '\u0000';
/** What each tier shares, highest score first, and which products of a tier belong to a higher one. */
const TIERS: { key: Key; higher: (item: RelatedItem, of: RelatedItem) => boolean }[] = [
  // 7: producer, group and province
  { key: (i) => i.producer + SEP + i.group + SEP + i.province, higher: () => false },
  // 6: producer and group (not the province: those are 7)
  { key: (i) => i.producer + SEP + i.group, higher: (i, of) => i.province === of.province },
  // 5: producer and province
  { key: (i) => i.producer + SEP + SEP + i.province, higher: (i, of) => i.group === of.group },
  // 4: producer only
  { key: (i) => i.producer, higher: (i, of) => i.group === of.group || i.province === of.province },
  // 3: group and province
  { key: (i) => SEP + i.group + SEP + i.province, higher: (i, of) => i.producer === of.producer },
  // 2: group only
  { key: (i) => SEP + i.group, higher: (i, of) => i.producer === of.producer || i.province === of.province },
  // 1: province only
  { key: (i) => SEP + SEP + i.province, higher: (i, of) => i.producer === of.producer || i.group === of.group },
];

export interface RelatedIndex {
  /** One map per tier: the tier's key → positions in name order. */
  tiers: Map<string, number[]>[];
}

/** The tier lists of `items`, which are in name order (positions are the tie-break). */
export function buildRelatedIndex(items: readonly RelatedItem[]): RelatedIndex {
  const tiers = TIERS.map(() => new Map<string, number[]>());
  items.forEach((item, position) => {
    TIERS.forEach((tier, t) => {
      const map = tiers[t];
      if (!map) return;
      const key = tier.key(item);
      const list = map.get(key);
      if (list) list.push(position);
      else map.set(key, [position]);
    });
  });
  return { tiers };
}

/**
 * The positions of the `limit` products related to `items[position]`, best first. `visited`,
 * when given, counts the products looked at (the structural test bounds it).
 */
export function relatedPositions(
  index: RelatedIndex,
  items: readonly RelatedItem[],
  position: number,
  limit = 4,
  visited?: { count: number },
): number[] {
  const of = items[position];
  if (!of) return [];
  const out: number[] = [];
  for (let t = 0; t < TIERS.length && out.length < limit; t++) {
    const tier = TIERS[t];
    const list = tier ? index.tiers[t]?.get(tier.key(of)) : undefined;
    if (!tier || !list) continue;
    for (const at of list) {
      if (out.length === limit) break;
      if (visited) visited.count++;
      const item = items[at];
      if (at === position || !item || item.id === of.id || tier.higher(item, of)) continue;
      out.push(at);
    }
  }
  return out;
}
