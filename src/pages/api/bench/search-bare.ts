/**
 * The benchmark's baseline (npm run bench:search): an on-demand endpoint that does nothing but
 * answer a small JSON body, measured in the same run as /api/search. Exists only when the
 * server runs with BENCH_BARE=1; otherwise 404 like any unknown path.
 */
export const prerender = false;

export function GET(): Response {
  if (process.env['BENCH_BARE'] !== '1') return new Response(null, { status: 404 });
  return new Response('{"ok":true}', { headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' } });
}
