/**
 * The built server's encodings: precompressed static files chosen by Accept-Encoding (q-values
 * honoured), on-demand HTML and JSON compressed when large enough and never when tiny, Vary on
 * every answer that could vary, ranges and HEAD, 304s, and every compressed body decoding to
 * the very bytes of the file or of the uncompressed answer. Also the start-up warning when
 * the server's SITE_URL is not the build's. Needs a build (npm test makes one).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawGet as get, type RawAnswer } from '../helpers/raw-get';
import { startBuiltServer, tempDatabasePath, type BuiltServer } from '../helpers/registration-server';
import { TEST_BASE_URL, TEST_PORT, testBuildDir } from '../test-env';

const PORT = { main: TEST_PORT + 80, other: TEST_PORT + 81 };
const build = testBuildDir();
const client = path.join(build, 'client');
const hasBuild = existsSync(path.join(build, 'server', 'entry.mjs'));

function decode(r: RawAnswer): Buffer {
  const coding = r.headers['content-encoding'];
  if (coding === 'br') return zlib.brotliDecompressSync(r.body);
  if (coding === 'gzip') return zlib.gunzipSync(r.body);
  expect(coding).toBeUndefined();
  return r.body;
}

describe.skipIf(!hasBuild)('compression on the built server', () => {
  let server: BuiltServer;
  const db = tempDatabasePath('compression');
  beforeAll(async () => {
    // The build's own SITE_URL, so that this server has no reason to warn.
    server = await startBuiltServer({ port: PORT.main, databasePath: db.file, env: { SITE_URL: TEST_BASE_URL } });
  }, 60_000);
  afterAll(async () => {
    await server.stop();
    db.cleanup();
  });

  it('wrote a .br and a .gz beside the pages and assets, each decoding to the file itself', () => {
    const entries = readdirSync(client, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    const compressed = entries.filter((e) => e.name.endsWith('.br') || e.name.endsWith('.gz'));
    expect(compressed.length).toBeGreaterThan(100);
    expect(existsSync(path.join(client, 'index.html.br'))).toBe(true);
    expect(existsSync(path.join(client, 'index.html.gz'))).toBe(true);
    for (const e of compressed) {
      const file = path.join(e.parentPath, e.name);
      const original = readFileSync(file.slice(0, -3));
      const data = readFileSync(file);
      const decoded = e.name.endsWith('.br') ? zlib.brotliDecompressSync(data) : zlib.gunzipSync(data);
      expect(decoded.equals(original), file).toBe(true);
      expect(data.length).toBeLessThan(original.length);
    }
    // Images and tiny files stay single.
    expect(entries.some((e) => /\.(png|jpe?g|webp)\.(br|gz)$/.test(e.name))).toBe(false);
  });

  it('sends a page precompressed by Accept-Encoding, honouring q-values, always with Vary', async () => {
    const file = readFileSync(path.join(client, 'index.html'));
    const cases: [string | undefined, string | undefined][] = [
      ['br', 'br'],
      ['gzip, deflate, br', 'br'],
      ['gzip', 'gzip'],
      ['gzip;q=1, br;q=0.5', 'gzip'],
      ['br;q=0, gzip', 'gzip'],
      ['*', 'br'],
      ['*;q=0.5, br;q=0', 'gzip'],
      ['identity', undefined],
      ['deflate', undefined],
      [undefined, undefined],
    ];
    for (const [accept, expected] of cases) {
      const r = await get(`${server.url}/`, accept === undefined ? {} : { 'accept-encoding': accept });
      expect(r.status, String(accept)).toBe(200);
      expect(r.headers['content-encoding'], String(accept)).toBe(expected);
      expect(r.headers.vary, String(accept)).toMatch(/Accept-Encoding/);
      expect(r.headers['content-type']).toMatch(/^text\/html/);
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(Number(r.headers['content-length'])).toBe(r.body.length);
      expect(decode(r).equals(file), String(accept)).toBe(true);
    }
  });

  it('sends hashed assets compressed with their own type and a year of caching', async () => {
    const astro = readdirSync(path.join(client, '_astro')).find((n) => n.endsWith('.js') && existsSync(path.join(client, '_astro', `${n}.br`)));
    expect(astro).toBeDefined();
    const r = await get(`${server.url}/_astro/${String(astro)}`, { 'accept-encoding': 'br, gzip' });
    expect(r.headers['content-encoding']).toBe('br');
    expect(r.headers['content-type']).toMatch(/javascript/);
    expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(decode(r).equals(readFileSync(path.join(client, '_astro', String(astro))))).toBe(true);
  });

  it('answers HEAD with the headers of the GET and no body; 304 for a matching ETag', async () => {
    const get1 = await get(`${server.url}/hoi-cho/lich`, { 'accept-encoding': 'gzip' });
    const head = await get(`${server.url}/hoi-cho/lich`, { 'accept-encoding': 'gzip' }, 'HEAD');
    const status = get1.status;
    // /hoi-cho/lich may be prerendered or not; either way HEAD mirrors GET.
    expect(head.status).toBe(status);
    expect(head.body.length).toBe(0);
    const home = await get(`${server.url}/`, { 'accept-encoding': 'br' }, 'HEAD');
    expect(home.headers['content-encoding']).toBe('br');
    expect(Number(home.headers['content-length'])).toBe(readFileSync(path.join(client, 'index.html.br')).length);
    const etag = String(home.headers.etag);
    const again = await get(`${server.url}/`, { 'accept-encoding': 'br', 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    // The gzip copy is another representation with its own validator.
    const gz = await get(`${server.url}/`, { 'accept-encoding': 'gzip', 'if-none-match': etag });
    expect(gz.status).toBe(200);
  });

  it('serves a range of the file itself, never of a compressed copy; 416 past the end', async () => {
    const file = readFileSync(path.join(client, 'index.html'));
    const r = await get(`${server.url}/`, { 'accept-encoding': 'br, gzip', range: 'bytes=0-99' });
    expect(r.status).toBe(206);
    expect(r.headers['content-encoding']).toBeUndefined();
    expect(r.headers['content-range']).toBe(`bytes 0-99/${String(file.length)}`);
    expect(r.body.equals(file.subarray(0, 100))).toBe(true);
    const past = await get(`${server.url}/`, { range: `bytes=${String(file.length + 10)}-` });
    expect(past.status).toBe(416);
    expect(past.headers['content-range']).toBe(`bytes */${String(file.length)}`);
    expect(past.headers['x-content-type-options']).toBe('nosniff');
  });

  it('compresses large on-demand HTML and JSON as they stream, to the same bytes', async () => {
    for (const url of ['/san-pham', '/api/search?q=nuoc+mam', '/ocop']) {
      const plain = await get(`${server.url}${url}`);
      expect(plain.status, url).toBe(200);
      expect(plain.body.length, url).toBeGreaterThan(1024);
      expect(plain.headers.vary, url).toMatch(/Accept-Encoding/);
      for (const coding of ['br', 'gzip']) {
        const r = await get(`${server.url}${url}`, { 'accept-encoding': coding });
        expect(r.headers['content-encoding'], `${url} ${coding}`).toBe(coding);
        // The search API goes out whole, with its length (search/fast-path.ts); pages stream.
        if (url.startsWith('/api/search')) expect(Number(r.headers['content-length']), url).toBe(r.body.length);
        else expect(r.headers['content-length'], url).toBeUndefined();
        expect(r.headers.vary, url).toMatch(/Accept-Encoding/);
        expect(r.body.length, url).toBeLessThan(plain.body.length);
        const decoded = decode(r).toString('utf8');
        if (url.startsWith('/api/')) {
          const strip = (s: string) => JSON.stringify({ ...(JSON.parse(s) as Record<string, unknown>), tookMs: 0 });
          expect(strip(decoded), url).toBe(strip(plain.body.toString('utf8')));
        } else {
          expect(decoded, url).toBe(plain.body.toString('utf8'));
        }
      }
    }
  });

  it('never compresses a tiny answer, a HEAD or a refused coding', async () => {
    const health = await get(`${server.url}/healthz`, { 'accept-encoding': 'br, gzip' });
    expect(health.status).toBe(200);
    expect(health.body.length).toBeLessThan(1024);
    expect(health.headers['content-encoding']).toBeUndefined();
    expect(Number(health.headers['content-length'])).toBe(health.body.length);
    const head = await get(`${server.url}/san-pham`, { 'accept-encoding': 'br' }, 'HEAD');
    expect(head.headers['content-encoding']).toBeUndefined();
    const refused = await get(`${server.url}/san-pham`, { 'accept-encoding': 'br;q=0, gzip;q=0' });
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(refused.status).toBe(200);
  });

  it('lets a small JSON answer that declares its length through at once: its length, Vary, the bytes as written', async () => {
    // json() declares Content-Length; under the threshold the compression layer decides at the head.
    const small = await get(`${server.url}/api/fairs/khong-co-hoi-cho-nay/availability`, { 'accept-encoding': 'br, gzip' });
    expect(small.status).toBe(404);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.headers['vary']).toMatch(/accept-encoding/i);
    expect(small.body.length).toBeLessThan(1024);
    expect(Number(small.headers['content-length'])).toBe(small.body.length);
    const answer = JSON.parse(small.body.toString('utf8')) as { error: string; message: string };
    expect(answer.error).toBeTruthy();
    expect(answer.message).toMatch(/[ạảãàáâầấậẩẫăằắặẳẵêềếệểễôồốộổỗơờớợởỡưừứựửữđ]/i);
  });
});

describe.skipIf(!hasBuild)('SITE_URL of the build and of the server', () => {
  it('warns at start when the server runs with another SITE_URL than the build', async () => {
    const db = tempDatabasePath('site-url');
    const server = await startBuiltServer({ port: PORT.other, databasePath: db.file, env: { SITE_URL: 'https://khuyencong.example.gov.vn' } });
    await server.stop();
    db.cleanup();
    const info = JSON.parse(readFileSync(path.join(build, 'server', 'build-info.json'), 'utf8')) as { siteUrl: string };
    expect(info.siteUrl).toBe(TEST_BASE_URL);
    expect(server.stderr()).toMatch(/Cảnh báo: bản dựng được tạo với SITE_URL=http:\/\/localhost:\d+ nhưng máy chủ chạy với SITE_URL=https:\/\/khuyencong\.example\.gov\.vn/);
  }, 60_000);
});
