/**
 * Building the embedded engine's in-memory index (inverted-index.ts answers queries over it):
 * each document's folded words (title, then body) and words as typed, the sorted vocabularies,
 * postings per term in document order, merged postings of short prefixes, and each document's
 * bm25 length factor. Plain loops over typed arrays: 11,000 documents take well under a second
 * on a quiet machine, most of it folding the text.
 */
import { exactWords, foldedWords } from './text';
import type { SearchDocument } from './types';

/** bm25's constants, as SQLite FTS5 has them (fts5_aux.c). */
export const K1 = 1.2;
const B = 0.75;
/** Prefixes up to this length have their postings merged at load: "s", "ma", "nuo" never walk hundreds of terms. */
export const MERGED_PREFIX_LENGTH = 5;
const ASCII_WORD = /^[a-z0-9]+$/;

/** Postings lists laid end to end: list `i` is entries `start[i]` to `start[i + 1]`. */
export interface Store {
  start: Int32Array;
  doc: Int32Array;
  /** Occurrences in the title and in the body (null for the exact store: any column). */
  title: Uint16Array | null;
  body: Uint16Array | null;
}

/** The lower bound of `word` in the sorted `list`. */
export function lowerBound(list: readonly string[], word: string): number {
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

/** Growable typed arrays for building a store's entries. */
class Entries {
  doc = new Int32Array(1024);
  title = new Uint16Array(1024);
  body = new Uint16Array(1024);
  length = 0;

  push(doc: number, title: number, body: number): void {
    if (this.length === this.doc.length) {
      const grow = <T extends Int32Array | Uint16Array>(a: T, make: (n: number) => T): T => {
        const next = make(a.length * 2);
        next.set(a);
        return next;
      };
      this.doc = grow(this.doc, (k) => new Int32Array(k));
      this.title = grow(this.title, (k) => new Uint16Array(k));
      this.body = grow(this.body, (k) => new Uint16Array(k));
    }
    this.doc[this.length] = doc;
    this.title[this.length] = Math.min(65535, title);
    this.body[this.length] = Math.min(65535, body);
    this.length++;
  }
}

/**
 * Postings of every term, documents ascending: `tokenIds` lists each document's term ids
 * (title then body, `titleEnd` between them), `withColumns` keeps the occurrences per column.
 */
function postingsOf(
  termCount: number,
  tokenIds: Int32Array,
  tokenStart: Int32Array,
  titleEnd: Int32Array | null,
): Store {
  const n = tokenStart.length - 1;
  const last = new Int32Array(termCount).fill(-1);
  const start = new Int32Array(termCount + 1);
  for (let d = 0; d < n; d++) {
    for (let k = tokenStart[d] ?? 0, end = tokenStart[d + 1] ?? 0; k < end; k++) {
      const id = tokenIds[k] ?? 0;
      if (last[id] !== d) {
        last[id] = d;
        start[id + 1] = (start[id + 1] ?? 0) + 1;
      }
    }
  }
  for (let t = 0; t < termCount; t++) start[t + 1] = (start[t + 1] ?? 0) + (start[t] ?? 0);
  const total = start[termCount] ?? 0;
  const doc = new Int32Array(total);
  const title = titleEnd ? new Uint16Array(total) : null;
  const body = titleEnd ? new Uint16Array(total) : null;
  const cursor = start.slice(0, termCount);
  const at = new Int32Array(termCount);
  last.fill(-1);
  for (let d = 0; d < n; d++) {
    const split = titleEnd ? (titleEnd[d] ?? 0) : 0;
    for (let k = tokenStart[d] ?? 0, end = tokenStart[d + 1] ?? 0; k < end; k++) {
      const id = tokenIds[k] ?? 0;
      if (last[id] !== d) {
        last[id] = d;
        const e = cursor[id] ?? 0;
        cursor[id] = e + 1;
        at[id] = e;
        doc[e] = d;
      }
      if (title && body) {
        const e = at[id] ?? 0;
        if (k < split) title[e] = Math.min(65535, (title[e] ?? 0) + 1);
        else body[e] = Math.min(65535, (body[e] ?? 0) + 1);
      }
    }
  }
  return { start, doc, title, body };
}

/** Everything a query reads. */
export interface IndexData {
  /** Folded terms, sorted; a term's id is its position (so a prefix is a range of ids). */
  terms: string[];
  termIds: Map<string, number>;
  /** Documents containing each term in any column (the commoner correction wins). */
  frequency: Int32Array;
  termStore: Store;
  /** Merged postings of the short prefixes that start more than one term. */
  prefixIds: Map<string, number>;
  prefixStore: Store;
  /** The words as typed (NFC, lowercase, diacritics kept), sorted, and their postings. */
  exactTerms: string[];
  exactStore: Store;
  /** Token ids of every document: title tokens, then body tokens (`titleEnd` between them). */
  tokens: Int32Array;
  tokenStart: Int32Array;
  titleEnd: Int32Array;
  /** k1 · (1 − b + b · D / avgdl) of each document (D its words in all three columns), as FTS5 computes it. */
  norm: Float64Array;
}

/** Merged postings (documents ascending, occurrences summed) of each short prefix of several terms. */
function mergePrefixes(
  terms: readonly string[],
  termStore: Store,
  n: number,
): { ids: Map<string, number>; store: Store } {
  const { start, doc, title, body } = termStore;
  const ids = new Map<string, number>();
  const lists: number[] = [0];
  const out = new Entries();
  const titleSum = new Int32Array(n);
  const bodySum = new Int32Array(n);
  const seen = new Uint8Array(n);
  for (let length = 1; length <= MERGED_PREFIX_LENGTH; length++) {
    let i = 0;
    while (i < terms.length) {
      const term = terms[i] ?? '';
      if (term.length < length) {
        i++;
        continue;
      }
      const prefix = term.slice(0, length);
      let j = i + 1;
      while (j < terms.length && (terms[j] ?? '').startsWith(prefix)) j++;
      // Terms shorter than `length` sort before their extensions, so [i, j) is the whole range.
      if (j - i > 1) {
        const touched: number[] = [];
        for (let e = start[i] ?? 0, end = start[j] ?? 0; e < end; e++) {
          const d = doc[e] ?? 0;
          if (!seen[d]) {
            seen[d] = 1;
            touched.push(d);
          }
          titleSum[d] = (titleSum[d] ?? 0) + (title?.[e] ?? 0);
          bodySum[d] = (bodySum[d] ?? 0) + (body?.[e] ?? 0);
        }
        touched.sort((a, b) => a - b);
        for (const d of touched) {
          out.push(d, titleSum[d] ?? 0, bodySum[d] ?? 0);
          seen[d] = 0;
          titleSum[d] = 0;
          bodySum[d] = 0;
        }
        ids.set(prefix, lists.length - 1);
        lists.push(out.length);
      }
      i = j;
    }
  }
  const store = {
    start: Int32Array.from(lists),
    doc: out.doc.slice(0, out.length),
    title: out.title.slice(0, out.length),
    body: out.body.slice(0, out.length),
  };
  return { ids, store };
}

/** A document's words as the index reads them: folded title, folded body, and all of them as typed. */
export interface DocumentWords {
  title: string[];
  body: string[];
  exact: string[];
}

/** The words of a document (folding is most of the index's build time: the file stores them). */
export function wordsOf(d: SearchDocument): DocumentWords {
  const rest = [d.subtitle, d.summary, d.places, d.text].join(' \n ');
  return { title: foldedWords(d.title), body: foldedWords(rest), exact: exactWords(`${d.title} \n ${rest}`) };
}

/** The index of the documents whose words are `folded` (document i is id i). */
export function buildIndex(folded: readonly DocumentWords[]): IndexData {
  const n = folded.length;
  const vocabulary = new Set<string>();
  const exactVocabulary = new Set<string>();
  let tokenCount = 0;
  let exactCount = 0;
  for (const f of folded) {
    for (const t of f.title) vocabulary.add(t);
    for (const t of f.body) vocabulary.add(t);
    for (const t of f.exact) exactVocabulary.add(t);
    tokenCount += f.title.length + f.body.length;
    exactCount += f.exact.length;
  }
  // The words as typed that are plain ASCII are terms too (as FTS5's vocabulary had them).
  for (const t of exactVocabulary) if (ASCII_WORD.test(t)) vocabulary.add(t);
  const terms = [...vocabulary].sort();
  const termIds = new Map(terms.map((t, i) => [t, i]));
  const exactTerms = [...exactVocabulary].sort();
  const exactIds = new Map(exactTerms.map((t, i) => [t, i]));
  /** Exact term id → folded term id when the typed word is plain ASCII, else −1. */
  const asciiTerm = Int32Array.from(exactTerms, (t) =>
    ASCII_WORD.test(t) ? (termIds.get(t) ?? -1) : -1,
  );

  const tokens = new Int32Array(tokenCount);
  const tokenStart = new Int32Array(n + 1);
  const titleEnd = new Int32Array(n);
  const exactTokens = new Int32Array(exactCount);
  const exactStart = new Int32Array(n + 1);
  const norm = new Float64Array(n);
  const frequency = new Int32Array(terms.length);
  const seen = new Int32Array(terms.length).fill(-1);
  let at = 0;
  let exactAt = 0;
  folded.forEach((f, d) => {
    tokenStart[d] = at;
    for (const t of f.title) tokens[at++] = termIds.get(t) ?? 0;
    titleEnd[d] = at;
    for (const t of f.body) tokens[at++] = termIds.get(t) ?? 0;
    exactStart[d] = exactAt;
    for (const t of f.exact) exactTokens[exactAt++] = exactIds.get(t) ?? 0;
    // Documents per term in any column (FTS5's vocabulary counted the typed words too).
    const count = (id: number) => {
      if (id >= 0 && seen[id] !== d) {
        seen[id] = d;
        frequency[id] = (frequency[id] ?? 0) + 1;
      }
    };
    for (let k = tokenStart[d] ?? 0; k < at; k++) count(tokens[k] ?? 0);
    for (let k = exactStart[d] ?? 0; k < exactAt; k++) count(asciiTerm[exactTokens[k] ?? 0] ?? -1);
  });
  tokenStart[n] = at;
  exactStart[n] = exactAt;
  const avgdl = n ? (tokenCount + exactCount) / n : 1;
  folded.forEach((f, d) => {
    const length = f.title.length + f.body.length + f.exact.length;
    norm[d] = K1 * (1 - B + (B * length) / avgdl);
  });
  const termStore = postingsOf(terms.length, tokens, tokenStart, titleEnd);
  const prefixes = mergePrefixes(terms, termStore, n);
  return {
    terms,
    termIds,
    frequency,
    termStore,
    prefixIds: prefixes.ids,
    prefixStore: prefixes.store,
    exactTerms,
    exactStore: postingsOf(exactTerms.length, exactTokens, exactStart, null),
    tokens,
    tokenStart,
    titleEnd,
    norm,
  };
}
