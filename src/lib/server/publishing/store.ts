/**
 * Publications in the database: requested by any server process (the console's routes),
 * worked through by the primary process alone, read by all. A request made while another
 * publication waits joins that one (it will build the content as it is when it starts, which
 * includes this request's saves): one build at a time, a second request queued, never doubled.
 */
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { now } from '../../clock';
import { audit, type AuditActor } from '../audit';
import { getDb, schema, type DbLike } from '../db';
import type { PublicationState } from '../../vocabulary';
import type { ContentIssue } from '../cms/validate';

export type PublicationRow = typeof schema.publications.$inferSelect;
export type PublicationKind = PublicationRow['kind'];

export interface Publication {
  id: string;
  kind: PublicationKind;
  state: PublicationState;
  requestedBy: { id: string; name: string; email: string } | null;
  requestedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  targetBuild: string | null;
  buildId: string | null;
  commit: string | null;
  errors: ContentIssue[];
  message: string | null;
}

function newId(): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

const columns = {
  row: schema.publications,
  userId: schema.users.id,
  userName: schema.users.name,
  userEmail: schema.users.email,
};

function toPublication(r: { row: PublicationRow; userId: string | null; userName: string | null; userEmail: string | null }): Publication {
  const p = r.row;
  return {
    id: p.id,
    kind: p.kind,
    state: p.state,
    requestedBy: r.userId ? { id: r.userId, name: r.userName ?? '', email: r.userEmail ?? '' } : null,
    requestedAt: p.requestedAt,
    startedAt: p.startedAt,
    finishedAt: p.finishedAt,
    targetBuild: p.targetBuild,
    buildId: p.buildId,
    commit: p.commitSha,
    errors: p.errors ? (JSON.parse(p.errors) as ContentIssue[]) : [],
    message: p.message,
  };
}

/**
 * Requests in the order they were made: SQLite's rowid, not `requested_at` (a clock can step
 * back; under CLOCK_NOW each process's clock starts from the same instant).
 */
const inOrder = sql`${schema.publications}.rowid`;

function select(db: DbLike) {
  return db.select(columns).from(schema.publications).leftJoin(schema.users, eq(schema.users.id, schema.publications.requestedBy));
}

/** A publication by id, or null. */
export function getPublication(id: string, db: DbLike = getDb()): Publication | null {
  const r = select(db).where(eq(schema.publications.id, id)).get();
  return r ? toPublication(r) : null;
}

/** The latest publications, newest first. */
export function listPublications(limit = 20, db: DbLike = getDb()): Publication[] {
  return select(db).orderBy(desc(inOrder)).limit(limit).all().map(toPublication);
}

/**
 * Asks for a publication: a new one queued, or the one already waiting (`joined`). A roll back
 * is never joined: each names its own target.
 */
export function requestPublication(kind: PublicationKind, actor: AuditActor, targetBuild: string | null = null, db = getDb()): { publication: Publication; joined: boolean } {
  return db.transaction((tx) => {
    if (kind === 'publish') {
      const waiting = tx
        .select({ id: schema.publications.id })
        .from(schema.publications)
        .where(and(eq(schema.publications.state, 'queued'), eq(schema.publications.kind, 'publish')))
        .orderBy(asc(inOrder))
        .get();
      if (waiting) {
        audit(actor, { action: 'content.publish.join', target: `publication:${waiting.id}` }, tx);
        const publication = getPublication(waiting.id, tx);
        if (publication) return { publication, joined: true };
      }
    }
    const id = newId();
    tx.insert(schema.publications).values({ id, kind, state: 'queued', requestedBy: actor.actorId, requestedAt: now(), targetBuild }).run();
    audit(actor, { action: kind === 'publish' ? 'content.publish.request' : 'content.rollback.request', target: `publication:${id}`, details: targetBuild ? { targetBuild } : {} }, tx);
    const publication = getPublication(id, tx);
    if (!publication) throw new Error('publication not stored');
    return { publication, joined: false };
  });
}

/** The next publication to work on (oldest queued), marked building; null when none waits. */
export function startNextPublication(db = getDb()): Publication | null {
  return db.transaction((tx) => {
    const next = tx
      .select({ id: schema.publications.id })
      .from(schema.publications)
      .where(eq(schema.publications.state, 'queued'))
      .orderBy(asc(inOrder))
      .get();
    if (!next) return null;
    tx.update(schema.publications).set({ state: 'building', startedAt: now() }).where(eq(schema.publications.id, next.id)).run();
    return getPublication(next.id, tx);
  });
}

/** Notes progress of a publication being worked on (its build, its commit). */
export function notePublication(id: string, values: { buildId?: string; commit?: string | null }, db = getDb()): void {
  db.update(schema.publications)
    .set({ ...(values.buildId !== undefined ? { buildId: values.buildId } : {}), ...(values.commit !== undefined ? { commitSha: values.commit } : {}) })
    .where(eq(schema.publications.id, id))
    .run();
}

/** A publication's end: live (with what went live) or failed (with why), audited. */
export function finishPublication(
  id: string,
  outcome: { state: 'live'; buildId: string; message: string } | { state: 'failed'; message: string; errors?: ContentIssue[] },
  db = getDb(),
): void {
  db.transaction((tx) => {
    tx.update(schema.publications)
      .set({
        state: outcome.state,
        finishedAt: now(),
        message: outcome.message,
        ...(outcome.state === 'live' ? { buildId: outcome.buildId } : { errors: JSON.stringify(outcome.errors ?? []) }),
      })
      .where(eq(schema.publications.id, id))
      .run();
    const row = tx.select().from(schema.publications).where(eq(schema.publications.id, id)).get();
    audit(
      { actorId: row?.requestedBy ?? null, ip: null },
      {
        action: `content.${row?.kind === 'rollback' ? 'rollback' : 'publish'}.${outcome.state}`,
        target: `publication:${id}`,
        details: outcome.state === 'live' ? { build: outcome.buildId } : { errors: outcome.errors?.length ?? 0, message: outcome.message.slice(0, 300) },
      },
      tx,
    );
  });
}

/** At start: publications a previous process left building cannot finish; they fail with a reason. */
export function failInterruptedPublications(db = getDb()): number {
  const rows = db.select({ id: schema.publications.id }).from(schema.publications).where(eq(schema.publications.state, 'building')).all();
  for (const r of rows) finishPublication(r.id, { state: 'failed', message: 'Máy chủ đã khởi động lại khi đang dựng trang: hãy bấm Xuất bản lại.' }, db);
  return rows.length;
}
