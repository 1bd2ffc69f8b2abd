/**
 * The counting queries over the database for programme indicators. Booth figures come from the
 * registrations module itself — `countsForFair` (the one held-booths rule) and `supportForFair`
 * (the one support computation, as the organisers' console shows it) — so a programme never
 * counts differently from the fair's own pages.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { getDb, schema, type DbLike } from '../db';
import { countsForFair, supportForFair, type FairInfo } from '../registrations';
import type { EstablishmentFact, FairBookingFact, StaffFact } from './indicators';

const R = schema.registrations;
const A = schema.programmeActuals;

/** Booths registered, approved and supported, and the support amount, for each fair. */
export function bookingFacts(fairs: readonly FairInfo[], db: DbLike = getDb()): FairBookingFact[] {
  return fairs.map((fair) => {
    const counts = [...countsForFair(fair, db).values()];
    const support = supportForFair(fair, db);
    return {
      fairSlug: fair.slug,
      registered: counts.reduce((n, c) => n + c.held, 0),
      approved: counts.reduce((n, c) => n + c.approved, 0),
      supportedBooths: support.totalBooths,
      supportAmount: support.totalAmount,
    };
  });
}

/** The establishments supported at these fairs (approved registrations that asked), one row per registration. */
export function establishmentFacts(fairSlugs: readonly string[], db: DbLike = getDb()): EstablishmentFact[] {
  if (!fairSlugs.length) return [];
  return db
    .select({ fairSlug: R.fairSlug, key: sql<string>`coalesce(${R.taxCode}, ${R.phone})` })
    .from(R)
    .where(and(inArray(R.fairSlug, [...fairSlugs]), eq(R.status, 'approved'), eq(R.wantsSupport, true)))
    .all();
}

/** Staff-entered figures of a programme that stand (not withdrawn). */
export function staffFacts(programmeSlug: string, db: DbLike = getDb()): StaffFact[] {
  return db
    .select({ indicatorCode: A.indicatorCode, year: A.year, value: A.value })
    .from(A)
    .where(and(eq(A.programmeSlug, programmeSlug), isNull(A.withdrawnAt)))
    .all();
}
