/**
 * A judge's declarations: accepting the judging rules once, and conflicts of interest, each a
 * recusal from one entry (declared with the rules, or later). A judge recused from an entry
 * does not score it and never counts in its average.
 *
 * Both writes refuse an entry whose sheet is already submitted. That check runs INSIDE the
 * write transaction (which begins IMMEDIATE, so it holds the write lock): a check before it
 * would let a submit on another connection land between the check and the write.
 */
import { and, eq } from 'drizzle-orm';
import { now } from '../../clock';
import type { RecusalInput } from '../../contest-schema';
import type { ConflictKind } from '../../vocabulary';
import { audit, type AuditActor } from '../audit';
import { getDb, schema, type DbLike } from '../db';
import { requireAssignedEntry, requireAssignment } from './assignments';
import type { ContestDef } from './definition';
import { ContestError } from './errors';

export interface RecusalRow {
  judgeId: string;
  entryId: string;
  reason: ConflictKind;
  note: string | null;
}

export interface Declaration {
  entryId: string;
  reason: ConflictKind;
  note?: string | undefined;
}

/** Every recusal of the contest. */
export function listRecusals(contestId: string, db: DbLike = getDb()): RecusalRow[] {
  return db
    .select({ judgeId: schema.contestRecusals.judgeId, entryId: schema.contestRecusals.entryId, reason: schema.contestRecusals.reason, note: schema.contestRecusals.note })
    .from(schema.contestRecusals)
    .where(eq(schema.contestRecusals.contestId, contestId))
    .all();
}

/** Whether the judge is recused from the entry. */
export function isRecused(contestId: string, judgeId: string, entryId: string, db: DbLike = getDb()): boolean {
  return !!db
    .select({ e: schema.contestRecusals.entryId })
    .from(schema.contestRecusals)
    .where(and(eq(schema.contestRecusals.contestId, contestId), eq(schema.contestRecusals.judgeId, judgeId), eq(schema.contestRecusals.entryId, entryId)))
    .get();
}

/** 409 `sheet_submitted` when the judge's sheet for the entry is submitted. Call inside the write. */
function refuseSubmitted(contestId: string, judgeId: string, entryId: string, tx: DbLike): void {
  const sheet = tx
    .select({ state: schema.contestSheets.state })
    .from(schema.contestSheets)
    .where(and(eq(schema.contestSheets.contestId, contestId), eq(schema.contestSheets.entryId, entryId), eq(schema.contestSheets.judgeId, judgeId)))
    .get();
  if (sheet?.state === 'submitted') throw new ContestError('sheet_submitted');
}

/**
 * The judge accepts the rules and declares their conflicts of interest (one recusal per
 * declared entry). Done once, before the first score; later conflicts go through `recuse`.
 */
export function acceptRules(def: ContestDef, judgeId: string, declarations: Declaration[], actor: AuditActor, db = getDb()): void {
  db.transaction((tx) => {
    const a = requireAssignment(def, judgeId, tx);
    for (const d of declarations) {
      requireAssignedEntry(def, a, d.entryId);
      refuseSubmitted(def.id, judgeId, d.entryId, tx);
    }
    const t = now();
    tx.update(schema.contestAssignments).set({ rulesAcceptedAt: t }).where(eq(schema.contestAssignments.id, a.id)).run();
    for (const d of declarations) {
      tx.insert(schema.contestRecusals)
        .values({ contestId: def.id, judgeId, entryId: d.entryId, reason: d.reason, note: d.note ?? null, at: t })
        .onConflictDoNothing()
        .run();
    }
    audit(actor, {
      action: 'contest.declaration',
      target: `contest:${def.id}`,
      details: { judgeId, conflicts: declarations.map((d) => ({ entry: d.entryId, reason: d.reason })) },
    }, tx);
  });
}

/** A judge recuses themself from an entry (a conflict found later). Refused once submitted. */
export function recuse(def: ContestDef, judgeId: string, entryId: string, input: RecusalInput, actor: AuditActor, db = getDb()): RecusalRow {
  db.transaction((tx) => {
    const a = requireAssignment(def, judgeId, tx);
    requireAssignedEntry(def, a, entryId);
    refuseSubmitted(def.id, judgeId, entryId, tx);
    tx.insert(schema.contestRecusals)
      .values({ contestId: def.id, judgeId, entryId, reason: input.reason, note: input.note ?? null, at: now() })
      .onConflictDoUpdate({
        target: [schema.contestRecusals.contestId, schema.contestRecusals.judgeId, schema.contestRecusals.entryId],
        set: { reason: input.reason, note: input.note ?? null },
      })
      .run();
    audit(actor, { action: 'contest.recusal', target: `contest:${def.id}`, details: { judgeId, entry: entryId, reason: input.reason } }, tx);
  });
  return { judgeId, entryId, reason: input.reason, note: input.note ?? null };
}
