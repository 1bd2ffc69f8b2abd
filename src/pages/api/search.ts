/**
 * GET /api/search?q=…&<facet filters>&sap=…&trang=… → { hits, facets, total, page, pages, tookMs, engine }.
 * Public. Bad input never fails: the query schema drops what it does not know. The answer is
 * compressed here, whole (compressWhole), rather than streamed through the compressor.
 */
import { compressWhole } from '~/lib/server/compression';
import { apiRoute } from '~/lib/server/http';
import { search } from '~/lib/server/search';
import { parseSearchQuery } from '~/lib/search-query';

export const prerender = false;

export const GET = apiRoute(async ({ url, request }) => {
  const result = await search(parseSearchQuery(url.searchParams));
  const { body, headers } = compressWhole(JSON.stringify(result), request.headers.get('accept-encoding'));
  return new Response(body, { headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'public, max-age=60', ...headers } });
});
