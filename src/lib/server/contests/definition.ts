/**
 * A contest as the judging code needs it: plain data taken from the content entry (routes) or
 * from the Markdown file (CLI), so domain functions never import `astro:content`.
 */
import type { RubricDef } from '../../contest-schema';

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
  /** Entry (product) ids in content order. */
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
  schedule: { judging: Window };
  entries: { id: string }[];
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
    entries: d.entries.map((e) => e.id),
    vote: d.vote?.enabled ? { ...d.vote, contact: d.vote.contact ?? 'any' } : null,
  };
}

/** Whether `at` falls in [opens, closes). */
export function isWithin(w: Window, at: Date): boolean {
  return at >= w.opens && at < w.closes;
}
