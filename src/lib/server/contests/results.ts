/**
 * Results of a contest: computed on demand from the submitted sheets (organisers see them live),
 * published as a snapshot by a deliberate organiser action, withdrawn with a reason. The public
 * page and API show the snapshot, so reopening a sheet later never silently changes what was
 * announced — publishing again does.
 */
import { notifyResults } from './entries/result-messages';
import { and, desc, eq } from 'drizzle-orm';
import { now } from '../../clock';
import { audit, type AuditActor } from '../audit';
import { getDb, schema, type DbLike } from '../db';
import { computeResults, type ContestResults, type EntryResult } from './aggregate';
import type { ContestDef } from './definition';
import { ContestError } from './errors';
import { formatDateTime } from '../../format';
import { listRecusals } from './declarations';
import { getProgressBoard } from './progress';

/** The results as they stand now, from submitted sheets. */
export function computeContestResults(def: ContestDef, options: { normalise?: boolean } = {}, db: DbLike = getDb()): ContestResults {
  const sheets = db
    .select({ id: schema.contestSheets.id, judgeId: schema.contestSheets.judgeId, entryId: schema.contestSheets.entryId })
    .from(schema.contestSheets)
    .where(and(eq(schema.contestSheets.contestId, def.id), eq(schema.contestSheets.state, 'submitted')))
    .all();
  const scores = db
    .select({ sheetId: schema.contestSheetScores.sheetId, criterionId: schema.contestSheetScores.criterionId, half: schema.contestSheetScores.half })
    .from(schema.contestSheetScores)
    .innerJoin(schema.contestSheets, eq(schema.contestSheets.id, schema.contestSheetScores.sheetId))
    .where(and(eq(schema.contestSheets.contestId, def.id), eq(schema.contestSheets.state, 'submitted')))
    .all();
  const bySheet = new Map<number, Record<string, number>>();
  for (const s of scores) bySheet.set(s.sheetId, { ...(bySheet.get(s.sheetId) ?? {}), [s.criterionId]: s.half });
  return computeResults({
    rubric: def.rubric,
    passMark: def.passMark,
    minJudges: def.minJudges,
    entries: def.entries,
    sheets: sheets.map((s) => ({ judgeId: s.judgeId, entryId: s.entryId, half: bySheet.get(s.id) ?? {} })),
    recusals: listRecusals(def.id, db),
    normalise: options.normalise ?? false,
  });
}

export interface PublishedResults {
  contestId: string;
  publishedAt: string;
  passMark: number;
  minJudges: number;
  groups: { id: string; label: string; max: number }[];
  entries: Omit<EntryResult, 'normalised' | 'normalisedRank'>[];
}

export interface PublicationState {
  published: boolean;
  at: Date | null;
  reason: string | null;
  history: { action: 'publish' | 'withdraw'; at: Date; actorName: string | null; reason: string | null }[];
}

export function getPublicationState(contestId: string, db: DbLike = getDb()): PublicationState {
  const rows = db
    .select({ p: schema.contestPublications, actorName: schema.users.name })
    .from(schema.contestPublications)
    .leftJoin(schema.users, eq(schema.users.id, schema.contestPublications.actorId))
    .where(eq(schema.contestPublications.contestId, contestId))
    .orderBy(desc(schema.contestPublications.id))
    .all();
  const last = rows[0]?.p;
  return {
    published: last?.action === 'publish',
    at: last?.at ?? null,
    reason: last?.reason ?? null,
    history: rows.map(({ p, actorName }) => ({ action: p.action, at: p.at, actorName, reason: p.reason })),
  };
}

/** The published results, or null (never published, or withdrawn). */
export function getPublishedResults(contestId: string, db: DbLike = getDb()): PublishedResults | null {
  const last = db
    .select()
    .from(schema.contestPublications)
    .where(eq(schema.contestPublications.contestId, contestId))
    .orderBy(desc(schema.contestPublications.id))
    .limit(1)
    .get();
  if (last?.action !== 'publish' || !last.snapshot) return null;
  return JSON.parse(last.snapshot) as PublishedResults;
}

/**
 * What is still incomplete for publication, in Vietnamese (empty when judging is complete):
 * the judging window still open, and every assigned, non-recused (judge, entry) whose sheet is
 * not submitted (never started, draft, or reopened).
 */
export function publicationGaps(def: ContestDef, db: DbLike = getDb()): string[] {
  const gaps: string[] = [];
  const t = now();
  if (t < def.judging.closes) gaps.push(`Thời gian chấm điểm chưa kết thúc (đến ${formatDateTime(def.judging.closes)}).`);
  const board = getProgressBoard(def, db);
  for (const j of board.judges) {
    const cells = board.cells[j.judgeId] ?? {};
    const open = board.entries.filter((e) => cells[e]?.state === 'not_started' || cells[e]?.state === 'draft');
    if (!open.length) continue;
    const drafts = open.filter((e) => cells[e]?.state === 'draft').length;
    gaps.push(`${j.judgeName}: ${String(open.length)} phiếu chưa nộp${drafts ? ` (${String(drafts)} bản nháp hoặc phiếu đã mở lại)` : ''}.`);
  }
  return gaps;
}

export interface PublishOptions {
  /** Publish although judging is incomplete (an explicit confirmation); needs `reason`. */
  force?: boolean | undefined;
  /** Why publishing early: written to the audit log. */
  reason?: string | undefined;
}

/**
 * Publishes the current results (a snapshot). Needs at least one submitted sheet. While the
 * judging window is open or an assigned, non-recused judge has a sheet not submitted, it needs
 * `force` and a reason (else 409 `judging_incomplete` listing what is incomplete).
 */
export function publishResults(def: ContestDef, actor: AuditActor, options: PublishOptions = {}, db = getDb()): PublishedResults {
  return db.transaction((tx) => {
    if (getPublishedResults(def.id, tx)) throw new ContestError('already_published');
    const results = computeContestResults(def, {}, tx);
    if (!results.entries.some((e) => e.sheets > 0)) throw new ContestError('not_publishable');
    const gaps = publicationGaps(def, tx);
    const reason = options.reason?.trim() ?? '';
    if (gaps.length && !options.force) {
      throw new ContestError('judging_incomplete', {
        message: `Việc chấm chưa hoàn tất: ${gaps.join(' ')} Muốn công bố ngay, hãy đánh dấu “Tôi xác nhận công bố khi việc chấm chưa hoàn tất” và ghi lý do.`,
        extra: { incomplete: gaps },
      });
    }
    if (gaps.length && reason.length < 5) throw new ContestError('publish_reason_required', { fields: { reason: 'Hãy ghi lý do (ít nhất 5 ký tự).' } });
    const t = now();
    const snapshot: PublishedResults = {
      contestId: def.id,
      publishedAt: t.toISOString(),
      passMark: def.passMark,
      minJudges: def.minJudges,
      groups: def.rubric.groups.map((g) => ({ id: g.id, label: g.label, max: g.max })),
      entries: results.entries,
    };
    tx.insert(schema.contestPublications).values({ contestId: def.id, action: 'publish', at: t, actorId: actor.actorId, snapshot: JSON.stringify(snapshot) }).run();
    audit(actor, {
      action: 'contest.publish',
      target: `contest:${def.id}`,
      details: {
        recognised: results.entries.filter((e) => e.recognised).map((e) => e.entryId),
        ...(gaps.length ? { incomplete: gaps, forced: true, reason } : {}),
      },
    }, tx);
    notifyResults(def, results.entries, tx);
    return snapshot;
  });
}

/** Withdraws published results, with a reason. */
export function withdrawResults(def: ContestDef, reason: string, actor: AuditActor, db = getDb()): void {
  db.transaction((tx) => {
    if (!getPublishedResults(def.id, tx)) throw new ContestError('not_published');
    tx.insert(schema.contestPublications).values({ contestId: def.id, action: 'withdraw', at: now(), actorId: actor.actorId, reason }).run();
    audit(actor, { action: 'contest.withdraw', target: `contest:${def.id}`, details: { reason } }, tx);
  });
}
