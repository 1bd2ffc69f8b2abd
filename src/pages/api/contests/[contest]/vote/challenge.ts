/**
 * GET /api/contests/{contest}/vote/challenge — a fresh ALTCHA proof-of-work challenge
 * `{ algorithm, challenge, maxnumber, salt, signature }` for a code request, valid 10 minutes
 * and once. The vote page's widget fetches it; 404 without a vote, 409 outside its window.
 */
import { apiRoute, json } from '~/lib/server/http';
import { createVoteChallenge } from '~/lib/server/contests/vote-challenge';
import { requireVoteOpen } from '~/lib/server/contests/voters';
import { requireContestDef } from '~/lib/server/contests/web';

export const prerender = false;

export const GET = apiRoute(async (context) => {
  const def = await requireContestDef(context.params['contest']);
  requireVoteOpen(def);
  return json(await createVoteChallenge(def));
});
