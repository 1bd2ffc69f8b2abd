/**
 * The search module's one interface. Both engines (embedded, in memory; Meilisearch) index the
 * same documents and answer the same `SearchQuery` with the same `SearchResult`; the contract
 * suite (tests/integration/search-contract.test.ts) holds them to it.
 */
import type { CatalogRow } from '../../catalog';
import type { DocKind, SearchQuery, SearchResult } from '../../search-query';

/** One searchable thing: a product, a producer, a craft village or a fair. Flat, so Meilisearch can take it as is. */
export interface SearchDocument {
  /** "<kind>--<slug>" (Meilisearch ids allow only letters, digits, - and _). */
  id: string;
  kind: DocKind;
  url: string;
  title: string;
  subtitle: string;
  summary: string;
  /** Current and former province names, commune, district: so "quang nam" finds Đà Nẵng products. */
  places: string;
  /** Everything else worth finding: producer, craft village, group labels, body text. */
  text: string;
  province: string;
  formerProvince: string | null;
  cnntGroup: string | null;
  ocopGroup: string | null;
  stars: number | null;
  levels: string[];
  years: number[];
  /** Latest certificate validity ("YYYY-MM-DD"); whether it is still valid is decided at query time. */
  validUntil: string | null;
  /** The same as a number (20271231), for Meilisearch's numeric filters. */
  validUntilNum: number | null;
  producerType: string | null;
  /** Folded title, for sorting by name in Meilisearch. */
  titleSort: string;
}

export interface IndexReport {
  engine: SearchResult['engine'];
  documents: number;
  /** False when the index already held exactly these documents (same content hash). */
  rebuilt: boolean;
  ms: number;
}

export interface SearchEngine {
  readonly name: SearchResult['engine'];
  /** Replaces the index's contents with `docs` (idempotent). */
  index(docs: readonly SearchDocument[]): Promise<IndexReport>;
  /** `today` ("YYYY-MM-DD", Vietnam time) decides which certificates are still valid. */
  search(query: SearchQuery, today: string): Promise<SearchResult>;
  close(): Promise<void>;
}

/** Plain content, whoever read it (astro:content in the server, the Markdown files in the CLI and tests). */
export interface SearchSource {
  products: SourceProduct[];
  producers: SourceProducer[];
  villages: SourceVillage[];
  fairs: SourceFair[];
}

export interface SourceProduct {
  row: CatalogRow;
  commune: string;
  district: string | null;
  summary: string;
  body: string;
  producerName: string;
  craftVillage: string | null;
  years: number[];
}

export interface SourceProducer {
  id: string;
  name: string;
  type: string;
  /** The referenced village's name, else the free text the producer wrote. */
  craftVillage: string | null;
  commune: string;
  province: string;
  formerProvince: string | null;
  district: string | null;
  address: string;
  body: string;
}

/** A craft village (content/craft-villages), with the names of the producers that belong to it. */
export interface SourceVillage {
  id: string;
  name: string;
  craft: string;
  commune: string;
  province: string;
  formerProvince: string | null;
  district: string | null;
  producerNames: string[];
  body: string;
}

export interface SourceFair {
  id: string;
  name: string;
  organiser: string;
  venue: string;
  address: string;
  province: string;
  start: Date;
  summary: string;
  body: string;
}
