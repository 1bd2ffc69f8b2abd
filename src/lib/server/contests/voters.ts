/**
 * Who may vote: a voter verifies an email or a Vietnamese mobile number (only a mobile when
 * the contest says `vote.contact: phone`) with a 6-digit code sent through the outbox (demo
 * mode shows it on screen), then holds a voter token in a cookie. Contacts, codes and tokens
 * are stored only as SHA-256 hashes and never logged. Code requests are limited per IP
 * (vote-rate.ts) and carry a proof-of-work challenge when the browser runs JavaScript
 * (vote-challenge.ts); the outbox limits codes per recipient.
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { now } from '../../clock';
import { checkContact, LANDLINE_MESSAGE, MOBILE_MESSAGE } from '../../phone';
import { cleanText } from '../../text';
import { getDb, schema, type DbLike } from '../db';
import { enqueueMessage, SECRET_PLACEHOLDER } from '../messaging';
import { isWithin, type ContestDef } from './definition';
import { ContestError } from './errors';
import { verifyVoteChallenge, type SolvedChallenge } from './vote-challenge';
import { countCodeRequest } from './vote-rate';

const CODE_TTL_MS = 15 * 60_000;
const MAX_CODE_ATTEMPTS = 5;
export const VOTER_COOKIE = 'voter';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The contest's vote while it is open (404 without a vote, 409 outside its window). */
export function requireVoteOpen(def: ContestDef): NonNullable<ContestDef['vote']> {
  if (!def.vote) throw new ContestError('vote_disabled');
  if (!isWithin(def.vote, now())) throw new ContestError('vote_closed');
  return def.vote;
}

/** Whether the contest takes only mobile numbers (`vote.contact: phone`). */
export function votePhoneOnly(def: ContestDef): boolean {
  return def.vote?.contact === 'phone';
}

export interface CodeRequest {
  contact: string;
  website?: string | undefined;
}

export interface CodeRequestOptions {
  demo: boolean;
  /** From `verifyVoteChallenge`: the request carried a valid, unused solution. */
  challenge?: SolvedChallenge | null | undefined;
}

/** The refusal of a contact, with the message the form shows beside the field. */
function contactError(problem: 'email_not_allowed' | 'landline' | 'invalid', phoneOnly: boolean): ContestError {
  if (problem === 'landline') return new ContestError('landline', { fields: { contact: LANDLINE_MESSAGE } });
  if (problem === 'email_not_allowed') return new ContestError('phone_required', { fields: { contact: MOBILE_MESSAGE } });
  return new ContestError(phoneOnly ? 'phone_required' : 'invalid_contact', { fields: { contact: phoneOnly ? MOBILE_MESSAGE : 'Email hoặc số điện thoại không hợp lệ.' } });
}

/** Where a client gets a challenge (the 429 `challenge_required` answer names it). */
export function challengeUrlOf(def: Pick<ContestDef, 'id'>): string {
  return `/api/contests/${def.id}/vote/challenge`;
}

/**
 * Sends a verification code. Returns the verification id (and, in demo mode, the code so the
 * page can show it). A filled honeypot gets the same kind of answer and nothing happens.
 */
export function requestVoteCode(def: ContestDef, input: CodeRequest, ip: string | null, options: CodeRequestOptions, db = getDb()): { verification: number; demoCode?: string } {
  requireVoteOpen(def);
  if (input.website) return { verification: randomInt(1_000_000, 9_000_000) };
  const phoneOnly = votePhoneOnly(def);
  const checked = checkContact(cleanText(input.contact), { phoneOnly });
  if (!checked.ok) throw contactError(checked.problem, phoneOnly);
  const contact = checked.contact;
  const solved = options.challenge?.contestId === def.id;
  return db.transaction((tx) => {
    countCodeRequest(ip ?? 'unknown', solved, challengeUrlOf(def), tx);
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const t = now();
    const contactHash = sha256(`${def.id}:${contact.value}`);
    const row = tx
      .insert(schema.contestVoters)
      .values({ contestId: def.id, contactHash, channel: contact.channel, codeHash: sha256(code), codeExpiresAt: new Date(t.getTime() + CODE_TTL_MS), attempts: 0, createdAt: t })
      .onConflictDoUpdate({
        target: [schema.contestVoters.contestId, schema.contestVoters.contactHash],
        set: { codeHash: sha256(code), codeExpiresAt: new Date(t.getTime() + CODE_TTL_MS), attempts: 0 },
      })
      .returning({ id: schema.contestVoters.id })
      .get();
    enqueueMessage(
      {
        channel: contact.channel,
        to: contact.value,
        subject: 'Mã xác minh bình chọn',
        body: `Mã xác minh bình chọn của bạn cho "${def.title}" là ${SECRET_PLACEHOLDER}. Mã có hiệu lực trong 15 phút. Nếu bạn không yêu cầu, hãy bỏ qua tin này.`,
        kind: 'contest.vote_code',
        ref: `contest:${def.id}`,
        secret: code,
      },
      tx,
    );
    return options.demo ? { verification: row.id, demoCode: code } : { verification: row.id };
  });
}

/**
 * A code request as the page and the JSON API receive it: the ALTCHA payload, when there is
 * one, is verified and spent first (400 `challenge_invalid`), then `requestVoteCode`.
 */
export async function requestVoteCodeWithChallenge(
  def: ContestDef,
  input: CodeRequest & { altcha?: string | undefined },
  ip: string | null,
  options: { demo: boolean },
  db = getDb(),
): Promise<{ verification: number; demoCode?: string }> {
  requireVoteOpen(def);
  const challenge = input.altcha ? await verifyVoteChallenge(def, input.altcha, db) : null;
  return requestVoteCode(def, { contact: input.contact, website: input.website }, ip, { demo: options.demo, challenge }, db);
}

/** Checks the code; returns a voter token to keep in a cookie. */
export function verifyVoteCode(def: ContestDef, input: { verification: number; code: string }, db = getDb()): { token: string } {
  requireVoteOpen(def);
  return db.transaction((tx) => {
    const v = tx
      .select()
      .from(schema.contestVoters)
      .where(and(eq(schema.contestVoters.id, input.verification), eq(schema.contestVoters.contestId, def.id)))
      .get();
    if (!v?.codeHash || !v.codeExpiresAt || v.codeExpiresAt < now()) throw new ContestError('code_invalid');
    if (v.attempts >= MAX_CODE_ATTEMPTS) throw new ContestError('code_attempts');
    const a = Buffer.from(v.codeHash);
    const b = Buffer.from(sha256(input.code));
    if (a.length !== b.length || !timingSafeEqual(a, b)) {
      tx.update(schema.contestVoters).set({ attempts: v.attempts + 1 }).where(eq(schema.contestVoters.id, v.id)).run();
      throw new ContestError('code_invalid');
    }
    const token = randomBytes(24).toString('base64url');
    tx.update(schema.contestVoters)
      .set({ codeHash: null, codeExpiresAt: null, attempts: 0, tokenHash: sha256(token), verifiedAt: now() })
      .where(eq(schema.contestVoters.id, v.id))
      .run();
    return { token };
  });
}

/** The verified voter holding `token` in this contest, or null. */
export function getVoter(def: ContestDef, token: string | undefined, db: DbLike = getDb()) {
  if (!token || token.length > 100) return null;
  const v = db.select().from(schema.contestVoters).where(eq(schema.contestVoters.tokenHash, sha256(token))).get();
  return v && v.contestId === def.id && v.verifiedAt ? v : null;
}
