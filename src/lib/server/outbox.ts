/**
 * Messages to people (confirmations, offers, results, verification codes). Domain code only
 * enqueues — in the same transaction as the change the message is about, so a message is
 * never lost nor sent for a change that rolled back. A worker sends pending email by SMTP
 * when SMTP_URL is set; otherwise messages stay pending and the console shows them.
 * SMS has no provider yet: those messages are kept for organisers to read.
 *
 * Two promises kept here, for every message of the site:
 * - **No secret at rest in clear.** A message that must carry a secret (a management link, a
 *   verification code) is written with `SECRET_PLACEHOLDER` in its body and the secret in
 *   `secret`, which is stored encrypted (AES-256-GCM, key from `MESSAGE_KEY` or a key file beside
 *   the database, see `message-key.ts`) and bound to the recipient. The secret is put in only
 *   when the message is sent, then erased. The console, exports and backups see the placeholder.
 * - **Nobody can make the site bomb a phone or a mailbox.** Messages that anyone can trigger
 *   (`PUBLIC_MESSAGE_LIMITS`: a vote code, a registration confirmation) are limited per
 *   recipient — across IPs, contests and fairs — and all of them together per hour
 *   (`MESSAGE_HOURLY_LIMIT`). Past a limit `enqueueMessage` throws a 429 `MessageError`, which
 *   rolls back the caller's transaction: nothing is queued, nothing is stored.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { and, count, desc, eq, gte, inArray, isNull, like, lte, notLike, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { now } from '../clock';
import { getDb, schema, preparedOnce, type DbLike } from './db';
import { getEnv } from './env';
import { defineErrors } from './errors';
import { getMessageKey } from './message-key';
import { OUTBOX_CHANNELS, type OutboxStatus } from '../vocabulary';

/** Where the secret goes in a message's body; what is stored, shown and backed up instead of it. */
export const SECRET_PLACEHOLDER = '[[secret]]';
/** How the console shows the placeholder. */
export const SECRET_SHOWN_AS = '[liên kết hoặc mã bí mật: chỉ gửi tới người nhận, không lưu ở dạng đọc được]';

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
};

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;

export const OutboxMessageSchema = z.object({
  channel: z.enum(OUTBOX_CHANNELS).default('email'),
  /** An email address, or a phone number (+84…) for SMS. */
  to: z.string().trim().min(3).max(320),
  subject: z.string().trim().min(1).max(200),
  body: z.string().min(1).max(20_000),
  /** What it is about, e.g. "registration.confirmation". */
  kind: z.string().min(1).max(80),
  /** Optional reference, e.g. "registration:K7M2QX". */
  ref: z.string().max(200).optional(),
  /** The secret that replaces SECRET_PLACEHOLDER in `body` when the message is sent. */
  secret: z.string().min(1).max(2000).optional(),
});
export type OutboxMessage = z.input<typeof OutboxMessageSchema>;
export type OutboxRow = typeof schema.outbox.$inferSelect;

/**
 * Queues a message and returns its id. Pass the transaction of the change it is about. Throws
 * a 429 `MessageError` when the message is one anyone can trigger and a limit is reached.
 */
export function enqueueMessage(message: OutboxMessage, db: DbLike = getDb()): number {
  const m = OutboxMessageSchema.parse(message);
  const placeholders = m.body.split(SECRET_PLACEHOLDER).length - 1;
  if (placeholders !== (m.secret === undefined ? 0 : 1)) {
    throw new Error(`outbox: a message with a secret has exactly one ${SECRET_PLACEHOLDER} in its body, others none (${m.kind})`);
  }
  const t = now();
  checkPublicLimits(m.kind, m.to, t, db);
  const insert = insertRow(db);
  const row = insert.get({
    createdAt: t,
    channel: m.channel,
    recipient: m.to,
    subject: m.subject,
    body: m.body,
    kind: m.kind,
    ref: m.ref ?? null,
    secret: m.secret === undefined ? null : sealSecret(m.secret, m.channel, m.to),
  });
  return row.id;
}

const PUBLIC_KINDS = Object.keys(PUBLIC_MESSAGE_LIMITS);

/** Messages anyone could trigger, queued since `since` (all recipients). */
export function countPublicMessagesSince(since: Date, db: DbLike = getDb()): number {
  return (
    db
      .select({ n: count() })
      .from(schema.outbox)
      .where(and(inArray(schema.outbox.kind, PUBLIC_KINDS), gte(schema.outbox.createdAt, since)))
      .get()?.n ?? 0
  );
}

let lastCeilingWarning = 0;

function checkPublicLimits(kind: string, recipient: string, t: Date, db: DbLike): void {
  const limits = PUBLIC_MESSAGE_LIMITS[kind];
  if (!limits) return;
  // The recipient's messages of this kind in the last day, oldest first (few rows, indexed).
  const times = db
    .select({ at: schema.outbox.createdAt })
    .from(schema.outbox)
    .where(and(eq(schema.outbox.recipient, recipient), eq(schema.outbox.kind, kind), gte(schema.outbox.createdAt, new Date(t.getTime() - DAY_MS))))
    .orderBy(schema.outbox.createdAt)
    .all()
    .map((r) => r.at.getTime());
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

/**
 * `v1.<iv>.<tag>.<ciphertext>` (base64url): AES-256-GCM with a fresh 96-bit IV, the channel and
 * recipient as associated data — a secret moved to another row or another address does not open.
 */
function sealSecret(secret: string, channel: string, recipient: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', getMessageKey(), iv);
  cipher.setAAD(Buffer.from(`${channel}:${recipient}`));
  const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
}

function openSecret(sealed: string, channel: string, recipient: string): string {
  const [version, iv, tag, ciphertext] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || ciphertext === undefined) throw new Error('bí mật của tin nhắn không đúng định dạng');
  const decipher = createDecipheriv('aes-256-gcm', getMessageKey(), Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(`${channel}:${recipient}`));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
}

/** The body as it is sent: the secret put in place of the placeholder. Throws when it cannot be opened. */
export function renderBody(row: Pick<OutboxRow, 'body' | 'secret' | 'channel' | 'recipient'>): string {
  if (!row.body.includes(SECRET_PLACEHOLDER)) return row.body;
  if (!row.secret) throw new Error('tin nhắn đã gửi hoặc mất phần bí mật nên không gửi lại được');
  let secret: string;
  try {
    secret = openSecret(row.secret, row.channel, row.recipient);
  } catch {
    throw new Error('không giải mã được phần bí mật của tin nhắn (khóa MESSAGE_KEY đã đổi?)');
  }
  return row.body.replace(SECRET_PLACEHOLDER, () => secret);
}

/** The body as the console shows it: never the secret. */
export function displayBody(row: Pick<OutboxRow, 'body'>): string {
  return row.body.replace(SECRET_PLACEHOLDER, SECRET_SHOWN_AS);
}

/** Prepared once per connection: written on hot paths. */
const insertRow = preparedOnce((db: DbLike) =>
  db
    .insert(schema.outbox)
    .values({
      createdAt: sql.placeholder('createdAt'),
      channel: sql.placeholder('channel'),
      recipient: sql.placeholder('recipient'),
      subject: sql.placeholder('subject'),
      body: sql.placeholder('body'),
      kind: sql.placeholder('kind'),
      ref: sql.placeholder('ref'),
      secret: sql.placeholder('secret'),
      status: 'pending',
    })
    .returning({ id: schema.outbox.id })
    .prepare(),
);

/** Most recent first. */
export function listOutbox(
  filter: { status?: OutboxStatus; limit?: number } = {},
  db: DbLike = getDb(),
): OutboxRow[] {
  return db
    .select()
    .from(schema.outbox)
    .where(filter.status ? eq(schema.outbox.status, filter.status) : undefined)
    .orderBy(desc(schema.outbox.id))
    .limit(Math.min(filter.limit ?? 100, 500))
    .all();
}

/** Number of messages per status. */
export function countOutbox(db: DbLike = getDb()): Record<OutboxStatus, number> {
  const counts: Record<OutboxStatus, number> = { pending: 0, sent: 0, failed: 0 };
  for (const r of db
    .select({ status: schema.outbox.status, n: count() })
    .from(schema.outbox)
    .groupBy(schema.outbox.status)
    .all()) {
    counts[r.status] = r.n;
  }
  return counts;
}

/** Something that delivers one email; nodemailer's SMTP transport in production. */
export interface MailTransport {
  send(mail: { to: string; subject: string; text: string }): Promise<void>;
}

/** After this many failed attempts a message is marked failed and left for a person. */
export const MAX_ATTEMPTS = 6;

function backoffMs(attempts: number): number {
  return Math.min(60_000 * 2 ** (attempts - 1), 6 * 3600_000);
}

/** Sends due pending emails through `transport`. Returns how many were sent and failed. */
export async function deliverPending(
  transport: MailTransport,
  options: { limit?: number } = {},
  db: DbLike = getDb(),
): Promise<{ sent: number; failed: number }> {
  const t = now();
  const due = db
    .select()
    .from(schema.outbox)
    .where(
      and(
        eq(schema.outbox.status, 'pending'),
        eq(schema.outbox.channel, 'email'),
        or(isNull(schema.outbox.nextAttemptAt), lte(schema.outbox.nextAttemptAt, t)),
      ),
    )
    .orderBy(schema.outbox.id)
    .limit(options.limit ?? 20)
    .all();
  let sent = 0;
  let failed = 0;
  for (const m of due) {
    try {
      await transport.send({ to: m.recipient, subject: m.subject, text: renderBody(m) });
      db.update(schema.outbox)
        .set({
          status: 'sent',
          sentAt: now(),
          attempts: m.attempts + 1,
          lastError: null,
          nextAttemptAt: null,
          // Sent: the secret has done its job and is not kept, even encrypted.
          secret: null,
        })
        .where(eq(schema.outbox.id, m.id))
        .run();
      sent++;
    } catch (error) {
      const attempts = m.attempts + 1;
      const giveUp = attempts >= MAX_ATTEMPTS;
      db.update(schema.outbox)
        .set({
          attempts,
          status: giveUp ? 'failed' : 'pending',
          lastError: (error instanceof Error ? error.message : String(error)).slice(0, 500),
          nextAttemptAt: giveUp ? null : new Date(now().getTime() + backoffMs(attempts)),
        })
        .where(eq(schema.outbox.id, m.id))
        .run();
      failed++;
    }
  }
  return { sent, failed };
}

/** A nodemailer SMTP transport for `smtpUrl` (smtp://user:pass@host:587, smtps://…). */
export async function smtpTransport(smtpUrl: string, from: string): Promise<MailTransport> {
  const nodemailer = await import('nodemailer');
  const transporter = nodemailer.createTransport(smtpUrl);
  return {
    async send(mail) {
      await transporter.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
    },
  };
}

/**
 * Polls the outbox every `intervalMs` and sends what is due. Returns a function that stops it
 * (and waits for a round in progress).
 */
export function startOutboxWorker(
  transport: MailTransport,
  intervalMs = 15_000,
): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  const tick = () => {
    running ??= deliverPending(transport)
      .catch((error: unknown) => {
        process.stderr.write(
          `${JSON.stringify({ t: new Date().toISOString(), level: 'error', outbox: error instanceof Error ? error.message : String(error) })}\n`,
        );
      })
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  tick();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

/**
 * Messages stored before secrets were kept apart carried them in clear (a management link in a
 * confirmation, a code in a vote message). At start: a pending one gets its secret sealed and a
 * placeholder; anything else has it erased. Idempotent; touches only rows that still match.
 */
export function sealLegacySecrets(db: DbLike = getDb()): number {
  const LINK = /https?:\/\/\S+\/hoi-cho\/quan-ly\/[A-Za-z0-9_-]+/;
  const CODE = /(là )(\d{6})(\.)/;
  const rows = db
    .select()
    .from(schema.outbox)
    .where(or(and(eq(schema.outbox.kind, 'registration.confirmation'), like(schema.outbox.body, '%/hoi-cho/quan-ly/%')), and(eq(schema.outbox.kind, 'contest.vote_code'), notLike(schema.outbox.body, `%${SECRET_PLACEHOLDER}%`))))
    .all();
  let changed = 0;
  for (const r of rows) {
    const found = LINK.exec(r.body)?.[0] ?? CODE.exec(r.body)?.[2];
    if (!found || r.body.includes(SECRET_PLACEHOLDER)) continue;
    const body = LINK.test(r.body) ? r.body.replace(LINK, SECRET_PLACEHOLDER) : r.body.replace(CODE, `$1${SECRET_PLACEHOLDER}$3`);
    const secret = r.status === 'pending' ? sealSecret(found, r.channel, r.recipient) : null;
    db.update(schema.outbox).set({ body, secret }).where(eq(schema.outbox.id, r.id)).run();
    changed++;
  }
  return changed;
}
