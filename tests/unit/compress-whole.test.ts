/**
 * compressWhole (src/lib/server/compression.ts): an answer known in full, compressed at once by
 * the request's Accept-Encoding — decoding to the very bytes, Vary always, small bodies and
 * refused codings left as they are.
 */
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { COMPRESS_THRESHOLD, compressWhole } from '~/lib/server/compression';

const body = JSON.stringify({ hits: Array.from({ length: 40 }, (_, i) => ({ id: `san-pham--nuoc-mam-${String(i)}`, title: 'Nước mắm cá cơm Nam Ô' })) });

describe('compressWhole', () => {
  it.each([
    ['br', 'br'],
    ['gzip', 'gzip'],
    ['gzip, deflate', 'gzip'],
    ['br;q=0.5, gzip', 'gzip'],
    ['gzip, deflate, br', 'br'],
  ])('%s → %s, decoding to the answer', (accept, coding) => {
    const r = compressWhole(body, accept);
    expect(r.headers).toEqual({ Vary: 'Accept-Encoding', 'Content-Encoding': coding });
    expect(r.body).toBeInstanceOf(Uint8Array);
    const bytes = Buffer.from(r.body as Uint8Array);
    expect(bytes.length).toBeLessThan(Buffer.byteLength(body));
    expect((coding === 'br' ? zlib.brotliDecompressSync(bytes) : zlib.gunzipSync(bytes)).toString('utf8')).toBe(body);
  });

  it.each([[null], ['identity'], ['br;q=0, gzip;q=0'], ['deflate']])('leaves the body as it is for %s', (accept) => {
    expect(compressWhole(body, accept)).toEqual({ body, headers: { Vary: 'Accept-Encoding' } });
  });

  it('leaves a body under the threshold as it is', () => {
    const small = 'x'.repeat(COMPRESS_THRESHOLD - 1);
    expect(compressWhole(small, 'gzip, br')).toEqual({ body: small, headers: { Vary: 'Accept-Encoding' } });
  });
});
