/**
 * `GET /api/search` as bytes: the query string in, the JSON answer (compressed whole when the
 * request takes it, compressWhole) and its headers out. One function for both ways in: the
 * Astro route (src/pages/api/search.ts: `astro dev`, and any request the fast path leaves) and
 * the server entry's fast path (entrypoint.ts), which answers this public route straight from
 * the socket — no Request/Response objects, no middleware (no session, no cookies: the route
 * has neither), no Astro routing (README "Search → API" and "Figures → Search" say why).
 */
import { compressWhole } from '../compression';
import { parseSearchQuery } from '../../search-query';
import { search } from '.';

export interface SearchAnswer {
  body: string | Uint8Array<ArrayBuffer>;
  headers: Record<string, string>;
}

export async function searchAnswer(params: URLSearchParams, acceptEncoding: string | null): Promise<SearchAnswer> {
  const result = await search(parseSearchQuery(params));
  const { body, headers } = compressWhole(JSON.stringify(result), acceptEncoding);
  return {
    body,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'public, max-age=60', ...headers },
  };
}
