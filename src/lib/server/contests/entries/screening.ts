/**
 * The organisers' side: the list of a contest's online entries (status, group, province,
 * completeness; filters and search by code or name), one dossier, and the screening decisions
 * (accept, not eligible, ask for changes) through the state machine, audited, with the message.
 */
import { and, desc, eq, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { dossierIssues, submitIssuesOf, type Dossier, type FileFacts, type FileKind } from '../../../entry-schema';
import { cleanText } from '../../../text';
import { fold } from '../../../fold';
import { ENTRY_STATUSES, type EntryStatus } from '../../../vocabulary';
import type { AuditActor } from '../../audit';
import { getDb, schema } from '../../db';
import type { ContestDef } from '../definition';
import { EntryError } from './errors';
import { entryFields, getEntryByCode, listEntryFiles, transitionEntry, type EntryFileRow, type EntryRow } from './records';
import { CHECKLIST_IDS, ORGANISER_ACTIONS, type EntryAction } from './state';

export interface EntryListItem {
  code: string;
  status: EntryStatus;
  establishmentName: string | null;
  productName: string | null;
  cnntGroup: string | null;
  province: string | null;
  submittedAt: Date | null;
  /** Messages of what the dossier still lacks; empty = complete. */
  missing: string[];
}

export const EntryFilterSchema = z.object({
  status: z.enum(ENTRY_STATUSES).optional().catch(undefined),
  group: z.string().max(60).optional().catch(undefined),
  province: z.string().max(60).optional().catch(undefined),
  q: z.string().max(200).optional().catch(undefined),
});
export type EntryFilter = z.output<typeof EntryFilterSchema>;

/** Stored files as the dossier rules read them. */
export function factsOf(files: readonly Pick<EntryFileRow, 'kind' | 'mime' | 'bytes' | 'angle'>[]): FileFacts[] {
  return files.map((f) => ({ kind: f.kind as FileKind, type: f.mime, bytes: f.bytes, angle: f.angle ?? undefined }));
}

/**
 * Everything that keeps a dossier from being submitted, by field or file kind: the text fields
 * checked strictly, then the files against the contest's dossier rules. One list for the submit
 * itself (intake and the management link) and for the "still needed" box of a draft.
 */
export function submitIssues(dossier: Dossier | null, files: readonly Pick<EntryFileRow, 'kind' | 'mime' | 'bytes' | 'angle'>[], fields: unknown): Record<string, string> {
  return submitIssuesOf(dossier, factsOf(files), fields);
}

/** What a dossier lacks in files, as messages (the organiser's view of a submitted dossier). */
export function missingOf(dossier: Dossier | null, files: readonly Pick<EntryFileRow, 'kind' | 'mime' | 'bytes' | 'angle'>[]): string[] {
  return dossier ? Object.values(dossierIssues(dossier, factsOf(files))) : [];
}

/** The contest's online entries (drafts excluded unless asked by status), newest first. */
export function listContestEntries(def: ContestDef, filter: EntryFilter = {}): EntryListItem[] {
  const t = schema.contestEntries;
  const where: SQL[] = [eq(t.contestId, def.id)];
  if (filter.status) where.push(eq(t.status, filter.status));
  if (filter.group) where.push(eq(t.cnntGroup, filter.group));
  if (filter.province) where.push(eq(t.province, filter.province));
  const q = cleanText(filter.q ?? '');
  const rows = getDb().select().from(t).where(and(...where)).orderBy(desc(t.updatedAt)).limit(2000).all();
  const code = q.replace(/^dk-/i, '').toUpperCase();
  const words = fold(q);
  return rows
    .filter((r) => filter.status !== undefined || r.status !== 'draft')
    .filter((r) => !q || r.code === code || fold(`${r.productName ?? ''} ${r.establishmentName ?? ''}`).includes(words))
    .map((r) => ({ r, files: listEntryFiles(r.id) }))
    .map(({ r, files }) => ({
      code: r.code,
      status: r.status,
      establishmentName: r.establishmentName,
      productName: r.productName,
      cnntGroup: r.cnntGroup,
      province: r.province,
      submittedAt: r.submittedAt,
      missing: missingOf(def.dossier, files),
    }));
}

export interface DossierView {
  row: EntryRow;
  fields: ReturnType<typeof entryFields>;
  files: EntryFileRow[];
  missing: string[];
  checklist: string[];
}

function parseChecklist(text: string | null): string[] {
  const parsed: unknown = text ? JSON.parse(text) : [];
  return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
}

/** One entry's dossier, or 404. */
export function getDossier(def: ContestDef, code: string): DossierView {
  const row = getEntryByCode(def.id, code);
  if (!row || row.status === 'draft') throw new EntryError('entry_not_found');
  const files = listEntryFiles(row.id);
  return { row, fields: entryFields(row), files, missing: missingOf(def.dossier, files), checklist: parseChecklist(row.checklist) };
}

export const DecisionSchema = z.object({
  action: z.enum(ORGANISER_ACTIONS as [EntryAction, ...EntryAction[]], { errorMap: () => ({ message: 'Hãy chọn: đủ điều kiện, không đủ điều kiện, hoặc đề nghị bổ sung.' }) }),
  reason: z.preprocess((v) => (typeof v === 'string' ? cleanText(v, { multiline: true }) : v), z.string().max(2000, 'Lý do tối đa 2000 ký tự.').optional()),
  checklist: z.preprocess((v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? (v as unknown[]) : [v]), z.array(z.enum(CHECKLIST_IDS as [string, ...string[]])).max(20)),
});
export type Decision = z.output<typeof DecisionSchema>;

/** The organiser's decision on an entry (one transition of the table); accepting needs every condition confirmed. */
export function decideEntry(def: ContestDef, code: string, decision: Decision, actor: AuditActor): EntryRow {
  const unconfirmed = CHECKLIST_IDS.filter((id) => !decision.checklist.includes(id));
  if (decision.action === 'accept' && unconfirmed.length > 0) {
    throw new EntryError('checklist_incomplete', { fields: { checklist: `Còn ${String(unconfirmed.length)} điều kiện chưa được xác nhận.` }, extra: { unconfirmed } });
  }
  return transitionEntry(
    (tx) => {
      const row = getEntryByCode(def.id, code, tx);
      return row && row.status !== 'draft' ? row : null;
    },
    decision.action,
    { reason: decision.reason ?? null, checklist: decision.checklist, contestTitle: def.title },
    actor,
  );
}
