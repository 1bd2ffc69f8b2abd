/**
 * PUT /api/judging/{contest}/entries/{entry}/sheet — `{ scores: { <criterionId>: number },
 * submit?: boolean, version?: number }` → the saved sheet. 400 with a message per criterion,
 * 403 unassigned or recused, 409 submitted / outside the window / stale version (two tabs).
 * Strict: scores are JSON numbers of known criteria; `version` is required once the sheet exists.
 */
import { requireRole } from '~/lib/server/auth/guard';
import { auditActor } from '~/lib/server/audit';
import { apiRoute, json, readJson, requireSameOrigin } from '~/lib/server/http';
import { SheetInputSchema } from '~/lib/contest-schema';
import { saveSheet } from '~/lib/server/contests/scoring';
import { ensureDemoAssignments, requireContestDef } from '~/lib/server/contests/web';

export const prerender = false;

export const PUT = apiRoute(async (context) => {
  requireSameOrigin(context);
  const { user } = requireRole(context, ['judge']);
  const input = await readJson(context.request, SheetInputSchema);
  await ensureDemoAssignments();
  const def = await requireContestDef(context.params['contest']);
  const sheet = saveSheet(def, user.id, context.params['entry'] ?? '', { ...input, strict: true }, auditActor(context));
  return json({ sheet });
});
