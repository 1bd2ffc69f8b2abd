/**
 * The applicant's self-service: the status lookup (code + phone) and the management link (see
 * the registration, correct contact details, cancel, accept or decline an offer). Writes run in
 * one transaction each (IMMEDIATE by default), after due offers expired.
 */
import { and, asc, eq, gte, notInArray } from 'drizzle-orm';
import { now } from '../../clock';
import { formatWait } from '../../format';
import type { ContactUpdate } from '../../registration-schema';
import { audit, type AuditActor, SYSTEM_ACTOR } from '../audit';
import { getDb, schema, type AppDb, type DbLike } from '../db';
import { RegistrationError } from './errors';
import { recordEvent, toView } from './history';
import { notify } from './messages';
import { INACTIVE_STATUSES, canCancel } from './rules';
import { trimBooths } from './booths';
import { hashToken, manageLinks, newToken } from './tokens';
import type { FairInfo, RegistrationRow, RegistrationView } from './types';
import { expireOffers, expireOffersIn, offerFreedBooths, releaseHeld, startOfferClock } from './waitlist';

const R = schema.registrations;
const E = schema.registrationEvents;

/**
 * Status and history for a code + phone. Both must match (404 otherwise, the same answer
 * whether the code exists or not). `resolveFair` lets offers that ran out expire first.
 */
export function lookupRegistration(code: string, phone: string, resolveFair?: (slug: string) => FairInfo | null, db: AppDb = getDb()): RegistrationView {
  let reg = db.select().from(R).where(and(eq(R.code, code), eq(R.phone, phone))).get();
  if (!reg) throw new RegistrationError('not_found');
  const fair = resolveFair?.(reg.fairSlug);
  if (fair && expireOffers(fair, db) > 0) reg = db.select().from(R).where(eq(R.id, reg.id)).get() ?? reg;
  return toView(db, seen(db, reg));
}

/** The applicant is looking at an offer: if no message about it was sent yet, its clock starts now. */
function seen(db: AppDb, reg: RegistrationRow): RegistrationRow {
  if (reg.status !== 'offered' || reg.offerNotifiedAt || reg.offerExpiresAt) return reg;
  return db.transaction((tx) => startOfferClock(tx, tx.select().from(R).where(eq(R.id, reg.id)).get() ?? reg, now())) ?? reg;
}

function requireByCode(tx: DbLike, code: string, phone: string): RegistrationRow {
  const reg = tx.select().from(R).where(and(eq(R.code, code), eq(R.phone, phone))).get();
  if (!reg) throw new RegistrationError('not_found');
  return reg;
}

/** Links sent again to one registration, per day (besides the per-recipient limits of the outbox). */
export const RESENDS_PER_DAY = 3;

/**
 * "Send my management link again" (lookup page, code + phone): a new token replaces the old
 * (the old link stops working: whoever had it — a lost phone, a forwarded message — loses it),
 * and the new link goes to the registration's own phone or e-mail, never to the screen.
 * At most RESENDS_PER_DAY per registration, and the outbox's limits per recipient
 * (`registration.link_resend` in PUBLIC_MESSAGE_LIMITS); a refusal stores nothing.
 */
export function resendManageLink(code: string, phone: string, fair: Pick<FairInfo, 'name'> | null, channel: 'email' | 'sms' | null, actor: AuditActor = SYSTEM_ACTOR, db: AppDb = getDb()): { channel: 'email' | 'sms' } {
  const at = now();
  return db.transaction((tx) => {
    const reg = requireByCode(tx, code, phone);
    const since = new Date(at.getTime() - 86_400_000);
    const recent = tx.select({ at: E.at }).from(E).where(and(eq(E.registrationId, reg.id), eq(E.kind, 'link_resent'), gte(E.at, since))).orderBy(asc(E.at)).all();
    if (recent.length >= RESENDS_PER_DAY) {
      const wait = Math.max(60, Math.ceil(((recent[0]?.at.getTime() ?? at.getTime()) + 86_400_000 - at.getTime()) / 1000));
      throw new RegistrationError('resend_limited', { retryAfterSeconds: wait, message: `Đường liên kết của đơn này đã được gửi lại ${String(RESENDS_PER_DAY)} lần trong 24 giờ. Vui lòng thử lại sau ${formatWait(wait)}.` });
    }
    const via = channel === 'email' && reg.email ? 'email' : channel === 'sms' ? 'sms' : reg.email ? 'email' : 'sms';
    const token = newToken();
    tx.update(R).set({ manageTokenHash: hashToken(token), updatedAt: at }).where(eq(R.id, reg.id)).run();
    recordEvent(tx, { registrationId: reg.id, at, kind: 'link_resent', actor: 'applicant', from: reg.status, to: reg.status, note: via === 'email' ? 'Gửi qua email' : 'Gửi qua SMS' });
    notify(tx, fair ?? { name: reg.fairSlug }, reg, 'link_resend', {}, manageLinks(token), via);
    audit(actor, { action: 'registration.link_resend', target: `registration:${reg.code}`, details: { channel: via } }, tx);
    return { channel: via };
  });
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
  const reg = seen(db, requireByToken(db, token));
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
  return answerOfferOf((tx) => requireByToken(tx, token), fair, accept, actor, db);
}

/** The same answer from the lookup page (code + phone instead of the link). */
export function answerOfferByCode(code: string, phone: string, fair: FairInfo, accept: boolean, actor: AuditActor = SYSTEM_ACTOR, db: AppDb = getDb()): RegistrationRow {
  return answerOfferOf((tx) => requireByCode(tx, code, phone), fair, accept, actor, db);
}

function answerOfferOf(find: (tx: DbLike) => RegistrationRow, fair: FairInfo, accept: boolean, actor: AuditActor, db: AppDb): RegistrationRow {
  const at = now();
  return db.transaction((tx) => {
    expireOffersIn(tx, fair, at);
    const reg = find(tx);
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

/**
 * The applicant asks for fewer booths (management link): the registration keeps its place —
 * its status, its time on the waiting list — and holds at most the new number; the booths it
 * gives back (the last assigned first) are offered to the waiting list at once.
 */
export function reduceBooths(token: string, fair: FairInfo, quantity: number, actor: AuditActor = SYSTEM_ACTOR, db: AppDb = getDb()): RegistrationRow {
  const at = now();
  return db.transaction((tx) => {
    expireOffersIn(tx, fair, at);
    const reg = requireByToken(tx, token);
    if (!canCancel(reg.status)) throw new RegistrationError('invalid_transition');
    if (!Number.isInteger(quantity) || quantity < 1 || quantity >= reg.quantity) {
      throw new RegistrationError('invalid_quantity', { fields: { quantity: `Số gian mới phải từ 1 đến ${String(reg.quantity - 1)}.` } });
    }
    const held = Math.min(reg.heldQuantity, quantity);
    const released = trimBooths(tx, fair.slug, reg.id, held);
    const updated = tx.update(R).set({ quantity, heldQuantity: held, updatedAt: at }).where(eq(R.id, reg.id)).returning().get();
    recordEvent(tx, { registrationId: reg.id, at, kind: 'reduced', actor: 'applicant', from: reg.status, to: reg.status, note: `${String(reg.quantity)} → ${String(quantity)} gian${released.length ? ` (trả gian ${released.join(', ')})` : ''}` });
    notify(tx, fair, reg, 'reduced', { quantity });
    audit(actor, { action: 'registration.reduce', target: `registration:${reg.code}`, details: { from: reg.quantity, to: quantity, released } }, tx);
    // Booths given back, or a smaller request that may now fit: the waiting list is offered what is free.
    offerFreedBooths(tx, fair, reg.boothTypeId, at);
    return tx.select().from(R).where(eq(R.id, reg.id)).get() ?? updated;
  });
}

/** The products shown and the directory consent (management link); consent can be withdrawn at any time (NĐ 13/2023). */
export function updateProducts(token: string, products: string, directoryConsent: boolean, actor: AuditActor = SYSTEM_ACTOR, db: AppDb = getDb()): RegistrationRow {
  return db.transaction((tx) => {
    const reg = requireByToken(tx, token);
    if (!canCancel(reg.status)) throw new RegistrationError('invalid_transition');
    const at = now();
    const consentAt = directoryConsent ? (reg.directoryConsentAt ?? at) : null;
    const updated = tx.update(R).set({ products, directoryConsentAt: consentAt, updatedAt: at }).where(eq(R.id, reg.id)).returning().get();
    recordEvent(tx, { registrationId: reg.id, at, kind: 'products_updated', actor: 'applicant', from: reg.status, to: reg.status, note: directoryConsent ? 'Đồng ý công bố trong danh bạ gian hàng' : 'Không công bố trong danh bạ gian hàng' });
    audit(actor, { action: 'registration.products_update', target: `registration:${reg.code}`, details: { directoryConsent } }, tx);
    return updated;
  });
}

/** "09•• ••• •78", "h•••@example.vn": where a resent link would go, without showing the contact. */
export function maskedContacts(code: string, phone: string, db: DbLike = getDb()): { sms: string; email: string | null } | null {
  const reg = db.select({ phone: R.phone, email: R.email }).from(R).where(and(eq(R.code, code), eq(R.phone, phone))).get();
  if (!reg) return null;
  const digits = reg.phone.replace(/^\+84/, '0');
  const email = reg.email ? reg.email.replace(/^(.)[^@]*(@.*)$/, '$1•••$2') : null;
  return { sms: `${digits.slice(0, 2)}•• ••• •${digits.slice(-2)}`, email };
}
