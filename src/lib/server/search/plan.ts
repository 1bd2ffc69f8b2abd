/**
 * The query plan of the embedded engine, as a pure function: which clauses a query's words
 * become (each a whole term, a prefix, or the OR of a typo's corrections, all ANDed), which
 * words were corrected, and which ranking tiers apply. No I/O: the index's vocabulary is passed
 * in (`Vocabulary`), so the plan is table-tested without an index.
 *
 * Only folded [a-z0-9] words ever become clauses: whatever else a user types (`"`, `*`,
 * `NEAR(`, parentheses) is folded away before the index sees it.
 */
import { PROVINCES, FORMER_PROVINCES } from '../../provinces';
import { MAX_QUERY_WORDS, exactWords, foldedWords, hasDiacritics } from './text';

/** What the plan needs to know of the index's terms. */
export interface Vocabulary {
  /** Whether `word` is an indexed term, whole. */
  isTerm(word: string): boolean;
  /** Whether some indexed term starts with `word`. */
  startsTerm(word: string): boolean;
  /** Indexed terms within the allowed edits of `word`, closest first (empty when none). */
  near(word: string): string[];
}

/** A word of the query typed with diacritics (as its `exactKey`); the query's last word is a prefix. */
export interface ExactWord {
  word: string;
  prefix: boolean;
}

/** One operand of the query's AND: `terms` whole (OR of them), or `terms[0]` as a prefix. */
export interface Clause {
  terms: string[];
  prefix: boolean;
}

export type QueryPlan =
  /** No words: list everything in the default order. */
  | { kind: 'all' }
  /** A word matches nothing, not even corrected: no results. */
  | { kind: 'none'; words: string[] }
  | {
      kind: 'match';
      words: string[];
      /** ANDed clauses over folded words: "nuoc ma" → [nuoc whole, ma prefix]. */
      clauses: Clause[];
      /** Typed word → the correction shown ("lihn" → "linh"). */
      corrections: Record<string, string>;
      /** Words to highlight: the typed ones and every correction tried. */
      terms: string[];
      /** Tier: the words as a phrase first (several words, none corrected; the last a prefix). */
      phrase: string[] | null;
      /**
       * Tier: the words typed with diacritics, or null when none is. Documents holding them as
       * typed come first, weighed by rarity; the others (folded matches only) follow.
       */
      exact: ExactWord[] | null;
      /** Tier: documents of a province named in the query (current slug, or `cu:<former>`). */
      places: Set<string>;
    };

/** Folded province names ("quang nam", "da nang") → current slugs and "cu:<former slug>". */
const PLACE_NAMES: [string, string][] = [
  ...PROVINCES.map((p) => [foldedWords(p.name).join(' '), p.slug] as [string, string]),
  ...FORMER_PROVINCES.map((p) => [foldedWords(p.name).join(' '), `cu:${p.slug}`] as [string, string]),
];

/** Provinces (current slugs, and `cu:<slug>` for former ones) whose name the words contain. */
export function placesNamedIn(words: readonly string[]): Set<string> {
  const text = ` ${words.join(' ')} `;
  return new Set(PLACE_NAMES.filter(([name]) => text.includes(` ${name} `)).map(([, slug]) => slug));
}

/**
 * The plan for the text `q` (already cleaned). As in Meilisearch, only the last word is still
 * being typed: earlier words that are whole terms match whole (also cheaper than a prefix),
 * the last — or any word that is not a whole term — as a prefix; a word that starts no term is
 * replaced by its near terms (OR), or the query matches nothing.
 */
export function planQuery(q: string, vocabulary: Vocabulary): QueryPlan {
  const words = [...new Set(foldedWords(q))].slice(0, MAX_QUERY_WORDS);
  if (!words.length) return { kind: 'all' };
  const terms = [...words];
  const corrections: Record<string, string> = {};
  const clauses: Clause[] = [];
  for (const [n, w] of words.entries()) {
    if (n < words.length - 1 && vocabulary.isTerm(w)) {
      clauses.push({ terms: [w], prefix: false });
    } else if (vocabulary.startsTerm(w)) {
      clauses.push({ terms: [w], prefix: true });
    } else {
      const near = vocabulary.near(w);
      if (!near.length) return { kind: 'none', words };
      corrections[w] = near[0] ?? w;
      terms.push(...near);
      clauses.push({ terms: near, prefix: false });
    }
  }
  const corrected = Object.keys(corrections).length > 0;
  return {
    kind: 'match',
    words,
    clauses,
    corrections,
    terms,
    phrase: words.length > 1 && !corrected ? words : null,
    exact: exactTier(q),
    places: placesNamedIn(words),
  };
}

/**
 * The words of `q` that carry diacritics or đ, each once, the last word typed as a prefix. A word
 * typed without marks says nothing of which word is meant (people type "gom" for gốm and gồm).
 */
export function exactTier(q: string): ExactWord[] | null {
  if (!hasDiacritics(q)) return null;
  const typed = exactWords(q);
  const seen = new Map<string, ExactWord>();
  // A repeated word is kept at its first place, where it is whole unless it is the only one.
  typed.forEach((word, i) => {
    if (hasDiacritics(word) && !seen.has(word)) seen.set(word, { word, prefix: i === typed.length - 1 });
  });
  const exact = [...seen.values()].slice(0, MAX_QUERY_WORDS);
  return exact.length ? exact : null;
}
