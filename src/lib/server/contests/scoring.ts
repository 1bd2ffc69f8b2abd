/**
 * Score sheets: a judge's declarations (rules accepted, conflicts → recusals), saving and
 * submitting sheets with optimistic concurrency, organisers reopening a submitted sheet, the
 * progress board, and "save and next". Every write goes to the sheet's append-only history
 * and to the audit log in the same transaction.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { now } from '../../clock';
import { checkScores, fromHalf, scoredCriteriaOf, type RecusalInput } from '../../contest-schema';
import { audit, type AuditActor } from '../audit';
import { getDb, schema, type DbLike } from '../db';
import { entriesOf, getAssignment, listAssignments, type Assignment } from './assignments';
import { isWithin, type ContestDef } from './definition';
import { ContestError } from './errors';
import type { ConflictKind, SheetState } from '../../vocabulary';


export type EntryState = 'not_started' | 'draft' | 'submitted' | 'recused';

export const ENTRY_STATE_LABELS: Record<EntryState, string> = {
  not_started: 'Chưa chấm',
  draft: 'Bản nháp',
  submitted: 'Đã nộp',
  recused: 'Không chấm (xung đột lợi ích)',
};

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

type SheetRow = typeof schema.contestSheets.$inferSelect;

function scoresOf(sheetId: number, db: DbLike): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of db.select().from(schema.contestSheetScores).where(eq(schema.contestSheetScores.sheetId, sheetId)).all()) {
    out[r.criterionId] = fromHalf(r.half);
  }
  return out;
}

function toView(row: SheetRow, db: DbLike): SheetView {
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
  return row ? toView(row, db) : null;
}

export interface RecusalRow {
  judgeId: string;
  entryId: string;
  reason: ConflictKind;
  note: string | null;
}

export function listRecusals(contestId: string, db: DbLike = getDb()): RecusalRow[] {
  return db
    .select({ judgeId: schema.contestRecusals.judgeId, entryId: schema.contestRecusals.entryId, reason: schema.contestRecusals.reason, note: schema.contestRecusals.note })
    .from(schema.contestRecusals)
    .where(eq(schema.contestRecusals.contestId, contestId))
    .all();
}

/** The judge's assignment, or 403. */
export function requireAssignment(def: ContestDef, judgeId: string, db: DbLike = getDb()): Assignment {
  const a = getAssignment(def.id, judgeId, db);
  if (!a) throw new ContestError('not_assigned');
  return a;
}

function requireEntry(def: ContestDef, a: Assignment, entryId: string): void {
  if (!def.entries.includes(entryId)) throw new ContestError('entry_not_found');
  if (!entriesOf(def, a).includes(entryId)) throw new ContestError('entry_not_assigned');
}

function isRecused(contestId: string, judgeId: string, entryId: string, db: DbLike): boolean {
  return !!db
    .select({ e: schema.contestRecusals.entryId })
    .from(schema.contestRecusals)
    .where(and(eq(schema.contestRecusals.contestId, contestId), eq(schema.contestRecusals.judgeId, judgeId), eq(schema.contestRecusals.entryId, entryId)))
    .get();
}

export interface JudgeEntry {
  entryId: string;
  state: EntryState;
  sheet: SheetView | null;
  recusal: RecusalRow | null;
}

export interface JudgeOverview {
  assignment: Assignment;
  entries: JudgeEntry[];
  /** Submitted sheets / entries to score (recusals excluded): "12/45". */
  progress: { submitted: number; total: number };
}

/** The judge's entries with their sheet state and own scores. */
export function getJudgeOverview(def: ContestDef, judgeId: string, db: DbLike = getDb()): JudgeOverview {
  const assignment = requireAssignment(def, judgeId, db);
  const ids = entriesOf(def, assignment);
  const recusals = new Map(listRecusals(def.id, db).filter((r) => r.judgeId === judgeId).map((r) => [r.entryId, r]));
  const sheets = new Map(
    db
      .select()
      .from(schema.contestSheets)
      .where(and(eq(schema.contestSheets.contestId, def.id), eq(schema.contestSheets.judgeId, judgeId)))
      .all()
      .map((r) => [r.entryId, toView(r, db)]),
  );
  const entries = ids.map((entryId): JudgeEntry => {
    const recusal = recusals.get(entryId) ?? null;
    const sheet = sheets.get(entryId) ?? null;
    const state: EntryState = recusal ? 'recused' : (sheet?.state ?? 'not_started');
    return { entryId, state, sheet, recusal };
  });
  const scorable = entries.filter((e) => e.state !== 'recused');
  return { assignment, entries, progress: { submitted: scorable.filter((e) => e.state === 'submitted').length, total: scorable.length } };
}

export interface Declaration {
  entryId: string;
  reason: ConflictKind;
  note?: string | undefined;
}

/**
 * The judge accepts the rules and declares their conflicts of interest (one recusal per
 * declared entry). Done once, before the first score; later conflicts go through `recuse`.
 */
export function acceptRules(def: ContestDef, judgeId: string, declarations: Declaration[], actor: AuditActor, db = getDb()): void {
  const a = requireAssignment(def, judgeId, db);
  for (const d of declarations) {
    requireEntry(def, a, d.entryId);
    if (sheetRow(def.id, d.entryId, judgeId, db)?.state === 'submitted') throw new ContestError('sheet_submitted');
  }
  db.transaction((tx) => {
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
  const a = requireAssignment(def, judgeId, db);
  requireEntry(def, a, entryId);
  const sheet = sheetRow(def.id, entryId, judgeId, db);
  if (sheet?.state === 'submitted') throw new ContestError('sheet_submitted');
  db.transaction((tx) => {
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
  const a = requireAssignment(def, judgeId, db);
  requireEntry(def, a, entryId);
  if (isRecused(def.id, judgeId, entryId, db)) throw new ContestError('recused');
  if (!a.rulesAcceptedAt) throw new ContestError('rules_not_accepted');
  if (!isWithin(def.judging, now())) throw new ContestError('window_closed');
  const submit = input.submit === true;
  // Submitting checks completeness after merging with the saved draft (a client may send only changes).
  const { half, errors } = checkScores(def.rubric, input.scores, { complete: false, strict: input.strict === true });
  const criteria = scoredCriteriaOf(def.rubric);

  return db.transaction((tx) => {
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
    // A draft keeps what it had for criteria the client did not send.
    const merged: Record<string, number> = {};
    for (const c of criteria) {
      const kept = before[c.id];
      const h = half[c.id] ?? (input.scores[c.id] === undefined && kept !== undefined ? kept * 2 : undefined);
      if (h !== undefined) merged[c.id] = h;
    }
    if (submit) {
      const missing = criteria.filter((c) => merged[c.id] === undefined);
      if (missing.length) {
        const all = checkScores(def.rubric, {}, { complete: true }).errors;
        throw new ContestError('invalid_scores', { fields: Object.fromEntries(missing.map((c) => [c.id, all[c.id] ?? ''])) });
      }
    }
    const totalHalf = Object.values(merged).reduce((s, h) => s + h, 0);
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
    return toView(row, tx);
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
    return toView(updated, tx);
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

/**
 * "Save and next": among the judge's entries still to score (not submitted, not recused, not
 * `current`), the one with the fewest submitted sheets from all judges; ties in content order.
 */
export function nextEntryFor(def: ContestDef, judgeId: string, current: string | null, db: DbLike = getDb()): string | null {
  const overview = getJudgeOverview(def, judgeId, db);
  const candidates = overview.entries.filter((e) => e.entryId !== current && (e.state === 'not_started' || e.state === 'draft')).map((e) => e.entryId);
  if (!candidates.length) return null;
  const counts = new Map<string, number>();
  for (const r of db
    .select({ entryId: schema.contestSheets.entryId })
    .from(schema.contestSheets)
    .where(and(eq(schema.contestSheets.contestId, def.id), eq(schema.contestSheets.state, 'submitted'), inArray(schema.contestSheets.entryId, candidates)))
    .all()) {
    counts.set(r.entryId, (counts.get(r.entryId) ?? 0) + 1);
  }
  return [...candidates].sort((x, y) => (counts.get(x) ?? 0) - (counts.get(y) ?? 0) || def.entries.indexOf(x) - def.entries.indexOf(y))[0] ?? null;
}

export interface BoardCell {
  state: EntryState | 'not_assigned';
  sheetId: number | null;
  total: number | null;
}

export interface ProgressBoard {
  judges: Assignment[];
  entries: string[];
  /** judgeId → entryId → cell. */
  cells: Record<string, Record<string, BoardCell>>;
  submittedPerEntry: Record<string, number>;
}

/** Judge × entry: not started, draft, submitted, recused (organisers only). */
export function getProgressBoard(def: ContestDef, db: DbLike = getDb()): ProgressBoard {
  const judges = listAssignments(def.id, db);
  const sheets = db.select().from(schema.contestSheets).where(eq(schema.contestSheets.contestId, def.id)).all();
  const recusals = new Set(listRecusals(def.id, db).map((r) => `${r.judgeId}\u0000${r.entryId}`));
  const cells: ProgressBoard['cells'] = {};
  const submittedPerEntry: Record<string, number> = Object.fromEntries(def.entries.map((e) => [e, 0]));
  for (const j of judges) {
    const mine = entriesOf(def, j);
    cells[j.judgeId] = Object.fromEntries(
      def.entries.map((e): [string, BoardCell] => {
        const s = sheets.find((x) => x.judgeId === j.judgeId && x.entryId === e);
        if (recusals.has(`${j.judgeId}\u0000${e}`)) return [e, { state: 'recused', sheetId: s?.id ?? null, total: null }];
        if (!mine.includes(e)) return [e, { state: 'not_assigned', sheetId: null, total: null }];
        if (!s) return [e, { state: 'not_started', sheetId: null, total: null }];
        if (s.state === 'submitted') submittedPerEntry[e] = (submittedPerEntry[e] ?? 0) + 1;
        return [e, { state: s.state, sheetId: s.id, total: fromHalf(s.totalHalf) }];
      }),
    );
  }
  return { judges, entries: def.entries, cells, submittedPerEntry };
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
