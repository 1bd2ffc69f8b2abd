/**
 * Browsers and addresses that signed in to an account before ("known sources"), after OWASP's
 * "Slow Down Online Guessing Attacks with Device Cookies": when an account has reached its
 * ceiling of failed sign-ins (throttle.ts), only they may still try, so an attacker who fails
 * a hundred times from a hundred addresses locks out strangers, not the judge at their own
 * computer or office.
 *
 * - A browser is known by a random token in the `device` cookie (160 bits, only its SHA-256
 *   stored, HttpOnly, sent only to the sign-in endpoint), for 400 days after its last sign-in
 *   (browsers cap cookies at 400 days). A browser that signs in with a known cookie is then
 *   throttled by that cookie alone (a stolen cookie gets the guesses of one address).
 * - An address (IPv4, or IPv6 /64) is known for 90 days after a sign-in from it: a judge in
 *   a new browser at the office. It only lifts the ceiling; the pair and address limits still
 *   apply, so an attacker sharing the address (carrier-grade NAT) gains little.
 *
 * A password reset by an administrator forgets an account's known sources, with its sessions.
 */
import type { AstroCookies } from 'astro';
import { and, eq, gt, like, lt, or } from 'drizzle-orm';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { now } from '../../clock';
import { getDb, schema, type DbLike } from '../db';
import { getEnv } from '../env';
import { generateSessionToken } from './session';

export const DEVICE_COOKIE = 'device';
const DAY = 24 * 60 * 60 * 1000;
export const DEVICE_LIFETIME_MS = 400 * DAY;
export const ADDRESS_LIFETIME_MS = 90 * DAY;
/** The cookie is sent only here: no other route needs it. */
const DEVICE_COOKIE_PATH = '/api/auth/login';

const TOKEN_PATTERN = /^[a-z2-7]{32}$/;

/** The stored form of a browser's token (its SHA-256), or null for a malformed token. */
export function deviceSource(token: string | null | undefined): string | null {
  if (!token || !TOKEN_PATTERN.test(token)) return null;
  return `device:${encodeHexLowerCase(sha256(new TextEncoder().encode(token)))}`;
}

export function addressSource(address: string): string {
  return `ip:${address}`;
}

function lifetimeOf(source: string): number {
  return source.startsWith('device:') ? DEVICE_LIFETIME_MS : ADDRESS_LIFETIME_MS;
}

/** Whether `source` signed in to the account recently enough to count as known. */
export function isKnownSource(userId: string, source: string | null, db: DbLike = getDb()): boolean {
  if (!source) return false;
  const since = new Date(now().getTime() - lifetimeOf(source));
  const row = db
    .select({ userId: schema.knownSignInSources.userId })
    .from(schema.knownSignInSources)
    .where(and(eq(schema.knownSignInSources.userId, userId), eq(schema.knownSignInSources.source, source), gt(schema.knownSignInSources.lastSignInAt, since)))
    .get();
  return row !== undefined;
}

/**
 * The token the browser keeps after a successful sign-in: its own, when this server issued it
 * (a browser shared by two judges stays known to both), otherwise a new one — a token an
 * attacker planted in the browser is never adopted.
 */
export function deviceTokenAfterSignIn(presented: string | null | undefined, db: DbLike = getDb()): string {
  const source = deviceSource(presented);
  if (presented && source) {
    const issued = db.select({ userId: schema.knownSignInSources.userId }).from(schema.knownSignInSources).where(eq(schema.knownSignInSources.source, source)).get();
    if (issued) return presented;
  }
  return generateSessionToken();
}

/** Records a successful sign-in from these sources (the browser's token, the address). */
export function rememberSignIn(userId: string, sources: readonly string[], db: DbLike = getDb()): void {
  const t = now();
  for (const source of sources) {
    db.insert(schema.knownSignInSources)
      .values({ userId, source, lastSignInAt: t })
      .onConflictDoUpdate({ target: [schema.knownSignInSources.userId, schema.knownSignInSources.source], set: { lastSignInAt: t } })
      .run();
  }
}

/** Forgets every known source of an account (password reset by an administrator). */
export function forgetSignInSources(userId: string, db: DbLike = getDb()): void {
  db.delete(schema.knownSignInSources).where(eq(schema.knownSignInSources.userId, userId)).run();
}

/** Housekeeping at boot: drops sources past their lifetime. */
export function pruneSignInSources(db: DbLike = getDb()): number {
  const t = now().getTime();
  const { source, lastSignInAt } = schema.knownSignInSources;
  return db
    .delete(schema.knownSignInSources)
    .where(
      or(
        and(like(source, 'device:%'), lt(lastSignInAt, new Date(t - DEVICE_LIFETIME_MS))),
        and(like(source, 'ip:%'), lt(lastSignInAt, new Date(t - ADDRESS_LIFETIME_MS))),
      ),
    )
    .run().changes;
}

export function setDeviceCookie(cookies: AstroCookies, token: string): void {
  cookies.set(DEVICE_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: getEnv().SITE_URL.startsWith('https:'),
    path: DEVICE_COOKIE_PATH,
    maxAge: DEVICE_LIFETIME_MS / 1000,
  });
}

export function getDeviceCookie(cookies: AstroCookies): string | undefined {
  return cookies.get(DEVICE_COOKIE)?.value;
}
