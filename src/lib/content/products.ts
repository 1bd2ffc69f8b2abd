/**
 * Queries over products and producers. Pages never filter collections themselves.
 */
import { getCollection, getEntry, type CollectionEntry } from 'astro:content';
import { validUntil } from '../validity';
import { once } from './once';
import type { CatalogRow } from '../catalog';
import type { Programme, RecognitionLevel } from '../vocabulary';
import { buildRelatedIndex, relatedPositions, type RelatedIndex, type RelatedItem } from '../related';

export type ProductEntry = CollectionEntry<'products'>;
export type ProducerEntry = CollectionEntry<'producers'>;

export interface Recognition {
  programme: Programme;
  level: RecognitionLevel;
  stars: number | undefined;
  year: number;
  /** The decision's or certificate's number; undefined until it is known. */
  number: string | undefined;
  issued: string;
  /** Last valid day, stated or derived by the rules. */
  validUntil: string;
}

const collator = new Intl.Collator('vi');
const byName = (a: { data: { name: string } }, b: { data: { name: string } }) => collator.compare(a.data.name, b.data.name);

/** All products, by Vietnamese name. */
export const getProducts: () => Promise<ProductEntry[]> = once(async () => (await getCollection('products')).sort(byName));

/** All producers, by Vietnamese name. */
export const getProducers: () => Promise<ProducerEntry[]> = once(async () => (await getCollection('producers')).sort(byName));

export async function getProducer(id: string): Promise<ProducerEntry | null> {
  return (await getEntry('producers', id)) ?? null;
}

/** What a page shows for a recognition's number: the number, or that there is no decision yet (never a placeholder). */
export function recognitionNumberText(r: { number?: string | undefined }): string {
  return r.number ?? 'chưa có quyết định công nhận';
}

/** A product's recognitions, newest first, each with its validity date. */
export function getRecognitions(product: ProductEntry): Recognition[] {
  return product.data.recognitions
    .map((r) => ({
      programme: r.programme,
      level: r.level,
      stars: r.stars,
      year: r.year,
      number: r.number,
      issued: r.issued,
      validUntil: validUntil(r.programme, r.issued, r.validUntil),
    }))
    .sort((a, b) => b.issued.localeCompare(a.issued));
}

/** Highest OCOP star rating ever awarded, or null. */
export function getOcopStars(product: ProductEntry): number | null {
  const stars = product.data.recognitions.flatMap((r) => (r.programme === 'ocop' && r.stars ? [r.stars] : []));
  return stars.length ? Math.max(...stars) : null;
}

/**
 * The OCOP certificate that decides a product's star badge: the highest-starred one, and the day
 * it is valid through. Static pages show that date next to the stars (never a "valid" state that
 * could go stale); on-demand pages compare it with the day of the request.
 */
export function getOcopCertificate(product: ProductEntry): { stars: number; validUntil: string } | null {
  const ocop = getRecognitions(product).filter((r) => r.programme === 'ocop' && r.stars !== undefined);
  const best = ocop.sort((a, b) => (b.stars ?? 0) - (a.stars ?? 0) || b.validUntil.localeCompare(a.validUntil))[0];
  return best?.stars ? { stars: best.stars, validUntil: best.validUntil } : null;
}

export function isOcopProduct(product: ProductEntry): boolean {
  return getOcopStars(product) !== null;
}

/** The latest validity date among the product's certificates (for "còn hiệu lực" badges). */
export function getLatestValidity(product: ProductEntry): string | null {
  const dates = getRecognitions(product).map((r) => r.validUntil);
  return dates.length ? dates.sort().at(-1) ?? null : null;
}

export async function getFeaturedProducts(limit = 6): Promise<ProductEntry[]> {
  return (await getProducts()).filter((p) => p.data.featured).slice(0, limit);
}

/**
 * Products grouped once per build (by producer and province, as positions in the name-sorted
 * list, and the related-products tier lists of related.ts): product, producer and province pages
 * look their neighbours up here instead of scanning every product per page, which made a build
 * quadratic in the number of products.
 */
interface ProductIndex {
  list: ProductEntry[];
  byProducer: Map<string, number[]>;
  byProvince: Map<string, number[]>;
  items: RelatedItem[];
  related: RelatedIndex;
  positions: Map<string, number>;
}

const getProductIndex: () => Promise<ProductIndex> = once(async () => {
  const list = await getProducts();
  const items = list.map((p) => ({ id: p.id, producer: p.data.producer.id, group: p.data.cnntGroup, province: p.data.province }));
  const index: ProductIndex = { list, byProducer: new Map(), byProvince: new Map(), items, related: buildRelatedIndex(items), positions: new Map() };
  const add = (map: Map<string, number[]>, key: string, i: number) => {
    const at = map.get(key);
    if (at) at.push(i);
    else map.set(key, [i]);
  };
  list.forEach((p, i) => {
    add(index.byProducer, p.data.producer.id, i);
    add(index.byProvince, p.data.province, i);
    if (!index.positions.has(p.id)) index.positions.set(p.id, i);
  });
  return index;
});

const pick = (index: ProductIndex, positions: readonly number[] | undefined): ProductEntry[] =>
  (positions ?? []).map((i) => index.list[i]).filter((p): p is ProductEntry => p !== undefined);

export async function getProductsOfProducer(producerId: string): Promise<ProductEntry[]> {
  const index = await getProductIndex();
  return pick(index, index.byProducer.get(producerId));
}

export async function getProductsInProvince(province: string): Promise<ProductEntry[]> {
  const index = await getProductIndex();
  return pick(index, index.byProvince.get(province));
}

/**
 * Same producer first, then same CNNT group in the same province, then same group (then same
 * province), by name within a tier — from the tier lists built once (related.ts), so a page
 * looks at a bounded number of products however many share its group or province.
 */
export async function getRelatedProducts(product: ProductEntry, limit = 4): Promise<ProductEntry[]> {
  const index = await getProductIndex();
  const position = index.positions.get(product.id);
  if (position === undefined) return [];
  return pick(index, relatedPositions(index.related, index.items, position, limit));
}

/** Products recognised most recently (for the RSS feed and the home page), newest first. */
export async function getRecentlyRecognised(limit = 20): Promise<{ product: ProductEntry; recognition: Recognition }[]> {
  return (await getProducts())
    .flatMap((product) => getRecognitions(product).slice(0, 1).map((recognition) => ({ product, recognition })))
    .sort((a, b) => b.recognition.issued.localeCompare(a.recognition.issued))
    .slice(0, limit);
}

export interface CatalogEntry {
  row: CatalogRow;
  product: ProductEntry;
  producer: ProducerEntry;
}

/**
 * Every product as a catalog entry (its filterable row, the entry and its producer), built
 * once per process: the on-demand catalog filters these in memory.
 */
export const getCatalogRows: () => Promise<Map<string, CatalogEntry>> = once(async () => {
    const producers = new Map((await getProducers()).map((p) => [p.id, p]));
    const map = new Map<string, CatalogEntry>();
    for (const product of await getProducts()) {
      const producer = producers.get(product.data.producer.id);
      if (!producer) throw new Error(`Sản phẩm ${product.id}: không có cơ sở "${product.data.producer.id}"`);
      const recognitions = getRecognitions(product);
      map.set(product.id, {
        product,
        producer,
        row: {
          id: product.id,
          name: product.data.name,
          province: product.data.province,
          formerProvince: product.data.former?.province ?? null,
          cnntGroup: product.data.cnntGroup,
          ocopGroup: product.data.ocopGroup ?? null,
          stars: getOcopStars(product),
          ocopValidUntil: getOcopCertificate(product)?.validUntil ?? null,
          levels: [...new Set(recognitions.map((r) => r.level))],
          validUntil: getLatestValidity(product),
          latestIssued: recognitions[0]?.issued ?? null,
          producerType: producer.data.type,
        },
      });
    }
    return map;
});

/** The catalog entry of one product; throws for an unknown id (ids come from content). */
export async function requireCatalogEntry(id: string): Promise<CatalogEntry> {
  const entry = (await getCatalogRows()).get(id);
  if (!entry) throw new Error(`Không có sản phẩm "${id}"`);
  return entry;
}

/** Catalog entries for a list of products, in the same order. */
export async function toCatalogEntries(products: readonly { id: string }[]): Promise<CatalogEntry[]> {
  return Promise.all(products.map((p) => requireCatalogEntry(p.id)));
}
