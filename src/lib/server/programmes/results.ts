/**
 * A programme's results at a given instant: its content, and every indicator computed from the
 * facts counted now (never cached: the public page, the API and the reports read the same
 * function, so they always agree). Imported by pages and routes only (reads astro:content).
 */
import { getDb, type DbLike } from '../db';
import { ProgrammeError } from './errors';
import { percentOf } from '../../programme-chart';
import { computeIndicators, type IndicatorResult, type ProgrammeFacts } from './indicators';
import { contestFacts, fairFacts, fairInfos, getProgramme, getProgrammes, recognitionFacts, type ProgrammeEntry } from './content';
import { bookingFacts, establishmentFacts, staffFacts } from './records';

export interface ProgrammeResults {
  slug: string;
  name: string;
  demo: boolean;
  decision: ProgrammeEntry['data']['decision'];
  province: string;
  period: { from: number; to: number };
  budget: number | null;
  summary: string;
  indicators: IndicatorResult[];
}

/** The facts of one programme's scope: content of the province, the database for its fairs and its staff entries. */
async function gatherFacts(entry: ProgrammeEntry, db: DbLike): Promise<ProgrammeFacts> {
  const fairs = await fairFacts();
  const local = new Set(fairs.filter((f) => f.province === entry.data.province).map((f) => f.slug));
  return {
    fairs,
    bookings: bookingFacts(await fairInfos(local), db),
    establishments: establishmentFacts([...local], db),
    contests: await contestFacts(),
    recognitions: await recognitionFacts(),
    staff: staffFacts(entry.id, db),
  };
}

function resultsOf(entry: ProgrammeEntry, facts: ProgrammeFacts, at: Date): ProgrammeResults {
  const d = entry.data;
  return {
    slug: entry.id,
    name: d.name,
    demo: d.demo,
    decision: d.decision,
    province: d.province,
    period: d.period,
    budget: d.budget ?? null,
    summary: d.summary,
    indicators: computeIndicators(d.indicators, facts, { province: d.province, period: d.period }, at),
  };
}

/** A programme's results, or null for an unknown slug. */
export async function getProgrammeResults(slug: string | undefined, at: Date, db: DbLike = getDb()): Promise<ProgrammeResults | null> {
  const entry = await getProgramme(slug);
  return entry ? resultsOf(entry, await gatherFacts(entry, db), at) : null;
}

/** A programme's results; throws 404 `programme_not_found`. */
export async function requireProgrammeResults(slug: string | undefined, at: Date, db: DbLike = getDb()): Promise<ProgrammeResults> {
  const results = await getProgrammeResults(slug, at, db);
  if (!results) throw new ProgrammeError('programme_not_found');
  return results;
}

/** Every programme with its results (the list page shows each one's overall progress). */
export async function getAllProgrammeResults(at: Date, db: DbLike = getDb()): Promise<ProgrammeResults[]> {
  const out: ProgrammeResults[] = [];
  for (const entry of await getProgrammes()) out.push(resultsOf(entry, await gatherFacts(entry, db), at));
  return out;
}

/** The public JSON of GET /api/programmes/{slug}. */
export function programmeJson(r: ProgrammeResults) {
  return {
    slug: r.slug,
    name: r.name,
    period: r.period,
    indicators: r.indicators.map((i) => ({ code: i.code, name: i.name, unit: i.unit, target: i.target, actual: i.actual, byYear: i.byYear, source: i.source })),
  };
}

/** Indicators that reached their period target, of all with a target. */
export function indicatorsOnTarget(r: ProgrammeResults): { reached: number; measured: number } {
  const measured = r.indicators.filter((i) => percentOf(i.actual, i.target) !== null);
  return { reached: measured.filter((i) => i.actual >= i.target).length, measured: measured.length };
}
