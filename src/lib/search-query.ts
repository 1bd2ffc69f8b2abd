/**
 * The search query string, shared by the /tim-kiem page, its island and GET /api/search:
 * one zod schema, so the three read a URL the same way. Unknown or malformed facet values are
 * dropped (never an error); the text is cut at 200 characters and control characters removed.
 * Client-safe: no server imports.
 */
import { z } from 'zod';
import { FORMER_PROVINCE_SLUGS, PROVINCE_SLUGS, getFormerProvince, getProvince } from './provinces';
import { CNNT_GROUPS, ESTABLISHMENT_TYPES, OCOP_GROUPS, RECOGNITION_LEVELS } from './vocabulary';
import { cleanText, cutText } from './text';

export const MAX_QUERY_LENGTH = 200;
export const SEARCH_PAGE_SIZE = 20;

/** What a hit is. The ids double as URL values (`kieu=san-pham`). */
export const DOC_KINDS = [
  ['san-pham', 'Sản phẩm'],
  ['co-so', 'Cơ sở sản xuất'],
  ['lang-nghe', 'Làng nghề'],
  ['hoi-cho', 'Hội chợ'],
] as const;
export type DocKind = (typeof DOC_KINDS)[number][0];
const KIND_IDS = DOC_KINDS.map(([id]) => id) as unknown as readonly [DocKind, ...DocKind[]];

export const SEARCH_SORTS = ['lien-quan', 'ten', 'sao'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

/**
 * Makes typed text safe to search: the site's one text normalisation (`cleanText`: NFC,
 * control and invisible formatting characters removed, spaces collapsed), cut at 200
 * characters (never inside a surrogate pair).
 */
export function cleanQueryText(raw: string): string {
  return cutText(cleanText(raw, { invisibleSeparates: true }), MAX_QUERY_LENGTH).trim();
}

const year = z.coerce.number().int().min(2000).max(2100);

/** The query string of a search. Every field is optional; an empty query lists everything. */
export const SearchQuerySchema = z.object({
  q: z.string().optional().catch(undefined).transform((v) => cleanQueryText(v ?? '')),
  kieu: z.enum(KIND_IDS).optional().catch(undefined),
  tinh: z.enum(PROVINCE_SLUGS).optional().catch(undefined),
  tinhcu: z.enum(FORMER_PROVINCE_SLUGS).optional().catch(undefined),
  nhom: z.enum(CNNT_GROUPS.ids).optional().catch(undefined),
  ocop: z.enum(OCOP_GROUPS.ids).optional().catch(undefined),
  sao: z.coerce.number().int().min(3).max(5).optional().catch(undefined),
  cap: z.enum(RECOGNITION_LEVELS.ids).optional().catch(undefined),
  nam: year.optional().catch(undefined),
  hieuluc: z.literal('1').optional().catch(undefined),
  loai: z.enum(ESTABLISHMENT_TYPES.ids).optional().catch(undefined),
  sap: z.enum(SEARCH_SORTS).optional().catch(undefined),
  trang: z.coerce.number().int().min(1).max(500).optional().catch(undefined),
});
export type SearchQuery = z.output<typeof SearchQuerySchema>;

/** The facet filters, in display order; each is also a query-string key. */
export const FACET_KEYS = ['kieu', 'tinh', 'tinhcu', 'nhom', 'ocop', 'sao', 'cap', 'nam', 'hieuluc', 'loai'] as const;
export type FacetKey = (typeof FACET_KEYS)[number];

export const FACET_TITLES: Record<FacetKey, string> = {
  kieu: 'Loại kết quả',
  tinh: 'Tỉnh, thành phố hiện nay',
  tinhcu: 'Tỉnh cũ (trước 07/2025)',
  nhom: 'Nhóm sản phẩm CNNT',
  ocop: 'Nhóm sản phẩm OCOP',
  sao: 'Hạng sao OCOP',
  cap: 'Cấp công nhận',
  nam: 'Năm',
  hieuluc: 'Chứng nhận',
  loai: 'Loại hình cơ sở',
};

const KIND_LABELS = new Map<string, string>(DOC_KINDS);

/** The Vietnamese label of a facet value ("da-nang" → "Đà Nẵng"). */
export function facetLabel(key: FacetKey, value: string): string {
  switch (key) {
    case 'kieu':
      return KIND_LABELS.get(value) ?? value;
    case 'tinh':
      return getProvince(value)?.name ?? value;
    case 'tinhcu':
      return getFormerProvince(value)?.name ?? value;
    case 'nhom':
      return (CNNT_GROUPS.ids as readonly string[]).includes(value) ? CNNT_GROUPS.label(value as never) : value;
    case 'ocop':
      return (OCOP_GROUPS.ids as readonly string[]).includes(value) ? OCOP_GROUPS.label(value as never) : value;
    case 'sao':
      return `${value} sao`;
    case 'cap': {
      const l = (RECOGNITION_LEVELS.ids as readonly string[]).includes(value) ? RECOGNITION_LEVELS.label(value as never) : value;
      return l.charAt(0).toUpperCase() + l.slice(1);
    }
    case 'nam':
      return value;
    case 'hieuluc':
      return 'Còn hiệu lực';
    case 'loai':
      return (ESTABLISHMENT_TYPES.ids as readonly string[]).includes(value) ? ESTABLISHMENT_TYPES.label(value as never) : value;
  }
}

/** Reads a search from URL parameters; never throws. */
export function parseSearchQuery(params: URLSearchParams): SearchQuery {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(SearchQuerySchema.shape)) {
    const v = params.get(key);
    if (v !== null && v !== '') raw[key] = v;
  }
  return SearchQuerySchema.parse(raw);
}

/** The query string (without "?") for a search, leaving out empty values and page 1. */
export function searchParamsOf(q: Partial<SearchQuery>): string {
  const params = new URLSearchParams();
  for (const key of Object.keys(SearchQuerySchema.shape) as (keyof SearchQuery)[]) {
    const v = q[key];
    if (v === undefined || v === '' || (key === 'trang' && v === 1) || (key === 'sap' && v === 'lien-quan')) continue;
    params.set(key, String(v));
  }
  return params.toString();
}

/** A link to /tim-kiem keeping the current search and changing some of it. */
export function searchHref(q: Partial<SearchQuery>, change: Partial<Record<keyof SearchQuery, string | number | undefined>> = {}): string {
  const s = searchParamsOf({ ...q, ...change } as Partial<SearchQuery>);
  return s ? `/tim-kiem?${s}` : '/tim-kiem';
}

/** Text with the query's words marked: segments, never HTML. */
export type Segment = readonly [text: string, marked: boolean];

export interface FacetCount {
  value: string;
  label: string;
  count: number;
}

export interface SearchHit {
  /** Unique across kinds: "san-pham:nuoc-mam-ca-com-nam-o". */
  id: string;
  kind: DocKind;
  url: string;
  title: string;
  /** Where and by whom, e.g. "HTX … · TP Đà Nẵng (trước đây thuộc tỉnh Quảng Nam)". */
  subtitle: string;
  summary: string;
  stars: number | null;
  highlights: { title: Segment[]; summary: Segment[] };
}

/** The one result shape of every engine. */
export interface SearchResult {
  hits: SearchHit[];
  facets: Partial<Record<FacetKey, FacetCount[]>>;
  total: number;
  page: number;
  pages: number;
  tookMs: number;
  engine: 'embedded' | 'meilisearch';
  /** Words the engine read differently (typo tolerance), folded: { "lihn": "linh" }. */
  corrections?: Record<string, string>;
}
