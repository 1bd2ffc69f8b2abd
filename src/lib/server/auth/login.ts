/**
 * Signing in and out. A wrong password, an unknown email and a disabled account get the same
 * answer after the same work (an argon2 verification), so the answer reveals nothing.
 */
import { z } from 'zod';
import { audit, type AuditActor } from '../audit';
import { getDb } from '../db';
import { defineErrors } from '../errors';
import { verifyDummyPassword, verifyPassword } from './password';
import { createSession, generateSessionToken, invalidateSession, type Session, type SessionUser } from './session';
import { clearFailures, emailKey, ipKey, lockedForSeconds, recordFailure } from './throttle';
import { getUserByEmail } from './user';

export const AuthError = defineErrors({
  invalid_credentials: { status: 401, message: 'Email hoặc mật khẩu không đúng.' },
  throttled: {
    status: 429,
    message: 'Bạn đã đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 10 phút.',
  },
});
export type AuthError = InstanceType<typeof AuthError>;

/** The login body. The password is not length-checked here: a wrong one is just wrong. */
export const LoginSchema = z.object({
  email: z.string({ required_error: 'Vui lòng nhập email.' }).trim().min(1, 'Vui lòng nhập email.').max(254, 'Email quá dài.'),
  password: z.string({ required_error: 'Vui lòng nhập mật khẩu.' }).min(1, 'Vui lòng nhập mật khẩu.').max(1024, 'Mật khẩu quá dài.'),
});
export type LoginInput = z.infer<typeof LoginSchema>;

/**
 * Loopback addresses are not throttled per IP: behind a reverse proxy without TRUST_PROXY every
 * visitor would share 127.0.0.1, and ten typos anywhere would lock everybody out. Accounts
 * stay throttled. Behind a proxy, set TRUST_PROXY=true.
 */
function isLoopback(ip: string): boolean {
  return ip === '::1' || ip.startsWith('127.') || ip.startsWith('::ffff:127.');
}

function minutes(seconds: number): string {
  return String(Math.max(1, Math.ceil(seconds / 60)));
}

/**
 * Checks the credentials and opens a session. Throws AuthError `throttled` (429, with
 * retryAfterSeconds) or `invalid_credentials` (401). Writes auth.login / auth.login_failed
 * (and auth.locked when a failure locks a key) to the audit log.
 */
export async function signIn(
  input: LoginInput,
  ip: string | null,
): Promise<{ token: string; session: Session; user: SessionUser }> {
  const db = getDb();
  const email = input.email.trim().toLowerCase();
  const keys = [emailKey(email), ...(ip && !isLoopback(ip) ? [ipKey(ip)] : [])];
  const actor: AuditActor = { actorId: null, ip };

  const wait = lockedForSeconds(keys);
  if (wait > 0) {
    audit(actor, { action: 'auth.login_throttled', target: `email:${email}` });
    throw new AuthError('throttled', {
      retryAfterSeconds: wait,
      message: `Bạn đã đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${minutes(wait)} phút.`,
    });
  }

  const user = getUserByEmail(email);
  const passwordOk = user ? await verifyPassword(user.passwordHash, input.password) : await verifyDummyPassword(input.password);
  if (!user || !passwordOk || user.disabledAt !== null) {
    const reason = !user ? 'unknown_email' : !passwordOk ? 'wrong_password' : 'disabled';
    db.transaction((tx) => {
      const locked = recordFailure(keys, tx);
      audit({ actorId: null, ip }, { action: 'auth.login_failed', target: user ? `user:${user.id}` : `email:${email}`, details: { reason } }, tx);
      if (locked.length) audit(actor, { action: 'auth.locked', target: `email:${email}`, details: { keys: locked.map((k) => k.split(':')[0]) } }, tx);
    });
    throw new AuthError('invalid_credentials');
  }

  const token = generateSessionToken();
  const session = db.transaction((tx) => {
    clearFailures(emailKey(email), tx);
    const s = createSession(token, user.id, tx);
    audit({ actorId: user.id, ip }, { action: 'auth.login', target: `user:${user.id}` }, tx);
    return s;
  });
  return { token, session, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}

/** Ends the session and records it. */
export function signOut(session: Session, ip: string | null): void {
  getDb().transaction((tx) => {
    invalidateSession(session.id, tx);
    audit({ actorId: session.userId, ip }, { action: 'auth.logout', target: `user:${session.userId}` }, tx);
  });
}
