/**
 * The waiting list: freed booths are offered to the first waitlisted registrations that fit, for
 * the fair's `offerHours`; offers that run out expire and pass their booths on. Each function
 * here runs inside the caller's transaction (IMMEDIATE, so what is held cannot change between
 * the read and the offer), except `expireOffers`, which opens its own when there is work.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { now } from '../../clock';
import { formatDateTime } from '../../format';
import { getDb, schema, type AppDb, type DbLike, type Tx } from '../db';
import { dueOffers, hasDueOffer, heldBooths, waitingLine } from './capacity';
import { recordEvent } from './history';
import { notify } from './messages';
import { freeBooths, isHolding, offerExpiry, pickOffers } from './rules';
import type { FairInfo, RegistrationRow } from './types';

const R = schema.registrations;

/** Offers the free booths of one type to its waiting list (first that fits, in order). Returns how many offers were made. */
export function offerFreedBooths(tx: DbLike, fair: FairInfo, boothTypeId: string, at: Date): number {
  const type = fair.boothTypes.find((b) => b.id === boothTypeId);
  if (!type) return 0;
  const free = freeBooths(type.count, heldBooths(tx, fair.slug, boothTypeId));
  if (free <= 0) return 0;
  const waiting = waitingLine(tx, fair.slug, boothTypeId);
  const offers = pickOffers(free, waiting);
  const hours = fair.registration?.offerHours ?? 48;
  for (const o of offers) {
    const reg = waiting.find((w) => w.id === o.id);
    if (!reg) continue;
    // The offer's clock has not started: it starts when its message is sent (or the applicant
    // sees the offer, or staff phone them) — an offer never runs out before it could be known.
    tx.update(R).set({ status: 'offered', heldQuantity: o.quantity, offerExpiresAt: null, offerHours: hours, offerNotifiedAt: null, updatedAt: at }).where(eq(R.id, o.id)).run();
    recordEvent(tx, { registrationId: o.id, at, kind: 'offered', actor: 'system', from: 'waitlisted', to: 'offered', note: `${String(o.quantity)} gian, trả lời trong ${String(hours)} giờ kể từ khi nhận tin` });
    notify(tx, fair, reg, 'offer', { quantity: o.quantity, boothType: type.name, hours });
  }
  return offers.length;
}

/**
 * Starts the clock of `reg`'s offer at `at` (its message was sent, the applicant saw it, or
 * staff told them) unless it runs already. Returns the updated row, or null when nothing changed.
 */
export function startOfferClock(tx: DbLike, reg: Pick<RegistrationRow, 'id' | 'status' | 'offerNotifiedAt' | 'offerHours' | 'offerExpiresAt'>, at: Date): RegistrationRow | null {
  // An offer made before the clock waited for its message (migration 0009) already runs: left alone.
  if (reg.status !== 'offered' || reg.offerNotifiedAt || reg.offerExpiresAt) return null;
  const expires = offerExpiry(at, reg.offerHours ?? 48);
  const updated = tx
    .update(R)
    .set({ offerNotifiedAt: at, offerExpiresAt: expires, updatedAt: at })
    .where(and(eq(R.id, reg.id), eq(R.status, 'offered'), isNull(R.offerNotifiedAt), isNull(R.offerExpiresAt)))
    .returning()
    .get() as RegistrationRow | undefined;
  if (updated) recordEvent(tx, { registrationId: reg.id, at, kind: 'offer_clock', actor: 'system', from: 'offered', to: 'offered', note: `Hạn trả lời ${formatDateTime(expires)}` });
  return updated ?? null;
}

/**
 * The outbox worker sent a message (delivery.ts calls this for every message sent): when it is
 * the offer of a registration still offered, that offer's clock starts at `sentAt`.
 */
export function onRegistrationMessageSent(message: { kind: string; ref: string | null }, sentAt: Date, db: AppDb = getDb()): void {
  if (message.kind !== 'registration.offer' || !message.ref?.startsWith('registration:')) return;
  const code = message.ref.slice('registration:'.length);
  db.transaction((tx) => {
    const reg = tx.select().from(R).where(eq(R.code, code)).get();
    if (reg) startOfferClock(tx, reg, sentAt);
  });
}

/** Passes on the booths `reg` held before its change (cancellation, rejection, a move to the waiting list). */
export function releaseHeld(tx: DbLike, fair: FairInfo | null, reg: RegistrationRow, at: Date): void {
  if (fair && isHolding(reg.status)) offerFreedBooths(tx, fair, reg.boothTypeId, at);
}

/** Expires the fair's offers whose time is up and passes their booths on. Inside a transaction. */
export function expireOffersIn(tx: DbLike, fair: FairInfo, at: Date): number {
  const due = dueOffers(tx, fair.slug, at);
  for (const reg of due) {
    tx.update(R).set({ status: 'expired', heldQuantity: 0, updatedAt: at }).where(eq(R.id, reg.id)).run();
    recordEvent(tx, { registrationId: reg.id, at, kind: 'offer_expired', actor: 'system', from: 'offered', to: 'expired' });
    notify(tx, fair, reg, 'offer_expired', {});
  }
  for (const typeId of new Set(due.map((r) => r.boothTypeId))) offerFreedBooths(tx, fair, typeId, at);
  return due.length;
}

/**
 * Lazily expires due offers of `fair` (cheap check first; a write transaction only when there
 * is something to expire). Called on every read and write, and by the sweeper timer.
 */
export function expireOffers(fair: FairInfo, db: AppDb = getDb()): number {
  const at = now();
  if (!hasDueOffer(db, fair.slug, at)) return 0;
  return db.transaction((tx: Tx) => expireOffersIn(tx, fair, at));
}

/** The fair's offers whose clock has not started (their message not sent yet), oldest first. */
export function offersWaitingForMessage(fairSlug: string, db: DbLike = getDb()): RegistrationRow[] {
  return db.select().from(R).where(and(eq(R.fairSlug, fairSlug), eq(R.status, 'offered'), isNull(R.offerExpiresAt))).orderBy(R.id).all();
}

/** Offers waiting for their message, by the channel it would go on (the outbox page's warning). */
export function offersWaitingByChannel(db: DbLike = getDb()): { sms: number; email: number } {
  const rows = db.select({ email: R.email }).from(R).where(and(eq(R.status, 'offered'), isNull(R.offerExpiresAt))).all();
  return { email: rows.filter((r) => r.email).length, sms: rows.filter((r) => !r.email).length };
}
