/**
 * Signing in and out. A wrong password, an unknown email and a disabled account get the same
 * answer after the same work (an argon2 verification), so the answer reveals nothing.
 */
import { z } from 'zod';
import { formatWait } from '../../format';
import { audit, type AuditActor } from '../audit';
import { getDb } from '../db';
import { defineErrors, HttpError } from '../errors';
import { addressSource, deviceSource, deviceTokenAfterSignIn, isKnownSource, rememberSignIn } from './known-sources';
import { verifyDummyPassword, verifyPassword } from './password';
import { createSession, generateSessionToken, invalidateSession, type Session, type SessionUser } from './session';
import {
  activeLocks,
  clearFailures,
  deviceKey,
  emailKey,
  ipKey,
  pairKey,
  pruneThrottleHourly,
  recordFailure,
  throttleAddress,
  withKeysHeld,
} from './throttle';
import { getUserByEmail } from './user';

const ACCOUNT_THROTTLED = 'Tài khoản này có quá nhiều lần đăng nhập sai nên tạm thời chỉ nhận đăng nhập từ trình duyệt hoặc mạng đã từng đăng nhập vào tài khoản.';

export const AuthError = defineErrors({
  invalid_credentials: { status: 401, message: 'Email hoặc mật khẩu không đúng.' },
  throttled: { status: 429, message: 'Có quá nhiều lần đăng nhập sai. Vui lòng thử lại sau ít phút.' },
  account_throttled: { status: 429, message: `${ACCOUNT_THROTTLED} Vui lòng thử lại sau, hoặc liên hệ quản trị viên.` },
});
export type AuthError = InstanceType<typeof AuthError>;
export type AuthErrorCode = keyof typeof AuthError.catalogue;

/** The message of a 429 with its real wait ("… thử lại sau 4 phút."). */
export function throttledMessage(code: 'throttled' | 'account_throttled', waitSeconds: number): string {
  const wait = formatWait(waitSeconds);
  return code === 'throttled'
    ? `Có quá nhiều lần đăng nhập sai. Vui lòng thử lại sau ${wait}.`
    : `${ACCOUNT_THROTTLED} Vui lòng thử lại sau ${wait}, hoặc liên hệ quản trị viên.`;
}

/** The longest wait a `cho=<minutes>` parameter of the sign-in page may state (the longest lock). */
const MAX_WAIT_MINUTES = 24 * 60;

/**
 * What the sign-in page shows for `?loi=<code>` (the form's failed POST redirects there):
 * the status and message of that code in the error catalogues (AuthError, then HttpError),
 * with the real wait of a 429 when `cho=<minutes>` is given. Null for an unknown code.
 */
export function signInPageError(code: string | null, waitMinutes: string | null): { status: number; message: string } | null {
  if (!code) return null;
  const spec = Object.hasOwn(AuthError.catalogue, code)
    ? AuthError.catalogue[code as AuthErrorCode]
    : Object.hasOwn(HttpError.catalogue, code)
      ? HttpError.catalogue[code as keyof typeof HttpError.catalogue]
      : null;
  if (!spec) return null;
  const minutes = waitMinutes && /^\d{1,4}$/.test(waitMinutes) ? Number(waitMinutes) : 0;
  if ((code === 'throttled' || code === 'account_throttled') && minutes >= 1 && minutes <= MAX_WAIT_MINUTES) {
    return { status: spec.status, message: throttledMessage(code, minutes * 60) };
  }
  return { status: spec.status, message: spec.message };
}

/** The login body. The password is not length-checked here: a wrong one is just wrong. */
export const LoginSchema = z.object({
  email: z.string({ required_error: 'Vui lòng nhập email.' }).trim().min(1, 'Vui lòng nhập email.').max(254, 'Email quá dài.'),
  password: z.string({ required_error: 'Vui lòng nhập mật khẩu.' }).min(1, 'Vui lòng nhập mật khẩu.').max(1024, 'Mật khẩu quá dài.'),
});
export type LoginInput = z.infer<typeof LoginSchema>;

/**
 * Loopback addresses are not throttled per IP: behind a reverse proxy without TRUST_PROXY every
 * visitor would share 127.0.0.1, and a few typos anywhere would lock everybody out. Pairs and
 * the account ceiling still apply, and loopback is never a known address (it is everyone).
 */
function isLoopback(ip: string): boolean {
  return ip === '::1' || ip.startsWith('127.') || ip.startsWith('::ffff:127.');
}

export interface SignInOptions {
  /** The browser's `device` cookie (known-sources.ts), if it sent one. */
  deviceToken?: string | undefined;
}

export interface SignedIn {
  token: string;
  session: Session;
  user: SessionUser;
  /** The browser's `device` cookie to set (its own when this server issued it). */
  deviceToken: string;
}

/**
 * Checks the credentials and opens a session. Throws AuthError `throttled` or
 * `account_throttled` (429, with retryAfterSeconds and the wait in the message) or
 * `invalid_credentials` (401). Writes auth.login / auth.login_failed / auth.login_throttled
 * (and auth.locked when a failure locks a key) to the audit log. Throttling is described in
 * throttle.ts; an unknown email is throttled exactly like a real one.
 */
export async function signIn(input: LoginInput, ip: string | null, options: SignInOptions = {}): Promise<SignedIn> {
  const db = getDb();
  const email = input.email.trim().toLowerCase();
  const loopback = ip !== null && isLoopback(ip);
  const address = throttleAddress(ip);
  const actor: AuditActor = { actorId: null, ip };

  const user = getUserByEmail(email);
  const device = deviceSource(options.deviceToken);
  const knownDevice = user !== null && isKnownSource(user.id, device);
  const knownAddress = user !== null && address !== null && !loopback && isKnownSource(user.id, addressSource(address));
  // A known browser is throttled by its own key only; anyone else by the pair, the address
  // and (unless the address is known) the account's ceiling — which every failure feeds.
  const own = knownDevice && device ? deviceKey(email, device.slice('device:'.length)) : pairKey(email, address);
  const spraying = address !== null && !loopback && !knownDevice ? [ipKey(address)] : [];
  const ceiling = knownDevice ? [] : [emailKey(email)];
  const checked = [own, ...spraying, ...(knownAddress ? [] : ceiling)];
  const counted = [own, ...spraying, ...ceiling];

  return withKeysHeld(counted, async () => {
    const locks = activeLocks(checked);
    const longest = locks[0];
    if (longest) {
      const code = locks.some((l) => l.kind === 'email') ? 'account_throttled' : 'throttled';
      audit(actor, { action: 'auth.login_throttled', target: `email:${email}`, details: { keys: locks.map((l) => l.kind), seconds: longest.seconds } });
      throw new AuthError(code, { retryAfterSeconds: longest.seconds, message: throttledMessage(code, longest.seconds) });
    }

    const passwordOk = user ? await verifyPassword(user.passwordHash, input.password) : await verifyDummyPassword(input.password);
    if (!user || !passwordOk || user.disabledAt !== null) {
      const reason = !user ? 'unknown_email' : !passwordOk ? 'wrong_password' : 'disabled';
      db.transaction((tx) => {
        const locked = recordFailure(counted, tx);
        audit(actor, { action: 'auth.login_failed', target: user ? `user:${user.id}` : `email:${email}`, details: { reason } }, tx);
        if (locked.length) {
          audit(actor, { action: 'auth.locked', target: `email:${email}`, details: { keys: locked.map((l) => l.kind), seconds: Math.max(...locked.map((l) => l.seconds)) } }, tx);
        }
      });
      pruneThrottleHourly(db);
      throw new AuthError('invalid_credentials');
    }

    const token = generateSessionToken();
    return db.transaction((tx) => {
      clearFailures([own], tx);
      const deviceToken = deviceTokenAfterSignIn(options.deviceToken, tx);
      const sources = [deviceSource(deviceToken), address !== null && !loopback ? addressSource(address) : null];
      rememberSignIn(user.id, sources.filter((s) => s !== null), tx);
      const session = createSession(token, user.id, tx);
      audit({ actorId: user.id, ip }, { action: 'auth.login', target: `user:${user.id}`, details: { knownDevice } }, tx);
      return { token, session, user: { id: user.id, email: user.email, name: user.name, role: user.role }, deviceToken };
    });
  });
}

/** Ends the session and records it. */
export function signOut(session: Session, ip: string | null): void {
  getDb().transaction((tx) => {
    invalidateSession(session.id, tx);
    audit({ actorId: session.userId, ip }, { action: 'auth.logout', target: `user:${session.userId}` }, tx);
  });
}
