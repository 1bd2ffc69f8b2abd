/**
 * The one reader of a score typed by a person, shared by the server (form posts, through
 * `checkScores`) and the score sheet's running total in the browser. Client-safe, no imports:
 * the sheet's script bundles only this.
 *
 * Why a text input and this parser instead of `<input type="number">`: a number input parses
 * with the BROWSER's locale. Under en-US, Chromium reads "1,5" as a grouping separator and
 * submits "15" — on a criterion with maximum 15 that is a valid, lockable score. Vietnamese
 * writes 7,5; people also type 7.5. Both are accepted here, and nothing else: no grouping
 * separators, no exponent ("1e1"), no digits of other scripts ("٣"), no trailing point ("7.").
 */

export type ScoreText = { kind: 'missing' } | { kind: 'invalid' } | { kind: 'number'; value: number };

/** ASCII digits, then at most one decimal comma or point followed by digits. */
const SCORE = /^[0-9]+(?:[.,][0-9]+)?$/;

/** Spaces people paste around a number (no-break, thin, ideographic…). */
const EDGE_SPACES = /^[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+|[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+$/g;

/** "7" → 7, "7,5" and "7.5" → 7.5, "" → missing; anything else → invalid. */
export function parseScoreText(raw: string): ScoreText {
  const text = raw.replace(EDGE_SPACES, '');
  if (text === '') return { kind: 'missing' };
  if (text.length > 12 || !SCORE.test(text)) return { kind: 'invalid' };
  return { kind: 'number', value: Number(text.replace(',', '.')) };
}
