/**
 * What is held and who is waiting: the capacity queries. ONE query says how many booths of a
 * type are held (the sum of `held_quantity` over HOLDING_STATUSES, the list in rules.ts); the
 * hold, the offers, the waiting-list check and the counts all use it or the same list, and the
 * arithmetic on top is the pure rules' (`freeBooths`, `countBooths`).
 *
 * The oversell rule depends on the callers: every write that reads these and then holds booths
 * runs in a transaction that began IMMEDIATE (db.ts makes that the default), so SQLite's write
 * lock is taken before the read and no other connection can hold booths in between.
 */
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import { getDb, preparedOnce, schema, type DbLike } from '../db';
import { rawStatementOnce } from '../raw-statement';
import { HOLDING_STATUSES, countBooths, type TypeCounts, type WaitingPlace } from './rules';
import type { FairInfo, RegistrationRow } from './types';

const R = schema.registrations;

/** `'pending', 'offered', 'approved'`: the SQL list of HOLDING_STATUSES (our constants, not input). */
export const HOLDING_SQL_LIST = HOLDING_STATUSES.map((s) => `'${s}'`).join(', ');

/**
 * Booths of one type held now: run by every registration (the hold's capacity check), answered
 * from `registrations_fair_type_status_idx` alone (it carries held_quantity: no table lookup per
 * holding row; test: registrations).
 */
export const HELD_BOOTHS_SQL = `SELECT coalesce(sum(held_quantity), 0) FROM registrations WHERE fair_slug = ? AND booth_type_id = ? AND status IN (${HOLDING_SQL_LIST})`;

// Raw statements (raw-statement.ts): these two run in every registration.
const heldQuery = rawStatementOnce(HELD_BOOTHS_SQL, { pluck: true });

/** Booths of one type of a fair held now (pending, offered, approved). */
export function heldBooths(db: DbLike, fairSlug: string, boothTypeId: string): number {
  return heldQuery(db).get(fairSlug, boothTypeId) as number;
}

const waitingQuery = preparedOnce((db: DbLike) =>
  db
    .select()
    .from(R)
    .where(and(eq(R.fairSlug, sql.placeholder('fair')), eq(R.boothTypeId, sql.placeholder('type')), eq(R.status, 'waitlisted')))
    .orderBy(asc(R.waitlistedAt), asc(R.id))
    .prepare(),
);

/** The waiting list of one booth type, in order (`byWaitlistOrder`: joined first, then older). */
export function waitingLine(db: DbLike, fairSlug: string, boothTypeId: string): RegistrationRow[] {
  return waitingQuery(db).all({ fair: fairSlug, type: boothTypeId });
}

/** A waiting-list row as the pure rules see it. */
export function placeOf(row: Pick<RegistrationRow, 'id' | 'quantity' | 'acceptFewer' | 'waitlistedAt'>): WaitingPlace {
  return { id: row.id, quantity: row.quantity, acceptFewer: row.acceptFewer, waitlistedAt: row.waitlistedAt?.getTime() ?? 0 };
}

const dueOfferQuery = rawStatementOnce("SELECT 1 FROM registrations WHERE status = 'offered' AND offer_expires_at <= ? AND fair_slug = ? LIMIT 1", { pluck: true });

/** Whether any offer of the fair has run out at `at` (the cheap check before a write). */
export function hasDueOffer(db: DbLike, fairSlug: string, at: Date): boolean {
  return dueOfferQuery(db).get(at.getTime(), fairSlug) !== undefined;
}

/** Offers of the fair that have run out at `at`. */
export function dueOffers(db: DbLike, fairSlug: string, at: Date): RegistrationRow[] {
  return db
    .select()
    .from(R)
    .where(and(eq(R.fairSlug, fairSlug), eq(R.status, 'offered'), lte(R.offerExpiresAt, at)))
    .all();
}

/** Counts per booth type (total / pending / offered / approved / waitlisted / free / overbooked). */
export function countsForFair(fair: FairInfo, db: DbLike = getDb()): Map<string, TypeCounts> {
  const sums = db
    .select({
      boothTypeId: R.boothTypeId,
      status: R.status,
      heldQuantity: sql<number>`sum(${R.heldQuantity})`,
      quantity: sql<number>`sum(${R.quantity})`,
    })
    .from(R)
    .where(and(eq(R.fairSlug, fair.slug), inArray(R.status, [...HOLDING_STATUSES, 'waitlisted'])))
    .groupBy(R.boothTypeId, R.status)
    .all();
  return new Map(fair.boothTypes.map((b) => [b.id, countBooths(b.count, sums.filter((r) => r.boothTypeId === b.id))]));
}
