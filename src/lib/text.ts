/**
 * Free text from people, made safe to store and show: the one normalisation every form field
 * goes through (registration, contests, votes, the console, search), and the zod helpers that
 * apply it. Client-safe: the form islands validate with the same rules as the server.
 *
 * Why: a name made only of control characters, zero-width spaces or a right-to-left override
 * ("HTX \u202Egnp.exe\u202C" reads as "HTX exe.png") passes a length check, then surfaces in the
 * console, in messages and in CSV files looking like something else — or like nothing.
 */
import { z } from 'zod';

/**
 * Removed everywhere: C0 and C1 control characters (tab and line breaks are handled as
 * whitespace first), Unicode format characters (`\p{Cf}`: zero-width space/joiners, word
 * joiner, soft hyphen, BOM, the bidi embeddings, overrides, isolates and marks), private-use
 * characters, and the Hangul fillers that render as nothing although Unicode calls them letters.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\u115f\u1160\u3164\uffa0]/gu;
/** Every kind of horizontal space (no-break, ideographic, en/em…) and tab. */
const SPACES = /[^\S\n]+/g;

export interface CleanOptions {
  /** Keep line breaks (descriptions, notes): CRLF/CR/U+2028/U+2029 become "\n", at most one blank line. */
  multiline?: boolean;
  /**
   * Invisible characters separate words instead of vanishing (search queries: "a\u0000b" is
   * two words). Stored text drops them, so a zero-width space inside a name joins its halves.
   */
  invisibleSeparates?: boolean;
}

/**
 * NFC, invisible and control characters removed, whitespace collapsed, trimmed. Single-line text
 * (the default) turns line breaks into spaces.
 */
export function cleanText(raw: string, options: CleanOptions = {}): string {
  let s = raw.normalize('NFC').replace(/\r\n?|[\u2028\u2029\u0085\v\f]/g, '\n');
  if (!options.multiline) s = s.replace(/\n/g, ' ');
  const gap = options.invisibleSeparates ? ' ' : '';
  s = s.replace(INVISIBLE, (c) => (c === '\n' ? c : c === '\t' ? ' ' : gap));
  s = s.replace(SPACES, ' ');
  if (!options.multiline) return s.trim();
  return s
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Whether `text` has at least one letter or digit of any script. */
export function hasLetterOrDigit(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

/** Cuts `text` to at most `max` UTF-16 units without splitting a surrogate pair. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A string cleaned by `cleanText`; other values pass through for zod to refuse. Empty → undefined. */
function cleaned(options: CleanOptions) {
  return (v: unknown) => {
    if (typeof v !== 'string') return v === null ? undefined : v;
    const s = cleanText(v, options);
    return s === '' ? undefined : s;
  };
}

export interface TextFieldOptions extends CleanOptions {
  /** Minimum length after cleaning (default 1). */
  min?: number;
  max: number;
  /** A name (of a person, an establishment, a product): must contain a letter or a digit. */
  name?: boolean;
}

/**
 * A required free-text field with Vietnamese messages that name it (`label` in lower case, as
 * it reads inside a sentence: "tên cơ sở"). An empty or invisible-only value reads as missing.
 */
export function requiredText(label: string, options: TextFieldOptions) {
  const min = options.min ?? 1;
  const s = z
    .string({ required_error: `Vui lòng nhập ${label}.`, invalid_type_error: `${capitalise(label)} phải là chữ.` })
    .min(min, min <= 1 ? `Vui lòng nhập ${label}.` : `${capitalise(label)} cần ít nhất ${String(min)} ký tự.`)
    .max(options.max, `${capitalise(label)} tối đa ${String(options.max)} ký tự.`)
    .refine((v) => !options.name || hasLetterOrDigit(v), `${capitalise(label)} phải có ít nhất một chữ cái hoặc chữ số.`);
  return z.preprocess(cleaned(options), s);
}

/** An optional free-text field: empty (after cleaning) is `undefined`. */
export function optionalText(label: string, options: Omit<TextFieldOptions, 'min'>) {
  const s = z
    .string({ invalid_type_error: `${capitalise(label)} phải là chữ.` })
    .max(options.max, `${capitalise(label)} tối đa ${String(options.max)} ký tự.`)
    .refine((v) => !options.name || hasLetterOrDigit(v), `${capitalise(label)} phải có ít nhất một chữ cái hoặc chữ số.`);
  return z.preprocess(cleaned(options), s.optional());
}
