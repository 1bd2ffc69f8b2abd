/**
 * POST /api/auth/login — JSON `{ email, password }` → 200 `{ user }` and the session cookie;
 * 400 invalid input, 401 wrong credentials, 429 locked (Retry-After). The sign-in page's plain
 * form posts here too and is redirected: to `next` on success, back to the page otherwise.
 */
import { z } from 'zod';
import { AppError } from '~/lib/server/errors';
import { apiRoute, isFormPost, json, readJsonOrForm, requireSameOrigin, safeNext } from '~/lib/server/http';
import { LoginSchema, signIn } from '~/lib/server/auth/login';
import { setSessionTokenCookie } from '~/lib/server/auth/session';
import { clientIp } from '~/lib/server/request';

export const prerender = false;

// No length limit on `next` here: safeNext refuses a long one, and a refused return address
// must not make the sign-in itself fail.
const LoginFormSchema = LoginSchema.extend({ next: z.string().optional() });

export const POST = apiRoute(async (context) => {
  const form = isFormPost(context.request);
  if (!form) requireSameOrigin(context);
  const back = (code: string, next?: string) =>
    context.redirect(`/dang-nhap?loi=${code}${next ? `&next=${encodeURIComponent(safeNext(next))}` : ''}`, 303);
  try {
    const { data } = await readJsonOrForm(context.request, LoginFormSchema);
    try {
      const { token, session, user } = await signIn(data, clientIp(context));
      setSessionTokenCookie(context.cookies, token, session.expiresAt);
      return form ? context.redirect(safeNext(data.next), 303) : json({ user });
    } catch (error) {
      if (form && error instanceof AppError) return back(String(error.code), data.next);
      throw error;
    }
  } catch (error) {
    if (form && error instanceof AppError) return back(String(error.code));
    throw error;
  }
});
