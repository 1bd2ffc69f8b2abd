/**
 * Compression of on-demand answers (HTML pages, JSON, feeds) as Astro streams them.
 *
 * Astro writes the status and headers first and the body after, without a Content-Length, so
 * the decision waits: the status line is held back until the body reaches `threshold` bytes (then
 * a brotli or gzip stream starts, by the request's Accept-Encoding and its q-values) or ends
 * before it (then the small body goes out as it is, with its length); an answer that declares a
 * length under the threshold is let through at once. Never compressed: HEAD,
 * 204/206/304, bodies already encoded, types that do not compress (images, archives, uploads),
 * and answers marked `Cache-Control: no-transform`. The compressor is a stream: a large page
 * leaves in pieces as it is rendered.
 */
import type http from 'node:http';
import zlib from 'node:zlib';
import { isCompressibleType, negotiateEncoding, varyAcceptEncoding } from './encoding';

/** Bodies smaller than this go out as they are: the saving would not pay for the encoding. */
export const COMPRESS_THRESHOLD = 1024;

type Callback = (error?: Error | null) => void;
type HeaderBag = Record<string, string | number | readonly string[] | undefined>;

function headerOf(res: http.ServerResponse, bag: HeaderBag | undefined, name: string): string | number | readonly string[] | undefined {
  if (bag) {
    for (const key of Object.keys(bag)) if (key.toLowerCase() === name) return bag[key];
  }
  return res.getHeader(name);
}

function setOn(res: http.ServerResponse, bag: HeaderBag | undefined, name: string, value: string | undefined): void {
  if (bag) for (const key of Object.keys(bag)) if (key.toLowerCase() === name) Reflect.deleteProperty(bag, key);
  if (value === undefined) res.removeHeader(name);
  else res.setHeader(name, value);
}

function toBuffer(chunk: unknown, encoding: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  return Buffer.from(String(chunk), typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
}

/**
 * Makes `res` compress what is written to it when the answer qualifies. Call before the
 * handler writes anything.
 */
export function compressOnDemand(req: http.IncomingMessage, res: http.ServerResponse, threshold = COMPRESS_THRESHOLD): void {
  const accept = req.headers['accept-encoding'];
  if (req.method === 'HEAD') return;
  // The response's own methods, bound, with the only signatures used here.
  const original = {
    writeHead: res.writeHead.bind(res) as (status: number, ...rest: unknown[]) => http.ServerResponse,
    write: res.write.bind(res) as (chunk: Buffer, cb?: Callback) => boolean,
    end: res.end.bind(res) as (chunk?: Buffer | Callback, cb?: Callback) => http.ServerResponse,
  };
  let head: { status: number; rest: unknown[] } | null = null;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let state: 'waiting' | 'plain' | 'compressing' = 'waiting';
  let compressor: zlib.BrotliCompress | zlib.Gzip | null = null;

  const restore = () => {
    res.writeHead = original.writeHead;
    res.write = original.write as typeof res.write;
    res.end = original.end as typeof res.end;
  };
  const sendHead = () => {
    if (head && !res.headersSent) original.writeHead(head.status, ...head.rest);
  };
  const bag = (): HeaderBag | undefined => head?.rest.find((a): a is HeaderBag => typeof a === 'object' && a !== null && !Array.isArray(a));

  const qualifies = (): 'br' | 'gzip' | null => {
    const status = head?.status ?? res.statusCode;
    if (status < 200 || status === 204 || status === 206 || status === 304) return null;
    const headers = bag();
    const type = headerOf(res, headers, 'content-type');
    if (!isCompressibleType(typeof type === 'string' ? type : undefined)) return null;
    const existing = headerOf(res, headers, 'content-encoding');
    if (existing !== undefined && String(existing).toLowerCase() !== 'identity') return null;
    if (/\bno-transform\b/i.test(String(headerOf(res, headers, 'cache-control') ?? ''))) return null;
    const coding = negotiateEncoding(accept, ['br', 'gzip']);
    return coding === 'identity' ? null : coding;
  };

  /** Decides once the body is known to be large, or ended small. */
  const decide = (ended: boolean): 'plain' | 'compressing' => {
    const coding = pendingBytes >= threshold ? qualifies() : null;
    // The answer varies with Accept-Encoding whenever its type could be compressed.
    const headers = bag();
    const type = headerOf(res, headers, 'content-type');
    if (isCompressibleType(typeof type === 'string' ? type : undefined)) {
      setOn(res, headers, 'vary', varyAcceptEncoding(headerOf(res, headers, 'vary')));
    }
    if (coding === null) {
      state = 'plain';
      restore();
      const status = head?.status ?? res.statusCode;
      if (ended && status >= 200 && status !== 204 && status !== 304 && headerOf(res, headers, 'content-length') === undefined && !res.headersSent) {
        setOn(res, headers, 'content-length', String(pendingBytes));
      }
      sendHead();
      return state;
    }
    state = 'compressing';
    setOn(res, headers, 'content-length', undefined);
    setOn(res, headers, 'content-encoding', coding);
    sendHead();
    compressor =
      coding === 'br'
        ? zlib.createBrotliCompress({
            params: {
              // Level 4 costs about as much CPU as gzip 6 and is smaller (README "Compression").
              [zlib.constants.BROTLI_PARAM_QUALITY]: 4,
              [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
            },
          })
        : zlib.createGzip({ level: 6 });
    compressor.on('data', (chunk: Buffer) => original.write(chunk));
    compressor.on('error', (error) => res.destroy(error));
    return state;
  };

  const flushPending = (): Buffer[] => {
    const out = pending;
    pending = [];
    return out;
  };

  res.writeHead = function writeHead(status: number, ...rest: unknown[]) {
    if (state !== 'waiting') return original.writeHead(status, ...rest);
    head = { status, rest };
    // An answer that declares a length under the threshold (json() in http.ts) is decided now:
    // its head goes out at once and its body is never held back or copied here.
    const declared = Number(headerOf(res, bag(), 'content-length'));
    if (Number.isFinite(declared) && declared < threshold) decide(false);
    return res;
  };

  res.write = function write(chunk: unknown, encoding?: unknown, cb?: unknown): boolean {
    const callback = (typeof encoding === 'function' ? encoding : cb) as Callback | undefined;
    const data = toBuffer(chunk, encoding);
    if (state === 'waiting') {
      pending.push(data);
      pendingBytes += data.length;
      if (pendingBytes >= threshold) {
        const mode = decide(false);
        const buffered = flushPending();
        if (mode === 'compressing' && compressor) for (const b of buffered) compressor.write(b);
        else for (const b of buffered) original.write(b);
      }
      if (callback) process.nextTick(callback);
      return true;
    }
    if (state === 'compressing' && compressor) return compressor.write(data, callback);
    return original.write(data, callback);
  } as typeof res.write;

  res.end = function end(chunk?: unknown, encoding?: unknown, cb?: unknown): http.ServerResponse {
    const callback = (typeof chunk === 'function' ? chunk : typeof encoding === 'function' ? encoding : cb) as Callback | undefined;
    if (chunk !== undefined && chunk !== null && typeof chunk !== 'function') {
      const data = toBuffer(chunk, encoding);
      pending.push(data);
      pendingBytes += data.length;
    }
    const mode = state === 'waiting' ? decide(true) : state;
    const buffered = flushPending();
    if (mode === 'compressing' && compressor) {
      const c = compressor;
      for (const b of buffered) c.write(b);
      c.once('end', () => original.end(callback));
      c.end();
      return res;
    }
    const body = buffered.length === 0 ? undefined : buffered.length === 1 ? buffered[0] : Buffer.concat(buffered);
    if (body) original.end(body, callback);
    else original.end(callback);
    return res;
  } as typeof res.end;
}

/**
 * An on-demand answer known in full before it is sent (the search API's JSON), compressed at
 * once on this thread: one synchronous call costs less than the streaming compressor's set-up
 * and its trips to the thread pool, which for an answer of a few KB weigh more than the
 * compression itself. Brotli at the stream's quality 4, gzip at level 1 (for ~16 KB of JSON
 * about 14 % more bytes than level 6, and the least CPU). Returns the body and the headers to
 * send (Vary always); `compressOnDemand` leaves an answer that is already encoded as it is.
 * Below `threshold`, or when the request takes neither coding, the body stays as it is.
 */
export function compressWhole(body: string, acceptEncoding: string | null, threshold = COMPRESS_THRESHOLD): { body: string | Uint8Array<ArrayBuffer>; headers: Record<string, string> } {
  const headers: Record<string, string> = { Vary: 'Accept-Encoding' };
  const coding = Buffer.byteLength(body) < threshold ? 'identity' : negotiateEncoding(acceptEncoding ?? undefined, ['br', 'gzip']);
  if (coding === 'identity') return { body, headers };
  const encoded =
    coding === 'br'
      ? zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4, [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT } })
      : zlib.gzipSync(body, { level: 1 });
  // The compressed bytes in an ArrayBuffer of their own, as a Response body wants.
  return { body: new Uint8Array(encoded), headers: { ...headers, 'Content-Encoding': coding } };
}
