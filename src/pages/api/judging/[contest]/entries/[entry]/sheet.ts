/**
 * PUT /api/judging/{contest}/entries/{entry}/sheet — `{ scores: { <criterionId>: number },
 * submit?: boolean, version?: number }` → the saved sheet. 400 with a message per criterion,
 * 403 unassigned or recused, 409 submitted / outside the window / stale version (two tabs).
 * Strict: scores are JSON numbers of known criteria; `version` is required once the sheet exists.
 */
import { auditActor } from '~/lib/server/audit';
import { apiRoute, json, readJson, requireSameOrigin } from '~/lib/server/http';
import { SheetInputSchema } from '~/lib/contest-schema';
import { saveSheet } from '~/lib/server/contests/sheets';
import { requireJudgingContext } from '~/lib/server/contests/judging';

export const prerender = false;

export const PUT = apiRoute(async (context) => {
  requireSameOrigin(context);
  const { def, user, entryId } = await requireJudgingContext(context, { entry: true });
  const input = await readJson(context.request, SheetInputSchema);
  return json({ sheet: saveSheet(def, user.id, entryId ?? '', { ...input, strict: true }, auditActor(context)) });
});
