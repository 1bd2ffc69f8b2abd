/**
 * The pure rules of a score sheet: what a save leaves on the sheet (partial drafts keep what
 * they do not send, blanks clear), what a submit still misses, and the one reader of typed
 * scores ("7,5" and "7.5"; never "1,5" → 15; garbage refused per criterion).
 */
import { describe, expect, it } from 'vitest';
import { checkScores, type RubricDef } from '../../src/lib/contest-schema';
import { parseScoreText } from '../../src/lib/score-number';
import { mergeSheetScores, sentCriteria, totalHalfOf } from '../../src/lib/server/contests/sheet-rules';

const CRITERIA = ['a', 'b', 'c'];

describe('mergeSheetScores', () => {
  const cases: { name: string; saved: Record<string, number>; valid: Record<string, number>; sent: Record<string, unknown>; merged: Record<string, number>; missing: string[] }[] = [
    { name: 'first save of a partial draft', saved: {}, valid: { a: 14 }, sent: { a: 7 }, merged: { a: 14 }, missing: ['b', 'c'] },
    { name: 'a partial draft keeps what it does not send', saved: { a: 14, b: 6 }, valid: { c: 3 }, sent: { c: 1.5 }, merged: { a: 14, b: 6, c: 3 }, missing: [] },
    { name: 'a sent value replaces the saved one', saved: { a: 14, b: 6 }, valid: { a: 10 }, sent: { a: 5 }, merged: { a: 10, b: 6 }, missing: ['c'] },
    { name: 'a blank field clears the saved value (form posts send every field)', saved: { a: 14, b: 6 }, valid: { a: 14 }, sent: { a: '7', b: '', c: '' }, merged: { a: 14 }, missing: ['b', 'c'] },
    { name: 'null clears too (JSON)', saved: { a: 14 }, valid: {}, sent: { a: null }, merged: {}, missing: ['a', 'b', 'c'] },
    { name: 'undefined is "not sent"', saved: { b: 6 }, valid: {}, sent: { b: undefined }, merged: { b: 6 }, missing: ['a', 'c'] },
    { name: 'nothing sent, nothing saved: a submit misses everything', saved: {}, valid: {}, sent: {}, merged: {}, missing: ['a', 'b', 'c'] },
    { name: 'a zero is a score, not a blank', saved: {}, valid: { a: 0, b: 0, c: 0 }, sent: { a: 0, b: '0', c: 0 }, merged: { a: 0, b: 0, c: 0 }, missing: [] },
    { name: 'criteria outside the rubric are never kept', saved: { a: 2, old: 9 }, valid: {}, sent: {}, merged: { a: 2 }, missing: ['b', 'c'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = mergeSheetScores(CRITERIA, c.saved, c.valid, sentCriteria(c.sent));
      expect(r.merged).toEqual(c.merged);
      expect(r.missing).toEqual(c.missing);
    });
  }

  it('totals in half-points', () => {
    expect(totalHalfOf({ a: 15, b: 3 })).toBe(18);
    expect(totalHalfOf({})).toBe(0);
  });
});

describe('parseScoreText: the one reader of typed scores', () => {
  const numbers: [string, number][] = [
    ['7', 7],
    ['7,5', 7.5],
    ['7.5', 7.5],
    ['1,5', 1.5],
    ['0', 0],
    ['15', 15],
    [' 12,5 ', 12.5],
    ['\u00a07,5\u00a0', 7.5],
  ];
  for (const [text, value] of numbers) it(`"${text}" → ${String(value)}`, () => expect(parseScoreText(text)).toEqual({ kind: 'number', value }));

  for (const text of ['', '   ', '\u00a0']) it(`${JSON.stringify(text)} → missing`, () => expect(parseScoreText(text)).toEqual({ kind: 'missing' }));

  const garbage = ['1,5,5', '7.', '.5', ',5', 'abc', '1e1', '٣', '７', '-1', '+1', '1 5', '1.000,5', 'Infinity', 'NaN', '0x10', '7,5đ', '1'.repeat(30)];
  for (const text of garbage) it(`${JSON.stringify(text)} → invalid`, () => expect(parseScoreText(text)).toEqual({ kind: 'invalid' }));
});

describe('checkScores reads typed scores with that parser', () => {
  const rubric: RubricDef = { step: 0.5, groups: [{ id: 'g', label: 'Khả năng phát triển', max: 15 }] };

  it('"1,5" on a criterion with maximum 15 is 1.5 (3 half-points), never 15', () => {
    expect(checkScores(rubric, { g: '1,5' }, { complete: true })).toEqual({ half: { g: 3 }, errors: {} });
    expect(checkScores(rubric, { g: '1.5' }, { complete: true })).toEqual({ half: { g: 3 }, errors: {} });
  });

  for (const text of ['1,5,5', '7.', 'abc', '1e1', '٣']) {
    it(`${JSON.stringify(text)} gets the criterion's Vietnamese message`, () => {
      expect(checkScores(rubric, { g: text }, { complete: false })).toEqual({
        half: {},
        errors: { g: 'Tiêu chí 1 “Khả năng phát triển”: điểm phải là một số từ 0 đến 15.' },
      });
    });
  }
});
