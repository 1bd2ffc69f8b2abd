/**
 * Typical-product contests: judges' assignments, declarations (recusals), score sheets, their
 * history, publications of results, and the people's-choice vote. Contests and entries live in
 * content (`content/contests`), so they are referenced here by their content ids (text), not
 * by foreign keys. Scores are stored as integer HALF-POINTS (12.5 → 25): every rubric step is
 * 1 or 0.5, so sums and means stay exact integers until the last division.
 */
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { CONFLICT_KINDS, SHEET_STATES } from '../src/lib/vocabulary';
import { users } from './schema-core';

/** A judge on a contest's panel. `entries` null = every entry; otherwise a JSON array of entry ids. */
export const contestAssignments = sqliteTable(
  'contest_assignments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    contestId: text('contest_id').notNull(),
    judgeId: text('judge_id')
      .notNull()
      .references(() => users.id),
    entries: text('entries'),
    /** When the judge accepted the judging rules and made their declarations. */
    rulesAcceptedAt: integer('rules_accepted_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    createdBy: text('created_by').references(() => users.id),
  },
  (t) => [uniqueIndex('contest_assignments_contest_judge_uq').on(t.contestId, t.judgeId)],
);

/** A declared conflict of interest: the judge is recused from the entry. */
export const contestRecusals = sqliteTable(
  'contest_recusals',
  {
    contestId: text('contest_id').notNull(),
    judgeId: text('judge_id')
      .notNull()
      .references(() => users.id),
    entryId: text('entry_id').notNull(),
    reason: text('reason', { enum: CONFLICT_KINDS }).notNull(),
    note: text('note'),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.contestId, t.judgeId, t.entryId] })],
);

/** One judge's sheet for one entry. `version` grows on every write (optimistic concurrency). */
export const contestSheets = sqliteTable(
  'contest_sheets',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    contestId: text('contest_id').notNull(),
    entryId: text('entry_id').notNull(),
    judgeId: text('judge_id')
      .notNull()
      .references(() => users.id),
    state: text('state', { enum: SHEET_STATES }).notNull().default('draft'),
    version: integer('version').notNull().default(1),
    /** Sum of the criteria present, in half-points. */
    totalHalf: integer('total_half').notNull().default(0),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    uniqueIndex('contest_sheets_contest_entry_judge_uq').on(t.contestId, t.entryId, t.judgeId),
    index('contest_sheets_contest_idx').on(t.contestId, t.state),
  ],
);

/** A sheet's score for one (sub-)criterion, in half-points. */
export const contestSheetScores = sqliteTable(
  'contest_sheet_scores',
  {
    sheetId: integer('sheet_id')
      .notNull()
      .references(() => contestSheets.id, { onDelete: 'cascade' }),
    criterionId: text('criterion_id').notNull(),
    half: integer('half').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sheetId, t.criterionId] })],
);

/** Every save, submit and reopen of a sheet, with old → new values. Append-only (triggers). */
export const contestSheetHistory = sqliteTable(
  'contest_sheet_history',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sheetId: integer('sheet_id')
      .notNull()
      .references(() => contestSheets.id),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    actorId: text('actor_id').references(() => users.id),
    action: text('action', { enum: ['save', 'submit', 'reopen'] }).notNull(),
    version: integer('version').notNull(),
    /** JSON `{ criterionId: points }` before and after. */
    before: text('before').notNull(),
    after: text('after').notNull(),
    reason: text('reason'),
  },
  (t) => [index('contest_sheet_history_sheet_idx').on(t.sheetId)],
);

/** Publish / withdraw events; the latest row says whether results are public. */
export const contestPublications = sqliteTable(
  'contest_publications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    contestId: text('contest_id').notNull(),
    action: text('action', { enum: ['publish', 'withdraw'] }).notNull(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    actorId: text('actor_id').references(() => users.id),
    reason: text('reason'),
    /** JSON results as published (publish only): later reopenings never change what was announced. */
    snapshot: text('snapshot'),
  },
  (t) => [index('contest_publications_contest_idx').on(t.contestId, t.id)],
);

/** A voter's verification: a code sent through the outbox, then a voter token in a cookie. */
export const contestVoters = sqliteTable(
  'contest_voters',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    contestId: text('contest_id').notNull(),
    /** SHA-256 of the normalised email or phone: one voter per contact, the contact itself not kept. */
    contactHash: text('contact_hash').notNull(),
    channel: text('channel', { enum: ['email', 'sms'] }).notNull(),
    /** SHA-256 of the pending code; null once verified. */
    codeHash: text('code_hash'),
    codeExpiresAt: integer('code_expires_at', { mode: 'timestamp_ms' }),
    attempts: integer('attempts').notNull().default(0),
    /** SHA-256 of the voter token held in the voter's cookie. */
    tokenHash: text('token_hash'),
    verifiedAt: integer('verified_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('contest_voters_contest_contact_uq').on(t.contestId, t.contactHash),
    uniqueIndex('contest_voters_token_uq').on(t.tokenHash),
  ],
);

/** One vote per verified voter per contest (scope "*") or per product group (scope = group id). */
export const contestVotes = sqliteTable(
  'contest_votes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    contestId: text('contest_id').notNull(),
    voterId: integer('voter_id')
      .notNull()
      .references(() => contestVoters.id),
    scope: text('scope').notNull(),
    entryId: text('entry_id').notNull(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('contest_votes_voter_scope_uq').on(t.contestId, t.voterId, t.scope),
    index('contest_votes_entry_idx').on(t.contestId, t.entryId),
  ],
);

/** Per-IP counters for the vote's verification requests (rate limit, then a challenge). */
export const contestVoteRate = sqliteTable('contest_vote_rate', {
  key: text('key').primaryKey(),
  count: integer('count').notNull(),
  windowStart: integer('window_start', { mode: 'timestamp_ms' }).notNull(),
});

/**
 * ALTCHA challenges already spent on a vote-code request: a solved challenge is accepted once.
 * `challenge` is the challenge's own hash as issued (public, signed by the server); a row is
 * useless after `expiresAt` (the challenge itself has expired) and is pruned then.
 */
export const contestVoteChallenges = sqliteTable(
  'contest_vote_challenges',
  {
    challenge: text('challenge').primaryKey(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('contest_vote_challenges_expires_idx').on(t.expiresAt)],
);
