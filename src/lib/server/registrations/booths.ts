/**
 * Booths on the floor: which registration has which booth. `booth_assignments` is the truth
 * (its primary key lets a booth belong to one registration only, and a trigger gives a
 * registration's booths back when it stops holding); `registrations.booth_numbers` is kept in
 * step here, for the views, the console and the exports.
 *
 * Every function runs inside the caller's IMMEDIATE transaction: the check that a booth is
 * free and the insert that takes it cannot be separated by another connection's write, so of
 * fifty simultaneous requests for booth A01 exactly one gets it.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { nearestFreeBooths, planAutoAssign, type Holder } from '../../floor-plan';
import { getDb, schema, type DbLike } from '../db';
import { rawStatementOnce } from '../raw-statement';
import { RegistrationError } from './errors';
import { HOLDING_STATUSES, parseBoothNumbers } from './rules';
import type { FairInfo, RegistrationRow } from './types';

const A = schema.boothAssignments;
const R = schema.registrations;

type Source = 'applicant' | 'organiser' | 'auto';

const takenAmongQuery = rawStatementOnce('SELECT booth_code FROM booth_assignments WHERE fair_slug = ? AND booth_code IN (SELECT value FROM json_each(?))', { pluck: true });
const insertQuery = rawStatementOnce('INSERT INTO booth_assignments (fair_slug, booth_code, registration_id, assigned_at, source) VALUES (?, ?, ?, ?, ?)');
const syncQuery = rawStatementOnce(
  "UPDATE registrations SET booth_numbers = (SELECT group_concat(booth_code, ', ') FROM (SELECT booth_code FROM booth_assignments WHERE registration_id = @id ORDER BY assigned_at, rowid)) WHERE id = @id",
);

/** Which of `codes` are assigned to a registration of the fair now. */
export function takenAmong(tx: DbLike, fairSlug: string, codes: readonly string[]): string[] {
  return takenAmongQuery(tx).all(fairSlug, JSON.stringify(codes)) as string[];
}

/** Every assigned booth code of the fair. */
export function assignedCodes(fairSlug: string, db: DbLike = getDb()): Set<string> {
  return new Set(db.select({ code: A.boothCode }).from(A).where(eq(A.fairSlug, fairSlug)).all().map((r) => r.code));
}

/** The booths of one registration, in the order they were assigned. */
export function boothsOf(tx: DbLike, registrationId: number): string[] {
  return tx.select({ code: A.boothCode }).from(A).where(eq(A.registrationId, registrationId)).orderBy(asc(A.assignedAt), asc(A.boothCode)).all().map((r) => r.code);
}

/** Takes free booths for a registration (throws 409 `booth_taken` with the taken codes). */
export function takeBooths(tx: DbLike, fairSlug: string, registrationId: number, codes: readonly string[], at: Date, source: Source): void {
  if (codes.length === 0) return;
  const taken = takenAmong(tx, fairSlug, codes);
  if (taken.length) throw new RegistrationError('booth_taken', { extra: { taken } });
  for (const code of codes) insertQuery(tx).run(fairSlug, code, registrationId, at.getTime(), source);
  syncQuery(tx).run({ id: registrationId });
}

function release(tx: DbLike, fairSlug: string, registrationId: number, codes: readonly string[]): void {
  if (codes.length === 0) return;
  tx.delete(A).where(and(eq(A.fairSlug, fairSlug), eq(A.registrationId, registrationId), inArray(A.boothCode, [...codes]))).run();
  syncQuery(tx).run({ id: registrationId });
}

/** Gives back booths beyond `keep` (the last assigned first), when a registration holds fewer. */
export function trimBooths(tx: DbLike, fairSlug: string, registrationId: number, keep: number): string[] {
  const codes = boothsOf(tx, registrationId);
  const released = codes.slice(keep);
  release(tx, fairSlug, registrationId, released);
  return released;
}

/** A code on the fair's plan, or refused (400 `booth_not_on_plan`); without a plan, any well-formed number. */
function requireOnPlan(fair: FairInfo, code: string, typeId: string): void {
  if (!fair.plan) return;
  const booth = fair.plan.booths.find((b) => b.code === code);
  if (!booth) {
    const message = `Gian ${code} không có trên sơ đồ hội chợ.`;
    throw new RegistrationError('booth_not_on_plan', { message, fields: { boothNumbers: message } });
  }
  if (booth.typeId !== typeId) {
    const type = fair.boothTypes.find((t) => t.id === booth.typeId)?.name ?? booth.typeId;
    const message = `Gian ${code} là ${type.toLowerCase()}, khác loại gian của đơn.`;
    throw new RegistrationError('booth_wrong_type', { message, fields: { boothNumbers: message } });
  }
}

/** The organiser's booth numbers for `reg` (typed or clicked): replaces its booths. Returns the new list. */
export function assignBooths(tx: DbLike, fair: FairInfo, reg: RegistrationRow, raw: string, at: Date): string {
  const parsed = parseBoothNumbers(raw, reg.heldQuantity);
  if (!parsed.ok) throw new RegistrationError(parsed.code, { message: parsed.message, fields: { boothNumbers: parsed.message } });
  for (const code of parsed.numbers) requireOnPlan(fair, code, reg.boothTypeId);
  const mine = new Set(boothsOf(tx, reg.id));
  const clash = takenAmong(tx, fair.slug, parsed.numbers.filter((c) => !mine.has(c)))[0];
  if (clash) throw new RegistrationError('booth_number_taken', { message: `Gian số ${clash} đã được gán cho đơn khác.` });
  release(tx, fair.slug, reg.id, [...mine].filter((c) => !parsed.numbers.includes(c)));
  const added = parsed.numbers.filter((c) => !mine.has(c));
  for (const code of added) insertQuery(tx).run(fair.slug, code, reg.id, at.getTime(), 'organiser');
  syncQuery(tx).run({ id: reg.id });
  return boothsOf(tx, reg.id).join(', ');
}

/** Moves `reg` from booth `from` to the free booth `to` (same type on a plan). */
export function moveBooth(tx: DbLike, fair: FairInfo, reg: RegistrationRow, from: string, to: string, at: Date): void {
  const mine = boothsOf(tx, reg.id);
  if (!mine.includes(from)) throw new RegistrationError('booth_not_assigned', { message: `Đơn ${reg.code} không có gian ${from}.` });
  requireOnPlan(fair, to, reg.boothTypeId);
  if (takenAmong(tx, fair.slug, [to]).length) throw new RegistrationError('booth_number_taken', { message: `Gian số ${to} đã được gán cho đơn khác.` });
  release(tx, fair.slug, reg.id, [from]);
  insertQuery(tx).run(fair.slug, to, reg.id, at.getTime(), 'organiser');
  syncQuery(tx).run({ id: reg.id });
}

/** Takes booth `code` from `reg` (the registration keeps its place and its held quantity). */
export function vacateBooth(tx: DbLike, fair: FairInfo, reg: RegistrationRow, code: string): void {
  if (!boothsOf(tx, reg.id).includes(code)) throw new RegistrationError('booth_not_assigned', { message: `Đơn ${reg.code} không có gian ${code}.` });
  release(tx, fair.slug, reg.id, [code]);
}

/**
 * Fills the booths still missing for the fair's holders (pending and approved registrations,
 * by registration order) from the free booths of their type on the plan, with the tags they
 * asked for first (floor-plan.ts `planAutoAssign`). Returns what each got.
 */
export function autoAssignIn(tx: DbLike, fair: FairInfo, at: Date): { registration: RegistrationRow; codes: string[] }[] {
  if (!fair.plan) throw new RegistrationError('no_floor_plan');
  const rows = tx
    .select()
    .from(R)
    .where(and(eq(R.fairSlug, fair.slug), inArray(R.status, ['pending', 'approved'])))
    .orderBy(asc(R.id))
    .all();
  const holders: Holder[] = rows.map((r) => {
    const assigned = boothsOf(tx, r.id);
    return { id: r.id, typeId: r.boothTypeId, need: Math.max(0, r.heldQuantity - assigned.length), wantedTags: r.wantedTags ? r.wantedTags.split(',') : [], assigned };
  });
  const plan = planAutoAssign(fair.plan.booths, holders.filter((h) => h.need > 0), assignedCodes(fair.slug, tx));
  const out: { registration: RegistrationRow; codes: string[] }[] = [];
  for (const r of rows) {
    const codes = plan.get(r.id);
    if (!codes) continue;
    for (const code of codes) insertQuery(tx).run(fair.slug, code, r.id, at.getTime(), 'auto');
    syncQuery(tx).run({ id: r.id });
    out.push({ registration: r, codes });
  }
  return out;
}

/** Nearest free booths of the type of `code` (suggestions after a 409 `booth_taken`: read outside the write). */
export function nearestFree(fair: FairInfo, code: string, n = 3): string[] {
  if (!fair.plan) return [];
  return nearestFreeBooths(fair.plan.booths, code, assignedCodes(fair.slug), n);
}

export type BoothState = 'held' | 'confirmed';

/** The state of each assigned booth of the fair: held (pending or offered) or confirmed (approved). */
export function boothStates(fairSlug: string, db: DbLike = getDb()): Map<string, BoothState> {
  const rows = db
    .select({ code: A.boothCode, status: R.status })
    .from(A)
    .innerJoin(R, eq(R.id, A.registrationId))
    .where(and(eq(A.fairSlug, fairSlug), inArray(R.status, [...HOLDING_STATUSES])))
    .all();
  return new Map(rows.map((r) => [r.code, r.status === 'approved' ? 'confirmed' : 'held']));
}

/** Every assignment of the fair with its registration (the organiser's plan and the printable plan). */
export function assignmentsOf(fairSlug: string, db: DbLike = getDb()): Map<string, RegistrationRow> {
  const rows = db.select().from(A).innerJoin(R, eq(R.id, A.registrationId)).where(eq(A.fairSlug, fairSlug)).all();
  return new Map(rows.map((r) => [r.booth_assignments.boothCode, r.registrations]));
}
