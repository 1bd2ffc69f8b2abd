/**
 * Queries over fairs and the pure rule for a registration window's state.
 */
import { getCollection, type CollectionEntry } from 'astro:content';

export type FairEntry = CollectionEntry<'fairs'>;
export type WindowState = 'upcoming' | 'open' | 'closed';

/** State of a registration window at `at`. A cancelled fair is always closed. */
export function registrationWindowState(
  fair: Pick<FairEntry['data'], 'registration' | 'status'>,
  at: Date,
): WindowState {
  if (!fair.registration || fair.status === 'cancelled') return 'closed';
  if (at < fair.registration.opens) return 'upcoming';
  if (at >= fair.registration.closes) return 'closed';
  return 'open';
}

/** All fairs by start date. */
export async function getFairs(): Promise<FairEntry[]> {
  return (await getCollection('fairs')).sort((a, b) => a.data.start.getTime() - b.data.start.getTime());
}

/** Fairs that have not ended at `at`, soonest first. */
export async function getUpcomingFairs(at: Date): Promise<FairEntry[]> {
  return (await getFairs()).filter((f) => f.data.end >= at);
}

/** Fairs that have ended at `at`, most recent first. */
export async function getPastFairs(at: Date): Promise<FairEntry[]> {
  return (await getFairs()).filter((f) => f.data.end < at).reverse();
}

export async function getFairsInProvince(province: string): Promise<FairEntry[]> {
  return (await getFairs()).filter((f) => f.data.province === province);
}

/** Total standard-booth equivalents of a fair (area / 9 m²). */
export function standardBoothEquivalents(fair: FairEntry): number {
  return fair.data.boothTypes.reduce((sum, b) => sum + (b.count * b.width * b.depth) / 9, 0);
}
