/**
 * What the organisers' contest pages render, prepared here: the panel page (judges, the
 * progress board, reopening a sheet) and the results page (live results, publish, withdraw).
 * One handler per form intent; refusals come from the contest error catalogue.
 */
import type { AstroGlobal } from 'astro';
import { requirePageRole } from '../auth/guard';
import { auditActor, type AuditActor } from '../audit';
import { AppError } from '../errors';
import { assignJudge, listAssignments, panelWarning, restrictJudge, unassignJudge, type Assignment } from './assignments';
import { getContestDef, getEntryTitles } from './content';
import type { ContestDef } from './definition';
import { parsePanelForm, parseResultsForm, publishFieldsOf, runPageForm, type FormFailure, type PanelCommand, type ResultsCommand } from './forms';
import { ENTRY_STATE_LABELS, getProgressBoard, type BoardCell, type ProgressBoard } from './progress';
import { computeContestResults, getPublicationState, publicationGaps, publishResults, withdrawResults, type PublicationState } from './results';
import type { ContestResults } from './aggregate';
import { reopenSheet } from './sheets';
import { notFoundPage } from './web';
import { formatNumber } from '../../format';

/** An organiser's contest page: the role (sign-in page, 403 page) and the contest (404 page). */
async function openConsolePage(astro: AstroGlobal): Promise<Response | { def: ContestDef; titles: Record<string, string> }> {
  const auth = await requirePageRole(astro, ['organiser', 'admin']);
  if (auth instanceof Response) return auth;
  const def = await getContestDef(astro.params['contest'] ?? '');
  if (!def) return notFoundPage();
  return { def, titles: await getEntryTitles(def) };
}

const PANEL_DONE = { 'phan-cong': 'Đã phân công giám khảo.', 'gioi-han': 'Đã cập nhật sản phẩm được chấm.', 'bo-phan-cong': 'Đã bỏ phân công.', 'mo-lai': 'Đã mở lại phiếu chấm.' } as const;

/** One handler per intent of the panel page; returns where to go next. */
function runPanelCommand(def: ContestDef, command: PanelCommand, actor: AuditActor): string {
  switch (command.intent) {
    case 'phan-cong':
      assignJudge(def, { email: command.email, entries: command.entries }, actor);
      break;
    case 'gioi-han':
      restrictJudge(def, command.judgeId, command.entries, actor);
      break;
    case 'bo-phan-cong':
      unassignJudge(def, command.email, actor);
      break;
    case 'mo-lai':
      reopenSheet(def, command.sheetId, command.reason, actor);
      break;
  }
  return `/quan-tri/binh-chon/${def.id}?ok=${command.intent}`;
}

export interface PanelPage {
  def: ContestDef;
  titles: Record<string, string>;
  judges: Assignment[];
  warning: string | null;
  board: ProgressBoard;
  submittedSheets: { id: number; label: string }[];
  cellLabel: (cell: BoardCell) => string;
  ok: string | null;
  failure: FormFailure | null;
}

/** `/quan-tri/binh-chon/{contest}`: the panel, the progress board, reopening a sheet. */
export async function preparePanelPage(astro: AstroGlobal): Promise<Response | PanelPage> {
  const opened = await openConsolePage(astro);
  if (opened instanceof Response) return opened;
  const { def, titles } = opened;
  const posted = await runPageForm(astro, (form) => runPanelCommand(def, parsePanelForm(form), auditActor(astro)));
  if (posted.kind === 'redirect') return posted.response;
  const judges = listAssignments(def.id);
  const board = getProgressBoard(def);
  const submittedSheets = judges.flatMap((j) =>
    def.entries.flatMap((e) => {
      const cell = board.cells[j.judgeId]?.[e];
      return cell?.state === 'submitted' && cell.sheetId ? [{ id: cell.sheetId, label: `${j.judgeName} – ${titles[e] ?? e} (${formatNumber(cell.total ?? 0)} điểm)` }] : [];
    }),
  );
  const okKey = astro.url.searchParams.get('ok') ?? '';
  const failure = posted.kind === 'failed' ? posted.failure : null;
  return {
    def,
    titles,
    judges,
    warning: panelWarning(judges.length, def.panelSize),
    board,
    submittedSheets,
    cellLabel: (cell) => (cell.state === 'not_assigned' ? 'Không phân công' : ENTRY_STATE_LABELS[cell.state]),
    ok: !failure && okKey in PANEL_DONE ? PANEL_DONE[okKey as keyof typeof PANEL_DONE] : null,
    failure,
  };
}

const RESULTS_DONE = { 'cong-bo': 'Đã công bố kết quả.', rut: 'Đã rút kết quả.' } as const;

/** One handler per intent of the results page; returns where to go next. */
function runResultsCommand(def: ContestDef, command: ResultsCommand, actor: AuditActor): string {
  if (command.intent === 'cong-bo') {
    try {
      publishResults(def, actor, { force: command.force, reason: command.reason });
    } catch (error) {
      // The same refusal, marked on the field it is about.
      if (error instanceof AppError) {
        const e = error as AppError;
        const fields = publishFieldsOf(e.code);
        if (Object.keys(fields).length) throw new AppError(e.code, { status: e.status, message: e.message }, { fields, extra: e.extra ?? {} });
      }
      throw error;
    }
  } else {
    withdrawResults(def, command.reason, actor);
  }
  return `/quan-tri/binh-chon/${def.id}/ket-qua?ok=${command.intent}`;
}

export interface ResultsPage {
  def: ContestDef;
  titles: Record<string, string>;
  normalise: boolean;
  results: ContestResults;
  gaps: string[];
  publication: PublicationState;
  ok: string | null;
  failure: FormFailure | null;
}

/** `/quan-tri/binh-chon/{contest}/ket-qua`: live results (raw, optionally z-scores), publish, withdraw. */
export async function prepareResultsPage(astro: AstroGlobal): Promise<Response | ResultsPage> {
  const opened = await openConsolePage(astro);
  if (opened instanceof Response) return opened;
  const { def, titles } = opened;
  const posted = await runPageForm(astro, (form) => runResultsCommand(def, parseResultsForm(form), auditActor(astro)));
  if (posted.kind === 'redirect') return posted.response;
  const normalise = astro.url.searchParams.get('chuan-hoa') === '1';
  const okKey = astro.url.searchParams.get('ok') ?? '';
  const failure = posted.kind === 'failed' ? posted.failure : null;
  return {
    def,
    titles,
    normalise,
    results: computeContestResults(def, { normalise }),
    gaps: publicationGaps(def),
    publication: getPublicationState(def.id),
    ok: !failure && okKey in RESULTS_DONE ? RESULTS_DONE[okKey as keyof typeof RESULTS_DONE] : null,
    failure,
  };
}
