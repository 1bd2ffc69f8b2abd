/**
 * The server entry's fast path for `POST /api/fairs/{slug}/registrations` (entrypoint.ts): the
 * route's own answerRegistrationPost (api.ts), called from the socket. What it skips is what a
 * public, cookie-less JSON post never needs and what cost a registration most of its time on
 * the main thread (README "Booth registration"): the WHATWG Request built from the socket (its
 * headers copied, its body as a web stream), the middleware's session lookup, Astro's routing,
 * render context and per-request AsyncLocalStorage (promise hooks on every promise under
 * Node 20), and the Response's body stream copied back into the socket.
 *
 * It takes only the requests on which Astro would add nothing, and leaves the rest to Astro:
 * - a Cookie header that may carry the session cookie: the middleware signs the organiser in
 *   (the audit row names them) or clears a stale cookie;
 * - a missing or form-like Content-Type: Astro's own origin check refuses a cross-site form
 *   post before the route (security.checkOrigin);
 * - an Origin other than SITE_URL's: the route also accepts the request's own origin, which
 *   Astro derives from Host, X-Forwarded-* and security.allowedDomains (a missing Origin is
 *   refused here, the same 403 either way);
 * - a slug that is not a fair's form (percent-encoded, upper case…): Astro decodes and routes it.
 * The answer leaves as the adapter writes a Response: the same status, headers (in lower case,
 * sorted, as a Headers object lists them) after the security headers http-server.ts set, and
 * the same body, through the same compression layer.
 */
import type http from 'node:http';
import { SESSION_COOKIE } from '../auth/session';
import { compressOnDemand } from '../compression';
import { siteOrigin, type JsonAnswer } from '../http';
import { lazyModule } from '../lazy-module';
import { adapterClientAddress, clientIpFrom } from '../request';
import { socketBody } from '../request-body';

type Api = typeof import('./api');

const withApi = lazyModule<Api>(() => import('./api'));

/** The route's path; the slug as getFairInfo accepts it, so no decoding can differ from Astro's. */
const TARGET = /^\/api\/fairs\/([a-z0-9-]{1,120})\/registrations(?:\?|$)/;

/** What Astro's origin check treats as a form post (a substring of the header, as there). */
const FORM_LIKE = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/**
 * The fair's slug when the fast path answers this request (a POST to the route that Astro would
 * treat no differently, see the module's comment), else null: Astro answers it.
 */
export function fastRegistrationSlug(req: Pick<http.IncomingMessage, 'method' | 'url' | 'headers'>): string | null {
  if (req.method !== 'POST') return null;
  const slug = TARGET.exec(req.url ?? '')?.[1];
  if (slug === undefined) return null;
  const type = req.headers['content-type']?.toLowerCase();
  if (type === undefined || FORM_LIKE.some((t) => type.includes(t))) return null;
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== siteOrigin()) return null;
  if (req.headers.cookie?.includes(SESSION_COOKIE)) return null;
  return slug;
}

function post(m: Api, req: http.IncomingMessage, res: http.ServerResponse, slug: string): Promise<void> {
  const headers = req.headers;
  const idempotencyKey = headers['idempotency-key'];
  return m
    .answerRegistrationPost({
      slug,
      origin: headers.origin ?? null,
      // Only the site's Origin (or none) comes this way: the request's own origin decides nothing.
      ownOrigin: siteOrigin(),
      // Nobody is signed in (no session cookie); the IP as the route reads it from Astro.
      actor: { actorId: null, ip: clientIpFrom(headers['x-forwarded-for']?.toString(), adapterClientAddress(req)) },
      idempotencyKey: typeof idempotencyKey === 'string' ? idempotencyKey : null,
      body: socketBody(req),
    })
    .then((answer) => send(req, res, answer))
    .catch((error: unknown) => {
      // The answer is never a throw (answerRegistrationPost catches): only writing it fails here.
      res.destroy(error instanceof Error ? error : undefined);
    });
}

/** Writes `answer` as the adapter writes the route's Response (see the module's comment). */
function send(req: http.IncomingMessage, res: http.ServerResponse, answer: JsonAnswer): void {
  compressOnDemand(req, res);
  const headers = Object.entries(answer.headers)
    .map(([name, value]) => [name.toLowerCase(), value] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : 1));
  res.writeHead(answer.status, Object.fromEntries(headers));
  if (answer.body === undefined) res.end();
  else res.end(answer.body);
}

/**
 * Answers a registration post that `fastRegistrationSlug` took. `fallback` hands it to Astro
 * when the route's module cannot be loaded (nothing has been done by then); once the post is
 * under way, Astro never sees it (it would count and write it twice).
 */
export function answerRegistration(req: http.IncomingMessage, res: http.ServerResponse, slug: string, fallback: () => void): void {
  withApi((m) => void post(m, req, res, slug), fallback);
}
