/**
 * The Node HTTP layer in front of Astro's handler: security headers on every response
 * (static files included, which never reach Astro's middleware), one structured log line
 * per request, limits for slow clients, and graceful shutdown.
 */
import http from 'node:http';
import type { Env } from './env';
import { closeAfterEarlyAnswer, prepareBody } from './request-body';

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** Headers sent with every response. The per-page CSP <meta> (script/style hashes) is Astro's. */
export function securityHeaders(env: Pick<Env, 'SITE_URL'>): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Security-Policy': `${FRAME_DIRECTIVE}; object-src 'none'; base-uri 'self'; form-action 'self'`,
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
  };
  if (env.SITE_URL.startsWith('https:')) {
    headers['Strict-Transport-Security'] = 'max-age=31536000; includeSubDomains';
  }
  return headers;
}

/** The path without its query string: queries may carry tokens or phone numbers. */
function logPath(url: string | undefined): string {
  const raw = url ?? '/';
  const q = raw.indexOf('?');
  const pathOnly = q === -1 ? raw : raw.slice(0, q);
  // Management links carry a secret token in the path.
  return pathOnly.replace(/\/(quan-ly|manage)\/[^/]+/g, '/$1/[token]').replace(/^\/q\/[^/]+/, '/q/[token]');
}

/** Directives of ours that Astro's own per-page policy (script and style hashes) does not carry. */
const FRAME_DIRECTIVE = "frame-ancestors 'none'";

/**
 * Astro answers on-demand pages with its own Content-Security-Policy header (hashes), which
 * would replace ours: merge our frame-ancestors into it. Astro also leaves the reason phrase
 * "OK" on error statuses ("404 OK"): use the standard phrase. An answer written before the
 * request's body has been read to its end closes its connection (request-body.ts).
 */
function patchWriteHead(req: http.IncomingMessage, res: http.ServerResponse): void {
  const original = res.writeHead.bind(res) as (status: number, ...rest: unknown[]) => http.ServerResponse;
  res.writeHead = function writeHead(status: number, ...rest: unknown[]) {
    closeAfterEarlyAnswer(req, res);
    if (status !== 200 && (res.statusMessage === 'OK' || !res.statusMessage)) res.statusMessage = http.STATUS_CODES[status] ?? '';
    for (const arg of rest) {
      if (arg && typeof arg === 'object' && !Array.isArray(arg)) {
        const headers = arg as Record<string, unknown>;
        for (const name of Object.keys(headers)) {
          const value = headers[name];
          if (name.toLowerCase() === 'content-security-policy' && typeof value === 'string' && !value.includes('frame-ancestors')) {
            headers[name] = `${value.trim().replace(/;?$/, ';')} ${FRAME_DIRECTIVE}`;
          }
        }
      }
    }
    return original(status, ...rest);
  };
}

/**
 * Node's limits for slow clients, from the environment (env.ts says why these defaults). Node
 * checks them on a timer (every 30 s by default, which would let a 20 s limit run to 50 s):
 * check four times per header limit, at most every 5 s.
 */
export function timeoutOptions(env: Pick<Env, 'HEADERS_TIMEOUT_SECONDS' | 'REQUEST_TIMEOUT_SECONDS'>): http.ServerOptions {
  const headersTimeout = env.HEADERS_TIMEOUT_SECONDS * 1000;
  return {
    headersTimeout,
    requestTimeout: env.REQUEST_TIMEOUT_SECONDS * 1000,
    connectionsCheckingInterval: Math.min(5000, Math.max(250, Math.floor(headersTimeout / 4))),
  };
}

export function createHttpServer(handler: Handler, env: Env): http.Server {
  const headers = securityHeaders(env);
  const server = http.createServer(timeoutOptions(env), (req, res) => {
    const started = process.hrtime.bigint();
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    // Without a proxy in front X-Forwarded-For is whatever the client wrote, and Astro's adapter
    // takes its first value as the client address (the rate limits' key, the audit row's IP):
    // a client could have counted as any address it liked. Dropped, the address is the peer's.
    if (!env.TRUST_PROXY) delete req.headers['x-forwarded-for'];
    patchWriteHead(req, res);
    if (env.LOG_REQUESTS) {
      res.once('finish', () => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        process.stdout.write(
          `${JSON.stringify({
            t: new Date().toISOString(),
            method: req.method,
            path: logPath(req.url),
            status: res.statusCode,
            ms: Math.round(ms * 10) / 10,
          })}\n`,
        );
      });
    }
    prepareBody(req, () => handler(req, res));
  });
  server.keepAliveTimeout = env.KEEP_ALIVE_TIMEOUT_SECONDS * 1000;
  return server;
}

/** Stops accepting connections, lets in-flight requests finish (up to `graceMs`), then calls `done`. */
export function shutdownGracefully(server: http.Server, done: () => void, graceMs = 10_000): void {
  const timer = setTimeout(() => {
    server.closeAllConnections();
  }, graceMs);
  timer.unref();
  server.close(() => {
    clearTimeout(timer);
    done();
  });
  server.closeIdleConnections();
}
