/**
 * How many verification codes one IP may ask for, per hour. Every request counts towards
 * HARD_LIMIT (then 429 `rate_limited` with Retry-After). A request that carries a solved
 * proof-of-work challenge (the page with JavaScript, or an API client that solves it) needs
 * nothing more; one without it (a browser without JavaScript, a plain script) is allowed
 * CHALLENGE_AFTER times an hour from one IP, then answered 429 `challenge_required` with a
 * the address of a challenge to solve. Messages to one recipient have their own limits (outbox.ts).
 */
import { eq } from 'drizzle-orm';
import { now } from '../../clock';
import { schema, type DbLike } from '../db';
import { ContestError } from './errors';

/** Requests without a solved challenge per IP and hour (stricter than the 5 the old question allowed). */
export const CHALLENGE_AFTER = 3;
/** Requests per IP and hour, solved or not. */
export const HARD_LIMIT = 30;
const RATE_WINDOW_MS = 3600_000;

interface Bucket {
  key: string;
  count: number;
  windowStart: Date;
}

function bucket(key: string, t: Date, db: DbLike): Bucket {
  const row = db.select().from(schema.contestVoteRate).where(eq(schema.contestVoteRate.key, key)).get();
  const fresh = !row || t.getTime() - row.windowStart.getTime() > RATE_WINDOW_MS;
  return fresh ? { key, count: 0, windowStart: t } : { key, count: row.count, windowStart: row.windowStart };
}

function bump(b: Bucket, db: DbLike): void {
  db.insert(schema.contestVoteRate)
    .values({ key: b.key, count: b.count + 1, windowStart: b.windowStart })
    .onConflictDoUpdate({ target: schema.contestVoteRate.key, set: { count: b.count + 1, windowStart: b.windowStart } })
    .run();
}

/**
 * Counts a code request from `ip` (call inside the request's transaction); throws
 * `rate_limited` past HARD_LIMIT, or `challenge_required` (the answer carries `challengeUrl`)
 * for an unsolved request past CHALLENGE_AFTER.
 */
export function countCodeRequest(ip: string, solvedChallenge: boolean, challengeUrl: string, db: DbLike): void {
  const t = now();
  const all = bucket(`vote-code:${ip}`, t, db);
  if (all.count >= HARD_LIMIT) {
    const retry = Math.ceil((all.windowStart.getTime() + RATE_WINDOW_MS - t.getTime()) / 1000);
    throw new ContestError('rate_limited', { retryAfterSeconds: Math.max(retry, 1) });
  }
  if (!solvedChallenge) {
    const unsolved = bucket(`vote-code-unsolved:${ip}`, t, db);
    if (unsolved.count >= CHALLENGE_AFTER) throw new ContestError('challenge_required', { extra: { challengeUrl } });
    bump(unsolved, db);
  }
  bump(all, db);
}
