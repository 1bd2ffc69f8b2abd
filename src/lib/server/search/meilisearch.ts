/**
 * The Meilisearch engine, used when MEILISEARCH_HOST is set. One index holds products,
 * producers and fairs (`kind` tells them apart). Meilisearch's tokenizer folds Vietnamese the
 * way we do (đ→d included), `localizedAttributes` tells it the text is Vietnamese, and its typo
 * tolerance is set to match the embedded engine's (1 typo from 4 letters, 2 from 8).
 *
 * Indexing is idempotent and atomic: documents and settings go into "<uid>-tmp", which is then
 * swapped with "<uid>" — searches never see a half-built index — and every task is awaited and
 * checked.
 */
import { MeiliSearch, type IndexSwap, type Settings, type Task } from 'meilisearch';
import { FACET_KEYS, SEARCH_PAGE_SIZE, type FacetKey, type SearchQuery, type SearchResult } from '../../search-query';
import { FacetCounter, elapsed, toHit } from './results';
import { MAX_QUERY_WORDS, foldedWords } from './text';
import type { IndexReport, SearchDocument, SearchEngine } from './types';

export const DEFAULT_INDEX = 'khuyen-cong';

/** Facet key → document attribute. `hieuluc` is computed at query time from validUntilNum. */
const ATTRIBUTE: Record<Exclude<FacetKey, 'hieuluc'>, keyof SearchDocument> = {
  kieu: 'kind',
  tinh: 'province',
  tinhcu: 'formerProvince',
  nhom: 'cnntGroup',
  ocop: 'ocopGroup',
  sao: 'stars',
  cap: 'levels',
  nam: 'years',
  loai: 'producerType',
};

export const INDEX_SETTINGS: Settings = {
  searchableAttributes: ['title', 'places', 'subtitle', 'summary', 'text'],
  filterableAttributes: [...Object.values(ATTRIBUTE), 'validUntilNum'],
  sortableAttributes: ['titleSort', 'stars', 'validUntilNum'],
  displayedAttributes: ['*'],
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } },
  localizedAttributes: [{ attributePatterns: ['*'], locales: ['vie'] }],
  faceting: { maxValuesPerFacet: 200 },
  pagination: { maxTotalHits: 100_000 },
};

function checked(task: Task, what: string): Task {
  if (task.status !== 'succeeded') throw new Error(`Meilisearch: ${what} thất bại (${task.status}): ${task.error?.message ?? 'không rõ lỗi'}`);
  return task;
}

const quote = (v: string | number) => (typeof v === 'number' ? String(v) : JSON.stringify(v));

export class MeilisearchEngine implements SearchEngine {
  readonly name = 'meilisearch' as const;
  private readonly client: MeiliSearch;

  constructor(host: string, apiKey: string | undefined, private readonly uid = DEFAULT_INDEX) {
    this.client = new MeiliSearch({ host, ...(apiKey ? { apiKey } : {}) });
  }

  async index(docs: readonly SearchDocument[]): Promise<IndexReport> {
    const t0 = performance.now();
    const tmp = `${this.uid}-tmp`;
    const existing = new Set((await this.client.getIndexes({ limit: 1000 })).results.map((i) => i.uid));
    if (!existing.has(this.uid)) checked(await this.client.createIndex(this.uid, { primaryKey: 'id' }).waitTask(), `tạo chỉ mục ${this.uid}`);
    if (existing.has(tmp)) checked(await this.client.deleteIndex(tmp).waitTask(), `xóa chỉ mục ${tmp}`);
    checked(await this.client.createIndex(tmp, { primaryKey: 'id' }).waitTask(), `tạo chỉ mục ${tmp}`);
    const staging = this.client.index<SearchDocument>(tmp);
    checked(await staging.updateSettings(INDEX_SETTINGS).waitTask(), 'cài đặt chỉ mục');
    for (let i = 0; i < docs.length; i += 5000) {
      checked(await staging.addDocuments(docs.slice(i, i + 5000)).waitTask({ timeout: 120_000 }), 'thêm tài liệu');
    }
    // `rename` is left out: servers before Meilisearch 1.18 refuse the unknown field.
    const swap = { indexes: [this.uid, tmp] } as unknown as IndexSwap;
    checked(await this.client.swapIndexes([swap]).waitTask(), 'hoán đổi chỉ mục');
    checked(await this.client.deleteIndex(tmp).waitTask(), `xóa chỉ mục ${tmp}`);
    return { engine: this.name, documents: docs.length, rebuilt: true, ms: elapsed(t0) };
  }

  private filters(q: SearchQuery, today: string): string[] {
    const out: string[] = [];
    for (const key of FACET_KEYS) {
      if (key === 'hieuluc') continue;
      const v = q[key];
      if (v !== undefined) out.push(`${ATTRIBUTE[key]} = ${quote(v)}`);
    }
    if (q.hieuluc) out.push(`validUntilNum >= ${today.replaceAll('-', '')}`);
    return out;
  }

  async search(q: SearchQuery, today: string): Promise<SearchResult> {
    const t0 = performance.now();
    const filter = this.filters(q, today);
    const validFilter = [...filter, `validUntilNum >= ${today.replaceAll('-', '')}`];
    const text = foldedWords(q.q).length ? q.q : '';
    const page = q.trang ?? 1;
    const sort = q.sap === 'ten' ? ['titleSort:asc'] : q.sap === 'sao' ? ['stars:desc', 'titleSort:asc'] : undefined;
    const common = { indexUid: this.uid, q: text, matchingStrategy: 'all' as const };
    const { results } = await this.client.multiSearch({
      queries: [
        { ...common, filter, facets: Object.values(ATTRIBUTE), page, hitsPerPage: SEARCH_PAGE_SIZE, ...(sort ? { sort } : {}) },
        // How many of these results hold a certificate still valid today: a count Meilisearch
        // cannot facet on, because "valid" depends on the day of the query.
        { ...common, filter: validFilter, page: 1, hitsPerPage: 1 },
      ],
    });
    const [main, valid] = results as unknown as [
      { hits: SearchDocument[]; totalHits: number; totalPages: number; page: number; facetDistribution?: Record<string, Record<string, number>> },
      { totalHits: number },
    ];
    const counter = new FacetCounter();
    for (const [key, attribute] of Object.entries(ATTRIBUTE) as [FacetKey, string][]) {
      for (const [value, count] of Object.entries(main.facetDistribution?.[attribute] ?? {})) counter.add(key, value, count);
    }
    counter.add('hieuluc', valid.totalHits ? '1' : null, valid.totalHits);
    const terms = foldedWords(text).slice(0, MAX_QUERY_WORDS);
    const pages = Math.max(1, main.totalPages);
    return {
      hits: main.hits.map((d) => toHit(d, terms)),
      facets: counter.toFacets(),
      total: main.totalHits,
      page: Math.min(page, pages),
      pages,
      tookMs: elapsed(t0),
      engine: this.name,
    };
  }

  /** Removes the index (tests use their own index names). */
  async drop(): Promise<void> {
    checked(await this.client.deleteIndex(this.uid).waitTask(), `xóa chỉ mục ${this.uid}`);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
