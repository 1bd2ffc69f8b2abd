/**
 * GET /api/contests/{contest}/vote/tally — `{ visible, closed, totalVotes, counts }`; while the
 * contest hides totals until the close, `visible` is false and no counts are given.
 */
import { apiRoute, json } from '~/lib/server/http';
import { getTally } from '~/lib/server/contests/vote';
import { requireContestDef } from '~/lib/server/contests/web';

export const prerender = false;

export const GET = apiRoute(async (context) => json(getTally(await requireContestDef(context.params['contest']))));
