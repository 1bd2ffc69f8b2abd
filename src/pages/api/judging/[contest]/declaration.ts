/**
 * POST /api/judging/{contest}/declaration — `{ accept: true, conflicts?: [{ entry, reason,
 * note? }] }`: the judge accepts the judging rules and declares conflicts of interest (each
 * declared entry becomes a recusal). Needed once before the first score. 204.
 */
import { auditActor } from '~/lib/server/audit';
import { apiRoute, readJson, requireSameOrigin } from '~/lib/server/http';
import { DeclarationInputSchema } from '~/lib/contest-schema';
import { acceptRules } from '~/lib/server/contests/declarations';
import { requireJudgingContext } from '~/lib/server/contests/judging';

export const prerender = false;

export const POST = apiRoute(async (context) => {
  requireSameOrigin(context);
  const { def, user } = await requireJudgingContext(context);
  const input = await readJson(context.request, DeclarationInputSchema);
  acceptRules(def, user.id, input.conflicts.map((c) => ({ entryId: c.entry, reason: c.reason, note: c.note })), auditActor(context));
  return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
});
