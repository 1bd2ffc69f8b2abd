/**
 * GET /api/search?q=…&<facet filters>&sap=…&trang=… → { hits, facets, total, page, pages, tookMs, engine }.
 * Public. Bad input never fails: the query schema drops what it does not know. The built
 * server answers this route before Astro (entrypoint.ts, the same searchAnswer); this route
 * answers under `astro dev` and whatever the fast path leaves to it.
 */
import { apiRoute } from '~/lib/server/http';
import { searchAnswer } from '~/lib/server/search/api';

export const prerender = false;

export const GET = apiRoute(async ({ url, request }) => {
  const { body, headers } = await searchAnswer(url.searchParams, request.headers.get('accept-encoding'));
  return new Response(body, { headers });
});
