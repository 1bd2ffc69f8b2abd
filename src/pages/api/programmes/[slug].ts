/**
 * GET /api/programmes/{slug} → `{ slug, name, period: { from, to }, indicators: [{ code, name,
 * unit, target, actual, byYear: [{ year, target, actual }], source: { kind, …parameters } }] }`.
 * Public; actuals computed at request time (never cached). 404 `programme_not_found`.
 */
import { now } from '~/lib/clock';
import { apiRoute, json } from '~/lib/server/http';
import { programmeJson, requireProgrammeResults } from '~/lib/server/programmes/results';

export const prerender = false;

export const GET = apiRoute(async ({ params }) => json(programmeJson(await requireProgrammeResults(params.slug, now()))));
