/**
 * The audit log: who did what, when, from which IP. Append-only — there is no function to
 * change or delete a row, and triggers in the database abort any UPDATE or DELETE.
 * Never put passwords, tokens or request bodies in `details`.
 */
import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { getDb, schema, preparedOnce, type DbLike } from './db';
import { now } from '../clock';
import { clientIp } from './request';

export interface AuditActor {
  /** The signed-in user, or null (anonymous visitor, CLI without a user, the system). */
  actorId: string | null;
  ip: string | null;
}

export interface AuditEntry {
  /** Dotted verb, e.g. "auth.login", "user.disable", "registration.approve". */
  action: string;
  /** What it was done to, e.g. "user:abc", "registration:K7M2QX". */
  target?: string | null;
  details?: Record<string, unknown>;
}

export type AuditRow = typeof schema.auditLog.$inferSelect;

/** The system itself (boot, demo seeding, scheduled jobs). */
export const SYSTEM_ACTOR: AuditActor = { actorId: null, ip: null };

/** The actor of a request: its signed-in user and client IP. */
export function auditActor(context: {
  locals: App.Locals;
  request: Request;
  clientAddress: string;
}): AuditActor {
  return { actorId: context.locals.user?.id ?? null, ip: clientIp(context) };
}

/** Prepared once per connection: written on hot paths. */
const insertRow = preparedOnce((db: DbLike) =>
  db
    .insert(schema.auditLog)
    .values({
      at: sql.placeholder('at'),
      actorId: sql.placeholder('actorId'),
      action: sql.placeholder('action'),
      target: sql.placeholder('target'),
      ip: sql.placeholder('ip'),
      details: sql.placeholder('details'),
    })
    .prepare(),
);

/** Appends one row. Pass a transaction as `db` to make it part of the change it records. */
export function audit(actor: AuditActor, entry: AuditEntry, db: DbLike = getDb()): void {
  const insert = insertRow(db);
  insert.run({
    at: now(),
    actorId: actor.actorId,
    action: entry.action,
    target: entry.target ?? null,
    ip: actor.ip,
    details: JSON.stringify(entry.details ?? {}),
  });
}

export interface AuditQuery {
  /** Rows with id below this (paging backwards). */
  before?: number;
  /** Exact action, or a prefix ending in "." ("auth."). */
  action?: string;
  limit?: number;
}

/** Most recent first, with the actor's email and name. */
export function listAudit(query: AuditQuery = {}, db: DbLike = getDb()) {
  const conditions: SQL[] = [];
  if (query.before !== undefined) conditions.push(lt(schema.auditLog.id, query.before));
  if (query.action?.endsWith('.')) {
    conditions.push(
      gte(schema.auditLog.action, query.action),
      lt(schema.auditLog.action, `${query.action}\uffff`),
    );
  } else if (query.action) {
    conditions.push(eq(schema.auditLog.action, query.action));
  }
  const rows = db
    .select({
      id: schema.auditLog.id,
      at: schema.auditLog.at,
      action: schema.auditLog.action,
      target: schema.auditLog.target,
      ip: schema.auditLog.ip,
      details: schema.auditLog.details,
      actorId: schema.auditLog.actorId,
      actorEmail: schema.users.email,
      actorName: schema.users.name,
    })
    .from(schema.auditLog)
    .leftJoin(schema.users, eq(schema.users.id, schema.auditLog.actorId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(schema.auditLog.id))
    .limit(Math.min(query.limit ?? 100, 500))
    .all();
  return rows.map((r) => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> }));
}
