/**
 * Facts about the incoming request that several modules need (client IP for throttling and
 * the audit log). Kept apart from http.ts so domain modules do not import route helpers.
 */
import { getEnv } from './env';

interface RequestLike {
  request: Request;
  clientAddress: string;
}

/**
 * The client's IP. Behind a reverse proxy (TRUST_PROXY=true) it is the last address in
 * X-Forwarded-For — the one the proxy itself appended; earlier ones are client-supplied.
 */
export function clientIp(context: RequestLike): string | null {
  if (getEnv().TRUST_PROXY) {
    const forwarded = context.request.headers.get('x-forwarded-for');
    const last = forwarded?.split(',').at(-1)?.trim();
    if (last) return last;
  }
  try {
    return context.clientAddress || null;
  } catch {
    // Astro throws when the adapter cannot tell (prerendering).
    return null;
  }
}
