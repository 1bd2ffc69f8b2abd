/**
 * Vietnamese formatting (Intl, vi-VN). Every visible date, number and sum of money goes
 * through here. Calendar dates are "YYYY-MM-DD" strings; instants are Date objects shown
 * in Asia/Ho_Chi_Minh.
 */

export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const dateFmt = new Intl.DateTimeFormat('vi-VN', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  timeZone: TIME_ZONE,
});
const timeFmt = new Intl.DateTimeFormat('vi-VN', {
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
  timeZone: TIME_ZONE,
});
const numberFmt = new Intl.NumberFormat('vi-VN');
const monthFmt = new Intl.DateTimeFormat('vi-VN', { month: 'long', year: 'numeric', timeZone: TIME_ZONE });

/** A calendar date "YYYY-MM-DD" as a Date at noon UTC (same day in every zone we show). */
function calendarDate(iso: string): Date {
  return new Date(`${iso}T12:00:00Z`);
}

/** A calendar date from year 1000 on, which vi-VN writes as its own digits in the other order. */
const CALENDAR_DATE = /^([1-9]\d{3})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/**
 * 10/05/2026 — from a calendar date string or an instant. A calendar date is reordered rather
 * than formatted: the same text (tests/unit/format.test.ts compares every day of 1990–2060 with
 * Intl), without Intl's cost, paid by every date on thousands of pages at each build.
 */
export function formatDate(value: string | Date): string {
  if (typeof value === 'string') {
    const m = CALENDAR_DATE.exec(value);
    return m ? `${m[3] ?? ''}/${m[2] ?? ''}/${m[1] ?? ''}` : dateFmt.format(calendarDate(value));
  }
  return dateFmt.format(value);
}

/** 08:00 10/05/2026 — an instant in Vietnam's time. */
export function formatDateTime(value: Date): string {
  return `${timeFmt.format(value)} ${dateFmt.format(value)}`;
}

/** "10/05/2026 – 14/05/2026", or a single date when both fall on the same day. */
export function formatDateRange(start: Date, end: Date): string {
  const a = dateFmt.format(start);
  const b = dateFmt.format(end);
  return a === b ? a : `${a} – ${b}`;
}

/** "tháng 12 năm 2026" */
export function formatMonth(value: Date): string {
  return monthFmt.format(value);
}

/** 1.500.000 */
export function formatNumber(n: number): string {
  return numberFmt.format(n);
}

/** "1.500.000 ₫" */
export function formatVnd(n: number): string {
  return `${numberFmt.format(n)} ₫`;
}

/** "36.600 triệu đồng" — for programme budgets given in millions. */
export function formatMillionDong(millions: number): string {
  return `${numberFmt.format(millions)} triệu đồng`;
}

/** "9 m²" / "13,5 m²" */
export function formatArea(m2: number): string {
  return `${numberFmt.format(m2)} m²`;
}

/** "3 × 3 m" */
export function formatSize(width: number, depth: number): string {
  return `${numberFmt.format(width)} × ${numberFmt.format(depth)} m`;
}

/** One formatter for every call: building an Intl.DateTimeFormat costs a third of a millisecond (a search answer built one per query). */
const calendarDateFmt = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * Since 13 June 1975 Vietnam's clocks have been UTC+7 all year: an instant after that is shifted
 * and read as UTC (tests/unit/format.test.ts compares it with Intl hour by hour over decades);
 * anything earlier goes through Intl and its zone history.
 */
const FIXED_OFFSET_SINCE = Date.UTC(1975, 5, 13);
const UTC_PLUS_7 = 7 * 3600 * 1000;
const LAST_FOUR_DIGIT_YEAR = Date.UTC(10000, 0, 1) - UTC_PLUS_7;

/** "2026-05-10" — the calendar date of an instant in Vietnam's time. */
export function toCalendarDate(value: Date): string {
  const t = value.getTime();
  if (t >= FIXED_OFFSET_SINCE && t < LAST_FOUR_DIGIT_YEAR) return new Date(t + UTC_PLUS_7).toISOString().slice(0, 10);
  return calendarDateFmt.format(value);
}

/** "★★★★" with an accessible text alternative handled by the caller. */
export function starGlyphs(stars: number): string {
  return '★'.repeat(stars);
}

/**
 * A wait in words, rounded up to the minute: "1 phút", "45 phút", "1 giờ", "2 giờ 30 phút".
 * Used where a person must know how long to wait (a sign-in lock).
 */
export function formatWait(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  if (minutes < 60) return `${String(minutes)} phút`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest ? `${String(hours)} giờ ${String(rest)} phút` : `${String(hours)} giờ`;
}
