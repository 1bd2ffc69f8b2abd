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
