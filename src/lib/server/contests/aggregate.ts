/**
 * Results of a contest, computed from submitted sheets — never typed in. Pure functions.
 *
 * Arithmetic (why integers): every score is a whole number of HALF-POINTS, so a sheet's total,
 * a group's total and the sum over sheets are exact integers. The pass decision compares
 * integers (`sum ≥ passMark × 2 × n`), so 69.99 is never "rounded up" to a pass. Means are
 * shown rounded half-up to 2 decimals, also computed in integers. Standard deviation and the
 * z-score normalisation are informational and use floating point, rounded to 2 decimals.
 *
 * Rules (TT 26/2014/TT-BCT as amended): the mean of all submitted sheets of non-recused judges,
 * no dropping of highest or lowest; recognised when the mean reaches the pass mark AND at
 * least `minJudges` sheets were submitted.
 *
 * Ranking tie-break: mean total, then the mean of each rubric group in rubric order (the
 * official sheet: market 40, then economic-technical 40, then cultural-aesthetic 10, then
 * other 10). Entries equal on all of these share a rank (1, 1, 3). Entries with too few
 * sheets are listed after the ranked ones, without a rank.
 */
import { scoredCriteriaOf, type RubricDef } from '../../contest-schema';

export interface SubmittedSheet {
  judgeId: string;
  entryId: string;
  /** criterionId → half-points. */
  half: Record<string, number>;
}

export interface Recusal {
  judgeId: string;
  entryId: string;
}

export interface ResultsInput {
  rubric: RubricDef;
  passMark: number;
  minJudges: number;
  /** Entry ids in content order. */
  entries: string[];
  sheets: SubmittedSheet[];
  recusals?: Recusal[];
  /** Add per-judge z-score normalised totals (off by default). */
  normalise?: boolean;
}

export interface EntryResult {
  entryId: string;
  /** Number of submitted sheets counted. */
  sheets: number;
  recusals: number;
  /** Sum of the counted sheets' totals, in half-points (exact). */
  sumHalf: number;
  /** Mean total, rounded half-up to 2 decimals; null without sheets. */
  mean: number | null;
  /** groupId → mean, 2 decimals. */
  groupMeans: Record<string, number | null>;
  /** Population standard deviation of the sheet totals, 2 decimals. */
  sd: number | null;
  min: number | null;
  max: number | null;
  enoughJudges: boolean;
  recognised: boolean;
  rank: number | null;
  /** z-score normalised total on the raw scale (see `normalise`), 2 decimals. */
  normalised?: number | null;
  normalisedRank?: number | null;
}

export interface ContestResults {
  passMark: number;
  minJudges: number;
  entries: EntryResult[];
  normalised: boolean;
}

/** num/den rounded half-up to 2 decimals, exactly (num ≥ 0, den > 0, integers). */
export function roundRatio2(num: number, den: number): number {
  return Math.floor((num * 200 + den) / (2 * den)) / 100;
}

function round2(x: number): number {
  return Math.round((x + Number.EPSILON) * 100) / 100;
}

interface Work {
  entryId: string;
  totals: number[]; // half-points per sheet
  groupSums: Record<string, number>;
  recusals: number;
}

function compareRatio(aNum: number, aDen: number, bNum: number, bDen: number): number {
  // Descending: positive when b is larger.
  return bNum * aDen - aNum * bDen;
}

/** The ranking comparator (descending): total, then groups in rubric order. 0 = a true tie. */
function compareEntries(a: Work, b: Work, groupIds: string[]): number {
  const na = a.totals.length;
  const nb = b.totals.length;
  const sa = a.totals.reduce((s, t) => s + t, 0);
  const sb = b.totals.reduce((s, t) => s + t, 0);
  const byTotal = compareRatio(sa, na, sb, nb);
  if (byTotal !== 0) return byTotal;
  for (const g of groupIds) {
    const c = compareRatio(a.groupSums[g] ?? 0, na, b.groupSums[g] ?? 0, nb);
    if (c !== 0) return c;
  }
  return 0;
}

/** Computes every entry's result. Sheets of recused judges and of unknown entries are ignored. */
export function computeResults(input: ResultsInput): ContestResults {
  const criteria = scoredCriteriaOf(input.rubric);
  const groupIds = input.rubric.groups.map((g) => g.id);
  const recused = new Set((input.recusals ?? []).map((r) => `${r.judgeId}\u0000${r.entryId}`));
  const work = new Map<string, Work>(
    input.entries.map((id) => [id, { entryId: id, totals: [], groupSums: Object.fromEntries(groupIds.map((g) => [g, 0])), recusals: 0 }]),
  );
  for (const r of input.recusals ?? []) {
    const w = work.get(r.entryId);
    if (w) w.recusals++;
  }
  const counted: SubmittedSheet[] = [];
  for (const sheet of input.sheets) {
    const w = work.get(sheet.entryId);
    if (!w || recused.has(`${sheet.judgeId}\u0000${sheet.entryId}`)) continue;
    let total = 0;
    for (const c of criteria) {
      const h = sheet.half[c.id] ?? 0;
      total += h;
      w.groupSums[c.groupId] = (w.groupSums[c.groupId] ?? 0) + h;
    }
    w.totals.push(total);
    counted.push(sheet);
  }

  const results = new Map<string, EntryResult>();
  for (const w of work.values()) {
    const n = w.totals.length;
    const sumHalf = w.totals.reduce((s, t) => s + t, 0);
    const enoughJudges = n >= input.minJudges && n > 0;
    let sd: number | null = null;
    if (n > 0) {
      const mean = sumHalf / 2 / n;
      sd = round2(Math.sqrt(w.totals.reduce((s, t) => s + (t / 2 - mean) ** 2, 0) / n));
    }
    results.set(w.entryId, {
      entryId: w.entryId,
      sheets: n,
      recusals: w.recusals,
      sumHalf,
      mean: n ? roundRatio2(sumHalf, 2 * n) : null,
      groupMeans: Object.fromEntries(groupIds.map((g) => [g, n ? roundRatio2(w.groupSums[g] ?? 0, 2 * n) : null])),
      sd,
      min: n ? Math.min(...w.totals) / 2 : null,
      max: n ? Math.max(...w.totals) / 2 : null,
      enoughJudges,
      // Exact: sum/(2n) ≥ passMark  ⇔  sum ≥ passMark·2n.
      recognised: enoughJudges && sumHalf >= input.passMark * 2 * n,
      rank: null,
    });
  }

  const ranked = [...work.values()].filter((w) => results.get(w.entryId)?.enoughJudges);
  const order = new Map(input.entries.map((id, i) => [id, i]));
  ranked.sort((a, b) => compareEntries(a, b, groupIds) || (order.get(a.entryId) ?? 0) - (order.get(b.entryId) ?? 0));
  ranked.forEach((w, i) => {
    const prev = ranked[i - 1];
    const r = results.get(w.entryId);
    if (!r) return;
    r.rank = prev && compareEntries(prev, w, groupIds) === 0 ? (results.get(prev.entryId)?.rank ?? i + 1) : i + 1;
  });

  if (input.normalise) applyNormalisation(counted, criteria.map((c) => c.id), results, input.minJudges);

  const unranked = [...work.values()].filter((w) => !results.get(w.entryId)?.enoughJudges).map((w) => w.entryId);
  const entries = [...ranked.map((w) => w.entryId), ...unranked].map((id) => results.get(id)).filter((r): r is EntryResult => !!r);
  return { passMark: input.passMark, minJudges: input.minJudges, entries, normalised: !!input.normalise };
}

/**
 * Per-judge z-scores: each judge's sheet totals are standardised against that judge's own mean
 * and standard deviation (a judge with fewer than 2 sheets, or who gave everyone the same
 * total, contributes z = 0), an entry's z is the mean of its judges' z, and it is put back on
 * the points scale with the mean and standard deviation of all sheet totals. Informational:
 * recognition always uses the raw mean.
 */
function applyNormalisation(sheets: SubmittedSheet[], criterionIds: string[], results: Map<string, EntryResult>, minJudges: number): void {
  const total = (s: SubmittedSheet) => criterionIds.reduce((sum, id) => sum + (s.half[id] ?? 0), 0) / 2;
  const byJudge = new Map<string, number[]>();
  for (const s of sheets) byJudge.set(s.judgeId, [...(byJudge.get(s.judgeId) ?? []), total(s)]);
  const stats = (xs: number[]) => {
    const m = xs.reduce((a, b) => a + b, 0) / xs.length;
    return { m, sd: Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / xs.length) };
  };
  const all = stats(sheets.map(total));
  const judgeStats = new Map([...byJudge].map(([j, xs]) => [j, stats(xs)]));
  const zs = new Map<string, number[]>();
  for (const s of sheets) {
    const st = judgeStats.get(s.judgeId);
    const n = byJudge.get(s.judgeId)?.length ?? 0;
    const z = st && n >= 2 && st.sd > 1e-12 ? (total(s) - st.m) / st.sd : 0;
    zs.set(s.entryId, [...(zs.get(s.entryId) ?? []), z]);
  }
  for (const r of results.values()) {
    const list = zs.get(r.entryId);
    r.normalised = list?.length ? round2(all.m + all.sd * (list.reduce((a, b) => a + b, 0) / list.length)) : null;
    r.normalisedRank = null;
  }
  const ranked = [...results.values()].filter((r) => r.normalised !== null && r.normalised !== undefined && r.sheets >= minJudges);
  ranked.sort((a, b) => (b.normalised ?? 0) - (a.normalised ?? 0));
  ranked.forEach((r, i) => {
    const prev = ranked[i - 1];
    r.normalisedRank = prev && prev.normalised === r.normalised ? (prev.normalisedRank ?? i + 1) : i + 1;
  });
}
