/**
 * A registration's history (`registration_events`): what is recorded with every change, and
 * the views the applicant and the console read (status, history, no token or hash).
 */
import { asc, eq } from 'drizzle-orm';
import { getDb, schema, type DbLike } from '../db';
import { rawStatementOnce } from '../raw-statement';
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
  booth_moved: 'Được chuyển sang gian khác',
  booth_vacated: 'Trả lại một gian đã gán',
  offer_clock: 'Bắt đầu tính hạn trả lời lời mời',
  offer_notified: 'Ban tổ chức báo lời mời qua điện thoại',
  link_resent: 'Gửi lại đường liên kết quản lý',
  reduced: 'Giảm số gian',
  products_updated: 'Sửa sản phẩm trưng bày',
  contact_updated: 'Sửa thông tin liên hệ',
  cancelled: 'Hủy đăng ký',
};

/** A raw statement (raw-statement.ts): every registration writes one. */
const insertEvent = rawStatementOnce(
  `INSERT INTO registration_events (${[E.registrationId, E.at, E.kind, E.fromStatus, E.toStatus, E.note, E.actor].map((c) => c.name).join(', ')}) VALUES (?, ?, ?, ?, ?, ?, ?)`,
);

/**
 * Records one change of a registration, inside the caller's transaction. `note` is shown to the
 * applicant: never personal data or a secret.
 */
export function recordEvent(
  tx: DbLike,
  event: { registrationId: number; at: Date; kind: string; actor: EventActor; from: RegistrationStatus | null; to: RegistrationStatus | null; note?: string | null },
): void {
  insertEvent(tx).run(event.registrationId, event.at.getTime(), event.kind, event.from, event.to, event.note ?? null, event.actor);
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
    offerWaitingForMessage: reg.status === 'offered' && !reg.offerExpiresAt,
    boothNumbers: reg.boothNumbers,
    products: reg.products,
    directoryConsent: reg.directoryConsentAt !== null,
    rejectReason: reg.rejectReason,
    createdAt: reg.createdAt.toISOString(),
    history: registrationHistory(reg.id, db),
  };
}
