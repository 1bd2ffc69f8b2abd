/**
 * POST /api/judging/{contest}/declaration — `{ accept: true, conflicts?: [{ entry, reason,
 * note? }] }`: the judge accepts the judging rules and declares conflicts of interest (each
 * declared entry becomes a recusal). Needed once before the first score. 204.
 */
import { requireRole } from '~/lib/server/auth/guard';
import { auditActor } from '~/lib/server/audit';
import { apiRoute, readJson, requireSameOrigin } from '~/lib/server/http';
import { DeclarationInputSchema } from '~/lib/contest-schema';
import { acceptRules } from '~/lib/server/contests/scoring';
import { ensureDemoAssignments, requireContestDef } from '~/lib/server/contests/web';

export const prerender = false;

export const POST = apiRoute(async (context) => {
  requireSameOrigin(context);
  const { user } = requireRole(context, ['judge']);
  const input = await readJson(context.request, DeclarationInputSchema);
  await ensureDemoAssignments();
  const def = await requireContestDef(context.params['contest']);
  acceptRules(def, user.id, input.conflicts.map((c) => ({ entryId: c.entry, reason: c.reason, note: c.note })), auditActor(context));
  return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
});
