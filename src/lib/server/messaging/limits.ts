/**
 * Nobody can make the site bomb a phone or a mailbox: messages that anyone can trigger are
 * limited per recipient (PUBLIC_MESSAGE_LIMITS, whoever asks, from wherever, for whichever
 * contest or fair) and all of them together per hour (MESSAGE_HOURLY_LIMIT). Checked inside the
 * transaction that enqueues, so a refusal (429 MessageError) rolls back the whole request.
 */
import { getTableConfig } from 'drizzle-orm/sqlite-core';
import { now } from '../../clock';
import { getDb, schema, type DbLike } from '../db';
import { getEnv } from '../env';
import { defineErrors } from '../errors';
import { rawStatementOnce } from '../raw-statement';

export const MessageError = defineErrors({
  recipient_limited: {
    status: 429,
    message: 'Địa chỉ email hoặc số điện thoại này vừa nhận nhiều tin nhắn từ trang. Vui lòng thử lại sau ít phút.',
  },
  hourly_limit: {
    status: 429,
    message: 'Trang đang tạm ngừng gửi tin nhắn mới vì có quá nhiều yêu cầu. Vui lòng thử lại sau ít phút.',
  },
});
export type MessageError = InstanceType<typeof MessageError>;

/**
 * Messages that anyone can make the site send, by kind: at most `perHour` and `perDay` to one
 * recipient (whoever asks, from wherever, for whichever contest or fair). They also count
 * towards MESSAGE_HOURLY_LIMIT. Messages staff trigger (approvals, offers) are not limited.
 */
export const PUBLIC_MESSAGE_LIMITS: Readonly<Record<string, { perHour: number; perDay: number }>> = {
  'contest.vote_code': { perHour: 3, perDay: 10 },
  'registration.confirmation': { perHour: 5, perDay: 20 },
  // "Send my link again" from the lookup page (also limited per registration: RESENDS_PER_DAY).
  'registration.link_resend': { perHour: 3, perDay: 6 },
  // Saving or sending a contest entry (the management link): anyone can name any phone.
  'contest_entry.draft': { perHour: 5, perDay: 20 },
  'contest_entry.received': { perHour: 5, perDay: 20 },
};

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;

const PUBLIC_KINDS = Object.keys(PUBLIC_MESSAGE_LIMITS);

// Both queries run in every registration and every vote code (the writer thread's hottest
// path): raw statements prepared once per connection (raw-statement.ts). Built by drizzle, each
// call built its SQL and prepared a one-off statement — a fifth of the writer thread's work per
// registration in its CPU profile. The SQL is written from the schema's names, the kinds are
// our constants (never input); every value is a bound parameter.
const O = schema.outbox;
const OUTBOX = getTableConfig(O).name;

/**
 * The recipient's messages of one kind since a time, oldest first: few rows, through
 * outbox_recipient_idx. The unary + keeps SQLite (no ANALYZE statistics) from choosing
 * outbox_kind_idx instead, which walks every message of the kind that day: 1 ms at 17,000
 * confirmations, which cut the registration benchmark to a third.
 */
const recipientTimesQuery = rawStatementOnce(
  `SELECT ${O.createdAt.name} FROM ${OUTBOX} WHERE ${O.recipient.name} = ? AND +${O.kind.name} = ? AND ${O.createdAt.name} >= ? ORDER BY ${O.createdAt.name}`,
  { pluck: true },
);

const publicCountQuery = rawStatementOnce(
  `SELECT count(*) FROM ${OUTBOX} WHERE ${O.kind.name} IN (${PUBLIC_KINDS.map((k) => `'${k.replaceAll("'", "''")}'`).join(', ')}) AND ${O.createdAt.name} >= ?`,
  { pluck: true },
);

/** Messages anyone could trigger, queued since `since` (all recipients). */
export function countPublicMessagesSince(since: Date, db: DbLike = getDb()): number {
  return publicCountQuery(db).get(since.getTime()) as number;
}

let lastCeilingWarning = 0;

export function checkPublicLimits(kind: string, recipient: string, t: Date, db: DbLike): void {
  const limits = PUBLIC_MESSAGE_LIMITS[kind];
  if (!limits) return;
  // The recipient's messages of this kind in the last day (milliseconds, oldest first).
  const times = recipientTimesQuery(db).all(recipient, kind, t.getTime() - DAY_MS) as number[];
  const lastHour = times.filter((at) => at > t.getTime() - HOUR_MS);
  const over = lastHour.length >= limits.perHour ? (lastHour[lastHour.length - limits.perHour] ?? 0) + HOUR_MS : times.length >= limits.perDay ? (times[times.length - limits.perDay] ?? 0) + DAY_MS : null;
  if (over !== null) {
    const wait = Math.max(1, Math.ceil((over - t.getTime()) / 1000));
    throw new MessageError('recipient_limited', { retryAfterSeconds: wait, message: `Địa chỉ email hoặc số điện thoại này vừa nhận nhiều tin nhắn từ trang. Vui lòng thử lại sau ${waitText(wait)}.` });
  }
  const ceiling = getEnv().MESSAGE_HOURLY_LIMIT;
  if (ceiling > 0 && countPublicMessagesSince(new Date(t.getTime() - HOUR_MS), db) >= ceiling) {
    if (t.getTime() - lastCeilingWarning > 10 * 60_000) {
      lastCeilingWarning = t.getTime();
      process.stderr.write(`${JSON.stringify({ t: new Date().toISOString(), level: 'warn', outbox: `Đã chạm trần ${String(ceiling)} tin nhắn/giờ (MESSAGE_HOURLY_LIMIT): các yêu cầu gửi mã xác minh và thư xác nhận mới bị từ chối.` })}\n`);
    }
    throw new MessageError('hourly_limit', { retryAfterSeconds: 600 });
  }
}

/** "25 phút", "3 giờ" — how long to wait, for a message. */
function waitText(seconds: number): string {
  if (seconds < 3600) return `${String(Math.max(1, Math.ceil(seconds / 60)))} phút`;
  return `${String(Math.ceil(seconds / 3600))} giờ`;
}

/** Whether the hourly ceiling is reached now (the console shows a warning). */
export function hourlyLimitState(db: DbLike = getDb()): { limit: number; lastHour: number; reached: boolean } {
  const limit = getEnv().MESSAGE_HOURLY_LIMIT;
  const lastHour = countPublicMessagesSince(new Date(now().getTime() - HOUR_MS), db);
  return { limit, lastHour, reached: limit > 0 && lastHour >= limit };
}
