/**
 * The session cookie → `locals.user` / `locals.session`, then the content editor's guard.
 * Nothing else: guards live in lib/server/auth/guard.ts, security headers in
 * lib/server/http-server.ts.
 */
import { defineMiddleware } from 'astro:middleware';
import {
  SESSION_COOKIE,
  deleteSessionTokenCookie,
  setSessionTokenCookie,
  validateSessionToken,
} from './lib/server/auth/session';
import { guardContentEditor } from './lib/server/cms/guard';

export const onRequest = defineMiddleware((context, next) => {
  context.locals.user = null;
  context.locals.session = null;
  // Prerendered pages are built once for everyone: no cookies, no database.
  if (context.isPrerendered) return next();
  const token = context.cookies.get(SESSION_COOKIE)?.value;
  if (token) {
    const { session, user } = validateSessionToken(token);
    if (session) {
      context.locals.user = user;
      context.locals.session = session;
      if (session.fresh) setSessionTokenCookie(context.cookies, token, session.expiresAt);
    } else {
      deleteSessionTokenCookie(context.cookies);
    }
  }
  // The content editor (/keystatic, /api/keystatic) has no authentication of its own.
  return guardContentEditor(context, next);
});
