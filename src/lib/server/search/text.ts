/**
 * Text helpers shared by both engines: query words, highlights built from the original text,
 * and the edit distance behind the embedded engine's typo tolerance. Pure functions.
 */
import { fold } from '../../fold';
import type { Segment } from '../../search-query';

/** At most this many words of a query are used (200 characters hold far fewer real words). */
export const MAX_QUERY_WORDS = 12;

/** Folded words of a text: "Nước mắm (Nam Ô)" → ["nuoc", "mam", "nam", "o"]. */
export function foldedWords(text: string): string[] {
  return fold(text).match(/[a-z0-9]+/g) ?? [];
}

/** The five tone marks (huyền, sắc, ngã, hỏi, nặng), as combining characters. */
const TONE = /[\u0300\u0301\u0303\u0309\u0323]/gu;
/** A vowel letter, with any vowel marks (circumflex, breve, horn) after it in NFD. */
const FIRST_VOWEL = /[aeiouy][\u0302\u0306\u031b]*/u;

/**
 * One spelling for a word whose tone mark may sit on either vowel ("hoá" and "hóa", "thuý" and
 * "thúy", DOMAIN.md): the tone moved to the first vowel, NFC. A key to compare words by,
 * never shown. Vowel marks (â, ă, ê, ô, ơ, ư) and đ stay where they are: they tell words apart.
 */
export function exactKey(word: string): string {
  let key = EXACT_KEYS.get(word);
  if (key === undefined) {
    key = exactKeyOf(word);
    if (EXACT_KEYS.size >= EXACT_KEYS_MAX) EXACT_KEYS.clear();
    EXACT_KEYS.set(word, key);
  }
  return key;
}

/** Keys seen so far (a fixed function of the word; indexing meets the same few thousand words again and again). */
const EXACT_KEYS = new Map<string, string>();
const EXACT_KEYS_MAX = 100_000;

function exactKeyOf(word: string): string {
  const nfd = word.normalize('NFD');
  const tone = nfd.match(TONE)?.[0];
  if (!tone) return word.normalize('NFC');
  const bare = nfd.replace(TONE, '');
  return bare.replace(FIRST_VOWEL, (v) => v + tone).normalize('NFC');
}

/**
 * Words as typed, lowercased, diacritics kept, each as its `exactKey`: "Hoá chất" and "Hóa
 * chất" → ["hóa", "chất"].
 */
export function exactWords(text: string): string[] {
  return (text.normalize('NFC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).map(exactKey);
}

/** Whether the query carries diacritics or đ, i.e. it says which Vietnamese word it means. */
export function hasDiacritics(text: string): boolean {
  const lower = text.normalize('NFC').toLowerCase();
  return fold(lower) !== lower;
}

/** Folded characters seen so far: a fixed function of the character, so never stale (and bounded). */
const FOLDED_CHARS = new Map<string, string>();
const FOLDED_CHARS_MAX = 4096;

/** `fold` of one character, without a normalisation per character of every highlighted text. */
function foldChar(ch: string): string {
  let f = FOLDED_CHARS.get(ch);
  if (f === undefined) {
    f = fold(ch);
    if (FOLDED_CHARS.size < FOLDED_CHARS_MAX) FOLDED_CHARS.set(ch, f);
  }
  return f;
}

/**
 * The folded text with, for every folded character, the index of the original character it
 * came from — so a match found in folded text can be marked in the original.
 */
export function foldWithMap(text: string): { folded: string; map: number[] } {
  let folded = '';
  const map: number[] = [];
  let i = 0;
  for (const ch of text) {
    const f = foldChar(ch);
    for (let k = 0; k < f.length; k++) map.push(i);
    folded += f;
    i += ch.length;
  }
  return { folded, map };
}

/**
 * Marks, in the original text, every word that starts with one of the folded `terms`.
 * Returns segments (text, marked) — the caller renders them escaped, never as HTML.
 */
export function highlight(text: string, terms: readonly string[]): Segment[] {
  if (!text) return [];
  const wanted = [...new Set(terms.filter((t) => t.length > 0))].sort((a, b) => b.length - a.length);
  if (!wanted.length) return [[text, false]];
  const { folded, map } = foldWithMap(text);
  const ranges: [number, number][] = [];
  const word = /[a-z0-9]+/g;
  for (let m = word.exec(folded); m; m = word.exec(folded)) {
    const found = m[0];
    const term = wanted.find((t) => found.startsWith(t));
    if (!term) continue;
    const startF = m.index;
    const endF = m.index + term.length; // exclusive, in folded text
    const start = map[startF] ?? 0;
    // End after the original character that produced the last matched folded character,
    // including any combining marks that follow it (decomposed input).
    let end = (map[endF - 1] ?? start) + 1;
    while (end < text.length && /\p{M}/u.test(text.charAt(end))) end++;
    ranges.push([start, end]);
  }
  if (!ranges.length) return [[text, false]];
  const out: Segment[] = [];
  let at = 0;
  for (const [s, e] of ranges) {
    if (s > at) out.push([text.slice(at, s), false]);
    out.push([text.slice(s, e), true]);
    at = e;
  }
  if (at < text.length) out.push([text.slice(at), false]);
  return out;
}

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions, so "lihn" is
 * one edit from "linh"), giving up as soon as it must exceed `max` (returns max + 1).
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, (prev2[j - 2] ?? 0) + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n] ?? max + 1;
}

/** Typos allowed in a word of this length (Meilisearch's rule, with the 1-typo floor at 4). */
export function allowedTypos(length: number): number {
  if (length >= 8) return 2;
  if (length >= 4) return 1;
  return 0;
}
