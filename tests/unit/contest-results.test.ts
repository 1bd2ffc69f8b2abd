/**
 * Contest results from a fixture table of sheets, checked exactly: recusal, ties and the
 * tie-break, 69.99 vs 70.00, too few judges, half points, z-scores; and the score checks.
 */
import { describe, expect, it } from 'vitest';
import { computeResults, roundRatio2, type SubmittedSheet } from '../../src/lib/server/contests/aggregate';
import { checkScores, type RubricDef } from '../../src/lib/contest-schema';

/** The official four groups without sub-criteria: market 40, economic 40, culture 10, other 10. */
const rubric: RubricDef = {
  step: 0.5,
  groups: [
    { id: 'tt', label: 'Thị trường', max: 40 },
    { id: 'kt', label: 'Kinh tế – kỹ thuật', max: 40 },
    { id: 'vh', label: 'Văn hóa', max: 10 },
    { id: 'k', label: 'Khác', max: 10 },
  ],
};

/** A sheet from points [tt, kt, vh, k]. */
function sheet(judgeId: string, entryId: string, [tt, kt, vh, k]: [number, number, number, number]): SubmittedSheet {
  return { judgeId, entryId, half: { tt: tt * 2, kt: kt * 2, vh: vh * 2, k: k * 2 } };
}

const fixture: SubmittedSheet[] = [
  // A: 80, 75, 70 → 75.00, recognised
  sheet('j1', 'A', [32, 32, 8, 8]),
  sheet('j2', 'A', [30, 30, 8, 7]),
  sheet('j3', 'A', [28, 28, 7, 7]),
  // B: 70, 70, 69.5 → 69.83, not recognised (no rounding up)
  sheet('j1', 'B', [28, 28, 7, 7]),
  sheet('j2', 'B', [28, 28, 7, 7]),
  sheet('j3', 'B', [28, 28, 7, 6.5]),
  // C: 70, 70, 70 → exactly 70.00, recognised
  sheet('j1', 'C', [28, 28, 7, 7]),
  sheet('j2', 'C', [28, 28, 7, 7]),
  sheet('j3', 'C', [28, 28, 7, 7]),
  // D: j3 recused (their sheet must be ignored); only 2 sheets → too few judges
  sheet('j1', 'D', [38, 38, 10, 10]),
  sheet('j2', 'D', [38, 38, 10, 10]),
  sheet('j3', 'D', [0, 0, 0, 0]),
  // E and F tie on total 75; E has more market points → E ranks before F
  sheet('j1', 'E', [33, 27, 8, 7]),
  sheet('j2', 'E', [33, 27, 8, 7]),
  sheet('j3', 'E', [33, 27, 8, 7]),
  sheet('j1', 'F', [30, 30, 8, 7]),
  sheet('j2', 'F', [30, 30, 8, 7]),
  sheet('j3', 'F', [30, 30, 8, 7]),
  // G equals F on total and every group → shared rank
  sheet('j1', 'G', [30, 30, 8, 7]),
  sheet('j2', 'G', [30, 30, 8, 7]),
  sheet('j3', 'G', [30, 30, 8, 7]),
];

const results = computeResults({
  rubric,
  passMark: 70,
  minJudges: 3,
  entries: ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'],
  sheets: fixture,
  recusals: [{ judgeId: 'j3', entryId: 'D' }],
});
const byId = Object.fromEntries(results.entries.map((r) => [r.entryId, r]));

describe('computeResults on the fixture table', () => {
  it.each([
    // entry, sheets, mean, recognised, rank
    ['E', 3, 75, true, 1],
    ['F', 3, 75, true, 2],
    ['G', 3, 75, true, 2],
    ['A', 3, 75, true, 4],
    ['C', 3, 70, true, 5],
    ['B', 3, 69.83, false, 6],
    ['D', 2, 96, false, null],
    ['H', 0, null, false, null],
  ] as const)('%s: %i sheets, mean %s, recognised %s, rank %s', (id, sheets, mean, recognised, rank) => {
    const r = byId[id];
    expect(r?.sheets).toBe(sheets);
    expect(r?.mean).toBe(mean);
    expect(r?.recognised).toBe(recognised);
    expect(r?.rank).toBe(rank);
  });

  it('equal totals (75): market group first (E 33 > 30), then economic (equal), then culture (F 8 > A 7.67)', () => {
    expect(results.entries.slice(0, 4).map((r) => r.entryId)).toEqual(['E', 'F', 'G', 'A']);
  });

  it('F and G tie on total and every group: they share rank 2 and the next rank is 4', () => {
    expect([byId['F']?.rank, byId['G']?.rank, byId['A']?.rank]).toEqual([2, 2, 4]);
  });

  it('group means, standard deviation, min and max', () => {
    expect(byId['A']?.groupMeans).toEqual({ tt: 30, kt: 30, vh: 7.67, k: 7.33 });
    expect(byId['A']?.sd).toBe(4.08);
    expect([byId['A']?.min, byId['A']?.max]).toEqual([70, 80]);
  });

  it('a recused judge is excluded from the average and counted as a recusal', () => {
    expect(byId['D']?.recusals).toBe(1);
    expect(byId['D']?.sumHalf).toBe(2 * (96 + 96));
    expect(byId['D']?.enoughJudges).toBe(false);
  });

  it('entries with too few sheets come after the ranked ones', () => {
    expect(results.entries.slice(-2).map((r) => r.entryId)).toEqual(['D', 'H']);
  });
});

describe('the pass mark is compared exactly', () => {
  it('69.99 (49 judges at 70, one at 69.5) is not recognised; 70.00 is', () => {
    const judges = Array.from({ length: 50 }, (_, i) => `j${String(i)}`);
    const sheets = judges.map((j, i) => sheet(j, 'X', i === 0 ? [28, 28, 7, 6.5] : [28, 28, 7, 7]));
    sheets.push(...judges.map((j) => sheet(j, 'Y', [28, 28, 7, 7])));
    const r = computeResults({ rubric, passMark: 70, minJudges: 3, entries: ['X', 'Y'], sheets });
    const x = r.entries.find((e) => e.entryId === 'X');
    const y = r.entries.find((e) => e.entryId === 'Y');
    expect(x?.mean).toBe(69.99);
    expect(x?.recognised).toBe(false);
    expect(y?.mean).toBe(70);
    expect(y?.recognised).toBe(true);
  });

  it('a mean that would round to 70.00 but is below is still not recognised', () => {
    // 201 judges, one at 69.5: mean = 70 − 0.5/201 = 69.9975… → shown 70.00, not recognised.
    const sheets = Array.from({ length: 201 }, (_, i) => sheet(`j${String(i)}`, 'Z', i === 0 ? [28, 28, 7, 6.5] : [28, 28, 7, 7]));
    const z = computeResults({ rubric, passMark: 70, minJudges: 3, entries: ['Z'], sheets }).entries[0];
    expect(z?.mean).toBe(70);
    expect(z?.recognised).toBe(false);
  });

  it.each([
    [1, 3, 0.33],
    [2, 3, 0.67],
    [1, 8, 0.13], // 0.125 → half-up
    [419, 6, 69.83],
    [140, 2, 70],
  ])('roundRatio2(%i, %i) = %s', (num, den, expected) => {
    expect(roundRatio2(num, den)).toBe(expected);
  });
});

describe('z-score normalisation (optional)', () => {
  it('removes a lenient judge\'s offset; raw results are unchanged', () => {
    const sheets = [
      sheet('strict', 'P', [30, 30, 5, 5]), // 70
      sheet('strict', 'Q', [26, 26, 4, 4]), // 60
      sheet('lenient', 'P', [36, 36, 9, 9]), // 90
      sheet('lenient', 'Q', [32, 32, 8, 8]), // 80
    ];
    const raw = computeResults({ rubric, passMark: 70, minJudges: 2, entries: ['P', 'Q'], sheets });
    const norm = computeResults({ rubric, passMark: 70, minJudges: 2, entries: ['P', 'Q'], sheets, normalise: true });
    expect(raw.normalised).toBe(false);
    expect(raw.entries[0]?.normalised).toBeUndefined();
    // all totals: 70, 60, 90, 80 → mean 75, sd √125 ≈ 11.18; P has z = +1 from both judges.
    const p = norm.entries.find((e) => e.entryId === 'P');
    const q = norm.entries.find((e) => e.entryId === 'Q');
    expect(p?.normalised).toBe(86.18);
    expect(q?.normalised).toBe(63.82);
    expect([p?.normalisedRank, q?.normalisedRank]).toEqual([1, 2]);
    expect(p?.mean).toBe(80);
    expect(p?.recognised).toBe(true);
  });

  it('a judge with one sheet or identical totals contributes z = 0', () => {
    const sheets = [sheet('a', 'P', [30, 30, 5, 5]), sheet('b', 'P', [30, 30, 5, 5]), sheet('b', 'Q', [30, 30, 5, 5])];
    const r = computeResults({ rubric, passMark: 70, minJudges: 1, entries: ['P', 'Q'], sheets, normalise: true });
    expect(r.entries.map((e) => e.normalised)).toEqual([70, 70]);
  });
});

describe('checkScores: bounds and step per criterion, in Vietnamese', () => {
  const withSub: RubricDef = {
    step: 1,
    groups: [
      { id: 'tt', label: 'Thị trường', max: 40, criteria: [{ id: 'a', label: 'Quy mô', max: 12.5 }, { id: 'b', label: 'Tiêu thụ', max: 27.5 }] },
      { id: 'k', label: 'Khác', max: 10 },
    ],
  };
  it.each([
    [{ a: 12, b: 27, k: 10 }, {}],
    [{ a: 12.5 }, { a: 'Tiêu chí 1.1 “Quy mô”: điểm phải từ 0 đến 12.' }],
    [{ a: 7.5 }, { a: 'Tiêu chí 1.1 “Quy mô”: chỉ chấm điểm nguyên (bước 1 điểm).' }],
    [{ a: -1 }, { a: 'Tiêu chí 1.1 “Quy mô”: điểm phải từ 0 đến 12.' }],
    [{ k: 'mười' }, { k: 'Tiêu chí 2 “Khác”: điểm phải là một số từ 0 đến 10.' }],
    [{ k: '11' }, { k: 'Tiêu chí 2 “Khác”: điểm phải từ 0 đến 10.' }],
    [{ zzz: 99 }, {}],
  ] as const)('draft %j → %j', (scores, errors) => {
    expect(checkScores(withSub, scores, { complete: false }).errors).toEqual(errors);
  });

  it('half points at step 0.5, "7,5" from a form; submitting needs every criterion', () => {
    const half = { ...withSub, step: 0.5 as const };
    expect(checkScores(half, { a: '7,5', b: 27.5, k: '10' }, { complete: true })).toEqual({ half: { a: 15, b: 55, k: 20 }, errors: {} });
    expect(checkScores(half, { a: 7.25 }, { complete: false }).errors['a']).toBe('Tiêu chí 1.1 “Quy mô”: chỉ chấm theo bước 0,5 điểm (ví dụ 7 hoặc 7,5).');
    expect(checkScores(half, { a: 7 }, { complete: true }).errors).toEqual({
      b: 'Chưa chấm tiêu chí 1.2 “Tiêu thụ” (từ 0 đến 27,5 điểm).',
      k: 'Chưa chấm tiêu chí 2 “Khác” (từ 0 đến 10 điểm).',
    });
  });
});
