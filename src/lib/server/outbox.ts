/**
 * Messages to people (confirmations, offers, results, verification codes). Domain code only
 * enqueues — in the same transaction as the change the message is about, so a message is
 * never lost nor sent for a change that rolled back. A worker sends pending email by SMTP
 * when SMTP_URL is set; otherwise messages stay pending and the console shows them.
 * SMS has no provider yet: those messages are kept for organisers to read.
 */
import { and, count, desc, eq, isNull, lte, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { now } from '../clock';
import { getDb, schema, preparedOnce, type DbLike } from './db';
import { OUTBOX_CHANNELS, type OutboxStatus } from '../vocabulary';

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
});
export type OutboxMessage = z.input<typeof OutboxMessageSchema>;
export type OutboxRow = typeof schema.outbox.$inferSelect;

/** Queues a message and returns its id. Pass the transaction of the change it is about. */
export function enqueueMessage(message: OutboxMessage, db: DbLike = getDb()): number {
  const m = OutboxMessageSchema.parse(message);
  const insert = insertRow(db);
  const row = insert.get({
    createdAt: now(),
    channel: m.channel,
    recipient: m.to,
    subject: m.subject,
    body: m.body,
    kind: m.kind,
    ref: m.ref ?? null,
  });
  return row.id;
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
      await transport.send({ to: m.recipient, subject: m.subject, text: m.body });
      db.update(schema.outbox)
        .set({
          status: 'sent',
          sentAt: now(),
          attempts: m.attempts + 1,
          lastError: null,
          nextAttemptAt: null,
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
