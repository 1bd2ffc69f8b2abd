/**
 * GET /q/{token} — the short management link sent by SMS: 303 to /hoi-cho/quan-ly/{token}.
 * Nothing is looked up here (the management page answers 404 for an unknown token); the token
 * never reaches the request log (http-server.ts replaces it).
 */
import type { APIRoute } from 'astro';

export const prerender = false;

export const GET: APIRoute = ({ params, redirect }) => {
  const token = params.token ?? '';
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(token)) return new Response('Đường liên kết không đúng.', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
  const response = redirect(`/hoi-cho/quan-ly/${token}`, 303);
  response.headers.set('Cache-Control', 'no-store');
  response.headers.set('Referrer-Policy', 'no-referrer');
  return response;
};
