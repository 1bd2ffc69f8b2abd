/**
 * The judging panel of a contest: which judges, restricted to which entries, and whether the
 * judge has accepted the rules. Organisers change it from the console or the CLI.
 */
import { and, count, eq } from 'drizzle-orm';
import { now } from '../../clock';
import { cleanText } from '../../text';
import { audit, type AuditActor } from '../audit';
import { getDb, schema, type DbLike } from '../db';
import { ContestError } from './errors';
import type { ContestDef } from './definition';

export type AssignmentRow = typeof schema.contestAssignments.$inferSelect;

export interface Assignment {
  id: number;
  contestId: string;
  judgeId: string;
  judgeName: string;
  judgeEmail: string;
  /** null = every entry of the contest. */
  entries: string[] | null;
  rulesAcceptedAt: Date | null;
}

function parseEntries(raw: string | null): string[] | null {
  if (raw === null) return null;
  const v: unknown = JSON.parse(raw);
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : null;
}

/** The contest's judges, by name. */
export function listAssignments(contestId: string, db: DbLike = getDb()): Assignment[] {
  return db
    .select({ a: schema.contestAssignments, name: schema.users.name, email: schema.users.email })
    .from(schema.contestAssignments)
    .innerJoin(schema.users, eq(schema.users.id, schema.contestAssignments.judgeId))
    .where(eq(schema.contestAssignments.contestId, contestId))
    .all()
    .map(({ a, name, email }) => ({
      id: a.id,
      contestId: a.contestId,
      judgeId: a.judgeId,
      judgeName: name,
      judgeEmail: email,
      entries: parseEntries(a.entries),
      rulesAcceptedAt: a.rulesAcceptedAt,
    }))
    .sort((x, y) => x.judgeName.localeCompare(y.judgeName, 'vi'));
}

/** The judge's assignment to the contest, or null. */
export function getAssignment(contestId: string, judgeId: string, db: DbLike = getDb()): Assignment | null {
  return listAssignments(contestId, db).find((a) => a.judgeId === judgeId) ?? null;
}

/** Contest ids the judge is assigned to. */
export function listJudgeContestIds(judgeId: string, db: DbLike = getDb()): string[] {
  return db
    .select({ c: schema.contestAssignments.contestId })
    .from(schema.contestAssignments)
    .where(eq(schema.contestAssignments.judgeId, judgeId))
    .all()
    .map((r) => r.c);
}

/** The entries the judge may score: the restriction, or every entry, in content order. */
export function entriesOf(def: ContestDef, a: Pick<Assignment, 'entries'>): string[] {
  return a.entries ? def.entries.filter((e) => a.entries?.includes(e)) : def.entries;
}

/** A warning about the panel's size (the rules want an odd panel), or null. */
export function panelWarning(judges: number, panelSize: number): string | null {
  if (judges === 0) return 'Chưa phân công giám khảo nào.';
  if (judges % 2 === 0) return `Ban giám khảo đang có ${String(judges)} người — số chẵn. Theo quy định, ban giám khảo phải có số thành viên lẻ.`;
  if (judges !== panelSize) return `Ban giám khảo có ${String(judges)} người, khác số thành viên dự kiến (${String(panelSize)}).`;
  return null;
}

function requireJudgeByEmail(email: string, db: DbLike) {
  const user = db.select().from(schema.users).where(eq(schema.users.email, cleanText(email).toLowerCase())).get();
  if (!user) throw new ContestError('judge_not_found');
  if (user.role !== 'judge') throw new ContestError('not_a_judge');
  return user;
}

function checkEntries(def: ContestDef, entries: string[] | null | undefined): string[] | null {
  if (!entries?.length) return null;
  const unknown = entries.find((e) => !def.entries.includes(e));
  if (unknown) throw new ContestError('entry_not_found', { message: `Sản phẩm "${unknown}" không có trong cuộc bình chọn.` });
  return [...new Set(entries)];
}

/** Assigns a judge (by email) to the contest, optionally restricted to some entries. */
export function assignJudge(
  def: ContestDef,
  input: { email: string; entries?: string[] | null },
  actor: AuditActor,
  db = getDb(),
): Assignment {
  const entries = checkEntries(def, input.entries);
  const user = db.transaction((tx) => {
    const user = requireJudgeByEmail(input.email, tx);
    const existing = tx
      .select({ id: schema.contestAssignments.id })
      .from(schema.contestAssignments)
      .where(and(eq(schema.contestAssignments.contestId, def.id), eq(schema.contestAssignments.judgeId, user.id)))
      .get();
    if (existing) throw new ContestError('already_assigned');
    tx.insert(schema.contestAssignments)
      .values({ contestId: def.id, judgeId: user.id, entries: entries ? JSON.stringify(entries) : null, createdAt: now(), createdBy: actor.actorId })
      .run();
    audit(actor, { action: 'contest.assign', target: `contest:${def.id}`, details: { judge: user.email, entries } }, tx);
    return user;
  });
  const a = getAssignment(def.id, user.id, db);
  if (!a) throw new ContestError('judge_not_found');
  return a;
}

/** Changes which entries a judge scores (null or [] = all). */
export function restrictJudge(def: ContestDef, judgeId: string, entries: string[] | null, actor: AuditActor, db = getDb()): void {
  const list = checkEntries(def, entries);
  db.transaction((tx) => {
    const r = tx
      .update(schema.contestAssignments)
      .set({ entries: list ? JSON.stringify(list) : null })
      .where(and(eq(schema.contestAssignments.contestId, def.id), eq(schema.contestAssignments.judgeId, judgeId)))
      .run();
    if (r.changes === 0) throw new ContestError('not_assigned');
    audit(actor, { action: 'contest.restrict', target: `contest:${def.id}`, details: { judgeId, entries: list } }, tx);
  });
}

/** Removes a judge who has no sheet yet. */
export function unassignJudge(def: ContestDef, email: string, actor: AuditActor, db = getDb()): void {
  db.transaction((tx) => {
    const user = requireJudgeByEmail(email, tx);
    const sheets = tx
      .select({ n: count() })
      .from(schema.contestSheets)
      .where(and(eq(schema.contestSheets.contestId, def.id), eq(schema.contestSheets.judgeId, user.id)))
      .get();
    if ((sheets?.n ?? 0) > 0) throw new ContestError('has_sheets');
    const r = tx
      .delete(schema.contestAssignments)
      .where(and(eq(schema.contestAssignments.contestId, def.id), eq(schema.contestAssignments.judgeId, user.id)))
      .run();
    if (r.changes === 0) throw new ContestError('not_assigned', { message: 'Giám khảo này chưa được phân công cho cuộc bình chọn.' });
    tx.delete(schema.contestRecusals)
      .where(and(eq(schema.contestRecusals.contestId, def.id), eq(schema.contestRecusals.judgeId, user.id)))
      .run();
    audit(actor, { action: 'contest.unassign', target: `contest:${def.id}`, details: { judge: user.email } }, tx);
  });
}

/**
 * Demo mode: every demo judge is assigned to every contest open for judging. Idempotent (run
 * at each demo boot, before the server listens).
 */
export function seedDemoAssignments(defs: ContestDef[], at: Date, db = getDb()): number {
  const judges = db
    .select({ id: schema.users.id, email: schema.users.email })
    .from(schema.users)
    .where(and(eq(schema.users.isDemo, true), eq(schema.users.role, 'judge')))
    .all();
  let created = 0;
  for (const def of defs.filter((d) => at >= d.judging.opens && at < d.judging.closes)) {
    for (const j of judges) {
      if (getAssignment(def.id, j.id, db)) continue;
      assignJudge(def, { email: j.email }, { actorId: null, ip: null }, db);
      created++;
    }
  }
  return created;
}

/** The judge's assignment, or 403 `not_assigned`. */
export function requireAssignment(def: ContestDef, judgeId: string, db: DbLike = getDb()): Assignment {
  const a = getAssignment(def.id, judgeId, db);
  if (!a) throw new ContestError('not_assigned');
  return a;
}

/** The entry is the contest's (404) and the judge's to score (403). */
export function requireAssignedEntry(def: ContestDef, a: Pick<Assignment, 'entries'>, entryId: string): void {
  if (!def.entries.includes(entryId)) throw new ContestError('entry_not_found');
  if (!entriesOf(def, a).includes(entryId)) throw new ContestError('entry_not_assigned');
}
