import { cleanText } from '../../text';
/**
 * The organiser's review: the console's list of a fair's registrations and the actions on one —
 * approve, reject with a reason, move to the waiting list, assign booth numbers. Each action is
 * one transaction (IMMEDIATE by default) after due offers expired; it is audited, recorded in
 * the registration's history and told to the applicant through the outbox.
 */
import { and, asc, eq, type SQL } from 'drizzle-orm';
import { now } from '../../clock';
import { fold } from '../../fold';
import { normalizePhone } from '../../phone';
import { audit, type AuditActor } from '../audit';
import { getDb, schema, type AppDb, type DbLike, type Tx } from '../db';
import { heldBooths, placeOf, waitingLine } from './capacity';
import { RegistrationError } from './errors';
import { recordEvent } from './history';
import { notify } from './messages';
import { assignBooths, assignmentsOf, autoAssignIn, moveBooth, vacateBooth } from './booths';
import { canOrganiser, isHolding, wouldBeOfferedBack } from './rules';
import type { FairInfo, ListFilter, OrganiserCommand, RegistrationRow } from './types';
import { expireOffersIn, releaseHeld, startOfferClock } from './waitlist';

const R = schema.registrations;

/** A fair's registrations for the console, oldest first, filtered. */
export function listRegistrations(fairSlug: string, filter: ListFilter = {}, db: DbLike = getDb()): RegistrationRow[] {
  const conditions: SQL[] = [eq(R.fairSlug, fairSlug)];
  if (filter.status) conditions.push(eq(R.status, filter.status));
  if (filter.boothTypeId) conditions.push(eq(R.boothTypeId, filter.boothTypeId));
  if (filter.province) conditions.push(eq(R.province, filter.province));
  if (filter.support !== undefined) conditions.push(eq(R.wantsSupport, filter.support));
  const rows = db.select().from(R).where(and(...conditions)).orderBy(asc(R.id)).all();
  return filter.q ? rows.filter(matcher(filter.q)) : rows;
}

/**
 * The console's search: a registration code, a phone number in any spelling, or part of the
 * establishment's name or the representative's, with or without diacritics ("ha xa" finds "Hà Xá").
 * Done in memory over one fair's rows (hundreds, a few thousand with the waiting list).
 */
function matcher(q: string): (r: RegistrationRow) => boolean {
  const code = q.replace(/[\s-]/g, '').toUpperCase();
  const phone = normalizePhone(q);
  const words = fold(q).split(/\s+/).filter(Boolean);
  return (r) =>
    r.code === code ||
    (phone !== null && r.phone === phone) ||
    (words.length > 0 && words.every((w) => fold(`${r.establishmentName} ${r.representative}`).includes(w)));
}

/** Whether moving `reg` to the end of its waiting list at `at` would offer its booths straight back to it. */
function wouldComeBack(tx: DbLike, fair: FairInfo, reg: RegistrationRow, at: Date): boolean {
  const type = fair.boothTypes.find((b) => b.id === reg.boothTypeId);
  if (!type) return false;
  return wouldBeOfferedBack({
    capacity: type.count,
    held: heldBooths(tx, fair.slug, reg.boothTypeId),
    releasing: isHolding(reg.status) ? reg.heldQuantity : 0,
    waiting: waitingLine(tx, fair.slug, reg.boothTypeId).map(placeOf),
    candidate: reg,
    at: at.getTime(),
  });
}

function update(tx: Tx, id: number, set: Partial<typeof R.$inferInsert>): RegistrationRow {
  return tx.update(R).set(set).where(eq(R.id, id)).returning().get();
}

/** Runs one action on `reg` and returns the updated row (inside the action's transaction). */
function apply(tx: Tx, fair: FairInfo, reg: RegistrationRow, command: OrganiserCommand, at: Date): RegistrationRow {
  const event = (kind: string, to: RegistrationRow['status'], note: string | null = null) =>
    recordEvent(tx, { registrationId: reg.id, at, kind, actor: 'organiser', from: reg.status, to, note });
  switch (command.action) {
    case 'approve': {
      const updated = update(tx, reg.id, { status: 'approved', updatedAt: at });
      event('approved', 'approved');
      notify(tx, fair, reg, 'approved', { quantity: reg.heldQuantity });
      return updated;
    }
    case 'reject': {
      const reason = cleanText(command.reason ?? '', { multiline: true });
      const updated = update(tx, reg.id, { status: 'rejected', heldQuantity: 0, rejectReason: reason, offerExpiresAt: null, updatedAt: at });
      event('rejected', 'rejected', reason);
      notify(tx, fair, reg, 'rejected', { reason });
      releaseHeld(tx, fair, reg, at);
      return updated;
    }
    case 'waitlist': {
      if (wouldComeBack(tx, fair, reg, at)) throw new RegistrationError('waitlist_would_reoffer');
      const updated = update(tx, reg.id, { status: 'waitlisted', heldQuantity: 0, waitlistedAt: at, offerExpiresAt: null, boothNumbers: null, updatedAt: at });
      event('waitlisted', 'waitlisted');
      notify(tx, fair, reg, 'waitlisted', {});
      releaseHeld(tx, fair, reg, at);
      return updated;
    }
    case 'assign': {
      const numbers = assignBooths(tx, fair, reg, command.boothNumbers ?? '', at);
      const updated = update(tx, reg.id, { updatedAt: at });
      event('booths_assigned', reg.status, numbers);
      notify(tx, fair, reg, 'booths_assigned', { numbers });
      return updated;
    }
    case 'move': {
      const [from, to] = [boothCode(command.from), boothCode(command.to)];
      moveBooth(tx, fair, reg, from, to, at);
      const updated = update(tx, reg.id, { updatedAt: at });
      event('booth_moved', reg.status, `${from} → ${to}`);
      notify(tx, fair, reg, 'booths_assigned', { numbers: updated.boothNumbers ?? to });
      return updated;
    }
    case 'vacate': {
      const code = boothCode(command.from);
      vacateBooth(tx, fair, reg, code);
      const updated = update(tx, reg.id, { updatedAt: at });
      event('booth_vacated', reg.status, code);
      return updated;
    }
    case 'offer-notified': {
      const updated = startOfferClock(tx, reg, at) ?? reg;
      event('offer_notified', 'offered', 'Ban tổ chức đã báo lời mời qua điện thoại');
      return updated;
    }
  }
}

/** A booth code from a command (the plan's codes are upper-case; refused when missing). */
function boothCode(raw: string | undefined): string {
  const code = cleanText(raw ?? '').toUpperCase();
  if (!/^[A-Z0-9-]{1,12}$/.test(code)) throw new RegistrationError('invalid_booth_numbers', { fields: { boothNumbers: 'Vui lòng chọn số gian.' } });
  return code;
}

/**
 * An organiser's action on one registration of `fair`: approve, reject with a reason, move to
 * the waiting list, assign booth numbers. Audited, and the applicant is told through the outbox.
 */
export function actOnRegistration(fair: FairInfo, code: string, command: OrganiserCommand, actor: AuditActor, db: AppDb = getDb()): RegistrationRow {
  const at = now();
  return db.transaction((tx) => {
    expireOffersIn(tx, fair, at);
    const reg = tx.select().from(R).where(and(eq(R.fairSlug, fair.slug), eq(R.code, code))).get();
    if (!reg) throw new RegistrationError('registration_not_found');
    if (!canOrganiser(command.action, reg.status)) throw new RegistrationError('invalid_transition');
    const updated = apply(tx, fair, reg, command, at);
    audit(actor, {
      action: `registration.${command.action}`,
      target: `registration:${reg.code}`,
      details: {
        fair: fair.slug,
        from: reg.status,
        to: updated.status,
        ...(command.action === 'assign' ? { booths: updated.boothNumbers } : {}),
        ...(command.action === 'move' || command.action === 'vacate' ? { boothFrom: command.from?.toUpperCase(), ...(command.to ? { boothTo: command.to.toUpperCase() } : {}), booths: updated.boothNumbers } : {}),
      },
    }, tx);
    return updated;
  });
}

/**
 * Approves several pending registrations at once (the console's bulk action, after the
 * organiser confirmed): each is its own action, audited and told to the applicant; those no
 * longer pending are skipped and reported.
 */
export function approveMany(fair: FairInfo, codes: readonly string[], actor: AuditActor, db: AppDb = getDb()): { approved: string[]; skipped: string[] } {
  const approved: string[] = [];
  const skipped: string[] = [];
  for (const code of new Set(codes)) {
    try {
      actOnRegistration(fair, code, { action: 'approve' }, actor, db);
      approved.push(code);
    } catch (error) {
      if (!(error instanceof RegistrationError)) throw error;
      skipped.push(code);
    }
  }
  return { approved, skipped };
}

/** The automatic assignment of the fair's missing booths (booths.ts), audited per registration and told to each applicant. */
export function autoAssignBooths(fair: FairInfo, actor: AuditActor, db: AppDb = getDb()): { code: string; booths: string[] }[] {
  const at = now();
  return db.transaction((tx) => {
    expireOffersIn(tx, fair, at);
    return autoAssignIn(tx, fair, at).map(({ registration: reg, codes }) => {
      const numbers = tx.select({ n: R.boothNumbers }).from(R).where(eq(R.id, reg.id)).get()?.n ?? codes.join(', ');
      recordEvent(tx, { registrationId: reg.id, at, kind: 'booths_assigned', actor: 'organiser', from: reg.status, to: reg.status, note: numbers });
      notify(tx, fair, reg, 'booths_assigned', { numbers });
      audit(actor, { action: 'registration.booth_autoassign', target: `registration:${reg.code}`, details: { fair: fair.slug, booths: codes } }, tx);
      return { code: reg.code, booths: codes };
    });
  });
}

/** A command on one booth of the plan (the organiser's plan page), as the registration's action. */
export type BoothCommand = { action: 'assign'; registration: string } | { action: 'move'; to: string } | { action: 'vacate' };

/**
 * The plan's actions on `booth`: give it to a registration (added to its booths), move its
 * registration to another booth, or take it back — each `actOnRegistration`, so audited,
 * recorded and told to the applicant like the list's actions.
 */
export function actOnBooth(fair: FairInfo, booth: string, command: BoothCommand, actor: AuditActor, db: AppDb = getDb()): RegistrationRow {
  if (command.action === 'assign') {
    const reg = db.select().from(R).where(and(eq(R.fairSlug, fair.slug), eq(R.code, command.registration))).get();
    if (!reg) throw new RegistrationError('registration_not_found');
    const current = reg.boothNumbers ? reg.boothNumbers.split(', ') : [];
    return actOnRegistration(fair, reg.code, { action: 'assign', boothNumbers: [...current, booth].join(', ') }, actor, db);
  }
  const holder = assignmentsOf(fair.slug, db).get(booth);
  if (!holder) throw new RegistrationError('booth_not_assigned', { message: `Gian ${booth} đang trống.` });
  return actOnRegistration(fair, holder.code, command.action === 'move' ? { action: 'move', from: booth, to: command.to } : { action: 'vacate', from: booth }, actor, db);
}
