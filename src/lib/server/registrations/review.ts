import { cleanText } from '../../text';
/**
 * The organiser's review: the console's list of a fair's registrations and the actions on one —
 * approve, reject with a reason, move to the waiting list, assign booth numbers. Each action is
 * one transaction (IMMEDIATE by default) after due offers expired; it is audited, recorded in
 * the registration's history and told to the applicant through the outbox.
 */
import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import { now } from '../../clock';
import { audit, type AuditActor } from '../audit';
import { getDb, schema, type AppDb, type DbLike, type Tx } from '../db';
import { heldBooths, placeOf, waitingLine } from './capacity';
import { RegistrationError } from './errors';
import { recordEvent } from './history';
import { notify } from './messages';
import { HOLDING_STATUSES, canOrganiser, isHolding, parseBoothNumbers, takenBoothNumber, wouldBeOfferedBack } from './rules';
import type { FairInfo, ListFilter, OrganiserCommand, RegistrationRow } from './types';
import { expireOffersIn, releaseHeld } from './waitlist';

const R = schema.registrations;

/** A fair's registrations for the console, oldest first, filtered. */
export function listRegistrations(fairSlug: string, filter: ListFilter = {}, db: DbLike = getDb()): RegistrationRow[] {
  const conditions: SQL[] = [eq(R.fairSlug, fairSlug)];
  if (filter.status) conditions.push(eq(R.status, filter.status));
  if (filter.boothTypeId) conditions.push(eq(R.boothTypeId, filter.boothTypeId));
  if (filter.province) conditions.push(eq(R.province, filter.province));
  if (filter.support !== undefined) conditions.push(eq(R.wantsSupport, filter.support));
  return db.select().from(R).where(and(...conditions)).orderBy(asc(R.id)).all();
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
      const parsed = parseBoothNumbers(command.boothNumbers ?? '', reg.heldQuantity);
      if (!parsed.ok) throw new RegistrationError(parsed.code, { message: parsed.message, fields: { boothNumbers: parsed.message } });
      const others = tx
        .select({ code: R.code, boothNumbers: R.boothNumbers })
        .from(R)
        .where(and(eq(R.fairSlug, fair.slug), inArray(R.status, [...HOLDING_STATUSES])))
        .all()
        .filter((o) => o.code !== reg.code);
      const clash = takenBoothNumber(parsed.numbers, others.map((o) => o.boothNumbers));
      if (clash) throw new RegistrationError('booth_number_taken', { message: `Gian số ${clash} đã được gán cho đơn khác.` });
      const numbers = parsed.numbers.join(', ');
      const updated = update(tx, reg.id, { boothNumbers: numbers, updatedAt: at });
      event('booths_assigned', reg.status, numbers);
      notify(tx, fair, reg, 'booths_assigned', { numbers });
      return updated;
    }
  }
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
      details: { fair: fair.slug, from: reg.status, to: updated.status, ...(command.action === 'assign' ? { booths: updated.boothNumbers } : {}) },
    }, tx);
    return updated;
  });
}
