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
import type { Clause } from './plan';
import { exactWords, foldedWords } from './text';
import type { SearchDocument } from './types';

const K1 = 1.2;
const B = 0.75;
const TITLE_WEIGHT = 10;
/** Prefixes up to this length have their postings merged at load: "s", "ma", "nuo" never walk hundreds of terms. */
export const MERGED_PREFIX_LENGTH = 5;
const ASCII_WORD = /^[a-z0-9]+$/;

/** Postings lists laid end to end: list `i` is entries `start[i]` to `start[i + 1]`. */
interface Store {
  start: Int32Array;
  doc: Int32Array;
  /** Occurrences in the title and in the body (null for the exact store: any column). */
  title: Uint16Array | null;
  body: Uint16Array | null;
}

/** A run of entries of one store (one term, a merged prefix, or a range of terms sharing a prefix). */
interface Span {
  store: Store;
  from: number;
  to: number;
  /** Whether the entries come from a single list (documents unique and ascending). */
  single: boolean;
}

/** The lower bound of `word` in the sorted `list`. */
function lowerBound(list: readonly string[], word: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] ?? '') < word) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The range [lo, hi) of the sorted `list` whose entries start with `prefix`. */
export function prefixRange(list: readonly string[], prefix: string): [number, number] {
  const lo = lowerBound(list, prefix);
  let hi = lo;
  // Everything starting with the prefix sorts before prefix + U+FFFF.
  hi = lowerBound(list, `${prefix}\uffff`);
  return [lo, Math.max(lo, hi)];
}

/** Builds a store from per-list entries given as [doc, title, body] triples, lists in order. */
function toStore(lists: readonly (readonly number[])[], withColumns: boolean): Store {
  const width = withColumns ? 3 : 1;
  const start = new Int32Array(lists.length + 1);
  let total = 0;
  lists.forEach((l, i) => {
    start[i] = total;
    total += l.length / width;
  });
  start[lists.length] = total;
  const doc = new Int32Array(total);
  const title = withColumns ? new Uint16Array(total) : null;
  const body = withColumns ? new Uint16Array(total) : null;
  let at = 0;
  for (const l of lists) {
    for (let k = 0; k < l.length; k += width) {
      doc[at] = l[k] ?? 0;
      if (title && body) {
        title[at] = Math.min(65535, l[k + 1] ?? 0);
        body[at] = Math.min(65535, l[k + 2] ?? 0);
      }
      at++;
    }
  }
  return { start, doc, title, body };
}

export class InvertedIndex {
  /** Folded terms, sorted; a term's id is its position (so a prefix is a range of ids). */
  readonly terms: string[];
  /** Documents containing each term in any column (the commoner correction wins). */
  readonly frequency: Int32Array;
  private readonly termIds = new Map<string, number>();
  private readonly termStore: Store;
  /** Merged postings of the short prefixes that start more than one term. */
  private readonly prefixIds = new Map<string, number>();
  private readonly prefixStore: Store;
  private readonly exactTerms: string[];
  private readonly exactStore: Store;
  /** Token ids of every document: title tokens, then body tokens (`titleEnd` between them). */
  private readonly tokens: Int32Array;
  private readonly tokenStart: Int32Array;
  private readonly titleEnd: Int32Array;
  /** k1 · (1 − b + b · D / avgdl) of each document, as FTS5's bm25 computes it. */
  private readonly norm: Float64Array;
  // Scratch, the size of the collection: reused by every query, never an answer.
  private readonly mark: Int32Array;
  private markBase = 0;
  private readonly freq: Float64Array;
  private readonly score: Float64Array;

  constructor(docs: readonly SearchDocument[]) {
    const n = docs.length;
    const folded: { title: string[]; body: string[]; exact: string[] }[] = docs.map((d) => {
      const rest = [d.subtitle, d.summary, d.places, d.text].join(' \n ');
      return { title: foldedWords(d.title), body: foldedWords(rest), exact: exactWords(`${d.title} \n ${rest}`) };
    });
    const vocabulary = new Set<string>();
    const exactVocabulary = new Set<string>();
    for (const f of folded) {
      for (const t of f.title) vocabulary.add(t);
      for (const t of f.body) vocabulary.add(t);
      for (const t of f.exact) {
        exactVocabulary.add(t);
        if (ASCII_WORD.test(t)) vocabulary.add(t);
      }
    }
    this.terms = [...vocabulary].sort();
    this.terms.forEach((t, i) => this.termIds.set(t, i));
    this.exactTerms = [...exactVocabulary].sort();
    const exactIds = new Map(this.exactTerms.map((t, i) => [t, i]));

    const termLists: number[][] = this.terms.map(() => []);
    const exactLists: number[][] = this.exactTerms.map(() => []);
    this.frequency = new Int32Array(this.terms.length);
    this.tokenStart = new Int32Array(n + 1);
    this.titleEnd = new Int32Array(n);
    this.norm = new Float64Array(n);
    const allTokens: number[] = [];
    let totalLength = 0;
    folded.forEach((f, d) => {
      this.tokenStart[d] = allTokens.length;
      const counts = new Map<number, [number, number]>();
      for (const t of f.title) {
        const id = this.termIds.get(t) ?? 0;
        allTokens.push(id);
        const c = counts.get(id);
        if (c) c[0]++;
        else counts.set(id, [1, 0]);
      }
      this.titleEnd[d] = allTokens.length;
      for (const t of f.body) {
        const id = this.termIds.get(t) ?? 0;
        allTokens.push(id);
        const c = counts.get(id);
        if (c) c[1]++;
        else counts.set(id, [0, 1]);
      }
      for (const [id, [t, b]] of counts) termLists[id]?.push(d, t, b);
      const seen = new Set(counts.keys());
      const exactSeen = new Set<number>();
      for (const t of f.exact) {
        const e = exactIds.get(t) ?? 0;
        if (!exactSeen.has(e)) {
          exactSeen.add(e);
          exactLists[e]?.push(d);
        }
        if (ASCII_WORD.test(t)) seen.add(this.termIds.get(t) ?? 0);
      }
      for (const id of seen) this.frequency[id] = (this.frequency[id] ?? 0) + 1;
      totalLength += f.title.length + f.body.length + f.exact.length;
    });
    this.tokenStart[n] = allTokens.length;
    this.tokens = Int32Array.from(allTokens);
    const avgdl = n ? totalLength / n : 1;
    folded.forEach((f, d) => {
      const length = f.title.length + f.body.length + f.exact.length;
      this.norm[d] = K1 * (1 - B + (B * length) / avgdl);
    });
    this.termStore = toStore(termLists, true);
    this.exactStore = toStore(exactLists, false);
    this.prefixStore = this.mergePrefixes(termLists, n);

    this.mark = new Int32Array(n);
    this.freq = new Float64Array(n);
    this.score = new Float64Array(n);
  }

  /** Merged postings (documents ascending, occurrences summed) of each short prefix of several terms. */
  private mergePrefixes(termLists: readonly (readonly number[])[], n: number): Store {
    const lists: number[][] = [];
    const title = new Int32Array(n);
    const body = new Int32Array(n);
    const seen = new Uint8Array(n);
    for (let length = 1; length <= MERGED_PREFIX_LENGTH; length++) {
      let i = 0;
      while (i < this.terms.length) {
        const term = this.terms[i] ?? '';
        if (term.length < length) {
          i++;
          continue;
        }
        const prefix = term.slice(0, length);
        let j = i + 1;
        while (j < this.terms.length && (this.terms[j] ?? '').startsWith(prefix)) j++;
        // Terms shorter than `length` sort before their extensions, so [i, j) is the whole range.
        if (j - i > 1) {
          const touched: number[] = [];
          for (let t = i; t < j; t++) {
            const l = termLists[t] ?? [];
            for (let k = 0; k < l.length; k += 3) {
              const d = l[k] ?? 0;
              if (!seen[d]) {
                seen[d] = 1;
                touched.push(d);
              }
              title[d] = (title[d] ?? 0) + (l[k + 1] ?? 0);
              body[d] = (body[d] ?? 0) + (l[k + 2] ?? 0);
            }
          }
          touched.sort((a, b) => a - b);
          const list: number[] = [];
          for (const d of touched) {
            list.push(d, title[d] ?? 0, body[d] ?? 0);
            seen[d] = 0;
            title[d] = 0;
            body[d] = 0;
          }
          this.prefixIds.set(prefix, lists.length);
          lists.push(list);
        }
        i = j;
      }
    }
    return toStore(lists, true);
  }

  /** Whether `word` is an indexed term, whole. */
  isTerm(word: string): boolean {
    return this.termIds.has(word);
  }

  /** Whether some indexed term starts with `word`. */
  startsTerm(word: string): boolean {
    const [lo, hi] = prefixRange(this.terms, word);
    return hi > lo;
  }

  /** Documents containing the term, or a term starting with the prefix, in any column. */
  termFrequency(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? 0 : (this.frequency[id] ?? 0);
  }

  private termSpan(id: number): Span {
    const s = this.termStore.start;
    return { store: this.termStore, from: s[id] ?? 0, to: s[id + 1] ?? 0, single: true };
  }

  /** The spans of a clause, one per bm25 phrase: each OR'd term, or the prefix. */
  private spans(clause: Clause): Span[] {
    if (!clause.prefix) {
      return clause.terms.flatMap((t) => {
        const id = this.termIds.get(t);
        return id === undefined ? [{ store: this.termStore, from: 0, to: 0, single: true }] : [this.termSpan(id)];
      });
    }
    const prefix = clause.terms[0] ?? '';
    const merged = this.prefixIds.get(prefix);
    if (merged !== undefined) {
      const s = this.prefixStore.start;
      return [{ store: this.prefixStore, from: s[merged] ?? 0, to: s[merged + 1] ?? 0, single: true }];
    }
    const [lo, hi] = prefixRange(this.terms, prefix);
    const s = this.termStore.start;
    return [{ store: this.termStore, from: s[lo] ?? 0, to: s[hi] ?? 0, single: hi - lo <= 1 }];
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

  /** Documents (ascending) whose words as typed (diacritics kept) include all `words`, the last as a prefix. */
  matchExact(words: readonly string[]): number[] {
    const groups = words.map((w, i): Span[] => {
      const s = this.exactStore.start;
      if (i < words.length - 1) {
        const id = lowerBound(this.exactTerms, w);
        const found = this.exactTerms[id] === w;
        return [{ store: this.exactStore, from: found ? (s[id] ?? 0) : 0, to: found ? (s[id + 1] ?? 0) : 0, single: true }];
      }
      const [lo, hi] = prefixRange(this.exactTerms, w);
      return [{ store: this.exactStore, from: s[lo] ?? 0, to: s[hi] ?? 0, single: hi - lo <= 1 }];
    });
    return this.intersect(groups, false);
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
    const { freq, score, norm } = this;
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
   * last word as a prefix), as a mark per document.
   */
  phrase(docs: readonly number[], words: readonly string[]): Set<number> {
    const found = new Set<number>();
    const ids: number[] = [];
    for (const w of words.slice(0, -1)) {
      const id = this.termIds.get(w);
      if (id === undefined) return found;
      ids.push(id);
    }
    const [lo, hi] = prefixRange(this.terms, words.at(-1) ?? '');
    if (hi <= lo) return found;
    const { tokens, tokenStart, titleEnd } = this;
    const len = ids.length + 1;
    const within = (from: number, to: number): boolean => {
      for (let i = from; i + len <= to; i++) {
        let k = 0;
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
      if (within(s, t) || within(t, tokenStart[d + 1] ?? 0)) found.add(d);
    }
    return found;
  }
}
