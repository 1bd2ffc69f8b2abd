/**
 * The entries benchmark's yardstick: a bare multipart endpoint that reads the body stream to
 * its end and discards the bytes. Exists only when BENCH_BARE=1 (otherwise 404).
 */
import type { APIRoute } from 'astro';

export const prerender = false;

export const POST: APIRoute = async ({ request }) => {
  if (process.env['BENCH_BARE'] !== '1' || !request.body) return new Response(null, { status: 404 });
  let bytes = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
  }
  return new Response(JSON.stringify({ bytes }), { status: 201, headers: { 'Content-Type': 'application/json' } });
};
