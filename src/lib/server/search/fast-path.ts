/**
 * The server entry's fast path for `GET /api/search` (entrypoint.ts): answered from the socket
 * with the same bytes and headers as the Astro route (api.ts), skipping what this public,
 * cookie-less route never needs — a WHATWG Request built from the socket, the middleware's
 * session lookup and the editor guard, Astro's routing and render context, and the Response's
 * body stream copied back into the socket. The answer goes out whole with its length. Anything
 * that fails before the answer is written goes to `fallback` (the Astro route, with its error
 * handling), so the fast path never answers worse than the route.
 *
 * api.ts is loaded on first use (lazy-module.ts), as boot.ts loads the search module: it reads astro:content.
 */
import type http from 'node:http';
import { lazyModule } from '../lazy-module';

type Api = typeof import('./api');

const withApi = lazyModule<Api>(() => import('./api'));

const PATH = '/api/search';

/** Whether a request target (path, then maybe a query string) is exactly the search API's. */
export function isSearchApiTarget(target: string): boolean {
  return target.startsWith(PATH) && (target.length === PATH.length || target.charCodeAt(PATH.length) === 63); // '?'
}

function send(m: Api, req: http.IncomingMessage, res: http.ServerResponse, fallback: () => void): Promise<void> {
  const target = req.url ?? PATH;
  const q = target.indexOf('?');
  const params = new URLSearchParams(q === -1 ? '' : target.slice(q + 1));
  return m.searchAnswer(params, req.headers['accept-encoding'] ?? null).then(({ body, headers }) => {
    const length = typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
    res.writeHead(200, { ...headers, 'Content-Length': String(length) });
    res.end(body);
  }, fallback).catch((error: unknown) => {
    // Only a failure while writing the answer gets here: the connection is all that is left.
    res.destroy(error instanceof Error ? error : undefined);
  });
}

/** Answers a GET of the search API (see isSearchApiTarget); `fallback` hands it to Astro instead. */
export function answerSearch(req: http.IncomingMessage, res: http.ServerResponse, fallback: () => void): void {
  withApi((m) => void send(m, req, res, fallback), fallback);
}
