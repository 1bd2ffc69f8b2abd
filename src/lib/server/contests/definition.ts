/**
 * A contest as the judging code needs it: plain data taken from the content entry (routes) or
 * from the Markdown file (CLI), so domain functions never import `astro:content`.
 */
import type { RubricDef } from '../../contest-schema';
import type { Dossier } from '../../entry-schema';

export interface Window {
  opens: Date;
  closes: Date;
}

export interface ContestDef {
  id: string;
  title: string;
  level: string;
  year: number;
  rubric: RubricDef;
  passMark: number;
  minJudges: number;
  panelSize: number;
  showOthersScores: 'until-submitted' | 'never';
  judging: Window;
  /** When entries are taken (online too, when `dossier` is set). */
  entriesWindow: Window;
  /** The product groups the contest takes. */
  productGroups: string[];
  /** The online intake's requirements; null when the contest takes no online entries. */
  dossier: Dossier | null;
  /** The Markdown entries (product ids) in content order. */
  contentEntries: string[];
  /**
   * Every entry judged: the Markdown ones, then the online entries accepted by the organisers
   * (`dk-<code>`), as `withAcceptedEntries` (contests/entry-list.ts) fills it. Judging, results,
   * votes and exports read only this.
   */
  entries: string[];
  vote: VoteDef | null;
}

/** The people's vote: its window, one vote per contest or per group, hidden totals, and who may vote. */
export interface VoteDef extends Window {
  enabled: boolean;
  per: 'contest' | 'group';
  hideTotalsUntilClosed: boolean;
  /** `phone`: only Vietnamese mobile numbers (SIMs are registered to a person); `any` (or absent): email too. */
  contact?: 'any' | 'phone' | undefined;
}

/** The shape of a contest's validated front matter (src/content.config.ts) this code reads. */
export interface ContestData {
  title: string;
  level: string;
  year: number;
  rubric: { step: 1 | 0.5; groups: RubricDef['groups'] };
  passMark: number;
  minJudges: number;
  panelSize: number;
  showOthersScores: 'until-submitted' | 'never';
  productGroups: readonly string[];
  schedule: { judging: Window; entries: Window };
  entries: { id: string }[];
  dossier?: Dossier | undefined;
  vote?: VoteDef | undefined;
}

export function toContestDef(id: string, d: ContestData): ContestDef {
  return {
    id,
    title: d.title,
    level: d.level,
    year: d.year,
    rubric: { step: d.rubric.step, groups: d.rubric.groups },
    passMark: d.passMark,
    minJudges: d.minJudges,
    panelSize: d.panelSize,
    showOthersScores: d.showOthersScores,
    judging: d.schedule.judging,
    entriesWindow: d.schedule.entries,
    productGroups: [...d.productGroups],
    dossier: d.dossier?.online ? d.dossier : null,
    contentEntries: d.entries.map((e) => e.id),
    entries: d.entries.map((e) => e.id),
    vote: d.vote?.enabled ? { ...d.vote, contact: d.vote.contact ?? 'any' } : null,
  };
}

/** Whether `at` falls in [opens, closes). */
export function isWithin(w: Window, at: Date): boolean {
  return at >= w.opens && at < w.closes;
}
