/**
 * Management tokens: the secret of a registration's management link. Only the token's SHA-256
 * is stored; the link itself goes to the applicant once, sealed in the outbox until sent, and
 * in the answer to the request that created it — nowhere else (no audit detail, history note,
 * log line or export carries it).
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { getEnv } from '../env';

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The management token's hash, as stored. */
export function hashToken(token: string): string {
  return sha256(`manage:${token}`);
}

/**
 * A fresh token: 128 random bits (22 base64url characters) — beyond guessing (only hashes are
 * stored, every guess is an HTTP request), and short enough for an SMS with its link.
 */
export function newToken(): string {
  return randomBytes(16).toString('base64url');
}

/** A retried request re-derives the same token (128 bits) from its Idempotency-Key and the stored salt. */
export function tokenFromKey(key: string, salt: string): string {
  return createHmac('sha256', Buffer.from(salt, 'base64url')).update(key).digest().subarray(0, 16).toString('base64url');
}

/** The absolute management link of a token. */
export function manageUrl(token: string): string {
  return new URL(`/hoi-cho/quan-ly/${token}`, getEnv().SITE_URL).href;
}

/** The short management link for SMS (`/q/<token>` redirects to the management page). */
export function shortManageUrl(token: string): string {
  return new URL(`/q/${token}`, getEnv().SITE_URL).href;
}

/** Both links of a token, as messages carry them (sealed in the outbox). */
export function manageLinks(token: string): { email: string; sms: string } {
  return { email: manageUrl(token), sms: shortManageUrl(token) };
}
