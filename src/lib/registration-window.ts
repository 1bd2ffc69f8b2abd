/**
 * A fair's registration window: the one rule the fair calendar, the registration domain, the
 * availability API and the browser island share. Client-safe (no content, no database).
 */
export type WindowState = 'upcoming' | 'open' | 'closed';

export const WINDOW_STATE_LABELS: Record<WindowState, string> = {
  upcoming: 'Sắp mở đăng ký',
  open: 'Đang mở đăng ký',
  closed: 'Đã đóng đăng ký',
};

/** State of a registration window at `at`. A fair without a window, or cancelled, is closed. */
export function registrationWindowState(
  fair: { status: string; registration?: { opens: Date; closes: Date } | null | undefined },
  at: Date,
): WindowState {
  if (!fair.registration || fair.status === 'cancelled') return 'closed';
  if (at < fair.registration.opens) return 'upcoming';
  if (at >= fair.registration.closes) return 'closed';
  return 'open';
}
