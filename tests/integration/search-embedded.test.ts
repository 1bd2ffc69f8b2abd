/**
 * The embedded engine beyond the contract: its index file is rebuilt only when content
 * changes, exact-diacritic matches rank first, a former province name ranks its products
 * first, the transposed typo is forgiven, and user text is never query syntax.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSearchQuery } from '~/lib/search-query';
import { loadSourceFromFiles } from '~/lib/server/search/content-files';
import { buildDocuments } from '~/lib/server/search/documents';
import { EmbeddedSearchEngine } from '~/lib/server/search/embedded';
import type { SearchDocument } from '~/lib/server/search/types';

const TODAY = '2026-12-01';
const docs = buildDocuments(loadSourceFromFiles('content'));
const dir = mkdtempSync(path.join(os.tmpdir(), 'kc-search-embedded-'));
const file = path.join(dir, 'khuyen-cong.sqlite.search.sqlite');
let engine: EmbeddedSearchEngine;
const run = (qs: string) => engine.search(parseSearchQuery(new URLSearchParams(qs)), TODAY);

beforeAll(async () => {
  engine = EmbeddedSearchEngine.open(file);
  await engine.index(docs);
});
afterAll(async () => {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

const doc = (over: Partial<SearchDocument> & { id: string; title: string }): SearchDocument => ({
  kind: 'san-pham',
  url: `/san-pham/${over.id}`,
  subtitle: '',
  summary: '',
  places: '',
  text: '',
  province: 'ha-noi',
  formerProvince: null,
  cnntGroup: 'khac',
  ocopGroup: null,
  stars: null,
  levels: [],
  years: [],
  validUntil: null,
  validUntilNum: null,
  producerType: 'household',
  titleSort: over.title,
  ...over,
});

describe('embedded index file', () => {
  it('is reused when content is unchanged and rebuilt when it changed', async () => {
    const again = EmbeddedSearchEngine.open(file);
    expect((await again.index(docs)).rebuilt).toBe(false);
    expect((await again.search(parseSearchQuery(new URLSearchParams('q=nuoc mam')), TODAY)).total).toBeGreaterThan(0);
    const changed = [...docs, doc({ id: 'san-pham--moi', title: 'Bánh đa kê mới' })];
    const report = await again.index(changed);
    expect(report).toMatchObject({ rebuilt: true, documents: changed.length });
    expect((await again.search(parseSearchQuery(new URLSearchParams('q=banh da ke')), TODAY)).hits[0]?.id).toBe('san-pham--moi');
    await again.close();
  });

  it('never trusts a hash without documents (a file of an older layout is rebuilt)', async () => {
    const older = path.join(dir, 'older.search.sqlite');
    const first = EmbeddedSearchEngine.open(older);
    await first.index(docs);
    await first.close();
    const raw = new Database(older);
    raw.exec('DROP TABLE search_documents; CREATE TABLE search_docs (rowid INTEGER PRIMARY KEY, doc TEXT NOT NULL)');
    raw.close();
    const reopened = EmbeddedSearchEngine.open(older);
    expect(reopened.hash).toBeNull();
    expect((await reopened.index(docs)).rebuilt).toBe(true);
    expect((await reopened.search(parseSearchQuery(new URLSearchParams('q=nuoc mam')), TODAY)).total).toBeGreaterThan(0);
    await reopened.close();
  });
});

describe('ranking', () => {
  it('puts exact-diacritic matches first ("dau" folds dầu, đậu, đấu, đau)', async () => {
    const e = EmbeddedSearchEngine.open(':memory:');
    await e.index([
      doc({ id: 'a', title: 'Tinh dầu sả' }),
      doc({ id: 'b', title: 'Bánh đậu xanh' }),
      doc({ id: 'c', title: 'Cao đau lưng' }),
    ]);
    const ids = async (q: string) => (await e.search(parseSearchQuery(new URLSearchParams({ q })), TODAY)).hits.map((h) => h.id);
    expect((await ids('đậu'))[0]).toBe('b');
    expect((await ids('dầu'))[0]).toBe('a');
    expect((await ids('đau'))[0]).toBe('c');
    expect(await ids('dau')).toHaveLength(3);
    await e.close();
  });

  it('finds a word as typed with its tone mark in the old or the new position ("hoá", "hóa")', async () => {
    const e = EmbeddedSearchEngine.open(':memory:');
    await e.index([
      doc({ id: 'hoa-binh', title: 'Gốm Hoà Bình' }),
      doc({ id: 'hoa-chat', title: 'Chế phẩm hoá sinh' }),
      doc({ id: 'hoa-lan', title: 'Hoa lan' }),
    ]);
    const ids = async (q: string) => (await e.search(parseSearchQuery(new URLSearchParams({ q })), TODAY)).hits.map((h) => h.id);
    for (const q of ['hóa', 'hoá', 'HÓA'.normalize('NFD')]) expect((await ids(q))[0], q).toBe('hoa-chat');
    for (const q of ['hòa', 'hoà']) expect((await ids(q))[0], q).toBe('hoa-binh');
    expect(await ids('hoa')).toHaveLength(3);
    await e.close();
  });

  it('"quang nam" lists products of the former Quảng Nam first (not "Tuyên Quang năm 2027")', async () => {
    const r = await run('q=quang nam&kieu=san-pham');
    const fromQuangNam = docs.filter((d) => d.kind === 'san-pham' && d.formerProvince === 'quang-nam').length;
    expect(fromQuangNam).toBeGreaterThan(0);
    const first = r.hits.slice(0, Math.min(fromQuangNam, 20)).map((h) => docs.find((d) => d.id === h.id)?.formerProvince);
    expect(new Set(first)).toEqual(new Set(['quang-nam']));
  });

  it('"sam ngoc lihn" (two letters swapped) finds Sâm Ngọc Linh and says what it read', async () => {
    const r = await run('q=sam ngoc lihn&kieu=san-pham');
    expect(r.total).toBeGreaterThan(0);
    expect(r.hits.every((h) => /ngọc linh/i.test(`${h.title} ${h.summary} ${h.subtitle}`) || h.title.includes('Ngọc Linh'))).toBe(true);
    expect(r.corrections).toEqual({ lihn: 'linh' });
    expect(r.hits[0]?.highlights.title.some(([t, marked]) => marked && t === 'Linh')).toBe(true);
  });

  it('matches word prefixes as you type ("nuoc ma")', async () => {
    const r = await run('q=nuoc ma&kieu=san-pham');
    expect(r.hits.some((h) => h.title.startsWith('Nước mắm'))).toBe(true);
  });
});

describe('query text is never syntax', () => {
  it('treats search operators (FTS5, Lucene) as words or ignores them', async () => {
    expect((await run('q=nuoc AND mam')).total).toBeGreaterThanOrEqual(0);
    expect((await run('q=NEAR(nuoc mam)')).total).toBe(0); // "near" is not a word of the content
    expect((await run('q="nuoc mam"')).total).toBe((await run('q=nuoc mam')).total);
    expect((await run('q=nuoc* -mam')).total).toBe((await run('q=nuoc mam')).total);
    expect((await run('q=title:gom')).total).toBe(0);
  });
});
