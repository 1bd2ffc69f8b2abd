/**
 * GET /api/judging/{contest}/entries — the rubric (criterion ids, labels, maxima, step) and the
 * signed-in judge's entries with their sheet state and own scores. 401 / 403 / 404.
 */
import { requireRole } from '~/lib/server/auth/guard';
import { apiRoute, json } from '~/lib/server/http';
import { criterionMax, scoredCriteriaOf } from '~/lib/contest-schema';
import { getJudgeOverview } from '~/lib/server/contests/scoring';
import { ensureDemoAssignments, requireContestDef } from '~/lib/server/contests/web';

export const prerender = false;

export const GET = apiRoute(async (context) => {
  const { user } = requireRole(context, ['judge']);
  await ensureDemoAssignments();
  const def = await requireContestDef(context.params['contest']);
  const o = getJudgeOverview(def, user.id);
  return json({
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
  });
});
