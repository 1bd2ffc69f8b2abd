/**
 * Queries over fairs and the pure rule for a registration window's state.
 */
import { getCollection, getEntry, type CollectionEntry } from 'astro:content';
import { toCalendarDate } from '../format';
import { isUpcomingFair } from '../fair-schedule';

export type FairEntry = CollectionEntry<'fairs'>;
export { registrationWindowState, type WindowState } from '../registration-window';

/** All fairs by start date. */
export async function getFairs(): Promise<FairEntry[]> {
  return (await getCollection('fairs')).sort((a, b) => a.data.start.getTime() - b.data.start.getTime());
}

/** One fair by id, or null. */
export async function getFair(id: string): Promise<FairEntry | null> {
  return (await getEntry('fairs', id)) ?? null;
}

/** Fairs still ahead at `at` (postponed ones included), soonest first; only those in `province` when given. */
export async function getUpcomingFairs(at: Date, province?: string): Promise<FairEntry[]> {
  return (await getFairs()).filter((f) => isUpcomingFair(f.data, at) && (!province || f.data.province === province));
}

/** Fairs that have taken place by `at`, most recent first; only those in `province` when given. */
export async function getPastFairs(at: Date, province?: string): Promise<FairEntry[]> {
  return (await getFairs())
    .filter((f) => !isUpcomingFair(f.data, at) && (!province || f.data.province === province))
    .reverse();
}

export async function getFairsInProvince(province: string): Promise<FairEntry[]> {
  return (await getFairs()).filter((f) => f.data.province === province);
}

/** Total standard-booth equivalents of a fair (area / 9 m²). */
export function standardBoothEquivalents(fair: FairEntry): number {
  return fair.data.boothTypes.reduce((sum, b) => sum + (b.count * b.width * b.depth) / 9, 0);
}

/** A calendar month, "YYYY-MM". */
export type MonthKey = `${number}-${number}`;

/**
 * The month a calendar shows: `requested` when it is a valid "YYYY-MM" between 2000 and
 * 2100, otherwise the month of `at` in Vietnam.
 */
export function resolveMonth(requested: string | null, at: Date): MonthKey {
  if (requested && /^\d{4}-(0[1-9]|1[0-2])$/.test(requested)) {
    const year = Number(requested.slice(0, 4));
    if (year >= 2000 && year <= 2100) return requested as MonthKey;
  }
  return toCalendarDate(at).slice(0, 7) as MonthKey;
}

/** The month `delta` months after `month`. */
export function shiftMonth(month: MonthKey, delta: number): MonthKey {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + delta, 1));
  return `${String(d.getUTCFullYear())}-${String(d.getUTCMonth() + 1).padStart(2, '0')}` as MonthKey;
}

/** A Date at noon UTC of a month's day, for formatting ("tháng 12 năm 2026"). */
export function monthDate(month: MonthKey, day = 1): Date {
  return new Date(`${month}-${String(day).padStart(2, '0')}T12:00:00Z`);
}

/**
 * The weeks of a month as rows of 7 calendar dates ("YYYY-MM-DD"), Monday first as in
 * Vietnamese calendars; days outside the month are null.
 */
export function monthWeeks(month: MonthKey): (string | null)[][] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const first = new Date(Date.UTC(y, m - 1, 1));
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const lead = (first.getUTCDay() + 6) % 7;
  const cells: (string | null)[] = Array.from({ length: lead }, () => null);
  for (let d = 1; d <= days; d++) cells.push(`${month}-${String(d).padStart(2, '0')}`);
  while (cells.length % 7) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** The calendar dates (Vietnam) a fair runs on, first to last. */
export function fairDays(fair: FairEntry): string[] {
  const first = toCalendarDate(fair.data.start);
  const last = toCalendarDate(fair.data.end);
  const days: string[] = [];
  for (let d = new Date(`${first}T12:00:00Z`); ; d = new Date(d.getTime() + 86_400_000)) {
    const iso = d.toISOString().slice(0, 10);
    if (iso > last) break;
    days.push(iso);
  }
  return days;
}

/** Fairs running on at least one day of `month` (province-filtered when given), by start. */
export async function getFairsInMonth(month: MonthKey, province?: string): Promise<FairEntry[]> {
  return (await getFairs()).filter(
    (f) =>
      (!province || f.data.province === province) &&
      toCalendarDate(f.data.start).slice(0, 7) <= month &&
      toCalendarDate(f.data.end).slice(0, 7) >= month,
  );
}

/** Fairs by calendar date for one month's grid. */
export function fairsByDay(fairs: readonly FairEntry[], month: MonthKey): Map<string, FairEntry[]> {
  const map = new Map<string, FairEntry[]>();
  for (const fair of fairs) {
    for (const day of fairDays(fair)) {
      if (!day.startsWith(month)) continue;
      map.set(day, [...(map.get(day) ?? []), fair]);
    }
  }
  return map;
}

