/**
 * The contract both search engines must pass, over the demo content. It always runs against
 * the embedded engine (a real SQLite file), and against a real Meilisearch when
 * MEILISEARCH_HOST is set — never against a fake. Without it the Meilisearch suite is reported
 * as skipped, with the reason.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fold } from '~/lib/fold';
import { parseSearchQuery, type SearchResult } from '~/lib/search-query';
import { loadSourceFromFiles } from '~/lib/server/search/content-files';
import { buildDocuments } from '~/lib/server/search/documents';
import { EmbeddedSearchEngine } from '~/lib/server/search/embedded';
import { MeilisearchEngine } from '~/lib/server/search/meilisearch';
import { exactKey, exactWords } from '~/lib/server/search/text';
import type { SearchEngine } from '~/lib/server/search/types';

const TODAY = '2026-12-01';
const source = loadSourceFromFiles('content');
const docs = buildDocuments(source);
const products = source.products.map((p) => p.row);
const productIds = (pred: (r: (typeof products)[number]) => boolean) => products.filter(pred).map((r) => `san-pham--${r.id}`).sort();

/** All hit ids of a query, across pages. */
async function allIds(engine: SearchEngine, qs: string): Promise<string[]> {
  const first = await engine.search(parseSearchQuery(new URLSearchParams(qs)), TODAY);
  const ids = first.hits.map((h) => h.id);
  for (let p = 2; p <= first.pages; p++) {
    const next = await engine.search(parseSearchQuery(new URLSearchParams(`${qs}&trang=${String(p)}`)), TODAY);
    ids.push(...next.hits.map((h) => h.id));
  }
  return ids;
}

const count = (r: SearchResult, key: keyof SearchResult['facets'], value: string) => r.facets[key]?.find((f) => f.value === value)?.count ?? 0;

/** Words of a document as typed (NFC, lowercase), one tone position (exactKey), from its text alone. */
const docWords = new Map(docs.map((d) => [d.id, new Set(exactWords([d.title, d.subtitle, d.summary, d.places, d.text].join(' ')))]));
const has = (id: string, word: string) => docWords.get(id)?.has(exactKey(word)) ?? false;
const holding = (word: string) => docs.filter((d) => has(d.id, word)).map((d) => d.id);

/**
 * `ranksDiacritics`: whether the engine ranks words typed with diacritics found as typed first.
 * Meilisearch does not (its Vietnamese normaliser folds before every ranking rule).
 */
function contract(name: string, open: () => Promise<SearchEngine>, close: (e: SearchEngine) => Promise<void>, ranksDiacritics: boolean) {
  describe(`search contract: ${name}`, () => {
    let engine: SearchEngine;
    beforeAll(async () => {
      engine = await open();
      await engine.index(docs);
    });
    afterAll(async () => {
      await close(engine);
    });

    it('answers in the one result shape', async () => {
      const r = await engine.search(parseSearchQuery(new URLSearchParams('q=gốm')), TODAY);
      expect(Object.keys(r).sort()).toEqual(expect.arrayContaining(['hits', 'facets', 'total', 'tookMs', 'engine', 'page', 'pages']));
      expect(r.engine).toBe(engine.name);
      expect(r.total).toBeGreaterThan(0);
      for (const h of r.hits) {
        expect(h.highlights.title.map(([t]) => t).join('')).toBe(h.title);
        expect(h.highlights.summary.map(([t]) => t).join('')).toBe(h.summary);
      }
      expect(r.hits[0]?.highlights.title.some(([t, marked]) => marked && fold(t) === 'gom')).toBe(true);
    });

    it('"gốm" and "gom" both find gốm (pottery) and gồm (includes): folded matches are kept', async () => {
      const pottery = holding('gốm');
      const includes = holding('gồm').filter((id) => !has(id, 'gốm'));
      expect(pottery.length).toBeGreaterThanOrEqual(3);
      expect(includes.length).toBeGreaterThanOrEqual(3);
      for (const q of ['gốm', 'gom', 'GỐM'.normalize('NFD')]) {
        expect(await allIds(engine, `q=${encodeURIComponent(q)}`), q).toEqual(expect.arrayContaining([...pottery, ...includes]));
      }
    });

    it.skipIf(!ranksDiacritics)(
      `a query typed with diacritics ranks the documents holding its words as typed first${ranksDiacritics ? '' : ' — skipped: Meilisearch folds before it ranks'}`,
      async () => {
        // "gốm": every document with gốm before every one with only gồm (or gom).
        const gom = await allIds(engine, 'q=gốm');
        const firstOther = gom.findIndex((id) => !has(id, 'gốm'));
        expect(firstOther).toBe(holding('gốm').filter((id) => gom.includes(id)).length);
        expect(gom.slice(firstOther).some((id) => has(id, 'gồm'))).toBe(true);
        // "đồ gốm": the documents with both words as typed, then by the rarer word (gốm), then
        // đồ alone, then the folded matches (gồm, đỏ, do…) — not one tier for "all or nothing".
        expect(holding('gốm').length).toBeLessThan(holding('đồ').length);
        const grade = (id: string) => (has(id, 'gốm') ? 2 : 0) + (has(id, 'đồ') ? 1 : 0);
        const both = await allIds(engine, `q=${encodeURIComponent('đồ gốm')}`);
        const grades = both.map(grade);
        expect(new Set(grades)).toEqual(new Set([3, 2, 1, 0]));
        expect(grades).toEqual([...grades].sort((a, b) => b - a));
        // A word typed without marks weighs nothing: "gốm thanh ha" ranks by gốm alone.
        const partly = await allIds(engine, `q=${encodeURIComponent('gốm thanh ha')}`);
        const marks = partly.map((id) => (has(id, 'gốm') ? 1 : 0));
        expect(marks).toEqual([...marks].sort((a, b) => b - a));
        expect(marks).toContain(0);
      },
    );

    it('"nuoc mam" finds the nước mắm products', async () => {
      const want = productIds((r) => fold(r.name).includes('nuoc mam'));
      expect(want.length).toBeGreaterThanOrEqual(2);
      expect(await allIds(engine, 'q=nuoc mam')).toEqual(expect.arrayContaining(want));
    });

    it('"dak lak" finds Đắk Lắk products', async () => {
      const want = productIds((r) => r.province === 'dak-lak');
      expect(want.length).toBeGreaterThan(0);
      expect(await allIds(engine, 'q=dak lak')).toEqual(expect.arrayContaining(want));
    });

    it('"quang nam" finds products of the former Quảng Nam, now in TP Đà Nẵng', async () => {
      const want = productIds((r) => r.formerProvince === 'quang-nam');
      expect(want.length).toBeGreaterThan(0);
      expect(products.filter((r) => r.formerProvince === 'quang-nam').every((r) => r.province === 'da-nang')).toBe(true);
      expect(await allIds(engine, 'q=quang nam')).toEqual(expect.arrayContaining(want));
    });

    it('"shan tuyet" finds chè Shan tuyết', async () => {
      const want = productIds((r) => fold(r.name).includes('shan tuyet'));
      expect(want.some((id) => id.includes('che-shan-tuyet'))).toBe(true);
      expect(await allIds(engine, 'q=shan tuyet')).toEqual(expect.arrayContaining(want));
    });

    it('a craft village\'s name finds its page first, and its producers (unaccented too)', async () => {
      const village = source.villages.find((v) => v.id === 'lang-gom-thanh-ha');
      expect(village?.name).toBe('Làng gốm Thanh Hà');
      expect(village?.producerNames.length).toBeGreaterThan(0);
      for (const q of ['làng gốm Thanh Hà', 'lang gom thanh ha']) {
        const r = await engine.search(parseSearchQuery(new URLSearchParams({ q })), TODAY);
        expect(r.hits[0]?.id, q).toBe('lang-nghe--lang-gom-thanh-ha');
        expect(r.hits[0]?.kind).toBe('lang-nghe');
        expect(r.hits[0]?.url).toBe('/lang-nghe/lang-gom-thanh-ha');
        expect(await allIds(engine, `q=${encodeURIComponent(q)}`)).toContain('co-so--ho-gom-thanh-ha-le-van-tam');
      }
      const only = await engine.search(parseSearchQuery(new URLSearchParams('kieu=lang-nghe')), TODAY);
      expect(only.total).toBe(source.villages.length);
      expect(only.hits.every((h) => h.kind === 'lang-nghe')).toBe(true);
    });

    it('a one-letter typo still finds its product', async () => {
      const want = productIds((r) => fold(r.name).includes('sam ngoc linh'));
      expect(want.length).toBeGreaterThan(0);
      expect(await allIds(engine, 'q=sam ngoc linb')).toEqual(expect.arrayContaining(want));
    });

    it('an empty query lists everything with facets that match the catalog', async () => {
      const r = await engine.search(parseSearchQuery(new URLSearchParams('')), TODAY);
      expect(r.total).toBe(docs.length);
      const p = await engine.search(parseSearchQuery(new URLSearchParams('kieu=san-pham')), TODAY);
      expect(p.total).toBe(products.length);
      const tally = (values: (string | number | null)[]) => {
        const m = new Map<string, number>();
        for (const v of values) if (v !== null) m.set(String(v), (m.get(String(v)) ?? 0) + 1);
        return m;
      };
      const checks: [keyof SearchResult['facets'], Map<string, number>][] = [
        ['tinh', tally(products.map((r) => r.province))],
        ['tinhcu', tally(products.map((r) => r.formerProvince))],
        ['nhom', tally(products.map((r) => r.cnntGroup))],
        ['ocop', tally(products.map((r) => r.ocopGroup))],
        ['sao', tally(products.map((r) => r.stars))],
        ['cap', tally(products.flatMap((r) => r.levels))],
        ['loai', tally(products.map((r) => r.producerType))],
        ['hieuluc', tally(products.map((r) => (r.validUntil && r.validUntil >= TODAY ? '1' : null)))],
      ];
      for (const [key, expected] of checks) {
        const got = new Map((p.facets[key] ?? []).map((f) => [f.value, f.count]));
        expect(got, `facet ${key}`).toEqual(expected);
      }
    });

    it('filters by facets, and the filtered totals equal the facet counts', async () => {
      const all = await engine.search(parseSearchQuery(new URLSearchParams('kieu=san-pham')), TODAY);
      for (const [key, value] of [['tinh', 'da-nang'], ['tinhcu', 'quang-nam'], ['sao', '5'], ['cap', 'tinh'], ['hieuluc', '1']] as const) {
        const r = await engine.search(parseSearchQuery(new URLSearchParams(`kieu=san-pham&${key}=${value}`)), TODAY);
        expect(r.total, `${key}=${value}`).toBe(count(all, key, value));
        expect(r.total).toBeGreaterThan(0);
        expect(r.hits.every((h) => h.kind === 'san-pham')).toBe(true);
      }
    });

    it('drops unknown facet values instead of failing', async () => {
      const r = await engine.search(parseSearchQuery(new URLSearchParams('q=mam&tinh=atlantis&sao=9&cap=x&nam=abc&kieu=zzz')), TODAY);
      const plain = await engine.search(parseSearchQuery(new URLSearchParams('q=mam')), TODAY);
      expect(r.total).toBe(plain.total);
    });

    it('bad input gives results or an empty list, never an error', async () => {
      const inputs = ['', ' ', '"', '*', 'NEAR(', 'NEAR(a b)', 'AND', 'OR', 'NOT', '-', '()', ')(', '"nuoc', 'nuoc*', 'a:b', '{title}: x', '^x', '\u0000\u0001\u001f\u007f', 'x'.repeat(1000), 'nước '.repeat(300), '🙂', "' OR 1=1 --"];
      for (const q of inputs) {
        const r = await engine.search(parseSearchQuery(new URLSearchParams({ q })), TODAY);
        expect(r.total, JSON.stringify(q.slice(0, 20))).toBeGreaterThanOrEqual(0);
        expect(Array.isArray(r.hits)).toBe(true);
      }
    });

    it('pages: 20 hits a page, a page past the end gives the last page', async () => {
      const r1 = await engine.search(parseSearchQuery(new URLSearchParams('')), TODAY);
      expect(r1.hits).toHaveLength(20);
      const last = await engine.search(parseSearchQuery(new URLSearchParams(`trang=${String(r1.pages)}`)), TODAY);
      expect(last.hits.length).toBe(docs.length - 20 * (r1.pages - 1));
    });
  });
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'kc-search-contract-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

contract(
  'embedded (in-memory index over a SQLite file)',
  () => Promise.resolve(EmbeddedSearchEngine.open(path.join(dir, 'search.sqlite'))),
  (e) => e.close(),
  true,
);

const host = process.env['MEILISEARCH_HOST'];
const reason = 'MEILISEARCH_HOST is not set: no Meilisearch server here, so the Meilisearch contract is skipped (never faked)';
if (!host) process.stdout.write(`[search contract] skipped: ${reason}\n`);
describe.skipIf(!host)(`Meilisearch${host ? '' : ` — skipped: ${reason}`}`, () => {
  const meili = new MeilisearchEngine(host ?? 'http://unset.invalid', process.env['MEILISEARCH_API_KEY'], `khuyen-cong-test-${String(process.pid)}`);
  contract('meilisearch', () => Promise.resolve(meili), () => meili.drop(), false);
});
