/**
 * The vote's proof-of-work challenge (ALTCHA, https://altcha.org): before a code is sent, the
 * browser spends a moment of CPU finding a number whose SHA-256 with a salt matches a challenge
 * the server signed. Cheap for one voter, costly for a script asking thousands of codes — and,
 * unlike an arithmetic question, not solved by a regex.
 *
 * - The widget (`altcha` web component, served from our build) fetches a challenge from
 *   `GET /api/contests/{c}/vote/challenge` and sends the solved payload as `altcha`.
 * - Challenges are signed with HMAC-SHA-256 (`ALTCHA_HMAC_KEY`, or a key derived from the
 *   message key), bound to one contest and valid for CHALLENGE_TTL_MS by the server's clock.
 *   The expiry travels in the signed salt as `exp`, not as ALTCHA's `expires`: the widget
 *   would check that against the browser's clock, and a phone whose date is wrong would never
 *   get a usable challenge.
 * - A solved payload is accepted once: its challenge is recorded (`contest_vote_challenges`,
 *   an INSERT on the primary key, so two requests racing with one payload cannot both pass).
 */
import { createHmac } from 'node:crypto';
import { createChallenge, extractParams, verifySolution } from 'altcha-lib';
import type { Challenge } from 'altcha-lib/types';
import { lt } from 'drizzle-orm';
import { now } from '../../clock';
import { getDb, schema, type DbLike } from '../db';
import { getEnv } from '../env';
import { getMessageKey } from '../messaging/key';
import type { ContestDef } from './definition';
import { ContestError } from './errors';

export const CHALLENGE_TTL_MS = 10 * 60_000;

export type VoteChallenge = Challenge;

declare const solved: unique symbol;
/** Proof that a request carried a valid, fresh, unused solution (only `verifyVoteChallenge` makes one). */
export interface SolvedChallenge {
  readonly [solved]: true;
  readonly contestId: string;
}

let derivedKey: string | null = null;

/** The HMAC key: ALTCHA_HMAC_KEY, or derived from the message key (never stored anywhere else). */
function hmacKey(): string {
  const configured = getEnv().ALTCHA_HMAC_KEY;
  if (configured) return configured;
  derivedKey ??= createHmac('sha256', getMessageKey()).update('khuyen-cong/altcha/v1').digest('hex');
  return derivedKey;
}

/** Forgets the derived key (tests that switch keys). */
export function resetVoteChallengeKey(): void {
  derivedKey = null;
}

/** A new challenge for the contest's vote, valid for 10 minutes. */
export async function createVoteChallenge(def: Pick<ContestDef, 'id'>): Promise<VoteChallenge> {
  const exp = Math.floor((now().getTime() + CHALLENGE_TTL_MS) / 1000);
  return createChallenge({
    algorithm: 'SHA-256',
    hmacKey: hmacKey(),
    maxnumber: getEnv().ALTCHA_MAX_NUMBER,
    params: { contest: def.id, exp: String(exp) },
  });
}

interface PayloadShape {
  challenge: string;
  salt: string;
}

function decode(payload: string): PayloadShape | null {
  try {
    const v: unknown = JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));
    if (!v || typeof v !== 'object') return null;
    const { challenge, salt } = v as Record<string, unknown>;
    return typeof challenge === 'string' && typeof salt === 'string' && challenge.length <= 128 ? { challenge, salt } : null;
  } catch {
    return null;
  }
}

/**
 * Checks a solved payload and spends it: 400 `challenge_invalid` when it is malformed, wrongly
 * solved or signed, for another contest, expired, or already used.
 */
export async function verifyVoteChallenge(def: Pick<ContestDef, 'id'>, payload: string, db: DbLike = getDb()): Promise<SolvedChallenge> {
  const shape = decode(payload);
  if (!shape) throw new ContestError('challenge_invalid');
  // The signature covers the salt, so its parameters (contest, exp) cannot be altered.
  if (!(await verifySolution(payload, hmacKey(), false).catch(() => false))) throw new ContestError('challenge_invalid');
  const params = extractParams(payload);
  const expiresAt = Number(params['exp']) * 1000;
  const t = now();
  if (params['contest'] !== def.id || !Number.isFinite(expiresAt) || expiresAt < t.getTime()) throw new ContestError('challenge_invalid');
  db.delete(schema.contestVoteChallenges).where(lt(schema.contestVoteChallenges.expiresAt, t)).run();
  const spent = db
    .insert(schema.contestVoteChallenges)
    .values({ challenge: shape.challenge, expiresAt: new Date(expiresAt) })
    .onConflictDoNothing()
    .run();
  if (spent.changes === 0) throw new ContestError('challenge_invalid');
  return { contestId: def.id } as SolvedChallenge;
}
