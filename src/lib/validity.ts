/**
 * Certificate validity rules. Pure functions over calendar dates ("YYYY-MM-DD").
 * - OCOP (QĐ 148/QĐ-TTg 2023): valid 36 months from issue; the last valid day is the day
 *   before the same date 36 months later (issued 10/05/2023 → valid through 09/05/2026).
 * - CNNT typical product (TT 26/2014/TT-BCT as amended): valid until 31 December of the third
 *   year counting the year of issue (issued 10/2025 → 31/12/2027).
 */
import type { Programme } from './vocabulary';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(iso: string): [number, number, number] {
  const m = ISO_DATE.exec(iso);
  if (!m) throw new Error(`Ngày không hợp lệ: "${iso}" (cần dạng YYYY-MM-DD)`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Adds whole months, clamping to the month's last day (31/01 + 1 month → 28 or 29/02). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return iso(ny, nm, Math.min(d, last));
}

/** The day before a calendar date. */
export function previousDay(date: string): string {
  const [y, m, d] = parts(date);
  const t = new Date(Date.UTC(y, m - 1, d) - 86_400_000);
  return iso(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Last valid day of an OCOP certificate issued on `issued`. */
export function ocopValidUntil(issued: string): string {
  const [y, m, d] = parts(issued);
  // The anniversary of 29/02 in a common year is 01/03 (Date.UTC rolls over), so the
  // certificate is valid through 28/02.
  const anniversary = new Date(Date.UTC(y + 3, m - 1, d));
  return previousDay(iso(anniversary.getUTCFullYear(), anniversary.getUTCMonth() + 1, anniversary.getUTCDate()));
}

/** Last valid day of a CNNT typical-product certificate issued on `issued`. */
export function cnntValidUntil(issued: string): string {
  const [y] = parts(issued);
  return iso(y + 2, 12, 31);
}

/** The stated validity if given, otherwise the one the rules derive. */
export function validUntil(programme: Programme, issued: string, stated?: string): string {
  if (stated) return stated;
  return programme === 'ocop' ? ocopValidUntil(issued) : cnntValidUntil(issued);
}

/** Whether a certificate valid through `until` is still valid on `today` (both calendar dates). */
export function isValidOn(until: string, today: string): boolean {
  return today <= until;
}
