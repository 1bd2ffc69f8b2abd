/**
 * The embedded engine: SQLite FTS5, nothing to install.
 *
 * - Text is folded (NFD, strip marks, đ→d, lowercase — lib/fold.ts) before it reaches FTS5, in
 *   documents and queries alike; FTS5's own `remove_diacritics` is off because it keeps đ.
 * - Columns: `title` and `body` hold folded text (bm25 weights 10 and 1); `exact` holds the
 *   original lowercased NFC text and only serves to rank exact-diacritic matches first
 *   ("dầu" before "đậu" when the query says "dầu").
 * - Every query word is a quoted prefix term (`"nuoc"*`): FTS5 syntax typed by a user (`"`,
 *   `*`, `NEAR(`, `AND`, `-`, parentheses) is never passed to MATCH unescaped — only [a-z0-9]
 *   words, quoted, ever are.
 * - Typo tolerance: a word that starts no indexed term is replaced by the indexed terms within
 *   1 edit (words of 4–7 letters) or 2 edits (8+), transpositions counting as one.
 * - Facet counts and filters run in memory over the matched rows (documents are held in memory:
 *   10,000 products are a few MB), so one MATCH answers hits, total and facets.
 *
 * The index lives in its own SQLite file (see index.ts for why) with the documents' content
 * hash; `index()` skips the rebuild when the hash is unchanged.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { createPrivateFile, ensurePrivateDir } from '../files';
import { SEARCH_PAGE_SIZE, searchParamsOf, type SearchQuery, type SearchResult } from '../../search-query';
import { documentsHash } from './documents';
import { FacetTable } from './facet-table';
import { elapsed, paging, toHit } from './results';
import { planQuery, type QueryPlan, type Vocabulary } from './plan';
import { allowedTypos, editDistance, foldedWords } from './text';
import type { IndexReport, SearchDocument, SearchEngine } from './types';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS search_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS search_docs (rowid INTEGER PRIMARY KEY, doc TEXT NOT NULL);
CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(
  title, body, exact, content='', tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3'
);
CREATE VIRTUAL TABLE IF NOT EXISTS search_vocab USING fts5vocab(search_fts, 'row');
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
  /** Folded terms of the index, sorted (prefix lookups and typo candidates). */
  private vocab: string[] = [];
  /** Documents per term: among equally close corrections, the commoner word wins. */
  private frequency = new Map<string, number>();
  private byLength = new Map<number, string[]>();
  /** Document indexes: products, producers, fairs, each by name (the order of an empty query). */
  private defaultOrder: number[] = [];
  /** Rank of each document by Vietnamese name. */
  private nameRank: number[] = [];
  /** Document indexes by Vietnamese name. */
  private byName: number[] = [];
  private facets = new FacetTable([]);
  private readonly matchStmt: Database.Statement<[string], number>;
  private readonly rowsStmt: Database.Statement<[string], number>;

  /** Recent answers (the index is immutable between rebuilds; typing repeats prefixes). */
  private readonly cache = new Map<string, SearchResult>();

  private constructor(
    private readonly db: Database.Database,
    private readonly cacheSize: number,
  ) {
    db.exec(SCHEMA);
    this.rowsStmt = db.prepare<[string], number>('SELECT rowid FROM search_fts WHERE search_fts MATCH ?').pluck();
    this.matchStmt = db.prepare<[string], number>('SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY bm25(search_fts, 10.0, 1.0, 0.0)').pluck();
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
    const insertDoc = this.db.prepare('INSERT INTO search_docs (rowid, doc) VALUES (?, ?)');
    const insertFts = this.db.prepare('INSERT INTO search_fts (rowid, title, body, exact) VALUES (?, ?, ?, ?)');
    this.db.transaction(() => {
      this.db.exec("DELETE FROM search_docs; INSERT INTO search_fts(search_fts) VALUES ('delete-all');");
      docs.forEach((d, i) => {
        const rest = [d.subtitle, d.summary, d.places, d.text].join(' \n ');
        insertDoc.run(i + 1, JSON.stringify(d));
        insertFts.run(i + 1, foldedWords(d.title).join(' '), foldedWords(rest).join(' '), `${d.title} \n ${rest}`.normalize('NFC').toLowerCase());
      });
      this.db.prepare("INSERT OR REPLACE INTO search_meta (key, value) VALUES ('hash', ?)").run(hash);
    })();
    this.db.exec("INSERT INTO search_fts(search_fts) VALUES ('optimize')");
    this.load();
    return Promise.resolve({ engine: this.name, documents: docs.length, rebuilt: true, ms: elapsed(t0) });
  }

  private load(): void {
    this.cache.clear();
    this.docs = this.db
      .prepare<[], string>('SELECT doc FROM search_docs ORDER BY rowid')
      .pluck()
      .all()
      .map((s) => JSON.parse(s) as SearchDocument);
    const rows = this.db
      .prepare<[], { term: string; doc: number }>('SELECT term, doc FROM search_vocab')
      .all()
      .filter((r) => /^[a-z0-9]+$/.test(r.term));
    this.vocab = rows.map((r) => r.term).sort();
    this.frequency = new Map(rows.map((r) => [r.term, r.doc]));
    // Typo candidates: words only (numbers are not misspelt), grouped by length.
    this.byLength = new Map();
    for (const term of this.vocab) {
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

  /** Whether some indexed term starts with `word`. */
  /** The index's terms, as the query plan sees them. */
  private readonly vocabulary: Vocabulary = {
    isTerm: (w) => this.frequency.has(w),
    startsTerm: (w) => this.startsSomeTerm(w),
    near: (w) => this.corrections(w),
  };

  private startsSomeTerm(word: string): boolean {
    let lo = 0;
    let hi = this.vocab.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.vocab[mid] ?? '') < word) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.vocab.length && (this.vocab[lo] ?? '').startsWith(word);
  }

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
    const score = (t: string) => (letters(t) === sorted ? 1e9 : 0) + (this.frequency.get(t) ?? 0);
    return found.sort((a, b) => score(b) - score(a)).slice(0, MAX_CORRECTIONS);
  }

  /** Document indexes matching an FTS5 expression, unordered. */
  private rowsMatching(match: string): number[] {
    return this.rowsStmt.all(match).map((rowid) => rowid - 1);
  }

  /** Moves the documents matching `match` to the front, keeping the order within each part. */
  private promote(order: number[], match: string): number[] {
    const rows = this.rowsStmt.all(match);
    if (!rows.length) return order;
    const front = new Uint8Array(this.docs.length);
    for (const rowid of rows) front[rowid - 1] = 1;
    return [...order.filter((i) => front[i] === 1), ...order.filter((i) => front[i] !== 1)];
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
    const expression = plan.expression;
    let order = this.rowsMatching(`{title body} : ${expression}`);
    if (order.length > BROAD) {
      // A broad query ("san", "thu cong"): computing bm25 for thousands of rows costs more
      // than it tells. Titles that match come first, each part by name.
      const mark = new Uint8Array(this.docs.length);
      for (const i of order) mark[i] = 1;
      for (const i of this.rowsMatching(`title : ${expression}`)) mark[i] = 2;
      order = [...this.byName.filter((i) => mark[i] === 2), ...this.byName.filter((i) => mark[i] === 1)];
    } else if (order.length > 1) {
      order = this.matchStmt.all(`{title body} : ${expression}`).map((rowid) => rowid - 1);
      // Tier: the words as a phrase ("quang nam" before "Tuyên Quang năm 2027").
      if (plan.phrase) order = this.promote(order, `{title body} : ${plan.phrase}`);
    }
    // Stronger tiers: a province named in the query, then the words with the diacritics as typed ("dầu" before "đậu").
    order = this.promoteByPlace(order, plan);
    if (order.length > 1 && plan.exact) order = this.promote(order, `exact : ${plan.exact}`);
    return order;
  }

  /** Documents of a province named in the query first ("quang nam" → former Quảng Nam, now TP Đà Nẵng). */
  private promoteByPlace(order: number[], plan: Extract<QueryPlan, { kind: 'match' }>): number[] {
    if (order.length <= 1 || !plan.places.size) return order;
    const front = order.filter((i) => plan.places.has(this.doc(i).province) || plan.places.has(`cu:${this.doc(i).formerProvince ?? ''}`));
    if (!front.length) return order;
    const set = new Set(front);
    return [...front, ...order.filter((i) => !set.has(i))];
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
