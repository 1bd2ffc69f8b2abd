/**
 * What the organisers' screening pages render (`/quan-tri/binh-chon/{contest}/ho-so` and
 * `…/ho-so/{code}`), prepared here: the list with its filters (GET), the dossier with the
 * checklist and the decision form (POST, one transition of the table, then 303 back).
 */
import type { AstroGlobal } from 'astro';
import { auditActor } from '../../audit';
import { requirePageRole } from '../../auth/guard';
import { getContestDef } from '../content';
import type { ContestDef } from '../definition';
import { runPageForm, type FormFailure } from '../forms';
import { notFoundPage } from '../web';
import { onlineDossierOf, type OnlineDossier } from './dossier-view';
import { writeProductPage } from './product-page';
import { getPublishedResults } from '../results';
import { onlineEntryId } from '../entry-list';
import { DecisionSchema, EntryFilterSchema, decideEntry, getDossier, listContestEntries, type EntryFilter, type EntryListItem } from './screening';
import { EntryError } from './errors';
import { canTransition, CHECKLIST, ORGANISER_ACTIONS, type EntryAction } from './state';
import type { EntryRow } from './records';

async function openScreening(astro: AstroGlobal): Promise<Response | ContestDef> {
  const auth = await requirePageRole(astro, ['organiser', 'admin']);
  if (auth instanceof Response) return auth;
  const def = await getContestDef(astro.params['contest'] ?? '');
  return def?.dossier ? def : notFoundPage('Cuộc bình chọn này không nhận hồ sơ trực tuyến.');
}

export interface ScreeningListPage {
  def: ContestDef;
  filter: EntryFilter;
  entries: EntryListItem[];
}

export async function prepareScreeningList(astro: AstroGlobal): Promise<Response | ScreeningListPage> {
  const def = await openScreening(astro);
  if (def instanceof Response) return def;
  const filter = EntryFilterSchema.parse(Object.fromEntries([...astro.url.searchParams].filter(([, v]) => v !== '')));
  return { def, filter, entries: listContestEntries(def, filter) };
}

export const DECISION_LABELS: Record<string, string> = {
  accept: 'Đủ điều kiện – đưa vào chấm điểm',
  'request-changes': 'Đề nghị bổ sung, sửa hồ sơ',
  reject: 'Không đủ điều kiện',
};

export interface ScreeningEntryPage {
  def: ContestDef;
  row: EntryRow;
  dossier: OnlineDossier;
  missing: string[];
  checklist: { id: string; label: string; checked: boolean }[];
  actions: { id: EntryAction; label: string }[];
  done: string | null;
  /** Recognised in the published results: the page offers "turn into a product page" (until made). */
  recognised: boolean;
  failure: FormFailure | null;
}

function recognisedOnline(def: ContestDef, code: string): boolean {
  return getPublishedResults(def.id)?.entries.some((e) => e.entryId === onlineEntryId(code) && e.recognised) ?? false;
}

/** The form's fields → a decision (checkboxes `checklist`, radio `action`, `reason`). */
function decisionOf(form: URLSearchParams) {
  const parsed = DecisionSchema.safeParse({ action: form.get('action') ?? undefined, reason: form.get('reason') ?? undefined, checklist: form.getAll('checklist') });
  if (!parsed.success) throw new EntryError('unknown_action', { fields: { action: parsed.error.issues[0]?.message ?? 'Thao tác không hợp lệ.' } });
  return parsed.data;
}

export async function prepareScreeningEntry(astro: AstroGlobal): Promise<Response | ScreeningEntryPage> {
  const def = await openScreening(astro);
  if (def instanceof Response) return def;
  const code = astro.params['code'] ?? '';
  let found;
  try {
    found = getDossier(def, code);
  } catch {
    return notFoundPage('Không tìm thấy hồ sơ dự thi.');
  }
  const posted = await runPageForm(astro, async (form) => {
    if (form.get('intent') === 'product-page') {
      await writeProductPage(def, code, auditActor(astro));
      return `/quan-tri/binh-chon/${def.id}/ho-so/${found.row.code}?da-tao-trang=1`;
    }
    decideEntry(def, code, decisionOf(form), auditActor(astro));
    return `/quan-tri/binh-chon/${def.id}/ho-so/${found.row.code}?da-xet=1`;
  });
  if (posted.kind === 'redirect') return posted.response;
  const current = posted.kind === 'failed' ? found : getDossier(def, code);
  return {
    def,
    row: current.row,
    dossier: onlineDossierOf(def, current.row),
    missing: current.missing,
    checklist: CHECKLIST.map((c) => ({ id: c.id, label: c.label, checked: current.checklist.includes(c.id) })),
    actions: ORGANISER_ACTIONS.filter((a) => canTransition(current.row.status, a)).map((a) => ({ id: a, label: DECISION_LABELS[a] ?? a })),
    done: astro.url.searchParams.has('da-xet') ? 'Đã ghi nhận quyết định; tin nhắn báo cho cơ sở đã vào hộp thư đi (xem trạng thái gửi ở trang Hộp thư đi).' : astro.url.searchParams.has('da-tao-trang') ? `Đã tạo trang sản phẩm content/products/${current.row.productSlug ?? ''}: trang xuất hiện sau lần xuất bản tiếp theo.` : null,
    recognised: recognisedOnline(def, current.row.code),
    failure: posted.kind === 'failed' ? posted.failure : null,
  };
}
