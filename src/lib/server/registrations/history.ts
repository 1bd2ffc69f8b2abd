/**
 * A registration's history (`registration_events`): what is recorded with every change, and
 * the views the applicant and the console read (status, history, no token or hash).
 */
import { asc, eq, sql } from 'drizzle-orm';
import { getDb, preparedOnce, schema, type DbLike } from '../db';
import type { RegistrationStatus } from '../../vocabulary';
import { STATUS_LABELS } from './rules';
import type { EventActor, HistoryItem, RegistrationRow, RegistrationView } from './types';

const E = schema.registrationEvents;

const EVENT_LABELS: Record<string, string> = {
  created: 'Gửi đăng ký',
  offered: 'Được mời nhận gian',
  offer_accepted: 'Nhận lời mời',
  offer_declined: 'Từ chối lời mời',
  offer_expired: 'Lời mời hết hạn',
  approved: 'Được duyệt',
  rejected: 'Bị từ chối',
  waitlisted: 'Chuyển vào danh sách chờ',
  booths_assigned: 'Được gán số gian',
  contact_updated: 'Sửa thông tin liên hệ',
  cancelled: 'Hủy đăng ký',
};

/** Prepared once per connection: every registration writes one. */
const insertEvent = preparedOnce((db: DbLike) =>
  db
    .insert(E)
    .values({
      registrationId: sql.placeholder('registrationId'),
      at: sql.placeholder('at'),
      kind: sql.placeholder('kind'),
      fromStatus: sql.placeholder('fromStatus'),
      toStatus: sql.placeholder('toStatus'),
      note: sql.placeholder('note'),
      actor: sql.placeholder('actor'),
    })
    .prepare(),
);

/**
 * Records one change of a registration, inside the caller's transaction. `note` is shown to the
 * applicant: never personal data or a secret.
 */
export function recordEvent(
  tx: DbLike,
  event: { registrationId: number; at: Date; kind: string; actor: EventActor; from: RegistrationStatus | null; to: RegistrationStatus | null; note?: string | null },
): void {
  insertEvent(tx).run({
    registrationId: event.registrationId,
    at: event.at,
    kind: event.kind,
    fromStatus: event.from,
    toStatus: event.to,
    note: event.note ?? null,
    actor: event.actor,
  });
}

/** History of one registration, oldest first. */
export function registrationHistory(registrationId: number, db: DbLike = getDb()): HistoryItem[] {
  return db
    .select()
    .from(E)
    .where(eq(E.registrationId, registrationId))
    .orderBy(asc(E.id))
    .all()
    .map((e) => ({
      at: e.at.toISOString(),
      kind: e.kind,
      label: EVENT_LABELS[e.kind] ?? e.kind,
      status: (e.toStatus as RegistrationStatus | null) ?? null,
      note: e.note,
    }));
}

/** What the applicant sees of `reg`. */
export function toView(db: DbLike, reg: RegistrationRow): RegistrationView {
  return {
    code: reg.code,
    fair: reg.fairSlug,
    status: reg.status,
    statusLabel: STATUS_LABELS[reg.status],
    boothTypeId: reg.boothTypeId,
    quantity: reg.quantity,
    heldQuantity: reg.heldQuantity,
    acceptFewer: reg.acceptFewer,
    offerExpiresAt: reg.status === 'offered' && reg.offerExpiresAt ? reg.offerExpiresAt.toISOString() : null,
    boothNumbers: reg.boothNumbers,
    rejectReason: reg.rejectReason,
    createdAt: reg.createdAt.toISOString(),
    history: registrationHistory(reg.id, db),
  };
}
