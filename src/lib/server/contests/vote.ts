/**
 * The people's-choice vote: separate from the judges' result and never changing it.
 *
 * A voter verifies an email or a Vietnamese mobile number with a 6-digit code sent through the
 * outbox (demo mode shows it on screen), then holds a voter token (cookie; only its SHA-256 is
 * stored). One vote per verified voter per contest, or per product group when the contest says
 * so; a vote can be withdrawn while the window is open. Code requests are counted per IP: after
 * CHALLENGE_AFTER requests in an hour a simple challenge must be answered, after HARD_LIMIT
 * the IP waits. Contacts are stored only as hashes; codes and tokens are never logged.
 */
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { now } from '../../clock';
import { audit } from '../audit';
import { getDb, schema, type DbLike } from '../db';
import { enqueueMessage, SECRET_PLACEHOLDER } from '../outbox';
import { isWithin, type ContestDef } from './definition';
import { ContestError } from './errors';
import { normaliseContact } from '../../phone';

export const CHALLENGE_AFTER = 5;
export const HARD_LIMIT = 30;
const RATE_WINDOW_MS = 3600_000;
const CODE_TTL_MS = 15 * 60_000;
const MAX_CODE_ATTEMPTS = 5;
export const VOTER_COOKIE = 'voter';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

// Challenge tokens are signed with a per-process secret: short-lived by design.
const challengeSecret = randomBytes(32);
const NUMBERS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];

export interface Challenge {
  token: string;
  question: string;
}

function signChallenge(expires: number, answer: string): string {
  return createHmac('sha256', challengeSecret).update(`${String(expires)}:${answer}`).digest('base64url');
}

/** A simple question ("Ba cộng năm bằng mấy?") with a signed token holding its answer. */
export function createChallenge(): Challenge {
  const a = randomInt(1, 10);
  const b = randomInt(1, 10);
  const expires = now().getTime() + 10 * 60_000;
  const cap = NUMBERS[a] ?? String(a);
  return {
    token: `${String(expires)}.${signChallenge(expires, String(a + b))}`,
    question: `${cap.charAt(0).toUpperCase()}${cap.slice(1)} cộng ${NUMBERS[b] ?? String(b)} bằng mấy? (trả lời bằng chữ số)`,
  };
}

export function checkChallenge(token: string | undefined, answer: string | undefined): boolean {
  if (!token || !answer) return false;
  const [exp, sig] = token.split('.');
  const expires = Number(exp);
  if (!sig || !Number.isFinite(expires) || expires < now().getTime()) return false;
  const expected = Buffer.from(signChallenge(expires, answer.trim()));
  const given = Buffer.from(sig);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Counts a request from `ip`; throws challenge_required / rate_limited past the thresholds. */
function countRequest(ip: string, challengeOk: boolean, db: DbLike): void {
  const key = `vote-code:${ip}`;
  const t = now();
  const row = db.select().from(schema.contestVoteRate).where(eq(schema.contestVoteRate.key, key)).get();
  const fresh = !row || t.getTime() - row.windowStart.getTime() > RATE_WINDOW_MS;
  const n = fresh ? 0 : row.count;
  if (n >= HARD_LIMIT) {
    const retry = row ? Math.ceil((row.windowStart.getTime() + RATE_WINDOW_MS - t.getTime()) / 1000) : 60;
    throw new ContestError('rate_limited', { retryAfterSeconds: Math.max(retry, 1) });
  }
  if (n >= CHALLENGE_AFTER && !challengeOk) throw new ContestError('challenge_required', { extra: { challenge: createChallenge() } });
  db.insert(schema.contestVoteRate)
    .values({ key, count: n + 1, windowStart: fresh ? t : row.windowStart })
    .onConflictDoUpdate({ target: schema.contestVoteRate.key, set: { count: n + 1, windowStart: fresh ? t : row.windowStart } })
    .run();
}

function requireVoteOpen(def: ContestDef): NonNullable<ContestDef['vote']> {
  if (!def.vote) throw new ContestError('vote_disabled');
  if (!isWithin(def.vote, now())) throw new ContestError('vote_closed');
  return def.vote;
}

export interface CodeRequest {
  contact: string;
  website?: string | undefined;
  challengeToken?: string | undefined;
  challengeAnswer?: string | undefined;
}

/**
 * Sends a verification code. Returns the verification id (and, in demo mode, the code so the
 * page can show it). A filled honeypot gets the same kind of answer and nothing happens.
 */
export function requestVoteCode(
  def: ContestDef,
  input: CodeRequest,
  ip: string | null,
  options: { demo: boolean },
  db = getDb(),
): { verification: number; demoCode?: string } {
  requireVoteOpen(def);
  if (input.website) return { verification: randomInt(1_000_000, 9_000_000) };
  const contact = normaliseContact(input.contact);
  if (!contact) throw new ContestError('invalid_contact', { fields: { contact: 'Email hoặc số điện thoại không hợp lệ.' } });
  const challengeOk = checkChallenge(input.challengeToken, input.challengeAnswer);
  return db.transaction((tx) => {
    countRequest(ip ?? 'unknown', challengeOk, tx);
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

/** The voter's votes: scope → entry. */
export function getVoterVotes(def: ContestDef, voterId: number, db: DbLike = getDb()): Record<string, string> {
  return Object.fromEntries(
    db
      .select({ scope: schema.contestVotes.scope, entryId: schema.contestVotes.entryId })
      .from(schema.contestVotes)
      .where(and(eq(schema.contestVotes.contestId, def.id), eq(schema.contestVotes.voterId, voterId)))
      .all()
      .map((r) => [r.scope, r.entryId]),
  );
}

/** The scope of a vote for an entry: "*" per contest, or the entry's product group. */
export function voteScope(def: ContestDef, entryGroup: string): string {
  return def.vote?.per === 'group' ? entryGroup : '*';
}

/** Casts the voter's vote for an entry (409 when they already voted in that scope). */
export function castVote(def: ContestDef, token: string | undefined, entryId: string, entryGroup: string, ip: string | null, db = getDb()): { entryId: string; scope: string } {
  requireVoteOpen(def);
  if (!def.entries.includes(entryId)) throw new ContestError('entry_not_found');
  const voter = getVoter(def, token, db);
  if (!voter) throw new ContestError('voter_unverified');
  const scope = voteScope(def, entryGroup);
  return db.transaction((tx) => {
    const r = tx
      .insert(schema.contestVotes)
      .values({ contestId: def.id, voterId: voter.id, scope, entryId, at: now() })
      .onConflictDoNothing()
      .run();
    if (r.changes === 0) throw new ContestError('already_voted');
    audit({ actorId: null, ip }, { action: 'contest.vote.cast', target: `contest:${def.id}`, details: { voter: voter.id, entry: entryId, scope } }, tx);
    return { entryId, scope };
  });
}

/** Withdraws the voter's vote in a scope while the window is open. */
export function withdrawVote(def: ContestDef, token: string | undefined, scope: string, ip: string | null, db = getDb()): void {
  requireVoteOpen(def);
  const voter = getVoter(def, token, db);
  if (!voter) throw new ContestError('voter_unverified');
  db.transaction((tx) => {
    const r = tx
      .delete(schema.contestVotes)
      .where(and(eq(schema.contestVotes.contestId, def.id), eq(schema.contestVotes.voterId, voter.id), eq(schema.contestVotes.scope, scope)))
      .run();
    if (r.changes === 0) throw new ContestError('no_vote');
    audit({ actorId: null, ip }, { action: 'contest.vote.withdraw', target: `contest:${def.id}`, details: { voter: voter.id, scope } }, tx);
  });
}

export interface Tally {
  /** False while totals are hidden (the contest hides them until the vote closes). */
  visible: boolean;
  closed: boolean;
  totalVotes: number | null;
  /** entryId → votes (empty while hidden). */
  counts: Record<string, number>;
}

/** The public tally, hidden until the close when the contest says so. */
export function getTally(def: ContestDef, db: DbLike = getDb()): Tally {
  if (!def.vote) throw new ContestError('vote_disabled');
  const closed = now() >= def.vote.closes;
  const visible = closed || !def.vote.hideTotalsUntilClosed;
  if (!visible) return { visible, closed, totalVotes: null, counts: {} };
  const rows = db
    .select({ entryId: schema.contestVotes.entryId, n: count() })
    .from(schema.contestVotes)
    .where(eq(schema.contestVotes.contestId, def.id))
    .groupBy(schema.contestVotes.entryId)
    .all();
  const counts = Object.fromEntries(def.entries.map((e) => [e, 0]));
  for (const r of rows) if (r.entryId in counts) counts[r.entryId] = r.n;
  return { visible, closed, totalVotes: rows.reduce((s, r) => s + r.n, 0), counts };
}
