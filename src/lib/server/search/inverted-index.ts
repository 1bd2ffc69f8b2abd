/**
 * The embedded engine's index, in memory and in typed arrays: folded terms with their postings
 * (documents, occurrences in the title and in the body), each document's token sequence (for
 * the phrase tier), and the words as typed with their diacritics (for the exact tier).
 *
 * It answers what SQLite FTS5 answered before (the README's "Decisions" says why it replaced
 * it): the documents matching ANDed clauses, in title and body or in the title only, ranked by
 * bm25 computed exactly as FTS5's `bm25(search_fts, 10.0, 1.0, 0.0)` does (fts5_aux.c: k1 1.2,
 * b 0.75, IDF floored at 1e-6, the row's length counted over all three columns), ties in
 * document order. No query allocates per matched document beyond its result: marks, frequencies
 * and scores live in arrays the size of the collection, reused (no answer is kept).
 */
import { buildIndex, K1, lowerBound, prefixRange, wordsOf, type DocumentWords, type IndexData, type Store } from './index-build';
import type { Clause, ExactWord } from './plan';
import type { SearchDocument } from './types';

const TITLE_WEIGHT = 10;

/** A run of entries of one store (one term, a merged prefix, or a range of terms sharing a prefix). */
interface Span {
  store: Store;
  from: number;
  to: number;
  /** Whether the entries come from a single list (documents unique and ascending). */
  single: boolean;
}

export class InvertedIndex {
  private readonly data: IndexData;
  // Scratch, the size of the collection: reused by every query, never an answer.
  private readonly mark: Int32Array;
  private markBase = 0;
  private readonly freq: Float64Array;
  private readonly score: Float64Array;
  /** The exact tier's weight of each document (zero between queries). */
  private readonly exactWeight: Float64Array;

  /** The index of `docs`, from their words when they are known already (the file stores them). */
  constructor(docs: readonly SearchDocument[], words: readonly DocumentWords[] = docs.map(wordsOf)) {
    this.data = buildIndex(words);
    this.mark = new Int32Array(docs.length);
    this.freq = new Float64Array(docs.length);
    this.score = new Float64Array(docs.length);
    this.exactWeight = new Float64Array(docs.length);
  }

  /** Folded terms, sorted. */
  get terms(): readonly string[] {
    return this.data.terms;
  }

  /** Whether `word` is an indexed term, whole. */
  isTerm(word: string): boolean {
    return this.data.termIds.has(word);
  }

  /** Whether some indexed term starts with `word`. */
  startsTerm(word: string): boolean {
    const [lo, hi] = prefixRange(this.data.terms, word);
    return hi > lo;
  }

  /** Documents containing the term, or a term starting with the prefix, in any column. */
  termFrequency(term: string): number {
    const id = this.data.termIds.get(term);
    return id === undefined ? 0 : (this.data.frequency[id] ?? 0);
  }

  private termSpan(id: number): Span {
    const s = this.data.termStore.start;
    return { store: this.data.termStore, from: s[id] ?? 0, to: s[id + 1] ?? 0, single: true };
  }

  /** The spans of a clause, one per bm25 phrase: each OR'd term, or the prefix. */
  private spans(clause: Clause): Span[] {
    if (!clause.prefix) {
      return clause.terms.flatMap((t) => {
        const id = this.data.termIds.get(t);
        return id === undefined
          ? [{ store: this.data.termStore, from: 0, to: 0, single: true }]
          : [this.termSpan(id)];
      });
    }
    const prefix = clause.terms[0] ?? '';
    const merged = this.data.prefixIds.get(prefix);
    if (merged !== undefined) {
      const s = this.data.prefixStore.start;
      return [
        {
          store: this.data.prefixStore,
          from: s[merged] ?? 0,
          to: s[merged + 1] ?? 0,
          single: true,
        },
      ];
    }
    const [lo, hi] = prefixRange(this.data.terms, prefix);
    const s = this.data.termStore.start;
    return [{ store: this.data.termStore, from: s[lo] ?? 0, to: s[hi] ?? 0, single: hi - lo <= 1 }];
  }

  /** Fresh mark values base + 1 … base + count for one pass (older marks are all ≤ base). */
  private takeMarks(count: number): number {
    if (this.markBase + count + 1 >= 0x7fffffff) {
      this.mark.fill(0);
      this.markBase = 0;
    }
    const base = this.markBase;
    this.markBase += count + 1;
    return base;
  }

  /** Documents (ascending) having every group of spans, in any column or (titleOnly) in the title. */
  private intersect(groups: readonly Span[][], titleOnly: boolean): number[] {
    const mark = this.mark;
    const base = this.takeMarks(groups.length);
    for (const [k, spans] of groups.entries()) {
      const want = base + k;
      let advanced = 0;
      for (const { store, from, to } of spans) {
        const docs = store.doc;
        const title = titleOnly ? store.title : null;
        for (let e = from; e < to; e++) {
          if (title && title[e] === 0) continue;
          const d = docs[e] ?? 0;
          const m = mark[d] ?? 0;
          if (k === 0 ? m <= base : m === want) {
            mark[d] = want + 1;
            advanced++;
          }
        }
      }
      if (advanced === 0) return [];
    }
    const done = base + groups.length;
    const out: number[] = [];
    for (let d = 0; d < mark.length; d++) if (mark[d] === done) out.push(d);
    return out;
  }

  /** Documents (ascending) matching every clause, in title or body, or in the title only. */
  match(clauses: readonly Clause[], titleOnly = false): number[] {
    return this.intersect(
      clauses.map((c) => this.spans(c)),
      titleOnly,
    );
  }

  /** The exact store's entries for a word as typed (its `exactKey`), whole or as a prefix. */
  private exactSpan({ word, prefix }: ExactWord): Span {
    const s = this.data.exactStore.start;
    const store = this.data.exactStore;
    if (!prefix) {
      const id = lowerBound(this.data.exactTerms, word);
      const found = this.data.exactTerms[id] === word;
      return { store, from: found ? (s[id] ?? 0) : 0, to: found ? (s[id + 1] ?? 0) : 0, single: true };
    }
    const [lo, hi] = prefixRange(this.data.exactTerms, word);
    return { store, from: s[lo] ?? 0, to: s[hi] ?? 0, single: hi - lo <= 1 };
  }

  /** Documents (ascending) whose words as typed include `word` (whole, or one starting with it). */
  matchExact(word: ExactWord): number[] {
    return this.intersect([[this.exactSpan(word)]], false);
  }

  /**
   * `order` with the documents holding more of the words as typed first: each word found weighs
   * its IDF (as in bm25: a rarer word tells more), so "gốm" outweighs "đồ" in "đồ gốm". The
   * order within equal weights is kept; documents holding none (folded matches only) come last.
   */
  rankExact(order: number[], words: readonly ExactWord[]): number[] {
    const n = this.mark.length;
    const weight = this.exactWeight;
    const mark = this.mark;
    const spans: Span[] = [];
    for (const word of words) {
      const span = this.exactSpan(word);
      if (span.to <= span.from) continue;
      spans.push(span);
      const hits = this.distinct(span);
      let idf = Math.log((n - hits + 0.5) / (hits + 0.5));
      if (idf <= 0) idf = 1e-6;
      const base = this.takeMarks(1);
      for (let e = span.from; e < span.to; e++) {
        const d = span.store.doc[e] ?? 0;
        if ((mark[d] ?? 0) <= base) {
          mark[d] = base + 1;
          weight[d] = (weight[d] ?? 0) + idf;
        }
      }
    }
    // Few distinct weights (one per set of words found): a stable partition, no sort of the whole.
    const parts = new Map<number, number[]>();
    for (const d of order) {
      const w = weight[d] ?? 0;
      const part = parts.get(w);
      if (part) part.push(d);
      else parts.set(w, [d]);
    }
    for (const span of spans) for (let e = span.from; e < span.to; e++) weight[span.store.doc[e] ?? 0] = 0;
    if (parts.size <= 1) return order;
    return [...parts.keys()].sort((a, b) => b - a).flatMap((w) => parts.get(w) ?? []);
  }

  /** Distinct documents of a span (FTS5's nHit for the phrase's IDF). */
  private distinct(span: Span): number {
    if (span.single) return span.to - span.from;
    const mark = this.mark;
    const base = this.takeMarks(1);
    let count = 0;
    for (let e = span.from; e < span.to; e++) {
      const d = span.store.doc[e] ?? 0;
      if ((mark[d] ?? 0) <= base) {
        mark[d] = base + 1;
        count++;
      }
    }
    return count;
  }

  /** `docs` best first by bm25 over the clauses' phrases (FTS5's score), ties in document order. */
  rank(docs: readonly number[], clauses: readonly Clause[]): number[] {
    const n = this.mark.length;
    const { freq, score } = this;
    const norm = this.data.norm;
    for (const d of docs) score[d] = 0;
    for (const clause of clauses) {
      for (const span of this.spans(clause)) {
        const hits = this.distinct(span);
        let idf = Math.log((n - hits + 0.5) / (hits + 0.5));
        if (idf <= 0) idf = 1e-6;
        const { doc, title, body } = span.store;
        for (let e = span.from; e < span.to; e++) {
          const d = doc[e] ?? 0;
          freq[d] = (freq[d] ?? 0) + TITLE_WEIGHT * (title?.[e] ?? 0) + (body?.[e] ?? 0);
        }
        for (const d of docs) {
          const f = freq[d] ?? 0;
          score[d] = (score[d] ?? 0) + idf * ((f * (K1 + 1)) / (f + (norm[d] ?? 0)));
        }
        for (let e = span.from; e < span.to; e++) freq[doc[e] ?? 0] = 0;
      }
    }
    return [...docs].sort((a, b) => (score[b] ?? 0) - (score[a] ?? 0) || a - b);
  }

  /**
   * Which of `docs` hold the words as a phrase (consecutive, in the title or in the body; the
   * last word as a prefix), in the order of `docs`.
   */
  phrase(docs: readonly number[], words: readonly string[]): number[] {
    const found: number[] = [];
    const ids: number[] = [];
    for (const w of words.slice(0, -1)) {
      const id = this.data.termIds.get(w);
      if (id === undefined) return found;
      ids.push(id);
    }
    const [lo, hi] = prefixRange(this.data.terms, words.at(-1) ?? '');
    if (hi <= lo) return found;
    const { tokens, tokenStart, titleEnd } = this.data;
    const len = ids.length + 1;
    const first = ids[0] ?? -1;
    const within = (from: number, to: number): boolean => {
      for (let i = from; i + len <= to; i++) {
        if (tokens[i] !== first) continue;
        let k = 1;
        while (k < ids.length && tokens[i + k] === ids[k]) k++;
        if (k < ids.length) continue;
        const last = tokens[i + k] ?? -1;
        if (last >= lo && last < hi) return true;
      }
      return false;
    };
    for (const d of docs) {
      const s = tokenStart[d] ?? 0;
      const t = titleEnd[d] ?? 0;
      if (within(s, t) || within(t, tokenStart[d + 1] ?? 0)) found.push(d);
    }
    return found;
  }
}
