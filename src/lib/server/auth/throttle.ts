/**
 * Sign-in throttling, per account and per IP, stored in the database so that it holds across
 * restarts: 10 failures within an hour lock that key for 10 minutes.
 */
import { eq, lt } from 'drizzle-orm';
import { now } from '../../clock';
import { getDb, schema, type DbLike } from '../db';

export const MAX_FAILURES = 10;
export const LOCK_MS = 10 * 60 * 1000;
export const FAILURE_WINDOW_MS = 60 * 60 * 1000;

export function emailKey(email: string): string {
  return `email:${email.trim().toLowerCase()}`;
}

export function ipKey(ip: string): string {
  return `ip:${ip}`;
}

/** Seconds until every given key is unlocked; 0 when none is locked. */
export function lockedForSeconds(keys: string[], db: DbLike = getDb()): number {
  const t = now().getTime();
  let until = 0;
  for (const key of keys) {
    const row = db.select().from(schema.loginThrottle).where(eq(schema.loginThrottle.key, key)).get();
    const locked = row?.lockedUntil?.getTime() ?? 0;
    if (locked > t) until = Math.max(until, locked);
  }
  return until === 0 ? 0 : Math.ceil((until - t) / 1000);
}

/** Counts a failure against each key; returns the keys this failure locked. */
export function recordFailure(keys: string[], db: DbLike = getDb()): string[] {
  const t = now();
  const lockedNow: string[] = [];
  for (const key of keys) {
    const row = db.select().from(schema.loginThrottle).where(eq(schema.loginThrottle.key, key)).get();
    const fresh = !row || t.getTime() - row.windowStart.getTime() > FAILURE_WINDOW_MS;
    const failures = (fresh ? 0 : row.failures) + 1;
    const lock = failures >= MAX_FAILURES;
    const values = {
      failures: lock ? 0 : failures,
      windowStart: fresh || lock ? t : row.windowStart,
      lockedUntil: lock ? new Date(t.getTime() + LOCK_MS) : (row?.lockedUntil ?? null),
    };
    db.insert(schema.loginThrottle)
      .values({ key, ...values })
      .onConflictDoUpdate({ target: schema.loginThrottle.key, set: values })
      .run();
    if (lock) lockedNow.push(key);
  }
  return lockedNow;
}

/** Forgets a key's failures (after a successful sign-in to that account). */
export function clearFailures(key: string, db: DbLike = getDb()): void {
  db.delete(schema.loginThrottle).where(eq(schema.loginThrottle.key, key)).run();
}

/** Housekeeping: drops counters that can no longer matter. */
export function pruneThrottle(db: DbLike = getDb()): number {
  const cutoff = new Date(now().getTime() - FAILURE_WINDOW_MS - LOCK_MS);
  return db.delete(schema.loginThrottle).where(lt(schema.loginThrottle.windowStart, cutoff)).run().changes;
}
