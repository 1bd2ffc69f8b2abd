/**
 * The one CSV writer of the site (registration lists, contest results and score sheets), on the
 * maintained `csv-stringify` (RFC 4180 quoting). What every export gets, and why:
 * - a UTF-8 BOM: without it Excel reads the file as the local code page and Vietnamese breaks;
 * - CRLF line ends (RFC 4180; what Excel writes);
 * - formula neutralisation: a text cell starting with = + - @, a tab or a carriage return gets a
 *   leading apostrophe, so no spreadsheet runs what an applicant typed as a formula
 *   (`=HYPERLINK(…)`, `@SUM(…)`); numbers are ours, not typed by people, and stay numbers;
 * - one rendering of booleans: "Có" / "Không".
 *
 * Quoting: by default a cell is quoted only when it must be (a comma, quote, line break), or when
 * Excel in a Vietnamese locale would split it (";") or lose its spaces (leading or trailing).
 * `quoteText` quotes every text cell, which the contest exports have always done.
 */
import { stringify, type Options } from 'csv-stringify/sync';

export type CsvValue = string | number | boolean | null | undefined;

export interface CsvOptions {
  /** Quote every text cell (numbers, booleans and empty cells stay bare). */
  quoteText?: boolean;
}

export const BOM = '\uFEFF';

/** Whether a spreadsheet would read `text` as a formula. */
export function looksLikeFormula(text: string): boolean {
  return /^[=+\-@\t\r]/.test(text);
}

/** `text` made inert for spreadsheets (a leading apostrophe when it looks like a formula). */
export function neutraliseFormula(text: string): string {
  return looksLikeFormula(text) ? `'${text}` : text;
}

const cast: NonNullable<Options['cast']> = {
  boolean: (value) => (value ? 'Có' : 'Không'),
  number: (value) => (Number.isFinite(value) ? String(value) : ''),
  string: (value) => neutraliseFormula(value),
};

function optionsFor(options: CsvOptions): Options {
  return {
    record_delimiter: '\r\n',
    cast,
    ...(options.quoteText ? { quoted_string: true } : { quoted_match: [/[\r\n;]/, /^\s|\s$/] }),
  };
}

const MINIMAL = optionsFor({});
const QUOTED = optionsFor({ quoteText: true });

/** A CSV document: BOM, the header line, then one line per row, each ended by CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[], options: CsvOptions = {}): string {
  return BOM + stringify([header, ...rows] as CsvValue[][], options.quoteText ? QUOTED : MINIMAL);
}

/** One cell as it appears in a document written with the same options. */
export function csvCell(value: CsvValue, options: CsvOptions = {}): string {
  return stringify([[value]], { ...(options.quoteText ? QUOTED : MINIMAL), eof: false });
}

/** A CSV download: never cached (personal data), saved under a name with safe characters only. */
export function csvResponse(body: string, filename: string): Response {
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename.replace(/[^a-z0-9._-]/gi, '_')}"`,
      'Cache-Control': 'no-store',
    },
  });
}
