/**
 * `GET /api/search` on the built server, answered before Astro (src/lib/server/search/fast-path.ts):
 * the same answer as the engine gives for the same content, whole with its length (compressed
 * when asked, to the same JSON), every security header the server sets, and only that exact
 * path — a HEAD, a trailing slash or a longer name still reach Astro. Needs a build (npm test
 * makes one).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSearchQuery, type SearchResult } from '~/lib/search-query';
import { loadSourceFromFiles } from '~/lib/server/search/content-files';
import { buildDocuments } from '~/lib/server/search/documents';
import { EmbeddedSearchEngine } from '~/lib/server/search/embedded';
import { isSearchApiTarget } from '~/lib/server/search/fast-path';
import { rawGet as get } from '../helpers/raw-get';
import { startBuiltServer, tempDatabasePath, type BuiltServer } from '../helpers/registration-server';
import { TEST_NOW, TEST_PORT, testBuildDir } from '../test-env';

const hasBuild = existsSync(path.join(testBuildDir(), 'server', 'entry.mjs'));

describe('which targets the fast path takes', () => {
  it('takes /api/search with or without a query string, and nothing else', () => {
    expect(isSearchApiTarget('/api/search')).toBe(true);
    expect(isSearchApiTarget('/api/search?q=g%E1%BB%91m&trang=2')).toBe(true);
    for (const t of ['/api/search/', '/api/searchx', '/api/search-bare', '/api/bench/search-bare', '/tim-kiem?q=x', '/API/search']) {
      expect(isSearchApiTarget(t), t).toBe(false);
    }
  });
});

describe.skipIf(!hasBuild)('GET /api/search on the built server', () => {
  let server: BuiltServer;
  const db = tempDatabasePath('search-api');
  const engine = EmbeddedSearchEngine.open(':memory:');
  const today = TEST_NOW.slice(0, 10);
  beforeAll(async () => {
    server = await startBuiltServer({ port: TEST_PORT + 95, databasePath: db.file });
    await engine.index(buildDocuments(loadSourceFromFiles('content')));
  }, 60_000);
  afterAll(async () => {
    await server.stop();
    await engine.close();
    db.cleanup();
  });

  it('answers what the engine answers, whole, with its length and the server\'s headers', async () => {
    for (const qs of ['q=g%E1%BB%91m', 'q=nuoc+mam&kieu=san-pham', 'q=%C4%91%E1%BB%93+g%E1%BB%91m&trang=1', '', 'q=%22NEAR(&tinh=atlantis&sao=99&trang=-1']) {
      const r = await get(`${server.url}/api/search?${qs}`);
      expect(r.status, qs).toBe(200);
      expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(Number(r.headers['content-length']), qs).toBe(r.body.length);
      expect(r.headers['cache-control']).toBe('public, max-age=60');
      expect(r.headers.vary).toMatch(/Accept-Encoding/);
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['x-frame-options']).toBe('DENY');
      expect(r.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
      const got = JSON.parse(r.body.toString('utf8')) as SearchResult;
      const want = await engine.search(parseSearchQuery(new URLSearchParams(qs)), today);
      expect({ ...got, tookMs: 0 }, qs).toEqual({ ...want, tookMs: 0 });
    }
  });

  it('compresses whole when asked, to the same JSON', async () => {
    const url = `${server.url}/api/search?q=gom`;
    const plain = await get(url);
    for (const [coding, decode] of [['br', zlib.brotliDecompressSync], ['gzip', zlib.gunzipSync]] as const) {
      const r = await get(url, { 'accept-encoding': coding });
      expect(r.headers['content-encoding']).toBe(coding);
      expect(Number(r.headers['content-length'])).toBe(r.body.length);
      const strip = (b: Buffer) => ({ ...(JSON.parse(b.toString('utf8')) as SearchResult), tookMs: 0 });
      expect(strip(decode(r.body))).toEqual(strip(plain.body));
    }
  });

  it('leaves HEAD and other paths to Astro', async () => {
    const head = await get(`${server.url}/api/search?q=gom`, {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect((await get(`${server.url}/api/searchx`)).status).toBe(404);
    expect((await get(`${server.url}/api/search`, {}, 'POST')).status).toBeLessThan(500);
  });
});
