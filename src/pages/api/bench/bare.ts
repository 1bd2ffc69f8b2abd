/**
 * The benchmark's yardsticks: bare on-demand endpoints that only answer JSON — GET, and POST
 * that also reads its JSON body (as a write route must). Exist only when BENCH_BARE=1
 * (otherwise 404), so production never serves them.
 */
import type { APIRoute } from 'astro';

export const prerender = false;

const enabled = () => process.env['BENCH_BARE'] === '1';
const ok = () => new Response('{"ok":true}', { headers: { 'Content-Type': 'application/json' } });

export const GET: APIRoute = () => (enabled() ? ok() : new Response(null, { status: 404 }));

export const POST: APIRoute = async ({ request }) => {
  if (!enabled()) return new Response(null, { status: 404 });
  try {
    await request.json();
  } catch {
    return new Response(null, { status: 400 });
  }
  return ok();
};
