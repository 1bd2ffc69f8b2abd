/**
 * Where judging stands: a judge's own entries and progress ("đã nộp 12/45"), "save and next",
 * and the organisers' progress board (judge × entry). Reads only.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { fromHalf } from '../../contest-schema';
import { getDb, schema, type DbLike } from '../db';
import { entriesOf, listAssignments, requireAssignment, type Assignment } from './assignments';
import { listRecusals, type RecusalRow } from './declarations';
import type { ContestDef } from './definition';
import { toSheetView, type SheetView } from './sheets';

export type EntryState = 'not_started' | 'draft' | 'submitted' | 'recused';

export const ENTRY_STATE_LABELS: Record<EntryState, string> = {
  not_started: 'Chưa chấm',
  draft: 'Bản nháp',
  submitted: 'Đã nộp',
  recused: 'Không chấm (xung đột lợi ích)',
};

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
      .map((r) => [r.entryId, toSheetView(r, db)]),
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
