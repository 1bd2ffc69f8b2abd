/**
 * What the applicant's pages render, prepared here: the entry form (`/binh-chon/{contest}/dang-ky`,
 * a plain multipart form; a refused post shows the form again with the text kept and each
 * field's message, with the refusal's status) and the management page
 * (`/binh-chon/quan-ly/{token}`: the dossier, its status and reason, editing while a draft or
 * asked for changes, submit and withdraw).
 */
import type { AstroGlobal } from 'astro';
import { DEFAULT_DOSSIER, type Dossier } from '../../../entry-schema';
import { windowRange } from '../../../registration-window';
import { now } from '../../../clock';
import { isWithin } from '../definition';
import { auditActor } from '../../audit';
import { AppError } from '../../errors';
import { isFormPost, readForm } from '../../http';
import { getContestDef } from '../content';
import type { ContestDef } from '../definition';
import { notFoundPage } from '../web';
import { EntryError } from './errors';
import { receiveEntryChange, receiveNewEntry, stringFields } from './intake';
import { managedEntryView, runManageCommand, type ManagedEntry } from './manage';
import { getEntryByToken } from './records';
import { provinceOptions } from '../../../provinces';
import { ESTABLISHMENT_TYPES } from '../../../vocabulary';
import { getVillageNames } from '../../../content/villages';

/** The choices the entry form's establishment fields offer: provinces, establishment types, the site's craft villages. */
export async function establishmentChoices() {
  return { provinces: provinceOptions(), establishmentTypes: ESTABLISHMENT_TYPES.entries, villages: await getVillageNames() };
}

export interface Refusal {
  message: string;
  fields: Record<string, string>;
}

function refusalOf(error: unknown, astro: AstroGlobal): Refusal {
  if (!(error instanceof AppError)) throw error;
  const e = error as AppError;
  astro.response.status = e.status;
  return { message: e.message, fields: e.fields ?? {} };
}

export interface EntryFormPage {
  def: ContestDef;
  dossier: Dossier;
  open: boolean;
  windowText: string;
  values: Record<string, string>;
  refusal: Refusal | null;
}

/** `/binh-chon/{contest}/dang-ky`. */
export async function prepareEntryFormPage(astro: AstroGlobal): Promise<Response | EntryFormPage> {
  const def = await getContestDef(astro.params['id'] ?? '');
  if (!def?.dossier) return notFoundPage('Cuộc bình chọn này không nhận hồ sơ trực tuyến.');
  const values: Record<string, string> = {};
  let refusal: Refusal | null = null;
  if (astro.request.method === 'POST') {
    try {
      const made = await receiveNewEntry(def, astro.request, auditActor(astro), values);
      return astro.redirect(`/binh-chon/quan-ly/${made.token}?${doneParam(made.status)}=1`, 303);
    } catch (error) {
      refusal = refusalOf(error, astro);
    }
  }
  return { def, dossier: def.dossier, open: isWithin(def.entriesWindow, now()), windowText: `Nhận hồ sơ ${windowRange(def.entriesWindow)}.`, values, refusal };
}

export interface ManagePage {
  def: ContestDef;
  token: string;
  entry: ManagedEntry;
  dossier: Dossier;
  values: Record<string, string>;
  refusal: Refusal | null;
  /** What the last save, submit or withdrawal did, in the entry's words now (null after a refusal or on a plain visit). */
  notice: string | null;
}

/** The query parameter a successful post redirects with: `da-gui` once submitted, `da-luu` otherwise. */
export const doneParam = (status: string) => (status === 'submitted' ? 'da-gui' : 'da-luu');

/**
 * The notice after a post, by the status the entry has NOW — never "saved" for a dossier that
 * was submitted: the applicant is told it was sent and what happens next.
 */
export function doneNotice(status: string): string {
  switch (status) {
    case 'submitted':
      return 'Đã gửi hồ sơ. Ban tổ chức sẽ xét hồ sơ theo thể lệ và báo kết quả qua tin nhắn (và email nếu có): đủ điều kiện vào vòng chấm điểm, đề nghị bổ sung, hoặc không đủ điều kiện. Từ nay hồ sơ chỉ xem được, không sửa được — trừ khi ban tổ chức đề nghị bổ sung.';
    case 'changes_requested':
      return 'Đã lưu các thay đổi. Hồ sơ chưa được gửi lại: bấm “Gửi hồ sơ” khi đã sửa xong.';
    case 'withdrawn':
      return 'Đã rút hồ sơ.';
    default:
      return 'Đã lưu bản nháp. Hồ sơ chưa được gửi: bấm “Gửi hồ sơ” khi đã đủ.';
  }
}

/** `/binh-chon/quan-ly/{token}`: multipart posts edit (save or submit); plain posts `action=withdraw|submit`. */
export async function prepareManagePage(astro: AstroGlobal): Promise<Response | ManagePage> {
  const token = astro.params['token'] ?? '';
  const row = getEntryByToken(token);
  const def = row ? await getContestDef(row.contestId) : null;
  if (!row || !def) return notFoundPage('Đường dẫn quản lý hồ sơ không đúng hoặc đã hết hiệu lực.');
  const kept: Record<string, string> = {};
  let refusal: Refusal | null = null;
  if (astro.request.method === 'POST') {
    try {
      const multipart = (astro.request.headers.get('content-type') ?? '').toLowerCase().startsWith('multipart/form-data');
      if (multipart) await receiveEntryChange(def, token, astro.request, auditActor(astro), kept);
      else if (isFormPost(astro.request)) {
        const form = await readForm(astro.request);
        const action = form.get('action');
        if (action !== 'withdraw' && action !== 'submit') throw new EntryError('unknown_action');
        runManageCommand(def, token, { action }, auditActor(astro));
      } else throw new EntryError('multipart_required');
      return astro.redirect(`/binh-chon/quan-ly/${token}?da-luu=1`, 303);
    } catch (error) {
      refusal = refusalOf(error, astro);
    }
  }
  const entry = managedEntryView(def, token);
  return {
    def,
    token,
    entry,
    dossier: def.dossier ?? DEFAULT_DOSSIER,
    values: { ...stringFields(entry.fields), ...kept },
    refusal,
    notice: !refusal && (astro.url.searchParams.has('da-luu') || astro.url.searchParams.has('da-gui')) ? doneNotice(entry.status) : null,
  };
}
