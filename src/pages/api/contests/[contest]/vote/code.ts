/**
 * POST /api/contests/{contest}/vote/code — `{ contact: email | phone, website?: "" (honeypot),
 * altcha?: <solved ALTCHA payload> }` → 201 `{ verification }` (and `demoCode` in demo mode).
 * The code goes out through the outbox. 400 `challenge_invalid` for a wrong, expired or reused
 * payload; without one, 429 `challenge_required` (with `challengeUrl`) after a few requests
 * from one IP; 429 `rate_limited` with Retry-After after many.
 */
import { apiRoute, json, readJson, requireSameOrigin } from '~/lib/server/http';
import { getEnv } from '~/lib/server/env';
import { clientIp } from '~/lib/server/request';
import { VoteRequestCodeSchema } from '~/lib/contest-schema';
import { requestVoteCodeWithChallenge } from '~/lib/server/contests/voters';
import { requireContestDef } from '~/lib/server/contests/web';

export const prerender = false;

export const POST = apiRoute(async (context) => {
  requireSameOrigin(context);
  const input = await readJson(context.request, VoteRequestCodeSchema);
  const def = await requireContestDef(context.params['contest']);
  return json(await requestVoteCodeWithChallenge(def, input, clientIp(context), { demo: getEnv().DEMO }), 201);
});
