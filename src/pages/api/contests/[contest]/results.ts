/**
 * GET /api/contests/{contest}/results — the published results (per-entry means per group and
 * in total, sheets, recognised, rank), and the certificate validity; 404 until published.
 */
import { apiRoute, json } from '~/lib/server/http';
import { cnntValidUntil } from '~/lib/validity';
import { toCalendarDate } from '~/lib/format';
import { ContestError } from '~/lib/server/contests/errors';
import { getPublishedResults } from '~/lib/server/contests/results';
import { requireContestDef } from '~/lib/server/contests/web';

export const prerender = false;

export const GET = apiRoute(async (context) => {
  const def = await requireContestDef(context.params['contest']);
  const results = getPublishedResults(def.id);
  if (!results) throw new ContestError('not_published');
  return json({
    contest: { id: def.id, title: def.title, level: def.level, year: def.year },
    certificateValidUntil: cnntValidUntil(toCalendarDate(new Date(results.publishedAt))),
    ...results,
  });
});
