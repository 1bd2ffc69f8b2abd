/**
 * Facts about the incoming request that several modules need (client IP for throttling and
 * the audit log). Kept apart from http.ts so domain modules do not import route helpers.
 */
import type { IncomingMessage } from 'node:http';
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
  let address: string | null;
  try {
    address = context.clientAddress || null;
  } catch {
    // Astro throws when the adapter cannot tell (prerendering).
    address = null;
  }
  return clientIpFrom(context.request.headers.get('x-forwarded-for'), address);
}

/** `clientIp` from its two facts: the X-Forwarded-For header and the adapter's client address. */
export function clientIpFrom(forwardedFor: string | null | undefined, clientAddress: string | null): string | null {
  if (getEnv().TRUST_PROXY) {
    const last = forwardedFor?.split(',').at(-1)?.trim();
    if (last) return last;
  }
  return clientAddress || null;
}

/**
 * The client address Astro's Node adapter gives a request (`context.clientAddress`): the first
 * X-Forwarded-For value, else the socket's peer (http-server.ts drops the header unless
 * TRUST_PROXY is set). For a caller that answers before Astro (registrations/fast-path.ts), so
 * that its rate limit and audit rows see the same address.
 */
export function adapterClientAddress(req: IncomingMessage): string | null {
  const first = req.headers['x-forwarded-for']?.toString().split(',').map((e) => e.trim())[0];
  return first || req.socket.remoteAddress || null;
}
