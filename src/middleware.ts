/**
 * The session cookie → `locals.user` / `locals.session`. Nothing else: guards live in
 * lib/server/auth/guard.ts, security headers in lib/server/http-server.ts.
 */
import { defineMiddleware } from 'astro:middleware';
import {
  SESSION_COOKIE,
  deleteSessionTokenCookie,
  setSessionTokenCookie,
  validateSessionToken,
} from './lib/server/auth/session';

export const onRequest = defineMiddleware((context, next) => {
  context.locals.user = null;
  context.locals.session = null;
  // Prerendered pages are built once for everyone: no cookies, no database.
  if (context.isPrerendered) return next();
  const token = context.cookies.get(SESSION_COOKIE)?.value;
  if (!token) return next();
  const { session, user } = validateSessionToken(token);
  if (session) {
    context.locals.user = user;
    context.locals.session = session;
    if (session.fresh) setSessionTokenCookie(context.cookies, token, session.expiresAt);
  } else {
    deleteSessionTokenCookie(context.cookies);
  }
  return next();
});
