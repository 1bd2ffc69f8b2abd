/**
 * The verified voter's ballot: one vote per contest (scope "*") or per product group, withdrawn
 * while the vote is open, and the public tally (hidden until the close when the contest says so).
 * Separate from the judges' result and never changing it.
 */
import { and, count, eq } from 'drizzle-orm';
import { now } from '../../clock';
import { audit } from '../audit';
import { getDb, schema, type DbLike } from '../db';
import type { ContestDef } from './definition';
import { ContestError } from './errors';
import { getVoter, requireVoteOpen } from './voters';

/** The voter's votes: scope → entry. */
export function getVoterVotes(def: ContestDef, voterId: number, db: DbLike = getDb()): Record<string, string> {
  return Object.fromEntries(
    db
      .select({ scope: schema.contestVotes.scope, entryId: schema.contestVotes.entryId })
      .from(schema.contestVotes)
      .where(and(eq(schema.contestVotes.contestId, def.id), eq(schema.contestVotes.voterId, voterId)))
      .all()
      .map((r) => [r.scope, r.entryId]),
  );
}

/** The scope of a vote for an entry: "*" per contest, or the entry's product group. */
export function voteScope(def: ContestDef, entryGroup: string): string {
  return def.vote?.per === 'group' ? entryGroup : '*';
}

/** Casts the voter's vote for an entry (409 when they already voted in that scope). */
export function castVote(def: ContestDef, token: string | undefined, entryId: string, entryGroup: string, ip: string | null, db = getDb()): { entryId: string; scope: string } {
  requireVoteOpen(def);
  if (!def.entries.includes(entryId)) throw new ContestError('entry_not_found');
  const voter = getVoter(def, token, db);
  if (!voter) throw new ContestError('voter_unverified');
  const scope = voteScope(def, entryGroup);
  return db.transaction((tx) => {
    const r = tx
      .insert(schema.contestVotes)
      .values({ contestId: def.id, voterId: voter.id, scope, entryId, at: now() })
      .onConflictDoNothing()
      .run();
    if (r.changes === 0) throw new ContestError('already_voted');
    audit({ actorId: null, ip }, { action: 'contest.vote.cast', target: `contest:${def.id}`, details: { voter: voter.id, entry: entryId, scope } }, tx);
    return { entryId, scope };
  });
}

/** Withdraws the voter's vote in a scope while the window is open. */
export function withdrawVote(def: ContestDef, token: string | undefined, scope: string, ip: string | null, db = getDb()): void {
  requireVoteOpen(def);
  const voter = getVoter(def, token, db);
  if (!voter) throw new ContestError('voter_unverified');
  db.transaction((tx) => {
    const r = tx
      .delete(schema.contestVotes)
      .where(and(eq(schema.contestVotes.contestId, def.id), eq(schema.contestVotes.voterId, voter.id), eq(schema.contestVotes.scope, scope)))
      .run();
    if (r.changes === 0) throw new ContestError('no_vote');
    audit({ actorId: null, ip }, { action: 'contest.vote.withdraw', target: `contest:${def.id}`, details: { voter: voter.id, scope } }, tx);
  });
}

export interface Tally {
  /** False while totals are hidden (the contest hides them until the vote closes). */
  visible: boolean;
  closed: boolean;
  totalVotes: number | null;
  /** entryId → votes (empty while hidden). */
  counts: Record<string, number>;
}

/** The public tally, hidden until the close when the contest says so. */
export function getTally(def: ContestDef, db: DbLike = getDb()): Tally {
  if (!def.vote) throw new ContestError('vote_disabled');
  const closed = now() >= def.vote.closes;
  const visible = closed || !def.vote.hideTotalsUntilClosed;
  if (!visible) return { visible, closed, totalVotes: null, counts: {} };
  const rows = db
    .select({ entryId: schema.contestVotes.entryId, n: count() })
    .from(schema.contestVotes)
    .where(eq(schema.contestVotes.contestId, def.id))
    .groupBy(schema.contestVotes.entryId)
    .all();
  const counts = Object.fromEntries(def.entries.map((e) => [e, 0]));
  for (const r of rows) if (r.entryId in counts) counts[r.entryId] = r.n;
  return { visible, closed, totalVotes: rows.reduce((s, r) => s + r.n, 0), counts };
}
