/**
 * The applicant's side through the management link: the dossier as its owner sees it, and the
 * commands without files (submit as it is, withdraw). Edits with files go through intake.ts.
 */
import { z } from 'zod';
import { PHOTO_ANGLE_LABELS, FILE_KIND_LABELS } from '../../../entry-schema';
import { ENTRY_STATUS } from '../../../vocabulary';
import type { AuditActor } from '../../audit';
import type { ContestDef } from '../definition';
import { EntryError } from './errors';
import { changeEntry, entryFields, getEntryByToken, listEntryFiles, transitionEntry, type EntryFileRow, type EntryRow } from './records';
import { submitIssues } from './screening';
import { isEditable } from './state';

export interface ManagedFile {
  id: number;
  kind: string;
  kindLabel: string;
  angle: string | null;
  angleLabel: string | null;
  name: string;
  mime: string;
  bytes: number;
  url: string;
  thumbUrl: string | null;
}

export interface ManagedEntry {
  code: string;
  contest: string;
  status: EntryRow['status'];
  statusLabel: string;
  editable: boolean;
  version: number;
  reason: string | null;
  fields: ReturnType<typeof entryFields>;
  files: ManagedFile[];
  missing: string[];
}

/** A file's addresses through the management link (the token is the secret). */
export function managedFile(token: string, f: EntryFileRow): ManagedFile {
  const base = `/api/contests/entries/manage/${token}/files/${String(f.id)}`;
  return {
    id: f.id,
    kind: f.kind,
    kindLabel: (FILE_KIND_LABELS as Record<string, string | undefined>)[f.kind] ?? f.kind,
    angle: f.angle,
    angleLabel: f.angle ? (PHOTO_ANGLE_LABELS[f.angle] ?? f.angle) : null,
    name: f.name,
    mime: f.mime,
    bytes: f.bytes,
    url: base,
    thumbUrl: f.webpSmall ? `${base}?v=small` : null,
  };
}

/** The entry of a token, or 404. */
export function requireEntryByToken(token: string): EntryRow {
  const row = getEntryByToken(token);
  if (!row) throw new EntryError('link_invalid');
  return row;
}

export function managedEntryView(def: ContestDef, token: string): ManagedEntry {
  const row = requireEntryByToken(token);
  const files = listEntryFiles(row.id);
  return {
    code: row.code,
    contest: def.id,
    status: row.status,
    statusLabel: ENTRY_STATUS.label(row.status),
    editable: isEditable(row.status),
    version: row.version,
    reason: row.status === 'changes_requested' || row.status === 'not_eligible' ? row.reason : null,
    fields: entryFields(row),
    files: files.map((f) => managedFile(token, f)),
    // All that a submit would refuse (fields and files), while the applicant may still change it.
    missing: isEditable(row.status) ? Object.values(submitIssues(def.dossier, files, entryFields(row))) : [],
  };
}

export const ManageCommandSchema = z.object({
  action: z.enum(['submit', 'withdraw'], { errorMap: () => ({ message: 'Thao tác phải là "submit" hoặc "withdraw".' }) }),
  version: z.number().int().min(0).optional(),
});

/** Submit the dossier as saved (strictly re-checked) or withdraw it. */
export function runManageCommand(def: ContestDef, token: string, command: z.output<typeof ManageCommandSchema>, actor: AuditActor): EntryRow {
  if (command.action === 'withdraw') return transitionEntry((tx) => getEntryByToken(token, tx), 'withdraw', { contestTitle: def.title }, actor);
  const row = requireEntryByToken(token);
  return changeEntry(token, { fields: entryFields(row), add: [], remove: [], angles: {}, version: command.version ?? null, action: 'submit' }, actor, def.title, (files, fields) => {
    const issues = submitIssues(def.dossier, files, fields);
    if (Object.keys(issues).length) throw new EntryError('incomplete', { fields: issues });
  });
}
