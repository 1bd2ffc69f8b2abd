/**
 * Islands on one fair page talk through a `window` CustomEvent: after a registration is
 * accepted, the form announces it and the availability table fetches the counts again.
 */
export const REGISTERED_EVENT = 'khuyen-cong:registered';

export interface RegisteredDetail {
  slug: string;
  code: string;
  status: string;
}

/** Announces a registration the server has accepted (the form island). */
export function announceRegistered(detail: RegisteredDetail): void {
  window.dispatchEvent(new CustomEvent<RegisteredDetail>(REGISTERED_EVENT, { detail }));
}

/** Calls `listener` for each registration announced for `slug`; returns the unsubscribe. */
export function onRegistered(slug: string, listener: (detail: RegisteredDetail) => void): () => void {
  const handler = (event: Event) => {
    const detail = (event as CustomEvent<RegisteredDetail | undefined>).detail;
    if (detail?.slug === slug) listener(detail);
  };
  window.addEventListener(REGISTERED_EVENT, handler);
  return () => window.removeEventListener(REGISTERED_EVENT, handler);
}

export const AVAILABILITY_EVENT = 'khuyen-cong:availability';
export const BOOTH_PICKED_EVENT = 'khuyen-cong:booth-picked';

export interface AvailabilityDetail {
  booths?: { code: string; state: 'free' | 'held' | 'confirmed' }[];
}

/** A fair's live availability, as GET /api/fairs/{slug}/availability answers. */
export interface AvailabilityData {
  window: { state: 'upcoming' | 'open' | 'closed'; opens: string | null; closes: string | null };
  boothTypes: { id: string; name: string; total: number; held: number; available: number; waitlisted: number }[];
  booths?: { code: string; state: 'free' | 'held' | 'confirmed' }[];
}

const inFlight = new Map<string, Promise<AvailabilityData>>();

/**
 * Fetches a fair's availability and announces it (`khuyen-cong:availability`), one request at a
 * time per fair: the availability island and the floor plan's script, each hydrated when it
 * scrolls into view, share an answer still on its way.
 */
export function requestAvailability(slug: string): Promise<AvailabilityData> {
  let pending = inFlight.get(slug);
  if (!pending) {
    pending = fetch(`/api/fairs/${slug}/availability`, { headers: { Accept: 'application/json' } })
      .then(async (r) => {
        if (!r.ok) throw new Error(String(r.status));
        const data = (await r.json()) as AvailabilityData;
        announceAvailability({ ...(data.booths ? { booths: data.booths } : {}) });
        return data;
      })
      .finally(() => inFlight.delete(slug));
    inFlight.set(slug, pending);
  }
  return pending;
}

/** The availability island shares what it fetched (the floor plan's script colours the booths from it). */
export function announceAvailability(detail: AvailabilityDetail): void {
  window.dispatchEvent(new CustomEvent<AvailabilityDetail>(AVAILABILITY_EVENT, { detail }));
}

export function onAvailability(listener: (detail: AvailabilityDetail) => void): () => void {
  const handler = (event: Event) => {
    const detail = (event as CustomEvent<AvailabilityDetail | undefined>).detail;
    if (detail) listener(detail);
  };
  window.addEventListener(AVAILABILITY_EVENT, handler);
  return () => window.removeEventListener(AVAILABILITY_EVENT, handler);
}

/** Booths clicked before the form island hydrated (it does when it scrolls into view): replayed to it then. */
const unheardPicks: string[] = [];
let pickListeners = 0;

/** A free booth clicked on the public plan: the form island adds it to (or removes it from) the chosen booths. */
export function pickBooth(code: string): void {
  if (pickListeners === 0) unheardPicks.push(code);
  else window.dispatchEvent(new CustomEvent<string>(BOOTH_PICKED_EVENT, { detail: code }));
}

/** Calls `listener` for each booth picked, first for those picked before anyone listened; returns the unsubscribe. */
export function onBoothPicked(listener: (code: string) => void): () => void {
  const handler = (event: Event) => {
    const code = (event as CustomEvent<string | undefined>).detail;
    if (code) listener(code);
  };
  window.addEventListener(BOOTH_PICKED_EVENT, handler);
  pickListeners++;
  for (const code of unheardPicks.splice(0)) listener(code);
  return () => {
    window.removeEventListener(BOOTH_PICKED_EVENT, handler);
    pickListeners--;
  };
}
