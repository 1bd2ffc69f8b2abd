/**
 * The Node HTTP layer in front of Astro's handler: security headers on every response
 * (static files included, which never reach Astro's middleware), one structured log line
 * per request, limits for slow clients, and graceful shutdown.
 */
import http from 'node:http';
import type { Env } from './env';
import { DEFAULT_BODY_LIMIT } from './http';

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
 * "OK" on error statuses ("404 OK"): use the standard phrase.
 */
function patchWriteHead(res: http.ServerResponse): void {
  const original = res.writeHead.bind(res) as (status: number, ...rest: unknown[]) => http.ServerResponse;
  res.writeHead = function writeHead(status: number, ...rest: unknown[]) {
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
    patchWriteHead(res);
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
    if (bufferable(req)) readWhole(req, () => handler(req, res));
    else handler(req, res);
  });
  server.keepAliveTimeout = env.KEEP_ALIVE_TIMEOUT_SECONDS * 1000;
  return server;
}

/** Bodies read here in full: small, declared length, text (JSON or a plain form). */
const BUFFERED_TYPES = new Set(['application/json', 'application/x-www-form-urlencoded']);

function bufferable(req: http.IncomingMessage): boolean {
  if (req.method !== 'POST' && req.method !== 'PUT' && req.method !== 'PATCH') return false;
  const length = Number(req.headers['content-length']);
  if (!(length > 0 && length <= DEFAULT_BODY_LIMIT)) return false;
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return BUFFERED_TYPES.has(type);
}

/**
 * Reads a small text body before Astro sees the request and hands it over as `req.body`, which
 * Astro's adapter turns into a one-chunk Request body. Without this every POST's body goes through
 * undici's async-iterator bridge over the socket stream, a large share of a registration's cost.
 * Bodies that are large, chunked or binary still stream (and the 413 check stays in readJson).
 */
function readWhole(req: http.IncomingMessage & { body?: string }, then: () => void): void {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.once('end', () => {
    req.body = Buffer.concat(chunks).toString('utf8');
    then();
  });
  req.once('error', () => req.destroy());
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
