/**
 * The registration module's types, in one file that imports nothing of the module: every other
 * file (and the writer thread's messages in writer.ts) takes its types from here, so no two
 * files of the module import each other for types.
 */
import type { AuditActor } from '../audit';
import type { schema } from '../db';
import type { RegistrationInput } from '../../registration-schema';
import type { WindowState } from '../../registration-window';
import type { RegistrationStatus } from '../../vocabulary';
import type { OrganiserAction } from './rules';

/** What the domain needs to know about a fair (read from content by the routes). */
export interface FairInfo {
  slug: string;
  name: string;
  status: 'scheduled' | 'postponed' | 'cancelled';
  registration: { opens: Date; closes: Date; offerHours: number } | null;
  boothTypes: readonly { id: string; name: string; count: number }[];
  maxBoothsPerEstablishment: number;
}

export type RegistrationRow = typeof schema.registrations.$inferSelect;

/** Who changed a registration, as its history records it. */
export type EventActor = 'applicant' | 'organiser' | 'system';

export interface RegisterResult {
  /** 201 for a new registration (and its idempotent replays), 200 for a duplicate. */
  httpStatus: 200 | 201;
  code: string;
  status: RegistrationStatus;
  heldQuantity: number;
  /** Only when this answer created the registration (or replays that answer). */
  manageUrl?: string;
  duplicate?: boolean;
  message: string;
}

export interface RegisterOptions {
  idempotencyKey?: string | null;
  actor?: AuditActor;
}

/** What a queued registration carries (also across to the writer thread: plain data only). */
export interface RegisterRequest {
  fair: FairInfo;
  input: RegistrationInput;
  options: RegisterOptions;
  /** Epoch ms of arrival: the window was checked at this instant, and the waiting list orders by it. */
  at: number;
}

export interface Availability {
  window: { state: WindowState; opens: string | null; closes: string | null };
  boothTypes: { id: string; name: string; total: number; held: number; available: number; waitlisted: number }[];
}

export interface HistoryItem {
  at: string;
  kind: string;
  label: string;
  status: RegistrationStatus | null;
  note: string | null;
}

/** What the applicant sees (lookup and management link). No token, no hashes. */
export interface RegistrationView {
  code: string;
  fair: string;
  status: RegistrationStatus;
  statusLabel: string;
  boothTypeId: string;
  quantity: number;
  heldQuantity: number;
  acceptFewer: boolean;
  offerExpiresAt: string | null;
  boothNumbers: string | null;
  rejectReason: string | null;
  createdAt: string;
  history: HistoryItem[];
}

export interface ListFilter {
  status?: RegistrationStatus | undefined;
  boothTypeId?: string | undefined;
  province?: string | undefined;
  support?: boolean | undefined;
}

export interface OrganiserCommand {
  action: OrganiserAction;
  reason?: string | undefined;
  boothNumbers?: string | undefined;
}
