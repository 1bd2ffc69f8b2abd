/**
 * The score sheet's running total flags exactly what the server refuses, with the same words:
 * `checkTypedScore` (the sheet's script) against `checkScores` (the server) over a table of typed
 * values, at both steps.
 */
import { describe, expect, it } from 'vitest';
import { checkScores, criterionMax, type RubricDef } from '~/lib/contest-schema';
import { checkTypedScore } from '~/lib/score-check';

const TYPED = ['', '0', '7', '7,5', '7.5', '15', '15,5', '16', '99', '-3', '-0,5', '7,25', 'abc', '1e1', '٣', ' 12 '];

describe.each([0.5, 1] as const)('step %s', (step) => {
  const rubric: RubricDef = { step, groups: [{ id: 'g', label: 'Khả năng phát triển', max: 15 }] };
  const bounds = { number: '1', label: 'Khả năng phát triển', top: criterionMax(15, step), step };
  it.each(TYPED)('%j: flagged in the browser exactly when the server refuses it, with its message', (typed) => {
    const server = checkScores(rubric, { g: typed }, { complete: false });
    const browser = checkTypedScore(bounds, typed);
    if (server.errors['g']) expect(browser).toEqual({ kind: 'issue', message: server.errors['g'] });
    else if (server.half['g'] === undefined) expect(browser).toEqual({ kind: 'missing' });
    else expect(browser).toEqual({ kind: 'ok', value: (server.half['g'] ?? 0) / 2 });
  });
  it('out of range says the allowed range in Vietnamese', () => {
    expect(checkTypedScore(bounds, '99')).toEqual({ kind: 'issue', message: 'Tiêu chí 1 “Khả năng phát triển”: điểm phải từ 0 đến 15.' });
  });
});
