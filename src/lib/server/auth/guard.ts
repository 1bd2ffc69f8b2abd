/**
 * Guards for on-demand pages and API routes. Pages send an anonymous visitor to the sign-in
 * page with a return address and show a 403 page for a wrong role; APIs answer 401 / 403 JSON.
 *
 * @example API route
 * export const POST = apiRoute(async (context) => {
 *   const { user } = requireRole(context, ['organiser', 'admin']);
 *   …
 * });
 * @example Page
 * const auth = await requirePageRole(Astro, ['admin']);
 * if (auth instanceof Response) return auth;
 */
import type { APIContext, AstroGlobal } from 'astro';
import { HttpError } from '../errors';
import type { Session, SessionUser } from './session';
import { ROLES, type Role } from '../../vocabulary';

export interface AuthContext {
  user: SessionUser;
  session: Session;
}

/** Every signed-in role (the console's own pages). */
export const ANY_ROLE: readonly Role[] = ROLES;

type Ctx = Pick<APIContext, 'locals'>;

/** The signed-in user and session, or null. */
export function getAuth(context: Ctx): AuthContext | null {
  const { user, session } = context.locals;
  return user && session ? { user, session } : null;
}

/** For API routes: throws HttpError `unauthenticated` (401) or `forbidden` (403). */
export function requireRole(context: Ctx, roles: readonly Role[]): AuthContext {
  const auth = getAuth(context);
  if (!auth) throw new HttpError('unauthenticated');
  if (!roles.includes(auth.user.role)) throw new HttpError('forbidden');
  return auth;
}

/** The sign-in page's address with a return address to the current page. */
export function loginUrl(url: URL): string {
  return `/dang-nhap?next=${encodeURIComponent(url.pathname + url.search)}`;
}

/** The page shown (with status 403) when a signed-in user lacks the role. */
export const FORBIDDEN_PAGE = '/quan-tri/khong-co-quyen';

/**
 * For pages: the auth context, or a Response to return at once — a redirect to the sign-in
 * page for anonymous visitors, the 403 page for a wrong role.
 */
export async function requirePageRole(
  context: Pick<AstroGlobal, 'locals' | 'url' | 'redirect' | 'rewrite'>,
  roles: readonly Role[],
): Promise<AuthContext | Response> {
  const auth = getAuth(context);
  if (!auth) return context.redirect(loginUrl(context.url));
  if (!roles.includes(auth.user.role)) return context.rewrite(FORBIDDEN_PAGE);
  return auth;
}
