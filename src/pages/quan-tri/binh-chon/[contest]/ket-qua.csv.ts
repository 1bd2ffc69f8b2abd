/** GET /quan-tri/binh-chon/{contest}/ket-qua.csv — the results (live) as CSV; ?chuan-hoa=1 adds z-scores. */
import type { APIRoute } from 'astro';
import { requireRole } from '~/lib/server/auth/guard';
import { apiRoute } from '~/lib/server/http';
import { getEntryTitles } from '~/lib/server/contests/content';
import { csvResponse, resultsCsv } from '~/lib/server/contests/csv';
import { computeContestResults } from '~/lib/server/contests/results';
import { requireContestDef } from '~/lib/server/contests/web';

export const prerender = false;

export const GET: APIRoute = apiRoute(async (context) => {
  requireRole(context, ['organiser', 'admin']);
  const def = await requireContestDef(context.params['contest']);
  const results = computeContestResults(def, { normalise: context.url.searchParams.get('chuan-hoa') === '1' });
  return csvResponse(resultsCsv(def, results, await getEntryTitles(def)), `ket-qua-${def.id}.csv`);
});
