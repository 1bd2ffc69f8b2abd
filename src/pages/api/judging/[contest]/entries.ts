/**
 * GET /api/judging/{contest}/entries — the rubric (criterion ids, labels, maxima, step) and the
 * signed-in judge's entries with their sheet state and own scores. 401 / 403 / 404.
 */
import { apiRoute, json } from '~/lib/server/http';
import { judgeEntriesJson } from '~/lib/server/contests/judge-api';
import { requireJudgingContext } from '~/lib/server/contests/judging';

export const prerender = false;

export const GET = apiRoute(async (context) => json(judgeEntriesJson(await requireJudgingContext(context))));
