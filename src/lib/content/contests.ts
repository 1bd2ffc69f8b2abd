/**
 * Queries over contests, and rubric arithmetic shared by pages and judging.
 */
import { getCollection, getEntry, type CollectionEntry } from 'astro:content';

export type ContestEntry = CollectionEntry<'contests'>;
export type Rubric = ContestEntry['data']['rubric'];

/** Contests, newest first. */
export async function getContests(): Promise<ContestEntry[]> {
  return (await getCollection('contests')).sort(
    (a, b) => b.data.year - a.data.year || a.data.title.localeCompare(b.data.title, 'vi'),
  );
}

export async function getContest(id: string): Promise<ContestEntry | null> {
  return (await getEntry('contests', id)) ?? null;
}

/** The maximum total of a rubric (100 for the official sheet). */
export function rubricTotal(rubric: Rubric): number {
  return rubric.groups.reduce((s, g) => s + g.max, 0);
}

/** The scored criteria: each group's sub-criteria, or the group itself when it has none. */
export function scoredCriteria(rubric: Rubric): { id: string; label: string; max: number; groupId: string }[] {
  return rubric.groups.flatMap((g) =>
    g.criteria?.length
      ? g.criteria.map((c) => ({ ...c, groupId: g.id }))
      : [{ id: g.id, label: g.label, max: g.max, groupId: g.id }],
  );
}

export type ContestPhase = 'entries' | 'judging' | 'closed' | 'upcoming';

/** Where a contest stands at `at`. */
export function contestPhase(contest: ContestEntry, at: Date): ContestPhase {
  const s = contest.data.schedule;
  if (at < s.entries.opens) return 'upcoming';
  if (at < s.entries.closes) return 'entries';
  if (at < s.judging.closes) return 'judging';
  return 'closed';
}

/** The "how contests work" page (content/pages/binh-chon.md), or null if editors removed it. */
export async function getContestsGuide(): Promise<CollectionEntry<'pages'> | null> {
  return (await getEntry('pages', 'binh-chon')) ?? null;
}

/** A contest's entries as product entries, in content order; unknown references are skipped. */
export async function getContestEntries(contest: ContestEntry): Promise<CollectionEntry<'products'>[]> {
  const products = await Promise.all(contest.data.entries.map(async (ref) => await getEntry('products', ref.id)));
  return products.filter((p): p is CollectionEntry<'products'> => p !== undefined);
}
