/**
 * Request bodies between the socket and Astro's handler, and the connection of a request that
 * is answered before its body has been read to the end (an early refusal: 413 past a limit,
 * 415 a wrong type, 403 another origin, 400 a bad header…).
 *
 * Why this exists: a refusal that leaves the body unread must not leave the connection to be
 * reset under the client. Node's server keeps such a connection alive with the unread body
 * still on it (it stalls until the keep-alive timer closes it), and a body reader that cancels
 * destroys the socket before the answer is written: the client meets ECONNRESET on this request
 * or the next one sent through its keep-alive pool. Instead:
 * - the body reaches Astro through `bodyStream`, which never destroys the request when a reader
 *   stops early (cancel); Node's own async iterator would destroy the socket with it;
 * - an answer whose head is written while the body is still arriving says `Connection: close`;
 * - once that answer is flushed the server half-closes (FIN: the client reads the whole answer
 *   and its end), reads on and discards what the client still sends, up to `LINGER_BYTES` or
 *   `LINGER_MS`, and closes when the body has ended or a bound is reached — the lingering close
 *   of Apache and nginx. Closing at once with unread bytes would make the kernel send a reset,
 *   which can destroy the answer before the client has read it.
 */
import type http from 'node:http';
import { HttpError } from './errors';
import { DEFAULT_BODY_LIMIT, mediaTypeOf, readLimitedChunks, type TextBody } from './http';

/** What the server reads and discards after an early refusal before it cuts the connection. */
export const LINGER_BYTES = 64 * 1024 * 1024;
/** How long it goes on reading after an early refusal before it cuts the connection. */
export const LINGER_MS = 5_000;

type BodyRequest = http.IncomingMessage & { body?: string | AsyncIterable<Buffer> };

/** Whether the request says it carries a body (a length above zero, or chunked). */
export function hasBody(req: http.IncomingMessage): boolean {
  const length = req.headers['content-length'];
  if (length !== undefined) return Number(length) > 0;
  return req.headers['transfer-encoding'] !== undefined;
}

/** Bodies read here in full: small, declared length, text (JSON or a plain form). */
const BUFFERED_TYPES = new Set(['application/json', 'application/x-www-form-urlencoded']);

function bufferable(req: http.IncomingMessage): boolean {
  if (req.method !== 'POST' && req.method !== 'PUT' && req.method !== 'PATCH') return false;
  const length = Number(req.headers['content-length']);
  if (!(length > 0 && length <= DEFAULT_BODY_LIMIT)) return false;
  return BUFFERED_TYPES.has(mediaTypeOf(req.headers['content-type']));
}

/**
 * Prepares the body for Astro's adapter (which reads `req.body` when set) and calls `then`:
 * a small text body is read whole first (`req.body`, a string: one chunk, without undici's
 * async-iterator bridge over the socket, a large share of a registration's cost); any other body
 * is handed over as `bodyStream`. Limits stay with the readers (http.ts, the upload reader).
 */
export function prepareBody(req: BodyRequest, then: () => void): void {
  if (bufferable(req)) {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => {
      req.body = Buffer.concat(chunks).toString('utf8');
      then();
    });
    req.once('error', () => req.destroy());
    return;
  }
  if (hasBody(req)) req.body = bodyStream(req);
  then();
}

/**
 * The body `prepareBody` left on the request, as the JSON reader takes it (http.ts): for a
 * handler that answers before Astro (registrations/fast-path.ts). The same limits as a
 * Request's reader: 413 for a declared length over the limit, before anything is read, or for
 * a streamed body once it passes the limit. A text read whole here is exactly its declared
 * length (Node holds the request to it), so the declared check covers it.
 */
export function socketBody(req: BodyRequest): TextBody {
  return {
    mediaType: mediaTypeOf(req.headers['content-type']),
    async text(maxBytes) {
      if (Number(req.headers['content-length'] ?? '0') > maxBytes) throw new HttpError('payload_too_large');
      const body = req.body;
      if (typeof body === 'string') return body;
      return body ? (await readLimitedChunks(body, maxBytes)).toString('utf8') : '';
    },
  };
}

/**
 * The request's body as an async iterable that reads from the request only when asked and, when
 * its reader stops early (a limit, a refusal), lets go of the request without destroying it: the
 * answer still has a connection to go out on (`closeAfterEarlyAnswer` deals with the rest).
 */
export function bodyStream(req: http.IncomingMessage): AsyncIterable<Buffer> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<Buffer> {
      let failure: Error | null = null;
      let wake: (() => void) | null = null;
      let attached = false;
      const signal = () => {
        const w = wake;
        wake = null;
        w?.();
      };
      const onError = (error: Error) => {
        failure = error;
        signal();
      };
      const detach = () => {
        req.off('readable', signal);
        req.off('end', signal);
        req.off('close', signal);
        req.off('error', onError);
      };
      return {
        async next(): Promise<IteratorResult<Buffer>> {
          // Listeners only once reading starts: a 'readable' listener starts the request reading.
          if (!attached) {
            attached = true;
            req.on('readable', signal);
            req.on('end', signal);
            req.on('close', signal);
            req.on('error', onError);
          }
          for (;;) {
            if (failure) {
              detach();
              throw failure;
            }
            const chunk = req.read() as Buffer | null;
            if (chunk !== null) return { done: false, value: chunk };
            if (req.readableEnded) {
              detach();
              return { done: true, value: undefined };
            }
            if (req.destroyed) {
              detach();
              throw new Error('the client closed the connection before its body ended');
            }
            await new Promise<void>((resolve) => (wake = resolve));
          }
        },
        return(): Promise<IteratorResult<Buffer>> {
          detach();
          return Promise.resolve({ done: true, value: undefined });
        },
      };
    },
  };
}

/**
 * Called as the answer's head is written. When the request's body is still arriving, the answer
 * says `Connection: close` (Node then ends the connection after it) and that end becomes a
 * lingering close (see the module's comment). Answers to requests read to the end keep their
 * connection.
 */
export function closeAfterEarlyAnswer(req: http.IncomingMessage, res: http.ServerResponse): void {
  if (req.complete || !hasBody(req) || res.headersSent) return;
  res.setHeader('Connection', 'close');
  const socket = req.socket;
  // Node calls destroySoon() on the socket once an answer marked "close" has been written.
  socket.destroySoon = () => lingeringClose(req, socket);
}

function lingeringClose(req: http.IncomingMessage, socket: http.IncomingMessage['socket']): void {
  let bodyEnded = req.complete;
  let discarded = 0;
  const close = () => {
    clearTimeout(timer);
    if (!socket.destroyed) socket.destroy();
  };
  const closeWhenDone = () => {
    if (bodyEnded && socket.writableFinished) close();
  };
  const timer = setTimeout(close, LINGER_MS);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
  socket.once('finish', closeWhenDone);
  // FIN once the answer has been flushed: the client reads all of it, and its end.
  socket.end();
  // Whoever was reading the body has given up on it: read the rest and throw it away.
  req.removeAllListeners('readable');
  req.removeAllListeners('data');
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > LINGER_BYTES) close();
  });
  req.once('end', () => {
    bodyEnded = true;
    closeWhenDone();
  });
  req.once('error', close);
  // After the removed 'readable' listeners have been accounted for (Node does so on the next tick).
  process.nextTick(() => req.resume());
  closeWhenDone();
}
