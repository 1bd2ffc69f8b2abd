/**
 * Contests and entries from the content collections, for on-demand routes (getEntry works at
 * run time). Never imported by the CLI or unit tests.
 */
import { getCollection, getEntry, type CollectionEntry } from 'astro:content';
import { toContestDef, type ContestDef } from './definition';
import { acceptedOnlineEntries, onlineEntryTitles, withAcceptedEntries } from './entry-list';

export type ProductEntry = CollectionEntry<'products'>;

/** The contest, or null for an unknown id. */
export async function getContestDef(id: string): Promise<ContestDef | null> {
  if (!/^[a-z0-9-]{1,200}$/.test(id)) return null;
  const entry = await getEntry('contests', id);
  return entry ? withAcceptedEntries(toContestDef(entry.id, entry.data)) : null;
}

export async function getAllContestDefs(): Promise<ContestDef[]> {
  return (await getCollection('contests')).map((c) => withAcceptedEntries(toContestDef(c.id, c.data)));
}

/** The contest's Markdown entries as products (content order); unknown references skipped. */
export async function getEntryProducts(def: ContestDef): Promise<ProductEntry[]> {
  const products = await Promise.all(def.contentEntries.map(async (id) => await getEntry('products', id)));
  return products.filter((p): p is ProductEntry => p !== undefined);
}

/** entry id → product name, for reports: the Markdown entries' and the accepted online entries'. */
export async function getEntryTitles(def: ContestDef): Promise<Record<string, string>> {
  return { ...Object.fromEntries((await getEntryProducts(def)).map((p) => [p.id, p.data.name])), ...onlineEntryTitles(def) };
}

/** What the people's vote offers: an entry's judging id, the product's name and its group. */
export interface VoteCandidate {
  id: string;
  name: string;
  group: string;
}

/**
 * The entries the people may vote for: the Markdown entries (content order), then the online
 * entries the organisers accepted — the same list the judges score (`def.entries`).
 */
export async function getVoteCandidates(def: ContestDef): Promise<VoteCandidate[]> {
  const markdown = (await getEntryProducts(def)).map((p) => ({ id: p.id, name: p.data.name, group: p.data.cnntGroup }));
  const online = acceptedOnlineEntries(def.id).flatMap((e) => (e.group ? [{ id: e.id, name: e.title, group: e.group }] : []));
  return [...markdown, ...online];
}
