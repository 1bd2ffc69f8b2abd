/**
 * The fair calendar page (`/hoi-cho`) as data: the province filter, the fairs still ahead (with
 * their window's sentence), the month grid and the past fairs. The page renders this and
 * nothing else.
 */
import { formatMonth, toCalendarDate } from '../format';
import { getProvince, provinceLabel, requireProvince, type Province } from '../provinces';
import { windowSummary } from '../registration-window';
import { FAIR_STATUSES } from '../vocabulary';
import {
  fairsByDay,
  getFairsInMonth,
  getPastFairs,
  getUpcomingFairs,
  monthDate,
  monthWeeks,
  resolveMonth,
  shiftMonth,
  type FairEntry,
  type MonthKey,
} from './fairs';

export const WEEKDAYS = [
  ['T2', 'Thứ Hai'],
  ['T3', 'Thứ Ba'],
  ['T4', 'Thứ Tư'],
  ['T5', 'Thứ Năm'],
  ['T6', 'Thứ Sáu'],
  ['T7', 'Thứ Bảy'],
  ['CN', 'Chủ nhật'],
] as const;

/** A fair in the "still ahead" list. */
export interface UpcomingItem {
  fair: FairEntry;
  place: string;
  /** "Tạm hoãn", "Đã hủy"; null when it runs as planned. */
  badge: { label: string; tone: 'expired' | 'neutral' } | null;
  /** The registration window's sentence (null for a cancelled fair). */
  windowText: string | null;
}

/** "Hội chợ X (tạm hoãn)" in the month grid. */
export function calendarName(fair: FairEntry): string {
  return fair.data.status === 'scheduled' ? fair.data.name : `${fair.data.name} (${FAIR_STATUSES.label(fair.data.status).toLowerCase()})`;
}

/** Everything the calendar page shows for the query `params` at `at`. */
export async function fairCalendar(params: URLSearchParams, at: Date) {
  const province: Province | undefined = getProvince(params.get('tinh') ?? '') ?? undefined;
  const slug = province?.slug;
  const month = resolveMonth(params.get('thang'), at);
  const [upcoming, past, inMonth] = await Promise.all([getUpcomingFairs(at, slug), getPastFairs(at, slug), getFairsInMonth(month, slug)]);
  const href = (m: MonthKey) => {
    const q = new URLSearchParams({ thang: m });
    if (slug) q.set('tinh', slug);
    return `/hoi-cho?${q.toString()}#lich-thang`;
  };
  const prev = shiftMonth(month, -1);
  const next = shiftMonth(month, 1);
  return {
    province,
    slug,
    unknownProvince: Boolean(params.get('tinh')) && !province,
    month,
    where: province ? ` tại ${provinceLabel(province)}` : '',
    upcoming: upcoming.map(
      (fair): UpcomingItem => ({
        fair,
        place: provinceLabel(requireProvince(fair.data.province)),
        badge: fair.data.status === 'scheduled' ? null : { label: FAIR_STATUSES.label(fair.data.status), tone: fair.data.status === 'cancelled' ? 'expired' : 'neutral' },
        windowText: windowSummary(fair.data, at),
      }),
    ),
    past,
    inMonth,
    byDay: fairsByDay(inMonth, month),
    weeks: monthWeeks(month),
    today: toCalendarDate(at),
    monthName: formatMonth(monthDate(month)),
    prev: { href: href(prev), name: formatMonth(monthDate(prev)) },
    next: { href: href(next), name: formatMonth(monthDate(next)) },
  };
}
