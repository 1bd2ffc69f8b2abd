/**
 * Sessions as the Lucia project teaches them (lucia-auth.com, "Sessions"): a random token of
 * 20 bytes (160 bits) in the cookie, only its SHA-256 stored as the session id; 30-day expiry,
 * extended when less than 15 days remain (sliding); deleting the row ends the session.
 */
import type { AstroCookies } from 'astro';
import { and, eq, gt, lt } from 'drizzle-orm';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { now } from '../../clock';
import { getDb, schema, type DbLike } from '../db';
import { getEnv } from '../env';
import type { Role } from '../../vocabulary';

export const SESSION_COOKIE = 'session';
const DAY = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 30 * DAY;
export const SESSION_RENEW_WITHIN_MS = 15 * DAY;

export interface Session {
  id: string;
  userId: string;
  expiresAt: Date;
  /** True when this validation extended the expiry: send the cookie again. */
  fresh: boolean;
}

/** What pages and routes may know about the signed-in user (never the password hash). */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export type SessionValidationResult = { session: Session; user: SessionUser } | { session: null; user: null };

/** 20 random bytes, base32 (lower case, no padding): 32 characters, 160 bits. */
export function generateSessionToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/** The stored id of a token: hex SHA-256. */
export function sessionIdFromToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export function createSession(token: string, userId: string, db: DbLike = getDb()): Session {
  const t = now();
  const session: Session = {
    id: sessionIdFromToken(token),
    userId,
    expiresAt: new Date(t.getTime() + SESSION_LIFETIME_MS),
    fresh: true,
  };
  db.insert(schema.sessions)
    .values({ id: session.id, userId, expiresAt: session.expiresAt, createdAt: t })
    .run();
  return session;
}

/**
 * The session and user for a cookie's token, or nulls. Expired sessions and sessions of
 * disabled users are deleted. Extends the expiry when less than 15 days remain.
 */
export function validateSessionToken(token: string, db: DbLike = getDb()): SessionValidationResult {
  if (!/^[a-z2-7]{32}$/.test(token)) return { session: null, user: null };
  const id = sessionIdFromToken(token);
  const row = db
    .select({
      expiresAt: schema.sessions.expiresAt,
      userId: schema.users.id,
      email: schema.users.email,
      name: schema.users.name,
      role: schema.users.role,
      disabledAt: schema.users.disabledAt,
    })
    .from(schema.sessions)
    .innerJoin(schema.users, eq(schema.users.id, schema.sessions.userId))
    .where(eq(schema.sessions.id, id))
    .get();
  if (!row) return { session: null, user: null };
  const t = now().getTime();
  if (t >= row.expiresAt.getTime() || row.disabledAt !== null) {
    db.delete(schema.sessions).where(eq(schema.sessions.id, id)).run();
    return { session: null, user: null };
  }
  const session: Session = { id, userId: row.userId, expiresAt: row.expiresAt, fresh: false };
  if (t >= row.expiresAt.getTime() - SESSION_RENEW_WITHIN_MS) {
    session.expiresAt = new Date(t + SESSION_LIFETIME_MS);
    session.fresh = true;
    db.update(schema.sessions).set({ expiresAt: session.expiresAt }).where(eq(schema.sessions.id, id)).run();
  }
  return { session, user: { id: row.userId, email: row.email, name: row.name, role: row.role } };
}

/** Ends one session (logout). */
export function invalidateSession(sessionId: string, db: DbLike = getDb()): void {
  db.delete(schema.sessions).where(eq(schema.sessions.id, sessionId)).run();
}

/** Ends every session of a user (password change, disabling). */
export function invalidateUserSessions(userId: string, db: DbLike = getDb()): void {
  db.delete(schema.sessions).where(eq(schema.sessions.userId, userId)).run();
}

/** Removes expired sessions (housekeeping at boot). */
export function deleteExpiredSessions(db: DbLike = getDb()): number {
  return db.delete(schema.sessions).where(lt(schema.sessions.expiresAt, now())).run().changes;
}

/** Number of live sessions of a user (tests, console). */
export function countUserSessions(userId: string, db: DbLike = getDb()): number {
  return db
    .select({ id: schema.sessions.id })
    .from(schema.sessions)
    .where(and(eq(schema.sessions.userId, userId), gt(schema.sessions.expiresAt, now())))
    .all().length;
}

function secureCookies(): boolean {
  return getEnv().SITE_URL.startsWith('https:');
}

export function setSessionTokenCookie(cookies: AstroCookies, token: string, expiresAt: Date): void {
  cookies.set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: secureCookies(),
    path: '/',
    expires: expiresAt,
  });
}

export function deleteSessionTokenCookie(cookies: AstroCookies): void {
  cookies.set(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'lax', secure: secureCookies(), path: '/', maxAge: 0 });
}
