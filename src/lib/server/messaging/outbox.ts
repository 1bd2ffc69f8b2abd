/**
 * The outbox: messages to people (confirmations, offers, results, verification codes). Domain
 * code only enqueues — in the same transaction as the change the message is about, so a message
 * is never lost nor sent for a change that rolled back. delivery.ts sends them. A message with a
 * secret stores it sealed (secrets.ts); messages anyone can trigger are limited (limits.ts).
 */
import { count, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { now } from '../../clock';
import { getDb, schema, preparedOnce, type DbLike } from '../db';
import { OUTBOX_CHANNELS, type OutboxStatus } from '../../vocabulary';
import { checkPublicLimits } from './limits';
import { SECRET_PLACEHOLDER, sealSecret, type OutboxRow } from './secrets';

export type { OutboxRow };

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
