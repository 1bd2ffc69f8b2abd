/**
 * GET /api/fairs/{slug}/availability → `{ window: { state, opens, closes }, boothTypes: [{ id,
 * name, total, held, available, waitlisted }] }`; 404 unknown fair. Never cached.
 */
import { apiRoute, json } from '~/lib/server/http';
import { requireFairInfo } from '~/lib/server/registrations/fairs';
import { getAvailability } from '~/lib/server/registrations';

export const prerender = false;

export const GET = apiRoute(async ({ params }) => json(getAvailability(await requireFairInfo(params.slug))));
