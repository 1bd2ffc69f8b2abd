/**
 * The core tables (accounts, sessions, sign-in throttling, audit log, outbox), which the other
 * schema files reference. Times are stored as integer milliseconds since the epoch
 * (`mode: 'timestamp_ms'`), always taken from `now()` in src/lib/clock.ts. The vocabularies
 * (roles, statuses…) come from src/lib/vocabulary.ts, where their labels live.
 */
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { OUTBOX_CHANNELS, OUTBOX_STATUSES, ROLES } from '../src/lib/vocabulary';


export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  /** Lower-cased and trimmed before it is stored. */
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  role: text('role', { enum: ROLES }).notNull(),
  passwordHash: text('password_hash').notNull(),
  /** Created by demo mode; the server refuses to start outside demo mode while any exists. */
  isDemo: integer('is_demo', { mode: 'boolean' }).notNull().default(false),
  disabledAt: integer('disabled_at', { mode: 'timestamp_ms' }),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

export const sessions = sqliteTable(
  'sessions',
  {
    /** SHA-256 (hex) of the token in the cookie; the token itself is never stored. */
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('sessions_user_id_idx').on(t.userId)],
);

/**
 * Failed sign-in counters, one row per key: "pair:<email>|<address>", "ip:<address>",
 * "email:<email>" (the account's ceiling) or "device:<email>|<device>" (see
 * src/lib/server/auth/throttle.ts for what each allows).
 */
export const loginThrottle = sqliteTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  /** When the current run of failures started; older runs are forgotten. */
  windowStart: integer('window_start', { mode: 'timestamp_ms' }).notNull(),
  lockedUntil: integer('locked_until', { mode: 'timestamp_ms' }),
});

/**
 * Browsers and addresses that signed in to an account successfully. They still get in while
 * the account has reached its ceiling of failed sign-ins, so that an attacker cannot lock its
 * owner out (src/lib/server/auth/known-sources.ts).
 */
export const knownSignInSources = sqliteTable(
  'known_sign_in_sources',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** "device:<SHA-256 hex of the browser's cookie token>" or "ip:<address, or IPv6 /64>". */
    source: text('source').notNull(),
    lastSignInAt: integer('last_sign_in_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.source] }), index('known_sign_in_sources_source_idx').on(t.source)],
);

/**
 * Append-only: triggers in the migrations abort every UPDATE and DELETE (see
 * db/migrations/0001_audit_append_only.sql).
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    actorId: text('actor_id').references(() => users.id),
    action: text('action').notNull(),
    target: text('target'),
    ip: text('ip'),
    /** JSON object; never passwords, tokens or request bodies. */
    details: text('details').notNull().default('{}'),
  },
  (t) => [index('audit_log_at_idx').on(t.at), index('audit_log_action_idx').on(t.action)],
);


/**
 * Messages to people. Sent by SMTP when SMTP_URL is set; otherwise they stay `pending`. A secret
 * a message must carry (a management link, a verification code) is never in `body`: the body
 * holds a placeholder and `secret` the secret encrypted (AES-256-GCM, src/lib/server/outbox.ts),
 * put in only when the message is sent, then erased.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    channel: text('channel', { enum: OUTBOX_CHANNELS }).notNull(),
    recipient: text('recipient').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    /** What the message is about, e.g. "registration.confirmation", for the console's filter. */
    kind: text('kind').notNull(),
    /** Optional reference, e.g. "registration:ABC123". */
    ref: text('ref'),
    status: text('status', { enum: OUTBOX_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at', { mode: 'timestamp_ms' }),
    lastError: text('last_error'),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
    /** The encrypted secret for the body's placeholder; null once sent (or when there is none). */
    secret: text('secret'),
  },
  (t) => [
    index('outbox_status_idx').on(t.status, t.nextAttemptAt),
    // Per-recipient and hourly limits on messages anyone can trigger count over these.
    index('outbox_recipient_idx').on(t.recipient, t.createdAt),
    index('outbox_kind_idx').on(t.kind, t.createdAt),
  ],
);

