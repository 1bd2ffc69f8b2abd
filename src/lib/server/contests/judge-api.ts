/** Answers of the judges' JSON API (`/api/judging/…`), shaped here so the routes stay one call. */
import { criterionMax, scoredCriteriaOf } from '../../contest-schema';
import type { JudgingContext } from './judging';
import { getJudgeOverview } from './progress';

/** GET /api/judging/{contest}/entries: the rubric and the judge's entries with their own sheets. */
export function judgeEntriesJson({ def, user }: JudgingContext) {
  const o = getJudgeOverview(def, user.id);
  return {
    contest: { id: def.id, title: def.title, judging: def.judging, passMark: def.passMark },
    rubric: {
      step: def.rubric.step,
      groups: def.rubric.groups.map((g) => ({ id: g.id, label: g.label, max: g.max })),
      criteria: scoredCriteriaOf(def.rubric).map((c) => ({ ...c, max: criterionMax(c.max, def.rubric.step) })),
    },
    rulesAccepted: o.assignment.rulesAcceptedAt !== null,
    progress: o.progress,
    entries: o.entries.map((e) => ({
      id: e.entryId,
      state: e.state,
      sheet: e.sheet && { state: e.sheet.state, version: e.sheet.version, scores: e.sheet.scores, total: e.sheet.total, updatedAt: e.sheet.updatedAt },
      recusal: e.recusal && { reason: e.recusal.reason },
    })),
  };
}
