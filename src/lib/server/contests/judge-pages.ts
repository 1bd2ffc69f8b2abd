/**
 * What the judge's pages render, prepared here (the pages only lay it out): the contest page
 * (rules, the conflicts declaration, then the entries and progress) and the score sheet of one
 * entry. One handler per form; refusals come from the contest error catalogue.
 */
import type { AstroGlobal } from 'astro';
import { getEntry, type CollectionEntry } from 'astro:content';
import { scoredCriteriaOf, type ScoredCriterion } from '../../contest-schema';
import { auditActor } from '../audit';
import { getEntryTitles } from './content';
import { getJudgedDossier, type OnlineDossier } from './entries/dossier-view';
import { acceptRules } from './declarations';
import type { ContestDef } from './definition';
import { parseDeclarationForm, parseSheetForm, runPageForm, typedScores, type FormFailure } from './forms';
import { openJudgingPage, type JudgingContext } from './judging';
import { getJudgeOverview, nextEntryFor, type JudgeOverview } from './progress';
import { getOthersTotals, saveSheet, type SheetView } from './sheets';
import { notFoundPage } from './web';

export interface JudgeContestPage {
  def: ContestDef;
  /** Why the judge may not act here (not assigned), or null. */
  blocked: string | null;
  overview: JudgeOverview | null;
  accepted: boolean;
  /** The entry "Chấm sản phẩm tiếp theo" opens. */
  next: string | null;
  title: (entryId: string) => string;
  failure: FormFailure | null;
}

/** POST: the rules accepted and conflicts declared → back to the contest page. */
function declare(ctx: JudgingContext, astro: AstroGlobal) {
  return (form: URLSearchParams) => {
    acceptRules(ctx.def, ctx.user.id, parseDeclarationForm(form, ctx.def.entries), auditActor(astro));
    return `/cham-diem/${ctx.def.id}?da-khai-bao=1`;
  };
}

/** `/cham-diem/{contest}`: the rules and declaration form, then the judge's entries. */
export async function prepareJudgeContestPage(astro: AstroGlobal): Promise<Response | JudgeContestPage> {
  const opening = await openJudgingPage(astro);
  if (opening instanceof Response) return opening;
  const def = opening.kind === 'open' ? opening.context.def : opening.def;
  const titles = await getEntryTitles(def);
  const title = (id: string) => titles[id] ?? id;
  if (opening.kind === 'blocked') return { def, blocked: opening.message, overview: null, accepted: false, next: null, title, failure: null };
  const ctx = opening.context;
  const posted = await runPageForm(astro, declare(ctx, astro));
  if (posted.kind === 'redirect') return posted.response;
  const overview = getJudgeOverview(def, ctx.user.id);
  const accepted = overview.assignment.rulesAcceptedAt !== null;
  return {
    def,
    blocked: null,
    overview,
    accepted,
    next: accepted ? nextEntryFor(def, ctx.user.id, null) : null,
    title,
    failure: posted.kind === 'failed' ? posted.failure : null,
  };
}

export interface SheetPage {
  def: ContestDef;
  dossier: EntryDossier;
  /** The entry's product name. */
  title: string;
  blocked: string | null;
  overview: JudgeOverview | null;
  criteria: ScoredCriterion[];
  sheet: SheetView | null;
  recused: boolean;
  submitted: boolean;
  rulesAccepted: boolean;
  editable: boolean;
  /** Other judges' totals once this judge has submitted (when the contest shows them). */
  others: number[] | null;
  /** The text of each score input: what was typed on a refused post, else the saved score. */
  values: Record<string, string>;
  total: number;
  maxTotal: number;
  notice: 'saved' | 'submitted' | null;
  failure: FormFailure | null;
}

/** POST: save, submit, or save and open the next entry. */
function scoreSheet(ctx: JudgingContext, entryId: string, criteria: ScoredCriterion[], astro: AstroGlobal) {
  return (form: URLSearchParams) => {
    const sheet = parseSheetForm(form, criteria.map((c) => c.id));
    saveSheet(ctx.def, ctx.user.id, entryId, { scores: sheet.scores, submit: sheet.action === 'nop', version: sheet.version }, auditActor(astro));
    if (sheet.action === 'luu-tiep') {
      const next = nextEntryFor(ctx.def, ctx.user.id, entryId);
      return next ? `/cham-diem/${ctx.def.id}/${next}?da-luu=1` : `/cham-diem/${ctx.def.id}`;
    }
    return `/cham-diem/${ctx.def.id}/${entryId}?${sheet.action === 'nop' ? 'da-nop' : 'da-luu'}=1`;
  };
}

/** What the judge reads beside the sheet: a Markdown entry's product page data, or an online dossier. */
export type EntryDossier =
  | { kind: 'content'; product: CollectionEntry<'products'>; producer: CollectionEntry<'producers'> | undefined }
  | { kind: 'online'; online: OnlineDossier };

async function entryDossier(def: ContestDef, entryId: string): Promise<EntryDossier | null> {
  if (def.contentEntries.includes(entryId)) {
    const product = await getEntry('products', entryId);
    if (!product) return null;
    return { kind: 'content', product, producer: await getEntry('producers', product.data.producer.id) };
  }
  const online = getJudgedDossier(def, entryId);
  return online ? { kind: 'online', online } : null;
}

/** `/cham-diem/{contest}/{entry}`: the dossier beside the judge's sheet. */
export async function prepareSheetPage(astro: AstroGlobal): Promise<Response | SheetPage> {
  const opening = await openJudgingPage(astro, { entry: true });
  if (opening instanceof Response) return opening;
  const def = opening.kind === 'open' ? opening.context.def : opening.def;
  const entryId = (opening.kind === 'open' ? opening.context.entryId : opening.entryId) ?? '';
  const dossier = def.entries.includes(entryId) ? await entryDossier(def, entryId) : null;
  if (!dossier) return notFoundPage();
  const criteria = scoredCriteriaOf(def.rubric);
  const maxTotal = def.rubric.groups.reduce((s, g) => s + g.max, 0);
  const base = { def, dossier, title: dossier.kind === 'content' ? dossier.product.data.name : dossier.online.title, criteria, maxTotal };
  if (opening.kind === 'blocked') {
    return { ...base, blocked: opening.message, overview: null, sheet: null, recused: false, submitted: false, rulesAccepted: false, editable: false, others: null, values: {}, total: 0, notice: null, failure: null };
  }
  const ctx = opening.context;
  // What was typed, shown again when the post is refused (a closure fills it while reading).
  const typed: { scores: Record<string, string> | null } = { scores: null };
  const posted = await runPageForm(astro, (form) => {
    typed.scores = typedScores(form, criteria.map((c) => c.id));
    return scoreSheet(ctx, entryId, criteria, astro)(form);
  });
  if (posted.kind === 'redirect') return posted.response;
  const overview = getJudgeOverview(def, ctx.user.id);
  const mine = overview.entries.find((e) => e.entryId === entryId) ?? null;
  const sheet = mine?.sheet ?? null;
  const recused = mine?.state === 'recused';
  const submitted = sheet?.state === 'submitted';
  const rulesAccepted = overview.assignment.rulesAcceptedAt !== null;
  const saved = (id: string) => (sheet?.scores[id] !== undefined ? String(sheet.scores[id]).replace('.', ',') : '');
  const failure = posted.kind === 'failed' ? posted.failure : null;
  const search = astro.url.searchParams;
  return {
    ...base,
    blocked: null,
    overview,
    sheet,
    recused,
    submitted,
    rulesAccepted,
    editable: !recused && !submitted && rulesAccepted,
    others: getOthersTotals(def, ctx.user.id, entryId),
    values: Object.fromEntries(criteria.map((c) => [c.id, typed.scores?.[c.id] ?? saved(c.id)])),
    total: criteria.reduce((s, c) => s + (sheet?.scores[c.id] ?? 0), 0),
    notice: failure ? null : search.has('da-nop') ? 'submitted' : search.has('da-luu') ? 'saved' : null,
    failure,
  };
}
