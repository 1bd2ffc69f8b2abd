/**
 * The fair's khuyến công support, as the console shows it and the programme indicators count
 * it: per booth type, the booths held by APPROVED registrations that asked for support
 * (`wants_support`) × the type's price (đồng) × its support share (%, per fair in content).
 * Pending, offered and waitlisted registrations are shown apart as "asked", not counted.
 * Amounts are whole đồng, rounded half up per type.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { getDb, schema, type DbLike } from '../db';
import type { FairInfo } from './types';

const R = schema.registrations;

export interface SupportLine {
  boothTypeId: string;
  name: string;
  price: number;
  supportShare: number;
  /** Booths of approved registrations that asked for support. */
  supportedBooths: number;
  /** supportedBooths × price × supportShare / 100, in đồng. */
  amount: number;
  /** Booths held by pending and offered registrations that asked (not yet approved). */
  askedBooths: number;
  /** Distinct establishments (by registration) supported. */
  establishments: number;
}

/** Support per booth type and in total (pure arithmetic on the sums). */
export function supportLines(fair: FairInfo, sums: readonly { boothTypeId: string; status: string; booths: number; registrations: number }[]): { lines: SupportLine[]; totalBooths: number; totalAmount: number } {
  const lines = fair.boothTypes.map((t) => {
    const of = (statuses: string[]) => sums.filter((s) => s.boothTypeId === t.id && statuses.includes(s.status));
    const supportedBooths = of(['approved']).reduce((n, s) => n + s.booths, 0);
    const price = t.price ?? 0;
    const share = t.supportShare ?? 0;
    return {
      boothTypeId: t.id,
      name: t.name,
      price,
      supportShare: share,
      supportedBooths,
      amount: Math.round((supportedBooths * price * share) / 100),
      askedBooths: of(['pending', 'offered']).reduce((n, s) => n + s.booths, 0),
      establishments: of(['approved']).reduce((n, s) => n + s.registrations, 0),
    };
  });
  return { lines, totalBooths: lines.reduce((n, l) => n + l.supportedBooths, 0), totalAmount: lines.reduce((n, l) => n + l.amount, 0) };
}

/** The support figures of one fair from the database. */
export function supportForFair(fair: FairInfo, db: DbLike = getDb()) {
  const sums = db
    .select({ boothTypeId: R.boothTypeId, status: R.status, booths: sql<number>`sum(${R.heldQuantity})`, registrations: sql<number>`count(*)` })
    .from(R)
    .where(and(eq(R.fairSlug, fair.slug), eq(R.wantsSupport, true), inArray(R.status, ['approved', 'pending', 'offered'])))
    .groupBy(R.boothTypeId, R.status)
    .all();
  return supportLines(fair, sums);
}
