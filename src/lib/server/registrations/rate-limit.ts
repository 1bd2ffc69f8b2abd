/**
 * Per-IP limit on registration posts: REGISTRATION_RATE_LIMIT requests per minute (0 = off).
 * Kept in memory — the server is one process; with several processes each counts its own.
 */
import { now } from '../../clock';
import { getEnv } from '../env';
import { RegistrationError } from './errors';

const WINDOW_MS = 60_000;
const hits = new Map<string, { start: number; count: number }>();

/** Counts one request from `ip`; throws 429 `rate_limited` (with Retry-After) over the limit. */
export function checkRegistrationRate(ip: string | null, limit = getEnv().REGISTRATION_RATE_LIMIT): void {
  if (limit <= 0) return;
  const key = ip ?? 'unknown';
  const t = now().getTime();
  const entry = hits.get(key);
  if (!entry || t - entry.start >= WINDOW_MS) {
    if (hits.size > 50_000) for (const [k, v] of hits) if (t - v.start >= WINDOW_MS) hits.delete(k);
    hits.set(key, { start: t, count: 1 });
    return;
  }
  entry.count++;
  if (entry.count > limit) {
    throw new RegistrationError('rate_limited', { retryAfterSeconds: Math.max(1, Math.ceil((entry.start + WINDOW_MS - t) / 1000)) });
  }
}

/** Forgets all counts (tests). */
export function resetRegistrationRate(): void {
  hits.clear();
}
