/**
 * POST /api/judging/{contest}/entries/{entry}/recusal — `{ reason: "family" | "own_business" |
 * "other", note? }`: the judge declares a conflict and no longer scores the entry. 409 once
 * the sheet is submitted.
 */
import { auditActor } from '~/lib/server/audit';
import { apiRoute, json, readJson, requireSameOrigin } from '~/lib/server/http';
import { RecusalInputSchema } from '~/lib/contest-schema';
import { recuse } from '~/lib/server/contests/declarations';
import { requireJudgingContext } from '~/lib/server/contests/judging';

export const prerender = false;

export const POST = apiRoute(async (context) => {
  requireSameOrigin(context);
  const { def, user, entryId } = await requireJudgingContext(context, { entry: true });
  const input = await readJson(context.request, RecusalInputSchema);
  return json({ recusal: recuse(def, user.id, entryId ?? '', input, auditActor(context)) });
});
