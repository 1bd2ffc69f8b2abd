/**
 * An entry arriving over HTTP (the JSON API and the no-JavaScript form share it): the window
 * and the contest's dossier, the multipart body streamed to temp files, every text field
 * through the one schema (a draft checks what was given, a submission everything), every file
 * by content and re-encoded, then one transaction. Temp files are always removed; blobs of a
 * refused request that no row names are removed by the sweep.
 */
import { now } from '../../../clock';
import {
  EntryDraftSchema,
  EntrySubmitSchema,
  PhotoAngleSchema,
  dossierIssues,
  entryFieldErrors,
  type Dossier,
  type EntryDraftFields,
} from '../../../entry-schema';
import type { AuditActor } from '../../audit';
import type { ContestDef } from '../definition';
import { isWithin } from '../definition';
import { EntryError } from './errors';
import { FileRefusal, storeUpload } from './files';
import { changeEntry, createEntry, entryFields, entryManageUrl, getEntryByToken, type EntryFileRow, type EntryRow, type NewFile } from './records';
import { discardUploads, readEntryMultipart, type MultipartBody } from './uploads';
import { factsOf, submitIssues } from './screening';
import { formatDateTime } from '../../../format';
import { siteVillageName } from '../../../content/villages';

/** The contest's dossier, or a refusal: 404 without online intake, 409 outside the window. */
export function requireOpenIntake(def: ContestDef, at = now()): Dossier {
  if (!def.dossier) throw new EntryError('no_online_entries');
  if (!isWithin(def.entriesWindow, at)) {
    throw new EntryError('window_closed', {
      message: `Ngoài thời gian nhận hồ sơ: từ ${formatDateTime(def.entriesWindow.opens)} đến ${formatDateTime(def.entriesWindow.closes)}.`,
      extra: { opens: def.entriesWindow.opens.toISOString(), closes: def.entriesWindow.closes.toISOString() },
    });
  }
  return def.dossier;
}

export interface IntakeResult {
  code: string;
  status: EntryRow['status'];
  manageUrl: string;
  token: string;
}

/** A craft village the site has is stored as the site names it. */
async function normaliseVillage(fields: Record<string, string>): Promise<void> {
  const typed = fields['craftVillage'];
  if (typed) fields['craftVillage'] = await siteVillageName(typed);
}

function parseFields(body: MultipartBody, submit: boolean): { fields: EntryDraftFields | null; errors: Record<string, string> } {
  const result = (submit ? EntrySubmitSchema : EntryDraftSchema).safeParse(body.fields);
  if (result.success) return { fields: result.data, errors: {} };
  return { fields: null, errors: entryFieldErrors(result.error) };
}

/** Stores each uploaded file; refusals keyed by field (`photos.1`). Angles pair with photos by order. */
async function storeAll(body: MultipartBody): Promise<{ files: NewFile[]; errors: Record<string, string> }> {
  const errors: Record<string, string> = {};
  const files: NewFile[] = [];
  const angles = body.lists['photoAngles'] ?? [];
  for (const upload of body.files) {
    let angle: string | null = null;
    if (upload.kind === 'photos') {
      const parsed = PhotoAngleSchema.safeParse(angles[upload.index]);
      if (parsed.success) angle = parsed.data;
      else errors[`photoAngles.${String(upload.index)}`] = `Ảnh “${upload.name}”: hãy chọn góc chụp.`;
    }
    try {
      files.push({ ...(await storeUpload(upload)), angle });
    } catch (error) {
      if (!(error instanceof FileRefusal)) throw error;
      errors[error.field] = error.message;
    }
  }
  return { files, errors };
}

const facts = factsOf;

function refuse(errors: Record<string, string>, submit: boolean): never {
  throw new EntryError(submit ? 'incomplete' : 'invalid_entry', { fields: errors });
}

/** `POST /api/contests/{contest}/entries` and the no-JS form: a new draft or submission. */
export async function receiveNewEntry(def: ContestDef, request: Request, actor: AuditActor, kept: Record<string, string> = {}): Promise<IntakeResult> {
  const dossier = requireOpenIntake(def);
  const body = await readEntryMultipart(request, dossier, kept);
  try {
    const submit = body.fields['submit'] === 'true';
    await normaliseVillage(body.fields);
    const { fields, errors } = parseFields(body, submit);
    const stored = await storeAll(body);
    Object.assign(errors, stored.errors);
    if (submit) Object.assign(errors, dossierIssues(dossier, facts(stored.files)));
    if (!fields || Object.keys(errors).length) refuse(errors, submit);
    const made = createEntry(def, fields, stored.files, submit, actor);
    return { ...made, manageUrl: entryManageUrl(made.token) };
  } finally {
    discardUploads(body.files);
  }
}

/** `POST /api/contests/entries/manage/{token}` with a multipart body: edit, then save or submit. */
export async function receiveEntryChange(def: ContestDef, token: string, request: Request, actor: AuditActor, kept: Record<string, string> = {}): Promise<EntryRow> {
  const row = getEntryByToken(token);
  if (!row) throw new EntryError('link_invalid');
  const dossier = requireOpenIntake(def);
  const body = await readEntryMultipart(request, dossier, kept);
  try {
    const submit = body.fields['action'] === 'submit' || body.fields['submit'] === 'true';
    // Fields not sent keep their saved value (a partial edit from the API).
    await normaliseVillage(body.fields);
    const merged = { ...stringFields(entryFields(row)), ...body.fields };
    const { fields, errors } = parseFields({ ...body, fields: merged }, submit);
    const stored = await storeAll(body);
    Object.assign(errors, stored.errors);
    const angles = existingAngles(body, errors);
    if (!fields || Object.keys(errors).length) refuse(errors, submit);
    const version = /^\d+$/.test(body.fields['version'] ?? '') ? Number(body.fields['version']) : null;
    const remove = (body.lists['remove'] ?? []).filter((v) => /^\d+$/.test(v)).map(Number);
    return changeEntry(token, { fields, add: stored.files, remove, angles, version, action: submit ? 'submit' : 'save' }, actor, def.title, (files: EntryFileRow[], f) => {
      if (!submit) return;
      const issues = submitIssues(dossier, files, f);
      if (Object.keys(issues).length) refuse(issues, true);
    });
  } finally {
    discardUploads(body.files);
  }
}

/** `existingAngles` = "<fileId>:<angle>" pairs for photos already stored. */
function existingAngles(body: MultipartBody, errors: Record<string, string>): Record<number, string> {
  const out: Record<number, string> = {};
  for (const pair of body.lists['existingAngles'] ?? []) {
    const [id, angle] = pair.split(':');
    const parsed = PhotoAngleSchema.safeParse(angle);
    if (id && /^\d+$/.test(id) && parsed.success) out[Number(id)] = parsed.data;
    else errors[`existingAngles`] = 'Góc chụp của một ảnh đã gửi không hợp lệ.';
  }
  return out;
}

/** Saved fields as the form would send them (strings), to merge a partial edit. */
export function stringFields(fields: EntryDraftFields): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue;
    if (typeof v === 'boolean') {
      if (v) out[k] = 'on';
    } else if (k === 'phone' && typeof v === 'string' && v.startsWith('+84')) out[k] = `0${v.slice(3)}`;
    else out[k] = String(v);
  }
  return out;
}
