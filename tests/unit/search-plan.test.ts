/**
 * The embedded engine's query plan (src/lib/server/search/plan.ts) as a table: a vocabulary of
 * indexed terms in, the clauses (whole, prefix, corrections), corrections and ranking tiers out.
 */
import { describe, expect, it } from 'vitest';
import { planQuery, placesNamedIn, type Vocabulary } from '~/lib/server/search/plan';
import { exactKey } from '~/lib/server/search/text';

const TERMS = ['nuoc', 'mam', 'nam', 'o', 'sam', 'ngoc', 'linh', 'quang', 'dau', 'che', 'shan', 'tuyet', 'gom', 'do', 'thanh', 'ha', 'hoa'];
const vocabulary: Vocabulary = {
  isTerm: (w) => TERMS.includes(w),
  startsTerm: (w) => TERMS.some((t) => t.startsWith(w)),
  near: (w) => ({ lihn: ['linh'], ngco: ['ngoc'], sham: ['sam', 'shan'] })[w] ?? [],
};

describe('planQuery', () => {
  it.each([
    ['', { kind: 'all' }],
    ['  "*()  ', { kind: 'all' }],
    ['zzzz', { kind: 'none', words: ['zzzz'] }],
    ['nuoc zzzz', { kind: 'none', words: ['nuoc', 'zzzz'] }],
  ])('%j → %j', (q, plan) => {
    expect(planQuery(q, vocabulary)).toEqual(plan);
  });

  const whole = (...terms: string[]) => ({ terms, prefix: false });
  const prefix = (term: string) => ({ terms: [term], prefix: true });
  it.each([
    // Earlier whole words match whole; the last is a prefix.
    ['nuoc mam', [whole('nuoc'), prefix('mam')], {}, ['nuoc', 'mam']],
    // A word that is not a whole term is a prefix wherever it stands.
    ['nu mam', [prefix('nu'), prefix('mam')], {}, ['nu', 'mam']],
    ['ma', [prefix('ma')], {}, null],
    // Typos become ORs of the near terms; no phrase tier when something was corrected.
    ['sam ngoc lihn', [whole('sam'), whole('ngoc'), whole('linh')], { lihn: 'linh' }, null],
    ['sham', [whole('sam', 'shan')], { sham: 'sam' }, null],
    // FTS5-style syntax typed by a user is folded away: only [a-z0-9] words remain.
    ['"nuoc" AND mam*', [whole('nuoc'), prefix('and'), prefix('mam')], {}, ['nuoc', 'and', 'mam']],
    // Repeated words count once.
    ['mam mam', [prefix('mam')], {}, null],
  ])('%j → %j', (q, clauses, corrections, phrase) => {
    const plan = planQuery(q, { ...vocabulary, startsTerm: (w) => vocabulary.startsTerm(w) || w === 'and' });
    expect(plan).toMatchObject({ kind: 'match', clauses, corrections, phrase });
  });

  it('adds the exact-diacritics tier only when the query has diacritics', () => {
    expect(planQuery('dầu', vocabulary)).toMatchObject({ exact: [{ word: 'dầu', prefix: true }] });
    expect(planQuery('Nước mắm', vocabulary)).toMatchObject({ exact: [{ word: exactKey('nước'), prefix: false }, { word: 'mắm', prefix: true }] });
    expect(planQuery('dau', vocabulary)).toMatchObject({ exact: null });
  });

  it('weighs only the words typed with diacritics, each once, tone marks in either position', () => {
    // "thanh" and "ha" typed without marks say nothing of which word is meant.
    expect(planQuery('gốm thanh ha', vocabulary)).toMatchObject({ exact: [{ word: 'gốm', prefix: false }] });
    expect(planQuery('đồ gốm đồ', vocabulary)).toMatchObject({ exact: [{ word: 'đồ', prefix: false }, { word: 'gốm', prefix: false }] });
    // Old and new tone positions, precomposed or decomposed: one key.
    const hoa = [{ word: exactKey('hóa'), prefix: true }];
    expect(planQuery('hoá', vocabulary)).toMatchObject({ exact: hoa });
    expect(planQuery('HÓA'.normalize('NFD'), vocabulary)).toMatchObject({ exact: hoa });
  });

  it('highlights the typed words and every correction tried', () => {
    expect(planQuery('sham', vocabulary)).toMatchObject({ terms: ['sham', 'sam', 'shan'] });
  });

  it('keeps at most 12 words', () => {
    const plan = planQuery(Array.from({ length: 20 }, (_, i) => `nuoc${String(i)}`).join(' '), { ...vocabulary, startsTerm: () => true, isTerm: () => true });
    expect(plan.kind === 'match' ? plan.words : []).toHaveLength(12);
  });
});

describe('placesNamedIn', () => {
  it.each([
    [['quang', 'nam'], ['cu:quang-nam']],
    [['nuoc', 'mam', 'da', 'nang'], ['da-nang', 'cu:da-nang']],
    // "Tuyên Quang năm 2027" also names "quang nam": the phrase tier ranks those documents apart.
    [['tuyen', 'quang', 'nam', '2027'], ['tuyen-quang', 'cu:tuyen-quang', 'cu:quang-nam']],
    [['nuoc', 'mam'], []],
  ])('%j → %j', (words, places) => {
    expect([...placesNamedIn(words)].sort()).toEqual([...places].sort());
  });
});
