/**
 * Sign-in throttling, stored in the database so that it holds across restarts, after OWASP's
 * Authentication Cheat Sheet ("Protect against automated attacks") and NIST SP 800-63B §5.2.2
 * (at most 100 consecutive failures per account). Counters are kept per key:
 *
 * - `pair:<email>|<address>` — one account from one address: from the 5th failure the pair is
 *   locked 1 minute, doubling with each further failure up to 1 hour. Brute force against one
 *   account from one address gets ~30 guesses a day; the owner, from another address, is not
 *   affected at all.
 * - `ip:<address>` — one address across all accounts (password spraying): from the 20th
 *   failure, 1 minute doubling up to 1 hour. Not kept for loopback addresses (see login.ts).
 * - `email:<email>` — the account's ceiling, across all addresses: from the 100th failure in a
 *   day, 1 hour doubling up to 24 hours. It applies only to browsers and addresses that never
 *   signed in to the account (known-sources.ts): an attacker with many addresses can keep
 *   strangers out, not the account's owner.
 * - `device:<email>|<device>` — a browser that signed in to the account before; it is
 *   throttled on its own (as a pair), so a stolen cookie buys no more guesses than an address.
 *
 * A run of failures is forgotten a day after it began. Addresses are counted per IPv4 address
 * and per IPv6 /64 (one customer's network: a host picks any address in it at will).
 */
import { isIPv4, isIPv6 } from 'node:net';
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { now } from '../../clock';
import { getDb, schema, type DbLike } from '../db';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export interface ThrottlePolicy {
  /** The failure (counted within the window) that first locks the key. */
  lockFrom: number;
  /** The first lock; each further failure doubles it. */
  firstLockMs: number;
  maxLockMs: number;
}

export const PAIR_POLICY: ThrottlePolicy = { lockFrom: 5, firstLockMs: MINUTE, maxLockMs: HOUR };
export const IP_POLICY: ThrottlePolicy = { lockFrom: 20, firstLockMs: MINUTE, maxLockMs: HOUR };
export const ACCOUNT_POLICY: ThrottlePolicy = { lockFrom: 100, firstLockMs: HOUR, maxLockMs: 24 * HOUR };

/** A run of failures is forgotten this long after it began. */
export const FAILURE_WINDOW_MS = 24 * HOUR;

export type ThrottleKind = 'pair' | 'ip' | 'email' | 'device';

const POLICIES: Record<ThrottleKind, ThrottlePolicy> = {
  pair: PAIR_POLICY,
  ip: IP_POLICY,
  email: ACCOUNT_POLICY,
  device: PAIR_POLICY,
};

/** How long the `failures`-th failure of a run locks a key under `policy` (0: not at all). */
export function lockDuration(policy: ThrottlePolicy, failures: number): number {
  if (failures < policy.lockFrom) return 0;
  const doublings = failures - policy.lockFrom;
  // 2 ** 40 minutes is far past any cap; avoids Infinity for absurd counts.
  return Math.min(policy.maxLockMs, policy.firstLockMs * 2 ** Math.min(doublings, 40));
}

/** Hextets of an IPv6 address (zone id dropped, a trailing IPv4 part converted), or null. */
function ipv6Hextets(address: string): number[] | null {
  let text = address.split('%')[0] ?? '';
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4?.[1]) {
    const [a = 0, b = 0, c = 0, d = 0] = v4[1].split('.').map(Number);
    text = `${text.slice(0, -v4[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((h) => Number.parseInt(h, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const hextets = tail === undefined ? left : [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
  return hextets.length === 8 && hextets.every((h) => Number.isInteger(h) && h >= 0 && h <= 0xffff) ? hextets : null;
}

/**
 * The address as throttling counts it: IPv4 as is (also when IPv4-mapped, `::ffff:a.b.c.d`),
 * IPv6 as its /64 (`2001:db8:1:2::/64`). Anything else (a proxy's odd header) is kept as
 * given, shortened.
 */
export function throttleAddress(ip: string | null): string | null {
  if (!ip) return null;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped?.[1] && isIPv4(mapped[1])) return mapped[1];
  if (isIPv4(ip)) return ip;
  const hextets = isIPv6(ip.split('%')[0] ?? '') ? ipv6Hextets(ip) : null;
  if (hextets) return `${hextets.slice(0, 4).map((h) => h.toString(16)).join(':')}::/64`;
  return ip.slice(0, 64);
}

export function pairKey(email: string, address: string | null): string {
  return `pair:${email}|${address ?? '-'}`;
}

export function ipKey(address: string): string {
  return `ip:${address}`;
}

export function emailKey(email: string): string {
  return `email:${email}`;
}

export function deviceKey(email: string, device: string): string {
  return `device:${email}|${device}`;
}

function kindOf(key: string): ThrottleKind {
  const kind = key.slice(0, key.indexOf(':'));
  if (kind === 'pair' || kind === 'ip' || kind === 'email' || kind === 'device') return kind;
  throw new Error(`unknown throttle key kind: ${kind}`);
}

export interface Lock {
  kind: ThrottleKind;
  /** Whole seconds until the key is unlocked. */
  seconds: number;
}

/** The keys among `keys` that are locked now, longest wait first. */
export function activeLocks(keys: readonly string[], db: DbLike = getDb()): Lock[] {
  const t = now().getTime();
  const locks: Lock[] = [];
  for (const key of keys) {
    const row = db.select({ lockedUntil: schema.loginThrottle.lockedUntil }).from(schema.loginThrottle).where(eq(schema.loginThrottle.key, key)).get();
    const until = row?.lockedUntil?.getTime() ?? 0;
    if (until > t) locks.push({ kind: kindOf(key), seconds: Math.ceil((until - t) / 1000) });
  }
  return locks.sort((a, b) => b.seconds - a.seconds);
}

/** Counts a failure against each key; returns the locks this failure set. */
export function recordFailure(keys: readonly string[], db: DbLike = getDb()): Lock[] {
  const t = now();
  const locked: Lock[] = [];
  for (const key of keys) {
    const kind = kindOf(key);
    const row = db.select().from(schema.loginThrottle).where(eq(schema.loginThrottle.key, key)).get();
    const fresh = !row || t.getTime() - row.windowStart.getTime() >= FAILURE_WINDOW_MS;
    const failures = (fresh ? 0 : row.failures) + 1;
    const lockMs = lockDuration(POLICIES[kind], failures);
    const values = {
      failures,
      windowStart: fresh ? t : row.windowStart,
      lockedUntil: lockMs > 0 ? new Date(t.getTime() + lockMs) : (row?.lockedUntil ?? null),
    };
    db.insert(schema.loginThrottle)
      .values({ key, ...values })
      .onConflictDoUpdate({ target: schema.loginThrottle.key, set: values })
      .run();
    if (lockMs > 0) locked.push({ kind, seconds: Math.ceil(lockMs / 1000) });
  }
  return locked;
}

/** Forgets keys' failures (a pair or a browser after a successful sign-in). */
export function clearFailures(keys: readonly string[], db: DbLike = getDb()): void {
  for (const key of keys) db.delete(schema.loginThrottle).where(eq(schema.loginThrottle.key, key)).run();
}

/**
 * Forgets every counter of one account — its ceiling, its pairs, its browsers — but not the
 * addresses' own (an administrator's password reset: the owner starts afresh).
 */
export function clearAccountFailures(email: string, db: DbLike = getDb()): void {
  const { key } = schema.loginThrottle;
  // Compared by prefix with substr, not LIKE: "_" and "%" are common in addresses' local parts.
  const prefixed = (prefix: string) => sql`substr(${key}, 1, ${prefix.length}) = ${prefix}`;
  db.delete(schema.loginThrottle)
    .where(or(eq(key, emailKey(email)), prefixed(`pair:${email}|`), prefixed(`device:${email}|`)))
    .run();
}

/**
 * Housekeeping (at boot and hourly while failures are recorded, see login.ts): drops counters
 * whose run is over and whose lock has ended. An attack from many addresses leaves a row per
 * pair; they go within a day.
 */
export function pruneThrottle(db: DbLike = getDb()): number {
  const t = now();
  const cutoff = new Date(t.getTime() - FAILURE_WINDOW_MS);
  return db
    .delete(schema.loginThrottle)
    .where(and(lt(schema.loginThrottle.windowStart, cutoff), or(isNull(schema.loginThrottle.lockedUntil), lt(schema.loginThrottle.lockedUntil, t))))
    .run().changes;
}

const tails = new Map<string, Promise<void>>();

async function acquire(key: string): Promise<() => void> {
  const previous = tails.get(key) ?? Promise.resolve();
  let release!: () => void;
  const turn = new Promise<void>((resolve) => {
    release = resolve;
  });
  const tail = previous.then(() => turn);
  tails.set(key, tail);
  await previous;
  return () => {
    release();
    if (tails.get(key) === tail) tails.delete(key);
  };
}

/**
 * Runs `attempt` while no other attempt on any of `keys` runs in this process. Checking the
 * locks, verifying the password (argon2, asynchronous) and counting the failure must happen as
 * one step per key: otherwise a thousand simultaneous guesses all pass the check before the
 * first is counted. Keys are taken in sorted order, so two attempts never wait on each other.
 * Waiting costs an attacker's queued guesses nothing but time; a locked key answers at once.
 */
export async function withKeysHeld<T>(keys: readonly string[], attempt: () => Promise<T>): Promise<T> {
  const releases: (() => void)[] = [];
  try {
    for (const key of [...new Set(keys)].sort()) releases.push(await acquire(key));
    return await attempt();
  } finally {
    for (const release of releases.reverse()) release();
  }
}

let lastPruned = 0;

/** pruneThrottle at most once an hour (called after failures, so the table cannot grow unbounded). */
export function pruneThrottleHourly(db: DbLike = getDb()): void {
  const t = now().getTime();
  if (t - lastPruned < HOUR) return;
  lastPruned = t;
  pruneThrottle(db);
}
