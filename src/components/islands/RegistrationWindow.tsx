/**
 * A fair's registration window. The server renders the dates; after hydration the browser
 * computes the state from its own clock, so a prerendered page never shows a stale
 * "open"/"closed". Announced politely to screen readers when it appears.
 */
import { useEffect, useState } from 'react';
import { formatDateTime } from '~/lib/format';
import { WINDOW_STATE_LABELS, registrationWindowState, type WindowState } from '~/lib/registration-window';

export type WindowStatus = 'scheduled' | 'postponed' | 'cancelled';

interface Props {
  /** ISO instants. */
  opens: string;
  closes: string;
  status: WindowStatus;
}

type State = WindowState;
const LABELS = WINDOW_STATE_LABELS;

const BADGE: Record<State, string> = { upcoming: 'neutral', open: 'ok', closed: 'expired' };


export default function RegistrationWindow({ opens, closes, status }: Props) {
  const opensAt = new Date(opens);
  const closesAt = new Date(closes);
  const [state, setState] = useState<State | null>(null);

  useEffect(() => {
    const update = () => setState(registrationWindowState({ status, registration: { opens: opensAt, closes: closesAt } }, new Date()));
    update();
    // Keep it right for a page left open across the opening or closing time.
    const timer = window.setInterval(update, 60_000);
    return () => window.clearInterval(timer);
  }, [opensAt.getTime(), closesAt.getTime(), status]);

  return (
    <div className="registration-window">
      <p>
        Nhận đăng ký từ <time dateTime={opens}>{formatDateTime(opensAt)}</time> đến{' '}
        <time dateTime={closes}>{formatDateTime(closesAt)}</time>.
      </p>
      <p aria-live="polite" className="registration-state">
        {state && <span className={`badge ${BADGE[state]}`}>{LABELS[state]}</span>}
      </p>
    </div>
  );
}
