/**
 * The indicator arithmetic: pure functions from counted records (facts) to each indicator's
 * actual for the period and per year, beside its targets. No I/O — the counting queries
 * (records.ts, content.ts) gather the facts; table tests feed fixtures
 * (tests/unit/programme-indicators.test.ts).
 *
 * Rules, in one place:
 * - A fair counts for the year it opens (Vietnam time) and for the programme's province; it is
 *   *held* once it has opened and is not cancelled or postponed. Booths, support and
 *   establishments count at the fairs in scope whatever their date (registrations come first).
 * - Establishments supported are distinct (by tax code, else phone) within a year, and again
 *   within the period: the period's actual is not the sum of the years' when one establishment
 *   came twice.
 * - A contest counts for its year once its results date has come; a recognition for its year.
 * - Staff entries add up (withdrawn ones are not facts).
 */
import type { IndicatorDef, IndicatorSourceDef } from '../../programme-schema';
import type { FairKind, FairLevel, RecognitionLevel } from '../../vocabulary';

export interface FairFact {
  slug: string;
  province: string;
  kind: FairKind;
  level: FairLevel;
  status: 'scheduled' | 'postponed' | 'cancelled';
  start: Date;
  /** Vietnam-time year of the opening. */
  year: number;
}

/** One fair's booth figures from the registrations module. */
export interface FairBookingFact {
  fairSlug: string;
  /** Booths held (pending, offered, approved). */
  registered: number;
  approved: number;
  /** supportForFair: approved booths that asked for support, and the amount in đồng. */
  supportedBooths: number;
  supportAmount: number;
}

/** One supported registration (approved, asked for support): who it was. */
export interface EstablishmentFact {
  fairSlug: string;
  /** Tax code, else phone: the same establishment at two fairs has one key. */
  key: string;
}

export interface ContestFact {
  id: string;
  province: string | null;
  level: RecognitionLevel;
  year: number;
  /** Results date, YYYY-MM-DD. */
  results: string;
}

export interface RecognitionFact {
  productId: string;
  province: string;
  programme: 'cnnt' | 'ocop';
  level: RecognitionLevel;
  stars: number | null;
  year: number;
}

export interface StaffFact {
  indicatorCode: string;
  year: number;
  value: number;
}

export interface ProgrammeFacts {
  fairs: readonly FairFact[];
  bookings: readonly FairBookingFact[];
  establishments: readonly EstablishmentFact[];
  contests: readonly ContestFact[];
  recognitions: readonly RecognitionFact[];
  staff: readonly StaffFact[];
}

export interface ProgrammeScope {
  province: string;
  period: { from: number; to: number };
}

export interface YearFigure {
  year: number;
  /** The year's target, or null when the programme sets none for that year. */
  target: number | null;
  actual: number;
}

export interface IndicatorResult {
  code: string;
  name: string;
  unit: string;
  target: number;
  actual: number;
  byYear: YearFigure[];
  source: IndicatorSourceDef;
}

/** The years of a period, in order. */
export function periodYears(period: { from: number; to: number }): number[] {
  return Array.from({ length: period.to - period.from + 1 }, (_, i) => period.from + i);
}

export { percentOf } from '../../programme-chart';

/** "YYYY-MM-DD" of an instant in Vietnam (UTC+7). */
export function vietnamDate(at: Date): string {
  return new Date(at.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

function fairsInScope(facts: ProgrammeFacts, scope: ProgrammeScope, source: IndicatorSourceDef): FairFact[] {
  return facts.fairs.filter(
    (f) =>
      f.province === scope.province &&
      f.year >= scope.period.from &&
      f.year <= scope.period.to &&
      (!source.fairKinds || source.fairKinds.includes(f.kind)) &&
      (!source.fairLevels || source.fairLevels.includes(f.level)),
  );
}

/** Whether a fair has taken place (opened, neither cancelled nor postponed) by `at`. */
export function isFairHeld(fair: Pick<FairFact, 'status' | 'start'>, at: Date): boolean {
  return fair.status === 'scheduled' && fair.start.getTime() <= at.getTime();
}

type YearValues = { perYear: Map<number, number>; total: number };

function summed(items: readonly { year: number; value: number }[]): YearValues {
  const perYear = new Map<number, number>();
  let total = 0;
  for (const { year, value } of items) {
    perYear.set(year, (perYear.get(year) ?? 0) + value);
    total += value;
  }
  return { perYear, total };
}

function distinct(items: readonly { year: number; key: string }[]): YearValues {
  const perYear = new Map<number, Set<string>>();
  const all = new Set<string>();
  for (const { year, key } of items) {
    const set = perYear.get(year) ?? new Set<string>();
    set.add(key);
    perYear.set(year, set);
    all.add(key);
  }
  return { perYear: new Map([...perYear].map(([y, s]) => [y, s.size])), total: all.size };
}

function actuals(indicator: IndicatorDef, facts: ProgrammeFacts, scope: ProgrammeScope, at: Date): YearValues {
  const source = indicator.source;
  const inPeriod = (year: number) => year >= scope.period.from && year <= scope.period.to;
  const fairs = fairsInScope(facts, scope, source);
  const yearOf = new Map(fairs.map((f) => [f.slug, f.year]));
  const booking = (pick: (b: FairBookingFact) => number) =>
    summed(facts.bookings.filter((b) => yearOf.has(b.fairSlug)).map((b) => ({ year: yearOf.get(b.fairSlug) ?? 0, value: pick(b) })));
  const levelOk = (level: RecognitionLevel) => !source.levels || source.levels.includes(level);
  const recognitions = (programme: 'cnnt' | 'ocop') =>
    facts.recognitions.filter((r) => r.programme === programme && r.province === scope.province && inPeriod(r.year));
  switch (source.kind) {
    case 'fairs-held':
      return summed(fairs.filter((f) => isFairHeld(f, at)).map((f) => ({ year: f.year, value: 1 })));
    case 'booths-registered':
      return booking((b) => b.registered);
    case 'booths-approved':
      return booking((b) => b.approved);
    case 'booths-supported':
      return booking((b) => b.supportedBooths);
    case 'support-amount':
      return booking((b) => b.supportAmount);
    case 'establishments-supported':
      return distinct(facts.establishments.filter((e) => yearOf.has(e.fairSlug)).map((e) => ({ year: yearOf.get(e.fairSlug) ?? 0, key: e.key })));
    case 'contests-held': {
      const today = vietnamDate(at);
      return summed(
        facts.contests
          .filter((c) => c.province === scope.province && inPeriod(c.year) && levelOk(c.level) && c.results <= today)
          .map((c) => ({ year: c.year, value: 1 })),
      );
    }
    case 'products-recognised':
      return summed(recognitions('cnnt').filter((r) => levelOk(r.level)).map((r) => ({ year: r.year, value: 1 })));
    case 'ocop-products':
      return summed(recognitions('ocop').filter((r) => (r.stars ?? 0) >= (source.minStars ?? 0)).map((r) => ({ year: r.year, value: 1 })));
    case 'staff':
      return summed(facts.staff.filter((s) => s.indicatorCode === indicator.code && inPeriod(s.year)));
  }
}

/** One indicator: target and actual for the period, and per year of the period. */
export function computeIndicator(indicator: IndicatorDef, facts: ProgrammeFacts, scope: ProgrammeScope, at: Date): IndicatorResult {
  const { perYear, total } = actuals(indicator, facts, scope, at);
  const targets = new Map(indicator.targets.map((t) => [t.year, t.value]));
  return {
    code: indicator.code,
    name: indicator.name,
    unit: indicator.unit,
    target: indicator.target,
    actual: total,
    byYear: periodYears(scope.period).map((year) => ({ year, target: targets.get(year) ?? null, actual: perYear.get(year) ?? 0 })),
    source: indicator.source,
  };
}

/** Every indicator of a programme. */
export function computeIndicators(indicators: readonly IndicatorDef[], facts: ProgrammeFacts, scope: ProgrammeScope, at: Date): IndicatorResult[] {
  return indicators.map((i) => computeIndicator(i, facts, scope, at));
}
