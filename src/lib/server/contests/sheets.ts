/**
 * Score sheets: a judge saves and submits their sheet for an entry with optimistic concurrency
 * (a per-sheet `version`), an organiser reopens a submitted one; every write goes to the
 * sheet's append-only history and to the audit log in the same transaction. Every check that
 * depends on stored state runs inside that transaction (BEGIN IMMEDIATE holds the write lock),
 * so nothing another connection commits can slip between a check and the write.
 */
import { and, eq } from 'drizzle-orm';
import { now } from '../../clock';
import { checkScores, fromHalf, scoredCriteriaOf } from '../../contest-schema';
import type { SheetState } from '../../vocabulary';
import { audit, type AuditActor } from '../audit';
import { getDb, schema, type DbLike } from '../db';
import { requireAssignedEntry, requireAssignment } from './assignments';
import { isRecused } from './declarations';
import { isWithin, type ContestDef } from './definition';
import { ContestError } from './errors';
import { mergeSheetScores, sentCriteria, totalHalfOf } from './sheet-rules';

export interface SheetView {
  id: number;
  entryId: string;
  judgeId: string;
  state: SheetState;
  version: number;
  /** criterionId → points. */
  scores: Record<string, number>;
  total: number;
  updatedAt: Date;
  submittedAt: Date | null;
}

export type SheetRow = typeof schema.contestSheets.$inferSelect;

/** A sheet's scores in points. */
export function scoresOf(sheetId: number, db: DbLike): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of db.select().from(schema.contestSheetScores).where(eq(schema.contestSheetScores.sheetId, sheetId)).all()) {
    out[r.criterionId] = fromHalf(r.half);
  }
  return out;
}

function halvesOf(sheetId: number, db: DbLike): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of db.select().from(schema.contestSheetScores).where(eq(schema.contestSheetScores.sheetId, sheetId)).all()) out[r.criterionId] = r.half;
  return out;
}

export function toSheetView(row: SheetRow, db: DbLike): SheetView {
  return {
    id: row.id,
    entryId: row.entryId,
    judgeId: row.judgeId,
    state: row.state,
    version: row.version,
    scores: scoresOf(row.id, db),
    total: fromHalf(row.totalHalf),
    updatedAt: row.updatedAt,
    submittedAt: row.submittedAt,
  };
}

function sheetRow(contestId: string, entryId: string, judgeId: string, db: DbLike): SheetRow | undefined {
  return db
    .select()
    .from(schema.contestSheets)
    .where(and(eq(schema.contestSheets.contestId, contestId), eq(schema.contestSheets.entryId, entryId), eq(schema.contestSheets.judgeId, judgeId)))
    .get();
}

/** The judge's own sheet for the entry, or null. */
export function getOwnSheet(contestId: string, entryId: string, judgeId: string, db: DbLike = getDb()): SheetView | null {
  const row = sheetRow(contestId, entryId, judgeId, db);
  return row ? toSheetView(row, db) : null;
}

export interface SaveSheetInput {
  scores: Record<string, unknown>;
  submit?: boolean | undefined;
  version?: number | undefined;
  /** JSON API: unknown criterion ids and non-number values are 400 (form posts send strings). */
  strict?: boolean | undefined;
}

/**
 * Saves (or submits) the judge's sheet for an entry. Checks, in order: assignment (403), entry
 * (404/403), recusal (403), rules accepted (409), judging window (409), submitted (409),
 * missing version once the sheet exists (400), stale version (409), scores (400 with a message
 * per criterion; with `strict`, also unknown criteria and non-number values).
 */
export function saveSheet(def: ContestDef, judgeId: string, entryId: string, input: SaveSheetInput, actor: AuditActor, db = getDb()): SheetView {
  const submit = input.submit === true;
  // Pure: the values are checked without the database; completeness after the merge below.
  const { half, errors } = checkScores(def.rubric, input.scores, { complete: false, strict: input.strict === true });
  const criteria = scoredCriteriaOf(def.rubric);

  return db.transaction((tx) => {
    const a = requireAssignment(def, judgeId, tx);
    requireAssignedEntry(def, a, entryId);
    if (isRecused(def.id, judgeId, entryId, tx)) throw new ContestError('recused');
    if (!a.rulesAcceptedAt) throw new ContestError('rules_not_accepted');
    if (!isWithin(def.judging, now())) throw new ContestError('window_closed');
    const existing = sheetRow(def.id, entryId, judgeId, tx);
    if (existing?.state === 'submitted') throw new ContestError('sheet_submitted');
    // Once a sheet exists the client must say which version it edits: omitting it never overwrites silently.
    if (existing && input.version === undefined) throw new ContestError('version_required', { extra: { version: existing.version } });
    if (input.version !== undefined && input.version !== (existing?.version ?? 0)) {
      throw new ContestError('stale_version', { extra: { version: existing?.version ?? 0 } });
    }
    if (Object.keys(errors).length) throw new ContestError('invalid_scores', { fields: errors });
    const t = now();
    const before = existing ? scoresOf(existing.id, tx) : {};
    const { merged, missing } = mergeSheetScores(
      criteria.map((c) => c.id),
      existing ? halvesOf(existing.id, tx) : {},
      half,
      sentCriteria(input.scores),
    );
    if (submit && missing.length) {
      const all = checkScores(def.rubric, {}, { complete: true }).errors;
      throw new ContestError('invalid_scores', { fields: Object.fromEntries(missing.map((id) => [id, all[id] ?? ''])) });
    }
    const totalHalf = totalHalfOf(merged);
    const state: SheetState = submit ? 'submitted' : 'draft';
    let sheetId: number;
    let version: number;
    if (existing) {
      version = existing.version + 1;
      const r = tx
        .update(schema.contestSheets)
        .set({ state, version, totalHalf, updatedAt: t, submittedAt: submit ? t : null })
        .where(and(eq(schema.contestSheets.id, existing.id), eq(schema.contestSheets.version, existing.version)))
        .run();
      if (r.changes === 0) throw new ContestError('stale_version');
      sheetId = existing.id;
      tx.delete(schema.contestSheetScores).where(eq(schema.contestSheetScores.sheetId, sheetId)).run();
    } else {
      version = 1;
      sheetId = tx
        .insert(schema.contestSheets)
        .values({ contestId: def.id, entryId, judgeId, state, version, totalHalf, createdAt: t, updatedAt: t, submittedAt: submit ? t : null })
        .returning({ id: schema.contestSheets.id })
        .get().id;
    }
    const rows = Object.entries(merged).map(([criterionId, h]) => ({ sheetId, criterionId, half: h }));
    if (rows.length) tx.insert(schema.contestSheetScores).values(rows).run();
    const after = Object.fromEntries(Object.entries(merged).map(([k, h]) => [k, fromHalf(h)]));
    const action = submit ? 'submit' : 'save';
    tx.insert(schema.contestSheetHistory)
      .values({ sheetId, at: t, actorId: actor.actorId, action, version, before: JSON.stringify(before), after: JSON.stringify(after) })
      .run();
    audit(actor, {
      action: `contest.sheet.${action}`,
      target: `sheet:${String(sheetId)}`,
      details: { contest: def.id, entry: entryId, judgeId, version, before, after },
    }, tx);
    const row = tx.select().from(schema.contestSheets).where(eq(schema.contestSheets.id, sheetId)).get();
    if (!row) throw new ContestError('sheet_not_found');
    return toSheetView(row, tx);
  });
}

/** An organiser reopens a submitted sheet (back to draft) with a reason, logged. */
export function reopenSheet(def: ContestDef, sheetId: number, reason: string, actor: AuditActor, db = getDb()): SheetView {
  return db.transaction((tx) => {
    const row = tx.select().from(schema.contestSheets).where(and(eq(schema.contestSheets.id, sheetId), eq(schema.contestSheets.contestId, def.id))).get();
    if (!row) throw new ContestError('sheet_not_found');
    if (row.state !== 'submitted') throw new ContestError('sheet_not_submitted');
    const t = now();
    const version = row.version + 1;
    tx.update(schema.contestSheets).set({ state: 'draft', version, updatedAt: t, submittedAt: null }).where(eq(schema.contestSheets.id, row.id)).run();
    const scores = JSON.stringify(scoresOf(row.id, tx));
    tx.insert(schema.contestSheetHistory).values({ sheetId, at: t, actorId: actor.actorId, action: 'reopen', version, before: scores, after: scores, reason }).run();
    audit(actor, { action: 'contest.sheet.reopen', target: `sheet:${String(sheetId)}`, details: { contest: def.id, entry: row.entryId, judgeId: row.judgeId, version, reason } }, tx);
    const updated = tx.select().from(schema.contestSheets).where(eq(schema.contestSheets.id, sheetId)).get();
    if (!updated) throw new ContestError('sheet_not_found');
    return toSheetView(updated, tx);
  });
}

/**
 * Other judges' submitted totals for an entry — only when the contest allows it and only once
 * the judge's own sheet is submitted (independence). Anonymous: totals only.
 */
export function getOthersTotals(def: ContestDef, judgeId: string, entryId: string, db: DbLike = getDb()): number[] | null {
  if (def.showOthersScores === 'never') return null;
  const own = sheetRow(def.id, entryId, judgeId, db);
  if (own?.state !== 'submitted') return null;
  return db
    .select({ judgeId: schema.contestSheets.judgeId, totalHalf: schema.contestSheets.totalHalf })
    .from(schema.contestSheets)
    .where(and(eq(schema.contestSheets.contestId, def.id), eq(schema.contestSheets.entryId, entryId), eq(schema.contestSheets.state, 'submitted')))
    .all()
    .filter((r) => r.judgeId !== judgeId)
    .map((r) => fromHalf(r.totalHalf))
    .sort((x, y) => y - x);
}

export interface ExportSheet {
  sheetId: number;
  judgeName: string;
  judgeEmail: string;
  entryId: string;
  state: SheetState;
  version: number;
  scores: Record<string, number>;
  total: number;
  submittedAt: Date | null;
}

/** Every sheet of the contest with its judge (CSV export, printable sheets). */
export function listSheets(contestId: string, filter: { judgeId?: string } = {}, db: DbLike = getDb()): ExportSheet[] {
  const rows = db
    .select({ s: schema.contestSheets, name: schema.users.name, email: schema.users.email })
    .from(schema.contestSheets)
    .innerJoin(schema.users, eq(schema.users.id, schema.contestSheets.judgeId))
    .where(and(eq(schema.contestSheets.contestId, contestId), filter.judgeId ? eq(schema.contestSheets.judgeId, filter.judgeId) : undefined))
    .orderBy(schema.contestSheets.entryId, schema.users.name)
    .all();
  return rows.map(({ s, name, email }) => ({
    sheetId: s.id,
    judgeName: name,
    judgeEmail: email,
    entryId: s.entryId,
    state: s.state,
    version: s.version,
    scores: scoresOf(s.id, db),
    total: fromHalf(s.totalHalf),
    submittedAt: s.submittedAt,
  }));
}

/** A sheet's history, oldest first (organisers). */
export function getSheetHistory(sheetId: number, db: DbLike = getDb()) {
  return db
    .select({ h: schema.contestSheetHistory, actorName: schema.users.name })
    .from(schema.contestSheetHistory)
    .leftJoin(schema.users, eq(schema.users.id, schema.contestSheetHistory.actorId))
    .where(eq(schema.contestSheetHistory.sheetId, sheetId))
    .orderBy(schema.contestSheetHistory.id)
    .all()
    .map(({ h, actorName }) => ({ ...h, actorName, before: JSON.parse(h.before) as Record<string, number>, after: JSON.parse(h.after) as Record<string, number> }));
}
