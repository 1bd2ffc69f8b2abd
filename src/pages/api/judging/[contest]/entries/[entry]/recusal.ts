/**
 * POST /api/judging/{contest}/entries/{entry}/recusal — `{ reason: "family" | "own_business" |
 * "other", note? }`: the judge declares a conflict and no longer scores the entry. 409 once
 * the sheet is submitted.
 */
import { requireRole } from '~/lib/server/auth/guard';
import { auditActor } from '~/lib/server/audit';
import { apiRoute, json, readJson, requireSameOrigin } from '~/lib/server/http';
import { RecusalInputSchema } from '~/lib/contest-schema';
import { recuse } from '~/lib/server/contests/scoring';
import { ensureDemoAssignments, requireContestDef } from '~/lib/server/contests/web';

export const prerender = false;

export const POST = apiRoute(async (context) => {
  requireSameOrigin(context);
  const { user } = requireRole(context, ['judge']);
  const input = await readJson(context.request, RecusalInputSchema);
  await ensureDemoAssignments();
  const def = await requireContestDef(context.params['contest']);
  return json({ recusal: recuse(def, user.id, context.params['entry'] ?? '', input, auditActor(context)) });
});
