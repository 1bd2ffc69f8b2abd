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
import type { PlacedBooth } from '../../floor-plan';

/** A fair's floor plan as the domain sees it: its booths (code, type, rectangle, tags). */
export interface FairPlan {
  /** Applicants choose booths in the registration form. */
  boothChoice: boolean;
  booths: readonly PlacedBooth[];
}

/** What the domain needs to know about a fair (read from content by the routes). */
export interface FairInfo {
  slug: string;
  name: string;
  status: 'scheduled' | 'postponed' | 'cancelled';
  registration: { opens: Date; closes: Date; offerHours: number } | null;
  /** `count` is the capacity (from the plan when there is one); price (đồng) and support share (%) for the support figures. */
  boothTypes: readonly { id: string; name: string; count: number; price?: number; supportShare?: number }[];
  maxBoothsPerEstablishment: number;
  /** The floor plan, or none (booth numbers are then free text). Not sent to the writer thread. */
  plan?: FairPlan | null;
  /** For the per-fair schema: the plan's booths when applicants may choose them. */
  choice?: { boothChoice: boolean; booths: readonly { code: string; typeId: string }[] } | undefined;
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

/**
 * What the public is told: a duplicate (same phone or tax code — a tax code is public) says only
 * that the establishment has registered already, never that registration's code or status, which
 * with a phone number would open the lookup (`publicAnswer` in holding.ts).
 */
export type PublicRegisterAnswer = Omit<RegisterResult, 'code' | 'status' | 'heldQuantity'> & Partial<Pick<RegisterResult, 'code' | 'status' | 'heldQuantity'>>;

export interface RegisterOptions {
  idempotencyKey?: string | null;
  actor?: AuditActor;
  /** Staff typed it in for a business that phoned or walked in (history and audit say so). */
  enteredByStaff?: boolean;
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
  /** With a floor plan: every booth's state. */
  booths?: { code: string; state: 'free' | 'held' | 'confirmed' }[];
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
  /** Offered, but its clock has not started: the message about it has not been sent yet. */
  offerWaitingForMessage: boolean;
  boothNumbers: string | null;
  products: string;
  directoryConsent: boolean;
  rejectReason: string | null;
  createdAt: string;
  history: HistoryItem[];
}

export interface ListFilter {
  /** A code, part of the establishment's name (any diacritics) or a phone number. */
  q?: string | undefined;
  status?: RegistrationStatus | undefined;
  boothTypeId?: string | undefined;
  province?: string | undefined;
  support?: boolean | undefined;
}

export interface OrganiserCommand {
  action: OrganiserAction;
  reason?: string | undefined;
  boothNumbers?: string | undefined;
  /** move: the booth given up and the booth taken; vacate: the booth given up. */
  from?: string | undefined;
  to?: string | undefined;
}
