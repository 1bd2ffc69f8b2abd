/**
 * POST /api/auth/logout — ends the session and clears the cookie. JSON clients get 204; the
 * console's plain form is redirected to the sign-in page. Idempotent: without a session it
 * answers the same.
 */
import { apiRoute, isFormPost, requireSameOrigin } from '~/lib/server/http';
import { signOut } from '~/lib/server/auth/login';
import { deleteSessionTokenCookie } from '~/lib/server/auth/session';
import { clientIp } from '~/lib/server/request';

export const prerender = false;

export const POST = apiRoute((context) => {
  const form = isFormPost(context.request);
  if (!form) requireSameOrigin(context);
  if (context.locals.session) signOut(context.locals.session, clientIp(context));
  deleteSessionTokenCookie(context.cookies);
  return form ? context.redirect('/dang-nhap?da-dang-xuat=1', 303) : new Response(null, { status: 204 });
});
