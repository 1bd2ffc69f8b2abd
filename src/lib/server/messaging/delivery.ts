/**
 * Sending what the outbox holds: a worker polls for due messages and sends each through the
 * transport of its channel (email by SMTP, SMS by SMPP), putting the message's secret in only
 * now (renderBody) and erasing it once sent. Failures are retried with exponential backoff,
 * then marked failed; the reason is kept for the console. A message is claimed (its next
 * attempt moved on) before it is sent, so two workers — two processes during a switch to a new
 * build — never send it twice.
 */
import { and, eq, inArray, isNull, lte, or } from 'drizzle-orm';
import { now } from '../../clock';
import type { OutboxChannel } from '../../vocabulary';
import { getDb, schema, type DbLike } from '../db';
import { renderBody, type OutboxRow } from './secrets';
import type { SmsTransport } from './smpp';

/** Something that delivers one email; nodemailer's SMTP transport in production. */
export interface MailTransport {
  send(mail: { to: string; subject: string; text: string }): Promise<void>;
  close?(): Promise<void>;
}

/** The transports configured, by channel. A channel without one keeps its messages pending. */
export interface Transports {
  email?: MailTransport | undefined;
  sms?: SmsTransport | undefined;
}

/** How long a claimed message waits before another worker may try it (a send in progress). */
const CLAIM_MS = 5 * 60_000;

function sendOne(transports: Transports, m: OutboxRow): Promise<void> {
  const text = renderBody(m);
  if (m.channel === 'email' && transports.email) return transports.email.send({ to: m.recipient, subject: m.subject, text });
  if (m.channel === 'sms' && transports.sms) return transports.sms.send({ to: m.recipient, text });
  return Promise.reject(new Error(`không có kênh gửi ${m.channel}`));
}

/** After this many failed attempts a message is marked failed and left for a person. */
export const MAX_ATTEMPTS = 6;

function backoffMs(attempts: number): number {
  return Math.min(60_000 * 2 ** (attempts - 1), 6 * 3600_000);
}

/** Sends due pending messages of every channel that has a transport. Returns how many were sent and failed. */
/**
 * Called after each message is marked sent, with the time it was sent: the registrations
 * module starts an offer's clock then (an offer never runs out before its message could be read).
 */
export type OnSent = (message: OutboxRow, sentAt: Date) => void;

export async function deliverPending(
  transports: Transports,
  options: { limit?: number; onSent?: OnSent } = {},
  db: DbLike = getDb(),
): Promise<{ sent: number; failed: number }> {
  const channels = (['email', 'sms'] as const).filter((c): c is OutboxChannel => transports[c] !== undefined);
  if (!channels.length) return { sent: 0, failed: 0 };
  const t = now();
  const dueNow = or(isNull(schema.outbox.nextAttemptAt), lte(schema.outbox.nextAttemptAt, t));
  const due = db
    .select()
    .from(schema.outbox)
    .where(and(eq(schema.outbox.status, 'pending'), inArray(schema.outbox.channel, channels), dueNow))
    .orderBy(schema.outbox.id)
    .limit(options.limit ?? 20)
    .all();
  let sent = 0;
  let failed = 0;
  for (const m of due) {
    const claimed = db
      .update(schema.outbox)
      .set({ nextAttemptAt: new Date(t.getTime() + CLAIM_MS) })
      .where(and(eq(schema.outbox.id, m.id), eq(schema.outbox.status, 'pending'), dueNow))
      .run().changes;
    if (!claimed) continue;
    try {
      await sendOne(transports, m);
      const sentAt = now();
      db.update(schema.outbox)
        .set({
          status: 'sent',
          sentAt,
          attempts: m.attempts + 1,
          lastError: null,
          nextAttemptAt: null,
          // Sent: the secret has done its job and is not kept, even encrypted.
          secret: null,
        })
        .where(eq(schema.outbox.id, m.id))
        .run();
      sent++;
      try {
        options.onSent?.(m, sentAt);
      } catch (error) {
        process.stderr.write(`${JSON.stringify({ t: new Date().toISOString(), level: 'error', outbox: `onSent: ${error instanceof Error ? error.message : String(error)}` })}\n`);
      }
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
    close() {
      transporter.close();
      return Promise.resolve();
    },
  };
}

/**
 * Polls the outbox every `intervalMs` and sends what is due. Returns a function that stops it
 * (and waits for a round in progress, then closes the transports).
 */
export function startOutboxWorker(
  transports: Transports,
  intervalMs = 15_000,
  onSent?: OnSent,
): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  const tick = () => {
    running ??= deliverPending(transports, onSent ? { onSent } : {})
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
    await Promise.allSettled([transports.email?.close?.(), transports.sms?.close()]);
  };
}
