/**
 * Pieces of a SearchResult that do not depend on the engine: hits with highlights built from
 * the original text, facet lists with Vietnamese labels, paging and the filter test.
 */
import { FACET_KEYS, SEARCH_PAGE_SIZE, facetLabel, type FacetCount, type FacetKey, type SearchHit, type SearchQuery, type SearchResult } from '../../search-query';
import { highlight } from './text';
import type { SearchDocument } from './types';

const collator = new Intl.Collator('vi');

export function toHit(doc: SearchDocument, terms: readonly string[]): SearchHit {
  return {
    id: doc.id,
    kind: doc.kind,
    url: doc.url,
    title: doc.title,
    subtitle: doc.subtitle,
    summary: doc.summary,
    stars: doc.stars,
    highlights: { title: highlight(doc.title, terms), summary: highlight(doc.summary, terms) },
  };
}

export function isValid(doc: SearchDocument, today: string): boolean {
  return doc.validUntil !== null && today <= doc.validUntil;
}

/** Whether a document passes the query's facet filters (the embedded engine's filter). */
export function passesFilters(doc: SearchDocument, q: SearchQuery, today: string): boolean {
  if (q.kieu && doc.kind !== q.kieu) return false;
  if (q.tinh && doc.province !== q.tinh) return false;
  if (q.tinhcu && doc.formerProvince !== q.tinhcu) return false;
  if (q.nhom && doc.cnntGroup !== q.nhom) return false;
  if (q.ocop && doc.ocopGroup !== q.ocop) return false;
  if (q.sao && doc.stars !== q.sao) return false;
  if (q.cap && !doc.levels.includes(q.cap)) return false;
  if (q.nam && !doc.years.includes(q.nam)) return false;
  if (q.hieuluc && !isValid(doc, today)) return false;
  if (q.loai && doc.producerType !== q.loai) return false;
  return true;
}

/** Counts facet values over a result set. */
export class FacetCounter {
  private readonly counts = Object.fromEntries(FACET_KEYS.map((k) => [k, new Map<string, number>()])) as Record<FacetKey, Map<string, number>>;

  add(key: FacetKey, value: string | number | null | undefined, n = 1): void {
    if (value === null || value === undefined || value === '') return;
    const m = this.counts[key];
    const v = String(value);
    m.set(v, (m.get(v) ?? 0) + n);
  }

  addDocument(doc: SearchDocument, today: string): void {
    this.add('kieu', doc.kind);
    this.add('tinh', doc.province);
    this.add('tinhcu', doc.formerProvince);
    this.add('nhom', doc.cnntGroup);
    this.add('ocop', doc.ocopGroup);
    this.add('sao', doc.stars);
    for (const l of doc.levels) this.add('cap', l);
    for (const y of doc.years) this.add('nam', y);
    if (isValid(doc, today)) this.add('hieuluc', '1');
    this.add('loai', doc.producerType);
  }

  toFacets(): SearchResult['facets'] {
    const out: SearchResult['facets'] = {};
    for (const key of FACET_KEYS) {
      const list: FacetCount[] = [...this.counts[key]].map(([value, count]) => ({ value, label: facetLabel(key, value), count }));
      list.sort((a, b) =>
        key === 'nam' || key === 'sao' ? Number(b.value) - Number(a.value) : b.count - a.count || collator.compare(a.label, b.label),
      );
      out[key] = list;
    }
    return out;
  }
}

export function paging(total: number, requested: number | undefined): { page: number; pages: number; offset: number } {
  const pages = Math.max(1, Math.ceil(total / SEARCH_PAGE_SIZE));
  const page = Math.min(requested ?? 1, pages);
  return { page, pages, offset: (page - 1) * SEARCH_PAGE_SIZE };
}

export const elapsed = (t0: number): number => Math.round((performance.now() - t0) * 100) / 100;
