/**
 * A fair's registration window: the one rule the fair calendar, the registration domain, the
 * availability API and the browser island share, and the one place its sentences are written.
 * Client-safe (no content, no database).
 */
import { formatDateTime } from './format';

export type WindowState = 'upcoming' | 'open' | 'closed';

export const WINDOW_STATE_LABELS: Record<WindowState, string> = {
  upcoming: 'Sắp mở đăng ký',
  open: 'Đang mở đăng ký',
  closed: 'Đã đóng đăng ký',
};

/** What the window rule needs to know about a fair (content entries and the domain's FairInfo both fit). */
export interface WindowedFair {
  status: string;
  registration?: { opens: Date; closes: Date } | null | undefined;
}

/** State of a registration window at `at`. A fair without a window, or cancelled, is closed. */
export function registrationWindowState(fair: WindowedFair, at: Date): WindowState {
  if (!fair.registration || fair.status === 'cancelled') return 'closed';
  if (at < fair.registration.opens) return 'upcoming';
  if (at >= fair.registration.closes) return 'closed';
  return 'open';
}

/** "từ 08:00 01/09/2026 đến 17:00 31/03/2027". */
export function windowRange(registration: { opens: Date; closes: Date }): string {
  return `từ ${formatDateTime(registration.opens)} đến ${formatDateTime(registration.closes)}`;
}

/** The calendar's line about a fair's window at `at`; null for a cancelled fair (its badge says it). */
export function windowSummary(fair: WindowedFair, at: Date): string | null {
  const r = fair.registration;
  if (fair.status === 'cancelled') return null;
  if (!r) return 'Chưa công bố thời hạn đăng ký gian hàng';
  const state = registrationWindowState(fair, at);
  if (state === 'open') return `Đang mở đăng ký, đến ${formatDateTime(r.closes)}`;
  if (state === 'upcoming') return `Sắp mở đăng ký: ${windowRange(r)}`;
  return `Đã đóng đăng ký (${formatDateTime(r.opens)} – ${formatDateTime(r.closes)})`;
}

/**
 * Why a fair with a window does not take registrations at `at`, with its dates (the 409
 * answer's message); null while it is open. Cancelled fairs and fairs without a window have
 * their own messages in the error catalogue.
 */
export function windowRefusal(registration: { opens: Date; closes: Date }, state: WindowState): string | null {
  if (state === 'open') return null;
  if (state === 'upcoming') return `Hội chợ chưa mở đăng ký. Thời hạn đăng ký ${windowRange(registration)}.`;
  return `Đã hết hạn đăng ký. Thời hạn đăng ký là ${windowRange(registration)}.`;
}
