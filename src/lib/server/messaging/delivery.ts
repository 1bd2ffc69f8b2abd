/**
 * Sending what the outbox holds: a worker polls for due messages and sends them (email by SMTP
 * today), putting each message's secret in only now (renderBody) and erasing it once sent.
 * Failures are retried with exponential backoff, then marked failed for a person to see.
 */
import { and, eq, isNull, lte, or } from 'drizzle-orm';
import { now } from '../../clock';
import { getDb, schema, type DbLike } from '../db';
import { renderBody } from './secrets';

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
