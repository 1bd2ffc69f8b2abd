/**
 * The guard of the content editor. Keystatic's local-mode API has no authentication of its
 * own: unguarded, anyone could read and write the content files. Every request whose path is
 * under /keystatic or /api/keystatic — however it is spelled — needs a signed-in editor or
 * admin, and writes need this site's Origin. It runs in the middleware, on the path Astro
 * routes by (dot segments already resolved), and each of the editor's routes checks again.
 */
import type { APIContext } from 'astro';
import { getEnv } from '../env';
import { FORBIDDEN_PAGE, loginUrl } from '../auth/guard';
import type { Role } from '../../vocabulary';
import { CmsError, cmsErrorResponse } from './errors';

/** Who may edit and publish content. */
export const EDITOR_ROLES: readonly Role[] = ['editor', 'admin'];

export type CmsArea = 'page' | 'api';

/**
 * Whether a path belongs to the editor: decoded (repeatedly: %252f), backslashes as slashes,
 * runs of slashes collapsed, dot segments resolved, case and trailing slashes ignored. A path
 * that cannot be decoded counts as the editor's, so that it is refused rather than let through.
 */
export function cmsArea(pathname: string): CmsArea | null {
  let path = pathname;
  for (let i = 0; i < 4; i++) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return /keystatic/i.test(path) ? 'api' : null;
    }
    if (decoded === path) break;
    path = decoded;
  }
  path = path.replace(/\\/g, '/').replace(/\/{2,}/g, '/');
  path = new URL(path.startsWith('/') ? path : `/${path}`, 'http://x').pathname.toLowerCase().replace(/\/+$/, '');
  if (path === '/api/keystatic' || path.startsWith('/api/keystatic/')) return 'api';
  if (path === '/keystatic' || path.startsWith('/keystatic/')) return 'page';
  return null;
}

type GuardContext = Pick<APIContext, 'url' | 'locals' | 'request' | 'redirect' | 'rewrite'>;

/**
 * The middleware's part: refuses editor paths to whoever may not use them (`refusal`), and
 * gives the editor's page the Content-Security-Policy Keystatic needs — its styles are
 * injected at run time (CSS-in-JS) and its image previews are blob: URLs. Scripts stay
 * limited to Astro's hashes and this site; Keystatic's request for a Google font stays blocked.
 */
export async function guardContentEditor(context: GuardContext, next: () => Promise<Response>): Promise<Response> {
  const area = cmsArea(context.url.pathname);
  if (!area) return next();
  const refused = refusal(context, area);
  if (refused) return refused;
  const response = await next();
  const csp = response.headers.get('content-security-policy');
  if (area === 'page' && csp) response.headers.set('content-security-policy', editorPolicy(csp));
  return response;
}

/** Astro's policy with `style-src 'self' 'unsafe-inline'` and `img-src` allowing blob: previews. */
export function editorPolicy(csp: string): string {
  const directives = csp
    .split(';')
    .map((d) => d.trim())
    .filter(Boolean)
    .filter((d) => !/^(style-src|img-src)\s/.test(d));
  return [...directives, "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:"].join('; ');
}

/** The answer for an editor path the visitor may not use, or null to go on. */
export function refusal(context: GuardContext, area: CmsArea): Response | Promise<Response> | null {
  const user = context.locals.user;
  if (!user) {
    return area === 'api' ? cmsErrorResponse(new CmsError('unauthenticated')) : context.redirect(loginUrl(context.url), 302);
  }
  if (!EDITOR_ROLES.includes(user.role)) {
    return area === 'api' ? cmsErrorResponse(new CmsError('forbidden')) : context.rewrite(FORBIDDEN_PAGE);
  }
  const method = context.request.method;
  if (method !== 'GET' && method !== 'HEAD' && !isSameOrigin(context)) {
    return cmsErrorResponse(new CmsError('cross_origin'));
  }
  return null;
}

/** A write from this site's own pages: its Origin is the request's or SITE_URL's (as `requireSameOrigin`). */
export function isSameOrigin(context: Pick<APIContext, 'request' | 'url'>): boolean {
  const origin = context.request.headers.get('origin');
  return origin !== null && (origin === context.url.origin || origin === new URL(getEnv().SITE_URL).origin);
}
