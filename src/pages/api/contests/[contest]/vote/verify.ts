/**
 * POST /api/contests/{contest}/vote/verify — `{ verification, code }` → 204 and the voter
 * cookie (HttpOnly) for this contest. 400 wrong or expired code; 429 after 5 wrong codes.
 */
import { apiRoute, readJson, requireSameOrigin } from '~/lib/server/http';
import { VoteVerifySchema } from '~/lib/contest-schema';
import { verifyVoteCode } from '~/lib/server/contests/vote';
import { requireContestDef, setVoterToken } from '~/lib/server/contests/web';

export const prerender = false;

export const POST = apiRoute(async (context) => {
  requireSameOrigin(context);
  const input = await readJson(context.request, VoteVerifySchema);
  const def = await requireContestDef(context.params['contest']);
  const { token } = verifyVoteCode(def, input);
  setVoterToken(context.cookies, def.id, token, context.url.protocol === 'https:', def.vote?.closes ?? new Date());
  return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
});
