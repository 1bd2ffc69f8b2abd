/**
 * Catalog filtering, sorting and pagination: pure functions over plain rows, so the on-demand
 * catalog page, the province pages and the tests share one implementation.
 */
import { z } from 'zod';
import { PROVINCE_SLUGS, currentUnitOf, getProvince } from './provinces';
import { CNNT_GROUPS, ESTABLISHMENT_TYPES, OCOP_GROUPS, RECOGNITION_LEVELS } from './vocabulary';
import { isValidOn } from './validity';

export interface CatalogRow {
  id: string;
  name: string;
  province: string;
  formerProvince: string | null;
  cnntGroup: string;
  ocopGroup: string | null;
  /** Highest OCOP stars, or null. */
  stars: number | null;
  /** The day the certificate of those stars is valid through. */
  ocopValidUntil: string | null;
  levels: string[];
  /** Latest validity date of any certificate, or null when none. */
  validUntil: string | null;
  /** Latest issue date, for "newest" sorting. */
  latestIssued: string | null;
  producerType: string;
}

export const SORTS = ['ten', 'moi-nhat', 'sao'] as const;
export type Sort = (typeof SORTS)[number];
export const PAGE_SIZE = 24;

/** Query-string filters. Unknown or malformed values are dropped, never an error. */
export const CatalogQuerySchema = z.object({
  tinh: z.enum(PROVINCE_SLUGS).optional().catch(undefined),
  nhom: z.enum(CNNT_GROUPS.ids).optional().catch(undefined),
  ocop: z.enum(OCOP_GROUPS.ids).optional().catch(undefined),
  sao: z.coerce.number().int().min(3).max(5).optional().catch(undefined),
  cap: z.enum(RECOGNITION_LEVELS.ids).optional().catch(undefined),
  hieuluc: z.literal('1').optional().catch(undefined),
  loai: z.enum(ESTABLISHMENT_TYPES.ids).optional().catch(undefined),
  sap: z.enum(SORTS).optional().catch(undefined),
  trang: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});
export type CatalogQuery = z.infer<typeof CatalogQuerySchema>;

export function parseCatalogQuery(params: URLSearchParams): CatalogQuery {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(CatalogQuerySchema.shape)) {
    const v = params.get(key);
    if (v !== null && v !== '') raw[key] = v;
  }
  // A former province (?tinh=quang-nam) filters by the unit it belongs to now.
  if (raw['tinh'] && !getProvince(raw['tinh'])) {
    const unit = currentUnitOf(raw['tinh']);
    if (unit) raw['tinh'] = unit.slug;
  }
  return CatalogQuerySchema.parse(raw);
}

export function matches(row: CatalogRow, q: CatalogQuery, today: string): boolean {
  if (q.tinh && row.province !== q.tinh) return false;
  if (q.nhom && row.cnntGroup !== q.nhom) return false;
  if (q.ocop && row.ocopGroup !== q.ocop) return false;
  if (q.sao && row.stars !== q.sao) return false;
  if (q.cap && !row.levels.includes(q.cap)) return false;
  if (q.hieuluc && !(row.validUntil && isValidOn(row.validUntil, today))) return false;
  if (q.loai && row.producerType !== q.loai) return false;
  return true;
}

const collator = new Intl.Collator('vi');

function compare(sort: Sort) {
  return (a: CatalogRow, b: CatalogRow): number => {
    if (sort === 'moi-nhat') return (b.latestIssued ?? '').localeCompare(a.latestIssued ?? '') || collator.compare(a.name, b.name);
    if (sort === 'sao') return (b.stars ?? 0) - (a.stars ?? 0) || collator.compare(a.name, b.name);
    return collator.compare(a.name, b.name);
  };
}

export interface CatalogPage {
  rows: CatalogRow[];
  total: number;
  page: number;
  pages: number;
}

/** Filters, sorts and cuts one page. A page past the end gives the last page. */
export function queryCatalog(all: readonly CatalogRow[], q: CatalogQuery, today: string): CatalogPage {
  const filtered = all.filter((r) => matches(r, q, today)).sort(compare(q.sap ?? 'ten'));
  const pages = Math.max(1, Math.ceil(filtered.length / PAGE_SIZE));
  const page = Math.min(q.trang ?? 1, pages);
  return { rows: filtered.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE), total: filtered.length, page, pages };
}

/** The query string for a catalog link, keeping the current filters and changing some. */
export function catalogHref(q: CatalogQuery, change: Partial<Record<keyof CatalogQuery, string | number | undefined>>): string {
  const merged: Record<string, string | number | undefined> = { ...q, ...change };
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(merged)) {
    if (v !== undefined && v !== '' && !(k === 'trang' && v === 1)) params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `/san-pham?${s}` : '/san-pham';
}
