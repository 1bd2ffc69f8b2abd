/**
 * The one list of a contest's entries: the Markdown entries of its content, then the online
 * entries the organisers accepted (`dk-<code>`), in the order they were accepted. Judging,
 * progress, results, the vote, exports and printed sheets read `def.entries` as this fills it,
 * so an accepted online entry is judged, aggregated, published and exported exactly like a
 * Markdown entry — and an entry asked for changes or not eligible is in none of them.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { getDb, schema, type DbLike } from '../db';
import type { ContestDef } from './definition';

/** Statuses whose entries are judged. */
export const JUDGED_STATUSES = ['accepted'] as const;

/** The judging id of an online entry (its code, lower-cased, after `dk-`). */
export function onlineEntryId(code: string): string {
  return `dk-${code.toLowerCase()}`;
}

/** The code of an online entry's judging id, or null for a Markdown entry's id. */
export function codeOfEntryId(entryId: string): string | null {
  const m = /^dk-([2-9a-hj-np-z]{8})$/.exec(entryId);
  return m?.[1] ? m[1].toUpperCase() : null;
}

/** Accepted online entries of a contest: judging id, product name and product group. */
export function acceptedOnlineEntries(contestId: string, db: DbLike = getDb()): { id: string; code: string; title: string; group: string | null }[] {
  return db
    .select({ code: schema.contestEntries.code, productName: schema.contestEntries.productName, group: schema.contestEntries.cnntGroup })
    .from(schema.contestEntries)
    .where(and(eq(schema.contestEntries.contestId, contestId), inArray(schema.contestEntries.status, [...JUDGED_STATUSES])))
    .orderBy(asc(schema.contestEntries.decidedAt), asc(schema.contestEntries.id))
    .all()
    .map((r) => ({ id: onlineEntryId(r.code), code: r.code, title: r.productName ?? r.code, group: r.group }));
}

/** The contest with `entries` = its Markdown entries + its accepted online entries. */
export function withAcceptedEntries(def: ContestDef, db: DbLike = getDb()): ContestDef {
  return { ...def, entries: [...def.contentEntries, ...acceptedOnlineEntries(def.id, db).map((e) => e.id)] };
}

/** entry id → title of the online entries (Markdown titles come from content). */
export function onlineEntryTitles(def: ContestDef, db: DbLike = getDb()): Record<string, string> {
  return Object.fromEntries(acceptedOnlineEntries(def.id, db).map((e) => [e.id, e.title]));
}
