/**
 * The rows of an online entry: creating it with its files, changing it, applying a transition
 * of the state machine — each in one IMMEDIATE transaction that re-reads the status (and the
 * version) before writing, with its history, audit row and message. Only hashes of management
 * tokens are stored.
 */
import { randomInt } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { now } from '../../../clock';
import type { EntryStatus } from '../../../vocabulary';
import type { EntryDraftFields } from '../../../entry-schema';
import { audit, type AuditActor } from '../../audit';
import { getDb, schema, type DbLike } from '../../db';
import { hashToken, newToken } from '../../registrations/tokens';
import { EntryError } from './errors';
import type { StoredFile } from './files';
import { notifyApplicant } from './messages';
import { canTransition, nextStatus, TRANSITIONS, type EntryAction } from './state';
import { getEnv } from '../../env';

export type EntryRow = typeof schema.contestEntries.$inferSelect;
export type EntryFileRow = typeof schema.contestEntryFiles.$inferSelect;

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

function newCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += ALPHABET.charAt(randomInt(ALPHABET.length));
  return code;
}

/** The absolute management link of a token. */
export function entryManageUrl(token: string): string {
  return new URL(`/binh-chon/quan-ly/${token}`, getEnv().SITE_URL).href;
}

export interface NewFile extends StoredFile {
  angle: string | null;
}

function denormalised(fields: EntryDraftFields) {
  return {
    fields: JSON.stringify(fields),
    establishmentName: fields.establishmentName ?? null,
    productName: fields.productName ?? null,
    cnntGroup: fields.cnntGroup ?? null,
    province: fields.province ?? null,
    phone: fields.phone,
    email: fields.email ?? null,
  };
}

function insertFiles(tx: DbLike, entryId: number, files: readonly NewFile[], start: number): void {
  const t = now();
  files.forEach((f, i) => {
    tx.insert(schema.contestEntryFiles)
      .values({ entryId, kind: f.kind, angle: f.angle, position: start + i, name: f.name, mime: f.mime, bytes: f.bytes, blob: f.blob, webpLarge: f.webpLarge, webpSmall: f.webpSmall, width: f.width, height: f.height, createdAt: t })
      .run();
  });
}

function record(tx: DbLike, entry: Pick<EntryRow, 'id' | 'code' | 'contestId'>, from: EntryStatus | null, to: EntryStatus, actor: AuditActor, action: string, note?: string | null): void {
  tx.insert(schema.contestEntryHistory).values({ entryId: entry.id, at: now(), fromStatus: from, toStatus: to, actorId: actor.actorId, note: note ?? null }).run();
  audit(actor, { action: `contest.entry.${action}`, target: `contest-entry:${entry.code}`, details: { contest: entry.contestId, from, to, ...(note ? { reason: note } : {}) } }, tx);
}

/** A new entry (draft or submitted) with its files; returns its code and the management token. */
export function createEntry(contest: { id: string; title: string }, fields: EntryDraftFields, files: readonly NewFile[], submit: boolean, actor: AuditActor): { code: string; token: string; status: EntryStatus } {
  const token = newToken();
  const status: EntryStatus = submit ? 'submitted' : 'draft';
  const t = now();
  return getDb().transaction((tx) => {
    let code = newCode();
    while (tx.select({ id: schema.contestEntries.id }).from(schema.contestEntries).where(eq(schema.contestEntries.code, code)).get()) code = newCode();
    const row = tx
      .insert(schema.contestEntries)
      .values({ code, contestId: contest.id, status, ...denormalised(fields), manageTokenHash: hashToken(token), createdAt: t, updatedAt: t, submittedAt: submit ? t : null })
      .returning()
      .get();
    insertFiles(tx, row.id, files, 0);
    record(tx, row, null, status, actor, submit ? 'submit' : 'draft');
    notifyApplicant(tx, row, submit ? 'received' : 'draft', { contest: contest.title }, entryManageUrl(token));
    return { code, token, status };
  });
}

export function getEntryByToken(token: string, db: DbLike = getDb()): EntryRow | null {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return null;
  return db.select().from(schema.contestEntries).where(eq(schema.contestEntries.manageTokenHash, hashToken(token))).get() ?? null;
}

export function getEntryByCode(contestId: string, code: string, db: DbLike = getDb()): EntryRow | null {
  const c = code.toUpperCase();
  if (!/^[2-9A-HJ-NP-Z]{8}$/.test(c)) return null;
  return db.select().from(schema.contestEntries).where(and(eq(schema.contestEntries.contestId, contestId), eq(schema.contestEntries.code, c))).get() ?? null;
}

export function listEntryFiles(entryId: number, db: DbLike = getDb()): EntryFileRow[] {
  return db.select().from(schema.contestEntryFiles).where(eq(schema.contestEntryFiles.entryId, entryId)).orderBy(asc(schema.contestEntryFiles.kind), asc(schema.contestEntryFiles.position)).all();
}

export function entryFields(row: Pick<EntryRow, 'fields'>): EntryDraftFields {
  return JSON.parse(row.fields) as EntryDraftFields;
}

export interface EntryChange {
  fields: EntryDraftFields;
  add: readonly NewFile[];
  remove: readonly number[];
  /** Angles of photos already stored, by file id. */
  angles: Readonly<Record<number, string>>;
  version: number | null;
  action: 'save' | 'submit';
}

/**
 * The applicant's change through the link: fields, files added and removed, then save or submit.
 * `check` runs inside the transaction with the files as they will be (submit re-checks the
 * whole dossier there, so two tabs cannot each pass a check the other invalidates).
 */
export function changeEntry(token: string, change: EntryChange, actor: AuditActor, contestTitle: string, check: (files: EntryFileRow[], fields: EntryDraftFields) => void): EntryRow {
  return getDb().transaction((tx) => {
    const row = getEntryByToken(token, tx);
    if (!row) throw new EntryError('link_invalid');
    if (!canTransition(row.status, change.action)) throw new EntryError('read_only');
    if (change.version !== null && change.version !== row.version) throw new EntryError('stale_version');
    const current = listEntryFiles(row.id, tx);
    const removed = new Set(change.remove.filter((id) => current.some((f) => f.id === id)));
    if (removed.size) tx.delete(schema.contestEntryFiles).where(and(eq(schema.contestEntryFiles.entryId, row.id), inArray(schema.contestEntryFiles.id, [...removed]))).run();
    for (const [id, angle] of Object.entries(change.angles)) {
      tx.update(schema.contestEntryFiles).set({ angle }).where(and(eq(schema.contestEntryFiles.entryId, row.id), eq(schema.contestEntryFiles.id, Number(id)))).run();
    }
    insertFiles(tx, row.id, change.add, Math.max(-1, ...current.map((f) => f.position)) + 1);
    const files = listEntryFiles(row.id, tx);
    check(files, change.fields);
    const to = nextStatus(row.status, change.action);
    const t = now();
    const updated = tx
      .update(schema.contestEntries)
      .set({ ...denormalised(change.fields), status: to, version: row.version + 1, updatedAt: t, ...(change.action === 'submit' ? { submittedAt: t } : {}) })
      .where(eq(schema.contestEntries.id, row.id))
      .returning()
      .get();
    if (to !== row.status) {
      record(tx, row, row.status, to, actor, change.action);
      notifyApplicant(tx, updated, 'received', { contest: contestTitle }, entryManageUrl(token));
    }
    return updated;
  });
}

/** A transition without a change of the dossier (withdraw; the organiser's decisions). */
export function transitionEntry(
  find: (tx: DbLike) => EntryRow | null,
  action: EntryAction,
  options: { reason?: string | null; checklist?: string[]; contestTitle: string },
  actor: AuditActor,
): EntryRow {
  return getDb().transaction((tx) => {
    const row = find(tx);
    if (!row) throw new EntryError('entry_not_found');
    const spec = TRANSITIONS[action];
    if (!canTransition(row.status, action)) throw new EntryError('transition_not_allowed', { extra: { status: row.status } });
    if (spec.reason && (options.reason ?? '').length < 5) throw new EntryError('reason_required', { fields: { reason: 'Hãy ghi lý do gửi cho cơ sở (ít nhất 5 ký tự).' } });
    const to = nextStatus(row.status, action);
    const t = now();
    const updated = tx
      .update(schema.contestEntries)
      .set({
        status: to,
        version: row.version + 1,
        updatedAt: t,
        ...(spec.by === 'organiser' ? { decidedAt: t, reason: options.reason ?? null } : {}),
        ...(options.checklist ? { checklist: JSON.stringify(options.checklist) } : {}),
      })
      .where(eq(schema.contestEntries.id, row.id))
      .returning()
      .get();
    record(tx, row, row.status, to, actor, action, options.reason);
    if (spec.message) notifyApplicant(tx, updated, spec.message, { contest: options.contestTitle, reason: options.reason });
    return updated;
  });
}
