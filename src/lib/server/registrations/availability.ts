/**
 * What the public sees of a fair's registration: whether its window is open (and the 409 that
 * says when it is, in the window module's sentences) and the live booth counts.
 */
import { now } from '../../clock';
import { registrationWindowState, windowRefusal } from '../../registration-window';
import { getDb, type AppDb } from '../db';
import { boothStates } from './booths';
import { countsForFair } from './capacity';
import { RegistrationError } from './errors';
import type { Availability, FairInfo } from './types';
import { expireOffers } from './waitlist';

/** Throws 409 (with the window's dates) unless `fair` takes registrations at `at`. */
export function requireOpenWindow(fair: FairInfo, at: Date = now()): void {
  const state = registrationWindowState(fair, at);
  if (state === 'open') return;
  const r = fair.registration;
  const extra = { window: { state, ...(r ? { opens: r.opens.toISOString(), closes: r.closes.toISOString() } : {}) } };
  if (fair.status === 'cancelled') throw new RegistrationError('fair_cancelled', { extra });
  if (!r) throw new RegistrationError('no_registration', { extra });
  const message = windowRefusal(r, state) ?? undefined;
  throw new RegistrationError(state === 'upcoming' ? 'window_upcoming' : 'window_closed', { extra, ...(message ? { message } : {}) });
}

/** Live availability of a fair's booth types (due offers expire first). */
export function getAvailability(fair: FairInfo, db: AppDb = getDb()): Availability {
  expireOffers(fair, db);
  const counts = countsForFair(fair, db);
  return {
    window: {
      state: registrationWindowState(fair, now()),
      opens: fair.registration?.opens.toISOString() ?? null,
      closes: fair.registration?.closes.toISOString() ?? null,
    },
    boothTypes: fair.boothTypes.map((b) => {
      const c = counts.get(b.id);
      return { id: b.id, name: b.name, total: b.count, held: c?.held ?? 0, available: c?.free ?? b.count, waitlisted: c?.waitlisted ?? 0 };
    }),
    ...(fair.plan ? { booths: planBooths(fair) } : {}),
  };
}

/**
 * Each booth of the plan: free, held (a pending or offered registration has it) or confirmed
 * (approved). Who holds it is never said here; the exhibitor directory names approved
 * exhibitors who agreed to it.
 */
export function planBooths(fair: FairInfo, db: AppDb = getDb()): { code: string; state: 'free' | 'held' | 'confirmed' }[] {
  const states = boothStates(fair.slug, db);
  return (fair.plan?.booths ?? []).map((b) => ({ code: b.code, state: states.get(b.code) ?? 'free' }));
}
