/**
 * GET /api/search?q=…&<facet filters>&sap=…&trang=… → { hits, facets, total, page, pages, tookMs, engine }.
 * Public. Bad input never fails: the query schema drops what it does not know.
 */
import { apiRoute, json } from '~/lib/server/http';
import { search } from '~/lib/server/search';
import { parseSearchQuery } from '~/lib/search-query';

export const prerender = false;

export const GET = apiRoute(async ({ url }) => {
  const result = await search(parseSearchQuery(url.searchParams));
  return json(result, 200, { 'Cache-Control': 'public, max-age=60' });
});
