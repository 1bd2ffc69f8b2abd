import { cleanText } from '../../text';
/**
 * Pure rules of booth registration: capacity arithmetic, who gets freed booths (and whether a
 * move to the waiting list would hand them straight back), which organiser action is allowed
 * from which status, booth numbers, confirmation codes. No I/O: the transactions in holding.ts,
 * waitlist.ts and review.ts read the rows and ask these. Table-driven tests in
 * tests/unit/registration-rules.test.ts.
 */
import { REGISTRATION_STATUS_LABELS, type RegistrationStatus } from '../../vocabulary';

/** Readable on the phone: no 0/O, no 1/I. 32 symbols → 5 bits each. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const CODE_LENGTH = 6;

/** A code from `bytes` (at least CODE_LENGTH random bytes). */
export function codeFromBytes(bytes: Uint8Array): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET.charAt((bytes[i] ?? 0) & 31);
  return code;
}

/** Statuses whose booths are held (count against capacity): the one list, SQL included. */
export const HOLDING_STATUSES = ['pending', 'offered', 'approved'] as const satisfies readonly RegistrationStatus[];

/** Whether a registration in `status` holds its booths. */
export function isHolding(status: RegistrationStatus): boolean {
  return (HOLDING_STATUSES as readonly RegistrationStatus[]).includes(status);
}
/** Statuses that no longer count as the establishment's registration (the partial unique indexes' condition). */
export const INACTIVE_STATUSES = ['cancelled', 'rejected', 'expired'] as const satisfies readonly RegistrationStatus[];
/** Statuses that still count as the establishment's registration (duplicates). */
export const ACTIVE_STATUSES: readonly RegistrationStatus[] = ['pending', 'offered', 'approved', 'waitlisted'];

/** Booths still free when `held` of `capacity` are held (never negative: content may lower a count below what is held). */
export function freeBooths(capacity: number, held: number): number {
  return Math.max(0, capacity - held);
}

export type HoldDecision = { status: 'pending'; hold: number } | { status: 'waitlisted'; hold: 0 };

/**
 * A new request for `quantity` booths with `held` of `capacity` already held: hold them all
 * when they fit; hold what is left when the applicant accepts fewer; otherwise wait.
 */
export function decideHold(capacity: number, held: number, quantity: number, acceptFewer: boolean): HoldDecision {
  const free = freeBooths(capacity, held);
  if (quantity <= free) return { status: 'pending', hold: quantity };
  if (acceptFewer && free > 0) return { status: 'pending', hold: free };
  return { status: 'waitlisted', hold: 0 };
}

export interface WaitingEntry {
  id: number;
  quantity: number;
  acceptFewer: boolean;
}

/**
 * Who receives offers when `free` booths are available: in waiting-list order, each entry that
 * fits gets its quantity (or what is left, if it accepts fewer); entries that do not fit are
 * passed over, keeping their place.
 */
export function pickOffers(free: number, waiting: readonly WaitingEntry[]): { id: number; quantity: number }[] {
  const offers: { id: number; quantity: number }[] = [];
  let left = free;
  for (const w of waiting) {
    if (left <= 0) break;
    if (w.quantity <= left) {
      offers.push({ id: w.id, quantity: w.quantity });
      left -= w.quantity;
    } else if (w.acceptFewer) {
      offers.push({ id: w.id, quantity: left });
      left = 0;
    }
  }
  return offers;
}

/** A place on the waiting list: `waitlistedAt` (epoch ms) orders it, the id breaks ties. */
export interface WaitingPlace extends WaitingEntry {
  waitlistedAt: number;
}

/** The waiting list's order: who joined first, then the older registration. */
export function byWaitlistOrder(a: WaitingPlace, b: WaitingPlace): number {
  return a.waitlistedAt - b.waitlistedAt || a.id - b.id;
}

/**
 * Whether moving `candidate` (holding `releasing` booths) to the end of its type's waiting list
 * at `at` would hand its booths straight back to it: the booths it frees, plus what is already
 * free, are offered to the waiting list in order, and `candidate` — last in line — would be
 * among those offered.
 */
export function wouldBeOfferedBack(args: {
  capacity: number;
  held: number;
  releasing: number;
  waiting: readonly WaitingPlace[];
  candidate: WaitingEntry;
  at: number;
}): boolean {
  const free = freeBooths(args.capacity, args.held - args.releasing);
  if (free <= 0) return false;
  const line = [...args.waiting, { ...args.candidate, waitlistedAt: args.at }].sort(byWaitlistOrder);
  return pickOffers(free, line).some((o) => o.id === args.candidate.id);
}

/** When an offer made at `at` runs out. */
export function offerExpiry(at: Date, offerHours: number): Date {
  return new Date(at.getTime() + offerHours * 3600_000);
}

export interface TypeCounts {
  total: number;
  /** Held by pending registrations and open offers. */
  pending: number;
  offered: number;
  approved: number;
  /** Booths asked for on the waiting list. */
  waitlisted: number;
  /** pending + offered + approved. */
  held: number;
  free: number;
  /** Held beyond the capacity in content (content lowered the count). */
  overbooked: number;
}

/**
 * Counts of one booth type from its capacity and its registrations (or per-status sums of
 * them): booths held per holding status, booths asked for on the waiting list, and what that
 * leaves free — the same `freeBooths` the hold and the offers use.
 */
export function countBooths(
  total: number,
  rows: readonly { status: RegistrationStatus; heldQuantity: number; quantity: number }[],
): TypeCounts {
  const c: TypeCounts = { total, pending: 0, offered: 0, approved: 0, waitlisted: 0, held: 0, free: 0, overbooked: 0 };
  for (const r of rows) {
    if (isHolding(r.status)) {
      c[r.status as (typeof HOLDING_STATUSES)[number]] += r.heldQuantity;
      c.held += r.heldQuantity;
    } else if (r.status === 'waitlisted') c.waitlisted += r.quantity;
  }
  c.free = freeBooths(total, c.held);
  c.overbooked = Math.max(0, c.held - total);
  return c;
}

export type OrganiserAction = 'approve' | 'reject' | 'waitlist' | 'assign' | 'move' | 'vacate' | 'offer-notified';

const ALLOWED: Record<OrganiserAction, readonly RegistrationStatus[]> = {
  approve: ['pending'],
  reject: ['pending', 'approved', 'waitlisted', 'offered', 'expired'],
  waitlist: ['pending', 'approved', 'offered', 'expired'],
  assign: ['pending', 'approved'],
  move: ['pending', 'approved'],
  vacate: ['pending', 'approved'],
  // Staff phoned the applicant about an offer whose message cannot be sent: its clock starts.
  'offer-notified': ['offered'],
};

/** Whether an organiser may take `action` on a registration in `status`. */
export function canOrganiser(action: OrganiserAction, status: RegistrationStatus): boolean {
  return ALLOWED[action].includes(status);
}

/** Whether the applicant may still cancel. */
export function canCancel(status: RegistrationStatus): boolean {
  return ACTIVE_STATUSES.includes(status);
}

/**
 * The first of `numbers` that another holding registration of the fair already has, or null.
 * `others` are the booth-number lists ("A01, A02") of the fair's other holding registrations.
 */
export function takenBoothNumber(numbers: readonly string[], others: readonly (string | null)[]): string | null {
  const taken = new Set(others.flatMap((o) => (o ? o.split(', ') : [])));
  return numbers.find((n) => taken.has(n)) ?? null;
}

/** The shared labels, checked here against the database's statuses. */
export const STATUS_LABELS: Record<RegistrationStatus, string> = REGISTRATION_STATUS_LABELS;

/**
 * Booth numbers typed by an organiser ("A01, A02") → a clean list, or a Vietnamese message.
 * At most `held` numbers, each 1–12 letters, digits or "-".
 */
export type BoothNumbersProblem = 'invalid_booth_numbers' | 'duplicate_booth_numbers' | 'too_many_booth_numbers';

export function parseBoothNumbers(
  raw: string,
  held: number,
): { ok: true; numbers: string[] } | { ok: false; code: BoothNumbersProblem; message: string } {
  // Cleaned first (lib/text.ts): a zero-width space inside "A0\u200b1" must not make a second number.
  const numbers = cleanText(raw)
    .split(/[,;\s]+/)
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
  if (numbers.length === 0) return { ok: false, code: 'invalid_booth_numbers', message: 'Vui lòng nhập số gian, ví dụ: A01, A02.' };
  if (numbers.some((n) => !/^[A-Z0-9-]{1,12}$/.test(n)))
    return { ok: false, code: 'invalid_booth_numbers', message: 'Số gian chỉ gồm chữ không dấu, chữ số và dấu "-" (tối đa 12 ký tự), cách nhau bằng dấu phẩy.' };
  const seen = new Set<string>();
  const twice = numbers.find((n) => (seen.has(n) ? true : (seen.add(n), false)));
  if (twice) return { ok: false, code: 'duplicate_booth_numbers', message: `Số gian ${twice} bị nhập hai lần; mỗi số gian chỉ nhập một lần.` };
  if (numbers.length > held)
    return { ok: false, code: 'too_many_booth_numbers', message: `Đơn này giữ ${String(held)} gian; không thể gán ${String(numbers.length)} số gian.` };
  return { ok: true, numbers };
}
