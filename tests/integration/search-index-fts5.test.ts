/**
 * The in-memory index (src/lib/server/search/inverted-index.ts) against the engine it replaced:
 * SQLite FTS5 in better-sqlite3, with the table the embedded engine used to keep (folded title
 * and body, the words as typed, bm25 weights 10, 1, 0). Over the demo content, for every query
 * below, the same documents match, in the same bm25 order (ties in rowid order), in the title
 * only as well, and the phrase and exact-diacritics tiers pick the same documents.
 */
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSourceFromFiles } from '~/lib/server/search/content-files';
import { buildDocuments } from '~/lib/server/search/documents';
import { InvertedIndex } from '~/lib/server/search/inverted-index';
import { planQuery, type Clause } from '~/lib/server/search/plan';
import { exactWords, foldedWords } from '~/lib/server/search/text';

const docs = buildDocuments(loadSourceFromFiles('content'));
const index = new InvertedIndex(docs);
const db = new Database(':memory:');
db.exec(`CREATE VIRTUAL TABLE fts USING fts5(title, body, exact, content='', tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3')`);
const insert = db.prepare('INSERT INTO fts (rowid, title, body, exact) VALUES (?, ?, ?, ?)');
docs.forEach((d, i) => {
  const rest = [d.subtitle, d.summary, d.places, d.text].join(' \n ');
  // The words as typed, each by its exactKey (one tone position), as the index stores them.
  insert.run(i + 1, foldedWords(d.title).join(' '), foldedWords(rest).join(' '), exactWords(`${d.title} \n ${rest}`).join(' '));
});
afterAll(() => db.close());

const rowids = (sql: string, match: string) =>
  db
    .prepare<[string], number>(sql)
    .pluck()
    .all(match)
    .map((r) => r - 1);
const expression = (clauses: Clause[]) =>
  `(${clauses.map((c) => (c.prefix ? `"${c.terms[0] ?? ''}"*` : `(${c.terms.map((t) => `"${t}"`).join(' OR ')})`)).join(' AND ')})`;

const QUERIES = ['nuoc mam', 'gốm', 'gom', 'dak lak', 'quang nam', 'shan tuyet', 'làng gốm Thanh Hà', 'sam ngoc linh', 'dau', 'đậu', 'dầu', 'tinh dau', 'mat ong', 'che', 'ca phe', 'hoi cho', 'lua', 'ma', 'n', 's', 'nuoc ma', 'mam', 'sa', 'ha noi', 'hue', 'thu cong', 'san pham', 'hop tac xa', 'mây tre', 'đồ gốm', 'gốm thanh ha', 'hóa', 'hoá', 'det tho cam', 'ruou', 'banh', 'tinh', 'tra', 'ocop 4 sao', 'da nang', 'gia lai'];

describe('the in-memory index answers as SQLite FTS5 did', () => {
  const vocabulary = { isTerm: (w: string) => index.isTerm(w), startsTerm: (w: string) => index.startsTerm(w), near: () => [] };
  for (const q of QUERIES) {
    it(q, () => {
      const plan = planQuery(q, vocabulary);
      expect(plan.kind).toBe('match');
      if (plan.kind !== 'match') return;
      const match = expression(plan.clauses);
      const found = index.match(plan.clauses);
      expect(found).toEqual(rowids('SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY rowid', `{title body} : ${match}`));
      expect(index.match(plan.clauses, true)).toEqual(rowids('SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY rowid', `title : ${match}`));
      expect(index.rank(found, plan.clauses)).toEqual(
        rowids('SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY bm25(fts, 10.0, 1.0, 0.0), rowid', `{title body} : ${match}`),
      );
      if (plan.phrase) {
        const phrase = `{title body} : "${plan.phrase.join(' ')}"*`;
        expect(index.phrase(found, plan.phrase)).toEqual(rowids('SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY rowid', phrase));
      }
      for (const w of plan.exact ?? []) {
        const exact = `exact : "${w.word}"${w.prefix ? '*' : ''}`;
        expect(index.matchExact(w), w.word).toEqual(rowids('SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY rowid', exact));
      }
      expect(found.length, 'the query list should find things').toBeGreaterThan(0);
    });
  }

  it('corrections are ORs of whole terms, each its own bm25 phrase', () => {
    const clauses: Clause[] = [{ terms: ['sam'], prefix: false }, { terms: ['linh', 'ninh'], prefix: false }];
    const found = index.match(clauses);
    expect(found.length).toBeGreaterThan(0);
    expect(index.rank(found, clauses)).toEqual(rowids('SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY bm25(fts, 10.0, 1.0, 0.0), rowid', `{title body} : ${expression(clauses)}`));
  });
});
