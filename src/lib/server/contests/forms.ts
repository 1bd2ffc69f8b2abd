/**
 * The contest pages' plain HTML forms (they work without JavaScript): reading a post through
 * the one bounded form reader, and one parser per form turning its fields into a typed command
 * — free text cleaned by lib/text.ts, refusals as ContestError codes from the catalogue, with
 * the message to show beside each field. Pure apart from `runPageForm`; no astro:content, so
 * tests import it directly (tests/unit/contest-forms.test.ts).
 */
import type { AstroGlobal } from 'astro';
import { CONFLICT_KINDS, type ConflictKind } from '../../vocabulary';
import { ContactSchema, NoteSchema, ReasonSchema } from '../../contest-schema';
import { cleanText, cutText } from '../../text';
import { AppError } from '../errors';
import { readForm } from '../http';
import type { Declaration } from './declarations';
import { CONTEST_FIELD_MESSAGES as FIELD, ContestError } from './errors';

/** A refused form post, as the page shows it: status, message, and messages per field. */
export interface FormFailure {
  status: number;
  code: string;
  message: string;
  fields: Record<string, string>;
  extra: Record<string, unknown>;
}

export type FormResult<T = never> =
  | { kind: 'none' }
  | { kind: 'redirect'; response: Response }
  | { kind: 'stayed'; value: T }
  | { kind: 'failed'; failure: FormFailure };

/** What a form handler returns: where to redirect (303) after a success, or a state to render in place. */
export type FormHandled<T> = string | { stay: T };

/** An AppError as a failure to show; anything else is a bug and is rethrown (a logged 500). */
export function failureOf(error: unknown): FormFailure {
  if (error instanceof AppError) {
    const e = error as AppError;
    return { status: e.status, code: e.code, message: e.message, fields: e.fields ?? {}, extra: e.extra ?? {} };
  }
  throw error;
}

/**
 * Runs a page's form post: reads the body with `readForm` (415 other types, 413 over 64 KB,
 * 400 broken multipart), hands it to `handle`, which returns where to redirect (303) after a
 * success or a state to render, and turns any refusal into a failure for the page, with the
 * response's status set. A GET gives `none`.
 */
export async function runPageForm<T = never>(
  astro: Pick<AstroGlobal, 'request' | 'response' | 'redirect'>,
  handle: (form: URLSearchParams) => FormHandled<T> | Promise<FormHandled<T>>,
): Promise<FormResult<T>> {
  if (astro.request.method !== 'POST') return { kind: 'none' };
  try {
    const handled = await handle(await readForm(astro.request));
    if (typeof handled !== 'string') return { kind: 'stayed', value: handled.stay };
    return { kind: 'redirect', response: astro.redirect(handled, 303) };
  } catch (error) {
    const failure = failureOf(error);
    astro.response.status = failure.status;
    return { kind: 'failed', failure };
  }
}

/** One text field of a form, cleaned and cut (a form field never exceeds what its input allows). */
function field(form: URLSearchParams, name: string, max = 320): string {
  return cutText(cleanText(form.get(name) ?? ''), max);
}

/** Entry ids from checkboxes: cleaned, bounded; unknown ones are refused by the domain. */
function entryIds(form: URLSearchParams, name = 'san-pham'): string[] {
  return form
    .getAll(name)
    .slice(0, 500)
    .map((v) => cutText(cleanText(v), 200))
    .filter((v) => v !== '');
}

// --- Judges --------------------------------------------------------------------------------

/**
 * The rules and conflicts form: for each entry a reason (`xung-dot-<entry>`: one of the conflict
 * kinds, or empty for none) and a note (`ghi-chu-<entry>`, required for "other"), and the box
 * `chap-nhan`. Fields with a message are keyed by entry id and `chap-nhan`.
 */
export function parseDeclarationForm(form: URLSearchParams, entries: readonly string[]): Declaration[] {
  const fields: Record<string, string> = {};
  const declarations: Declaration[] = [];
  for (const entryId of entries) {
    const reason = form.get(`xung-dot-${entryId}`) ?? '';
    if (!(CONFLICT_KINDS as readonly string[]).includes(reason)) continue;
    const note = NoteSchema.safeParse(form.get(`ghi-chu-${entryId}`) ?? '');
    if (!note.success) fields[entryId] = note.error.issues[0]?.message ?? FIELD.otherReasonNote;
    else if (reason === 'other' && !note.data) fields[entryId] = FIELD.otherReasonNote;
    declarations.push({ entryId, reason: reason as ConflictKind, note: note.success ? note.data : undefined });
  }
  if (form.get('chap-nhan') !== 'co') fields['chap-nhan'] = FIELD.rulesAccepted;
  if (Object.keys(fields).length) throw new ContestError('invalid_form', { fields });
  return declarations;
}

export const SHEET_ACTIONS = ['luu', 'nop', 'luu-tiep'] as const;
export type SheetAction = (typeof SHEET_ACTIONS)[number];

export interface SheetForm {
  action: SheetAction;
  /** Scores as typed (`diem-<criterion>`), cut to 20 characters; read by `checkScores`. */
  scores: Record<string, string>;
  /** The sheet version the page was rendered with. */
  version: number | undefined;
}

/** The score sheet as typed: every criterion's text (echoed back on a refusal). */
export function typedScores(form: URLSearchParams, criteria: readonly string[]): Record<string, string> {
  return Object.fromEntries(criteria.map((id) => [id, (form.get(`diem-${id}`) ?? '').slice(0, 20)]));
}

/**
 * The score sheet: `hanh-dong` (save, submit, save and next), the version, a score per
 * criterion. Submitting locks the sheet, so it needs the box `xac-nhan-nop` ticked — a
 * confirmation that works without JavaScript; without it nothing is saved.
 */
export function parseSheetForm(form: URLSearchParams, criteria: readonly string[]): SheetForm {
  const action = form.get('hanh-dong') ?? '';
  if (!(SHEET_ACTIONS as readonly string[]).includes(action)) throw new ContestError('unknown_sheet_action');
  if (action === 'nop' && form.get('xac-nhan-nop') !== '1') throw new ContestError('submit_unconfirmed', { fields: { 'xac-nhan-nop': FIELD.submitConfirm } });
  const version = Number(form.get('phien-ban'));
  return { action: action as SheetAction, scores: typedScores(form, criteria), version: Number.isInteger(version) && version >= 0 ? version : undefined };
}

// --- Organisers ----------------------------------------------------------------------------

export type PanelCommand =
  | { intent: 'phan-cong'; email: string; entries: string[] }
  | { intent: 'gioi-han'; judgeId: string; entries: string[] }
  | { intent: 'bo-phan-cong'; email: string }
  | { intent: 'mo-lai'; sheetId: number; reason: string };

/** The panel page's forms (`thao-tac`): assign, restrict, unassign a judge; reopen a sheet. */
export function parsePanelForm(form: URLSearchParams): PanelCommand {
  switch (form.get('thao-tac')) {
    case 'phan-cong': {
      const email = field(form, 'email', 254).toLowerCase();
      if (!email) throw new ContestError('judge_email_required', { fields: { email: ContestError.catalogue.judge_email_required.message } });
      return { intent: 'phan-cong', email, entries: entryIds(form) };
    }
    case 'gioi-han':
      return { intent: 'gioi-han', judgeId: field(form, 'giam-khao', 100), entries: entryIds(form) };
    case 'bo-phan-cong':
      return { intent: 'bo-phan-cong', email: field(form, 'email', 254).toLowerCase() };
    case 'mo-lai': {
      const reason = ReasonSchema.safeParse(form.get('ly-do') ?? '');
      if (!reason.success) throw new ContestError('reopen_reason_required', { fields: { 'ly-do': FIELD.reason } });
      const sheetId = Number(form.get('phieu'));
      return { intent: 'mo-lai', sheetId: Number.isSafeInteger(sheetId) ? sheetId : 0, reason: reason.data };
    }
    default:
      throw new ContestError('unknown_action');
  }
}

export type ResultsCommand = { intent: 'cong-bo'; force: boolean; reason: string } | { intent: 'rut'; reason: string };

/**
 * The results page's forms: publish (the box `xac-nhan-cong-bo` is required — publishing is
 * irreversible for the public; `cong-bo-som` and a reason when judging is incomplete), or
 * withdraw with a reason.
 */
export function parseResultsForm(form: URLSearchParams): ResultsCommand {
  switch (form.get('thao-tac')) {
    case 'cong-bo':
      if (form.get('xac-nhan-cong-bo') !== '1') throw new ContestError('publish_unconfirmed', { fields: { 'xac-nhan-cong-bo': FIELD.publishConfirm } });
      return { intent: 'cong-bo', force: form.get('cong-bo-som') === '1', reason: cutText(cleanText(form.get('ly-do-cong-bo') ?? '', { multiline: true }), 1000) };
    case 'rut': {
      const reason = ReasonSchema.safeParse(form.get('ly-do') ?? '');
      if (!reason.success) throw new ContestError('withdraw_reason_required', { fields: { 'ly-do': FIELD.withdrawReason } });
      return { intent: 'rut', reason: reason.data };
    }
    default:
      throw new ContestError('unknown_action');
  }
}

/** Which field of the publish form a refusal of `publishResults` is about. */
export function publishFieldsOf(code: string): Record<string, string> {
  if (code === 'judging_incomplete') return { 'cong-bo-som': FIELD.publishEarly };
  if (code === 'publish_reason_required') return { 'ly-do-cong-bo': FIELD.publishEarlyReason };
  return {};
}

// --- The people's vote ---------------------------------------------------------------------

export type VoteCommand =
  | { intent: 'ma'; contact: string; website: string; altcha: string | undefined }
  | { intent: 'xac-minh'; verification: number | null; code: string }
  | { intent: 'bau'; entry: string }
  | { intent: 'rut'; scope: string };

/**
 * The vote page's forms: ask a code for a contact (with the honeypot `website` and, when
 * JavaScript ran, the ALTCHA payload `altcha`), verify the code, vote, withdraw.
 */
export function parseVoteForm(form: URLSearchParams, options: { phoneOnly: boolean }): VoteCommand {
  switch (form.get('thao-tac')) {
    case 'ma': {
      const contact = ContactSchema.safeParse(form.get('lien-he') ?? '');
      const typed = field(form, 'lien-he');
      if (!contact.success) {
        const code = options.phoneOnly ? 'phone_contact_required' : 'contact_required';
        throw new ContestError(code, { fields: { contact: ContestError.catalogue[code].message }, extra: { contact: typed } });
      }
      const altcha = (form.get('altcha') ?? '').trim();
      return { intent: 'ma', contact: contact.data, website: field(form, 'website', 500), altcha: altcha && altcha.length <= 2000 ? altcha : undefined };
    }
    case 'xac-minh': {
      const verification = Number(field(form, 'verification', 20));
      const code = field(form, 'ma', 20);
      const id = Number.isSafeInteger(verification) && verification > 0 ? verification : null;
      if (!id || !/^\d{6}$/.test(code)) throw new ContestError('code_format', { fields: { code: ContestError.catalogue.code_format.message }, extra: { verification: id } });
      return { intent: 'xac-minh', verification: id, code };
    }
    case 'bau': {
      const entry = field(form, 'san-pham', 200);
      if (!entry) throw new ContestError('entry_required');
      return { intent: 'bau', entry };
    }
    case 'rut': {
      const scope = field(form, 'pham-vi', 100);
      if (!scope) throw new ContestError('scope_required');
      return { intent: 'rut', scope };
    }
    default:
      throw new ContestError('unknown_action');
  }
}
