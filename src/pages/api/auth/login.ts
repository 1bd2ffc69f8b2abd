/**
 * POST /api/auth/login — JSON `{ email, password }` → 200 `{ user }` and the session cookie;
 * 400 invalid input, 401 wrong credentials, 429 locked (Retry-After). The sign-in page's plain
 * form posts here too and is redirected: to `next` on success, back to the page otherwise.
 */
import { z } from 'zod';
import { AppError } from '~/lib/server/errors';
import { apiRoute, isFormPost, json, readJsonOrForm, requireSameOrigin, safeNext } from '~/lib/server/http';
import { LoginSchema, signIn } from '~/lib/server/auth/login';
import { getDeviceCookie, setDeviceCookie } from '~/lib/server/auth/known-sources';
import { setSessionTokenCookie } from '~/lib/server/auth/session';
import { clientIp } from '~/lib/server/request';

export const prerender = false;

// No length limit on `next` here: safeNext refuses a long one, and a refused return address
// must not make the sign-in itself fail.
const LoginFormSchema = LoginSchema.extend({ next: z.string().optional() });

export const POST = apiRoute(async (context) => {
  const form = isFormPost(context.request);
  if (!form) requireSameOrigin(context);
  // Back to the sign-in page with the error's code (and a 429's wait in minutes, "cho"): the
  // page shows the catalogue's message.
  const back = (error: AppError, next?: string) => {
    const query = new URLSearchParams({ loi: error.code });
    if (error.retryAfterSeconds !== undefined) query.set('cho', String(Math.ceil(error.retryAfterSeconds / 60)));
    if (next) query.set('next', safeNext(next));
    return context.redirect(`/dang-nhap?${query.toString()}`, 303);
  };
  try {
    const { data } = await readJsonOrForm(context.request, LoginFormSchema);
    try {
      const { token, session, user, deviceToken } = await signIn(data, clientIp(context), { deviceToken: getDeviceCookie(context.cookies) });
      setSessionTokenCookie(context.cookies, token, session.expiresAt);
      setDeviceCookie(context.cookies, deviceToken);
      return form ? context.redirect(safeNext(data.next), 303) : json({ user });
    } catch (error) {
      if (form && error instanceof AppError) return back(error as AppError, data.next);
      throw error;
    }
  } catch (error) {
    if (form && error instanceof AppError) return back(error as AppError);
    throw error;
  }
});
