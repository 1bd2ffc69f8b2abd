/**
 * Per-IP limit on registration posts: REGISTRATION_RATE_LIMIT requests per minute (0 = off).
 * Per-IP and per-code limit on status lookups (code + phone): LOOKUP_LIMIT per LOOKUP_WINDOW_MS,
 * so the phone of a known code cannot be guessed by trying numbers (also off when
 * REGISTRATION_RATE_LIMIT=0, which turns all registration throttling off).
 * Kept in memory — the server is one process; with several processes each counts its own.
 */
import { now } from '../../clock';
import { getEnv } from '../env';
import { RegistrationError } from './errors';

type Counts = Map<string, { start: number; count: number }>;

/** Counts one hit of `key` in a fixed window; the seconds until the window ends when over `limit`, else null. */
function hit(counts: Counts, key: string, limit: number, windowMs: number): number | null {
  const t = now().getTime();
  const entry = counts.get(key);
  if (!entry || t - entry.start >= windowMs) {
    if (counts.size > 50_000) for (const [k, v] of counts) if (t - v.start >= windowMs) counts.delete(k);
    counts.set(key, { start: t, count: 1 });
    return null;
  }
  entry.count++;
  return entry.count > limit ? Math.max(1, Math.ceil((entry.start + windowMs - t) / 1000)) : null;
}

const WINDOW_MS = 60_000;
const hits: Counts = new Map();

/** Counts one request from `ip`; throws 429 `rate_limited` (with Retry-After) over the limit. */
export function checkRegistrationRate(ip: string | null, limit = getEnv().REGISTRATION_RATE_LIMIT): void {
  if (limit <= 0) return;
  const wait = hit(hits, ip ?? 'unknown', limit, WINDOW_MS);
  if (wait !== null) throw new RegistrationError('rate_limited', { retryAfterSeconds: wait });
}

/** Status lookups allowed per IP, and per registration code, in LOOKUP_WINDOW_MS. */
export const LOOKUP_LIMIT = 20;
export const LOOKUP_WINDOW_MS = 10 * 60_000;
const lookupsByIp: Counts = new Map();
const lookupsByCode: Counts = new Map();

/**
 * Counts one status lookup from `ip` for `code` (both counted, even when one is already over);
 * throws 429 `lookup_rate_limited` with Retry-After when either is over its limit.
 */
export function checkLookupRate(
  ip: string | null,
  code: string,
  limit = getEnv().REGISTRATION_RATE_LIMIT > 0 ? LOOKUP_LIMIT : 0,
  windowMs = LOOKUP_WINDOW_MS,
): void {
  if (limit <= 0) return;
  const byIp = hit(lookupsByIp, ip ?? 'unknown', limit, windowMs);
  const byCode = hit(lookupsByCode, code.trim().toUpperCase(), limit, windowMs);
  const wait = Math.max(byIp ?? 0, byCode ?? 0);
  if (wait > 0) {
    const minutes = Math.ceil(wait / 60);
    throw new RegistrationError('lookup_rate_limited', {
      retryAfterSeconds: wait,
      message: `Bạn đã tra cứu quá nhiều lần. Vui lòng thử lại sau ${String(minutes)} phút.`,
    });
  }
}

/** Forgets all counts (tests). */
export function resetRegistrationRate(): void {
  hits.clear();
  lookupsByIp.clear();
  lookupsByCode.clear();
}
