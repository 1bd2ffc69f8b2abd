/**
 * The benchmark's yardstick: a bare on-demand endpoint that only returns JSON. Exists only when
 * BENCH_BARE=1 (otherwise 404), so production never serves it.
 */
import type { APIRoute } from 'astro';

export const prerender = false;

export const GET: APIRoute = () =>
  process.env['BENCH_BARE'] === '1'
    ? new Response('{"ok":true}', { headers: { 'Content-Type': 'application/json' } })
    : new Response(null, { status: 404 });
