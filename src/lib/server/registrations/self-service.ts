/**
 * The applicant's self-service: the status lookup (code + phone) and the management link (see
 * the registration, correct contact details, cancel, accept or decline an offer). Writes run in
 * one transaction each (IMMEDIATE by default), after due offers expired.
 */
import { and, eq, notInArray } from 'drizzle-orm';
import { now } from '../../clock';
import type { ContactUpdate } from '../../registration-schema';
import { audit, type AuditActor, SYSTEM_ACTOR } from '../audit';
import { getDb, schema, type AppDb, type DbLike } from '../db';
import { RegistrationError } from './errors';
import { recordEvent, toView } from './history';
import { notify } from './messages';
import { INACTIVE_STATUSES, canCancel } from './rules';
import { hashToken } from './tokens';
import type { FairInfo, RegistrationRow, RegistrationView } from './types';
import { expireOffers, expireOffersIn, offerFreedBooths, releaseHeld } from './waitlist';

const R = schema.registrations;

/**
 * Status and history for a code + phone. Both must match (404 otherwise, the same answer
 * whether the code exists or not). `resolveFair` lets offers that ran out expire first.
 */
export function lookupRegistration(code: string, phone: string, resolveFair?: (slug: string) => FairInfo | null, db: AppDb = getDb()): RegistrationView {
  let reg = db.select().from(R).where(and(eq(R.code, code), eq(R.phone, phone))).get();
  if (!reg) throw new RegistrationError('not_found');
  const fair = resolveFair?.(reg.fairSlug);
  if (fair && expireOffers(fair, db) > 0) reg = db.select().from(R).where(eq(R.id, reg.id)).get() ?? reg;
  return toView(db, reg);
}

/** The registration a management token belongs to, or null. */
export function getRegistrationByToken(token: string, db: DbLike = getDb()): RegistrationRow | null {
  if (!token || token.length > 200) return null;
  return db.select().from(R).where(eq(R.manageTokenHash, hashToken(token))).get() ?? null;
}

function requireByToken(tx: DbLike, token: string): RegistrationRow {
  const reg = getRegistrationByToken(token, tx);
  if (!reg) throw new RegistrationError('manage_not_found');
  return reg;
}

/** Everything the owner of a management link may see. */
export function getManagedRegistration(token: string, fair: FairInfo | null, db: AppDb = getDb()): { registration: RegistrationRow; view: RegistrationView } {
  if (fair) expireOffers(fair, db);
  const reg = requireByToken(db, token);
  return { registration: reg, view: toView(db, reg) };
}

/** Corrects the representative, phone and email (409 `phone_taken` when another registration of the fair has the phone). */
export function updateContact(token: string, contact: ContactUpdate, actor: AuditActor = SYSTEM_ACTOR, db: AppDb = getDb()): RegistrationRow {
  return db.transaction((tx) => {
    const reg = requireByToken(tx, token);
    if (!canCancel(reg.status)) throw new RegistrationError('invalid_transition');
    if (contact.phone !== reg.phone) {
      const clash = tx
        .select({ id: R.id })
        .from(R)
        .where(and(eq(R.fairSlug, reg.fairSlug), eq(R.phone, contact.phone), notInArray(R.status, [...INACTIVE_STATUSES])))
        .get();
      if (clash) throw new RegistrationError('phone_taken');
    }
    const at = now();
    const updated = tx
      .update(R)
      .set({ representative: contact.representative, phone: contact.phone, email: contact.email ?? null, updatedAt: at })
      .where(eq(R.id, reg.id))
      .returning()
      .get();
    recordEvent(tx, { registrationId: reg.id, at, kind: 'contact_updated', actor: 'applicant', from: reg.status, to: reg.status });
    audit(actor, { action: 'registration.contact_update', target: `registration:${reg.code}` }, tx);
    return updated;
  });
}

/** The applicant cancels; held booths go to the waiting list. */
export function cancelRegistration(token: string, fair: FairInfo | null, actor: AuditActor = SYSTEM_ACTOR, db: AppDb = getDb()): RegistrationRow {
  const at = now();
  return db.transaction((tx) => {
    if (fair) expireOffersIn(tx, fair, at);
    const reg = requireByToken(tx, token);
    if (!canCancel(reg.status)) throw new RegistrationError('invalid_transition');
    const updated = tx.update(R).set({ status: 'cancelled', heldQuantity: 0, updatedAt: at }).where(eq(R.id, reg.id)).returning().get();
    recordEvent(tx, { registrationId: reg.id, at, kind: 'cancelled', actor: 'applicant', from: reg.status, to: 'cancelled' });
    notify(tx, fair ?? { name: reg.fairSlug }, reg, 'cancelled', {});
    audit(actor, { action: 'registration.cancel', target: `registration:${reg.code}`, details: { from: reg.status } }, tx);
    releaseHeld(tx, fair, reg, at);
    return updated;
  });
}

/** The applicant accepts (→ pending, booths kept) or declines (→ cancelled, booths passed on) an offer. */
export function answerOffer(token: string, fair: FairInfo, accept: boolean, actor: AuditActor = SYSTEM_ACTOR, db: AppDb = getDb()): RegistrationRow {
  const at = now();
  return db.transaction((tx) => {
    expireOffersIn(tx, fair, at);
    const reg = requireByToken(tx, token);
    if (reg.status === 'expired') throw new RegistrationError('offer_expired');
    if (reg.status !== 'offered') throw new RegistrationError('invalid_transition');
    let updated: RegistrationRow;
    if (accept) {
      updated = tx.update(R).set({ status: 'pending', offerExpiresAt: null, updatedAt: at }).where(eq(R.id, reg.id)).returning().get();
      recordEvent(tx, { registrationId: reg.id, at, kind: 'offer_accepted', actor: 'applicant', from: 'offered', to: 'pending', note: `${String(reg.heldQuantity)} gian` });
      notify(tx, fair, reg, 'offer_accepted', { quantity: reg.heldQuantity });
    } else {
      updated = tx.update(R).set({ status: 'cancelled', heldQuantity: 0, offerExpiresAt: null, updatedAt: at }).where(eq(R.id, reg.id)).returning().get();
      recordEvent(tx, { registrationId: reg.id, at, kind: 'offer_declined', actor: 'applicant', from: 'offered', to: 'cancelled' });
      offerFreedBooths(tx, fair, reg.boothTypeId, at);
    }
    audit(actor, { action: accept ? 'registration.offer_accept' : 'registration.offer_decline', target: `registration:${reg.code}` }, tx);
    return updated;
  });
}
