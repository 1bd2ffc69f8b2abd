/**
 * The embedded engine: nothing to install, the index in memory (inverted-index.ts).
 *
 * - Text is folded (NFD, strip marks, đ→d, lowercase — lib/fold.ts), in documents and queries
 *   alike. The title and the body (subtitle, summary, places, text) are indexed apart (bm25
 *   weights 10 and 1); the words as typed, diacritics kept, only serve to rank exact-diacritic
 *   matches first ("dầu" before "đậu" when the query says "dầu").
 * - Only folded [a-z0-9] words become clauses (plan.ts): nothing a user types is syntax.
 * - Typo tolerance: a word that starts no indexed term is replaced by the indexed terms within
 *   1 edit (words of 4–7 letters) or 2 edits (8+), transpositions counting as one.
 * - Facet counts and filters run in memory over the matched documents (facet-table.ts), so one
 *   match answers hits, total and facets.
 *
 * The documents live in their own SQLite file (see index.ts for why) with their content hash;
 * `index()` skips the rebuild when the hash is unchanged. The file keeps each document's words
 * (folded and as typed, computed once when indexed), so the in-memory index is built at open
 * without folding the text again.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { createPrivateFile, ensurePrivateDir } from '../files';
import { SEARCH_PAGE_SIZE, searchParamsOf, type SearchQuery, type SearchResult } from '../../search-query';
import { documentsHash } from './documents';
import { FacetTable } from './facet-table';
import { elapsed, paging, toHit } from './results';
import { wordsOf } from './index-build';
import { InvertedIndex } from './inverted-index';
import { planQuery, type QueryPlan, type Vocabulary } from './plan';
import { allowedTypos, editDistance } from './text';
import type { IndexReport, SearchDocument, SearchEngine } from './types';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS search_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS search_documents (
  rowid INTEGER PRIMARY KEY, doc TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL, exact TEXT NOT NULL
);
DROP TABLE IF EXISTS search_vocab;
DROP TABLE IF EXISTS search_fts;
DROP TABLE IF EXISTS search_docs;
DELETE FROM search_meta WHERE key = 'hash' AND NOT EXISTS (SELECT 1 FROM search_documents);
`;

const KIND_ORDER = { 'san-pham': 0, 'co-so': 1, 'lang-nghe': 2, 'hoi-cho': 3 } as const;
const MAX_CORRECTIONS = 5;
/** Above this many matches, bm25 ordering gives way to "title matches first, then by name". */
const BROAD = 1500;
const collator = new Intl.Collator('vi');

/** Where the embedded index lives for a given database path: its own file beside the database. */
export function searchIndexPath(databasePath: string): string {
  return databasePath === ':memory:' ? ':memory:' : `${databasePath}.search.sqlite`;
}

export class EmbeddedSearchEngine implements SearchEngine {
  readonly name = 'embedded' as const;
  private docs: SearchDocument[] = [];
  private inverted = new InvertedIndex([]);
  private byLength = new Map<number, string[]>();
  /** Document indexes: products, producers, fairs, each by name (the order of an empty query). */
  private defaultOrder: number[] = [];
  /** Rank of each document by Vietnamese name. */
  private nameRank: number[] = [];
  /** Document indexes by Vietnamese name. */
  private byName: number[] = [];
  private facets = new FacetTable([]);

  /** Recent answers (the index is immutable between rebuilds; typing repeats prefixes). */
  private readonly cache = new Map<string, SearchResult>();

  private constructor(
    private readonly db: Database.Database,
    private readonly cacheSize: number,
  ) {
    db.exec(SCHEMA);
    this.load();
  }

  /** Opens (creating when missing) the index file; ":memory:" for an index that lives only in this process. */
  static open(file: string, options: { cacheSize?: number } = {}): EmbeddedSearchEngine {
    // Private like the database beside it (files.ts); its -wal and -shm follow the file's mode.
    if (file !== ':memory:') {
      ensurePrivateDir(path.dirname(path.resolve(file)));
      createPrivateFile(file);
    }
    const db = new Database(file);
    if (file !== ':memory:') {
      db.pragma('journal_mode = WAL');
      // The index is rebuilt from content whenever it is lost: durability is not needed.
      db.pragma('synchronous = OFF');
    }
    return new EmbeddedSearchEngine(db, options.cacheSize ?? 500);
  }

  /** Number of documents in the index. */
  get size(): number {
    return this.docs.length;
  }

  get hash(): string | null {
    return this.db.prepare<[], string>("SELECT value FROM search_meta WHERE key = 'hash'").pluck().get() ?? null;
  }

  index(docs: readonly SearchDocument[]): Promise<IndexReport> {
    const t0 = performance.now();
    const hash = documentsHash(docs);
    if (hash === this.hash) return Promise.resolve({ engine: this.name, documents: this.docs.length, rebuilt: false, ms: elapsed(t0) });
    const insertDoc = this.db.prepare('INSERT INTO search_documents (rowid, doc, title, body, exact) VALUES (?, ?, ?, ?, ?)');
    this.db.transaction(() => {
      this.db.exec('DELETE FROM search_documents');
      docs.forEach((d, i) => {
        const w = wordsOf(d);
        insertDoc.run(i + 1, JSON.stringify(d), w.title.join(' '), w.body.join(' '), w.exact.join(' '));
      });
      this.db.prepare("INSERT OR REPLACE INTO search_meta (key, value) VALUES ('hash', ?)").run(hash);
    })();
    this.load();
    return Promise.resolve({ engine: this.name, documents: docs.length, rebuilt: true, ms: elapsed(t0) });
  }

  private load(): void {
    this.cache.clear();
    const rows = this.db.prepare<[], { doc: string; title: string; body: string; exact: string }>('SELECT doc, title, body, exact FROM search_documents ORDER BY rowid').all();
    const split = (s: string) => (s ? s.split(' ') : []);
    this.docs = rows.map((r) => JSON.parse(r.doc) as SearchDocument);
    this.inverted = new InvertedIndex(
      this.docs,
      rows.map((r) => ({ title: split(r.title), body: split(r.body), exact: split(r.exact) })),
    );
    // Typo candidates: words only (numbers are not misspelt), grouped by length.
    this.byLength = new Map();
    for (const term of this.inverted.terms) {
      if (/^\d+$/.test(term)) continue;
      const list = this.byLength.get(term.length);
      if (list) list.push(term);
      else this.byLength.set(term.length, [term]);
    }
    this.facets = new FacetTable(this.docs);
    const byName = this.docs.map((_, i) => i).sort((a, b) => collator.compare(this.doc(a).title, this.doc(b).title));
    this.byName = byName;
    this.nameRank = new Array<number>(this.docs.length);
    byName.forEach((docIndex, rank) => (this.nameRank[docIndex] = rank));
    this.defaultOrder = [...byName].sort((a, b) => KIND_ORDER[this.doc(a).kind] - KIND_ORDER[this.doc(b).kind] || this.rank(a) - this.rank(b));
  }

  private doc(i: number): SearchDocument {
    const d = this.docs[i];
    if (!d) throw new Error(`search: no document ${String(i)}`);
    return d;
  }

  private rank(i: number): number {
    return this.nameRank[i] ?? 0;
  }

  /** The index's terms, as the query plan sees them. */
  private readonly vocabulary: Vocabulary = {
    isTerm: (w) => this.inverted.isTerm(w),
    startsTerm: (w) => this.inverted.startsTerm(w),
    near: (w) => this.corrections(w),
  };

  /** Indexed terms closest to a word that matches nothing (at the smallest distance found). */
  corrections(word: string): string[] {
    const max = allowedTypos(word.length);
    if (max === 0) return [];
    let best = max + 1;
    let found: string[] = [];
    for (let length = word.length - max; length <= word.length + max; length++) {
      for (const term of this.byLength.get(length) ?? []) {
        const d = editDistance(word, term, best);
        if (d < best) {
          best = d;
          found = [term];
        } else if (d === best && d <= max) found.push(term);
      }
    }
    if (best > max) return [];
    // Same letters first ("lihn" → "linh", a swap), then the commoner word.
    const letters = (t: string) => t.split('').sort().join(''); // folded terms are ASCII
    const sorted = letters(word);
    const score = (t: string) => (letters(t) === sorted ? 1e9 : 0) + this.inverted.termFrequency(t);
    return found.sort((a, b) => score(b) - score(a)).slice(0, MAX_CORRECTIONS);
  }

  /** Moves the documents marked in `front` to the front, keeping the order within each part. */
  private promote(order: number[], front: Uint8Array): number[] {
    const first: number[] = [];
    const rest: number[] = [];
    for (const i of order) (front[i] ? first : rest).push(i);
    if (!first.length || !rest.length) return order;
    for (const i of rest) first.push(i);
    return first;
  }

  /** One mark per document, set for `docs`. */
  private marks(docs: readonly number[]): Uint8Array {
    const m = new Uint8Array(this.docs.length);
    for (const i of docs) m[i] = 1;
    return m;
  }

  search(q: SearchQuery, today: string): Promise<SearchResult> {
    const t0 = performance.now();
    const key = `${today}?${searchParamsOf(q)}`;
    const cached = this.cache.get(key);
    if (cached) {
      this.cache.delete(key);
      this.cache.set(key, cached);
      return Promise.resolve({ ...cached, tookMs: elapsed(t0) });
    }
    const result = this.searchUncached(q, today, t0);
    if (this.cacheSize > 0) {
      this.cache.set(key, result);
      if (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value ?? key);
    }
    return Promise.resolve(result);
  }

  /** The plan's matches in ranking order: bm25, then the tiers (phrase, province, exact diacritics). */
  private ordered(plan: Extract<QueryPlan, { kind: 'match' }>): number[] {
    let order = this.inverted.match(plan.clauses);
    if (order.length > BROAD) {
      // A broad query ("san", "thu cong"): bm25 over thousands of documents tells little.
      // Titles that match come first, each part by name.
      const mark = new Uint8Array(this.docs.length);
      for (const i of order) mark[i] = 1;
      for (const i of this.inverted.match(plan.clauses, true)) mark[i] = 2;
      order = [...this.byName.filter((i) => mark[i] === 2), ...this.byName.filter((i) => mark[i] === 1)];
    } else if (order.length > 1) {
      order = this.inverted.rank(order, plan.clauses);
      // Tier: the words as a phrase ("quang nam" before "Tuyên Quang năm 2027").
      if (plan.phrase) order = this.promote(order, this.marks(this.inverted.phrase(order, plan.phrase)));
    }
    // Stronger tiers: a province named in the query, then the words typed with diacritics found as
    // typed ("dầu" before "đậu"; "đồ gốm": gốm, the rarer word, before đồ), folded matches after.
    order = this.promoteByPlace(order, plan);
    if (order.length > 1 && plan.exact) order = this.inverted.rankExact(order, plan.exact);
    return order;
  }

  /** Documents of a province named in the query first ("quang nam" → former Quảng Nam, now TP Đà Nẵng). */
  private promoteByPlace(order: number[], plan: Extract<QueryPlan, { kind: 'match' }>): number[] {
    if (order.length <= 1 || !plan.places.size) return order;
    const front = new Uint8Array(this.docs.length);
    for (const i of order) {
      const d = this.doc(i);
      if (plan.places.has(d.province) || (d.formerProvince !== null && plan.places.has(`cu:${d.formerProvince}`))) front[i] = 1;
    }
    return this.promote(order, front);
  }

  private searchUncached(q: SearchQuery, today: string, t0: number): SearchResult {
    const plan = planQuery(q.q, this.vocabulary);
    const order = plan.kind === 'all' ? this.defaultOrder : plan.kind === 'none' ? [] : this.ordered(plan);
    const terms = plan.kind === 'match' ? plan.terms : plan.kind === 'none' ? plan.words : [];
    const corrections = plan.kind === 'match' ? plan.corrections : {};

    const filtered = this.facets.filterAndCount(order, q, today);
    const counter = filtered.counter;
    let matched = filtered.matched;
    if (q.sap === 'ten') matched = [...matched].sort((a, b) => this.rank(a) - this.rank(b));
    else if (q.sap === 'sao') matched = [...matched].sort((a, b) => (this.doc(b).stars ?? 0) - (this.doc(a).stars ?? 0) || this.rank(a) - this.rank(b));
    const { page, pages, offset } = paging(matched.length, q.trang);
    const hits = matched.slice(offset, offset + SEARCH_PAGE_SIZE).map((i) => toHit(this.doc(i), terms));
    return {
      hits,
      facets: counter.toFacets(),
      total: matched.length,
      page,
      pages,
      tookMs: elapsed(t0),
      engine: this.name,
      ...(Object.keys(corrections).length ? { corrections } : {}),
    };
  }

  close(): Promise<void> {
    if (this.db.open) this.db.close();
    return Promise.resolve();
  }
}
