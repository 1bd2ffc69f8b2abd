/**
 * The verified voter's ballot (voter cookie):
 * GET → `{ votes: { <scope>: <entry> }, per }`; POST `{ entry }` → 201 (409 already voted in
 * that scope); DELETE `{ scope }` ("*" per contest, or a product group) withdraws while open.
 */
import { apiRoute, json, readJson, requireSameOrigin } from '~/lib/server/http';
import { clientIp } from '~/lib/server/request';
import { z } from 'zod';
import { VoteCastSchema } from '~/lib/contest-schema';
import { ContestError } from '~/lib/server/contests/errors';
import { castVote, getVoter, getVoterVotes, withdrawVote } from '~/lib/server/contests/vote';
import { getVoteCandidates } from '~/lib/server/contests/content';
import { getVoterToken, requireContestDef } from '~/lib/server/contests/web';

export const prerender = false;

export const GET = apiRoute(async (context) => {
  const def = await requireContestDef(context.params['contest']);
  const voter = getVoter(def, getVoterToken(context.cookies, def.id));
  if (!voter) throw new ContestError('voter_unverified');
  return json({ per: def.vote?.per ?? 'contest', votes: getVoterVotes(def, voter.id) });
});

export const POST = apiRoute(async (context) => {
  requireSameOrigin(context);
  const { entry } = await readJson(context.request, VoteCastSchema);
  const def = await requireContestDef(context.params['contest']);
  const candidate = (await getVoteCandidates(def)).find((c) => c.id === entry);
  if (!candidate) throw new ContestError('entry_not_found');
  const vote = castVote(def, getVoterToken(context.cookies, def.id), entry, candidate.group, clientIp(context));
  return json({ vote }, 201);
});

export const DELETE = apiRoute(async (context) => {
  requireSameOrigin(context);
  const { scope } = await readJson(context.request, z.object({ scope: z.string().trim().min(1).max(100) }));
  const def = await requireContestDef(context.params['contest']);
  withdrawVote(def, getVoterToken(context.cookies, def.id), scope, clientIp(context));
  return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
});
