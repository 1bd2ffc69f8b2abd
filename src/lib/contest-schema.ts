/**
 * Contest rules shared by the score sheet (browser) and the server: the rubric's scored
 * criteria, per-criterion bounds and step checks with Vietnamese messages, and the zod
 * schemas of the judging and voting request bodies. Client-safe: no server imports.
 *
 * Scores travel as points (7.5) and are stored as integer half-points (15): every allowed
 * step (1 or 0.5) is a whole number of half-points, so sums stay exact.
 */
import { z } from 'zod';
import { parseScoreText } from './score-number';
import { notANumber, scoreRange, scoreValueIssue } from './score-check';
import { cleanText } from './text';
import { CONFLICT_KINDS } from './vocabulary';

export interface CriterionDef {
  id: string;
  label: string;
  max: number;
}
export interface RubricGroupDef extends CriterionDef {
  criteria?: CriterionDef[] | undefined;
}
export interface RubricDef {
  step: 1 | 0.5;
  groups: RubricGroupDef[];
}
export interface ScoredCriterion extends CriterionDef {
  groupId: string;
  /** "1.2" — the number printed on the paper form. */
  number: string;
}

/** The criteria a judge scores: each group's sub-criteria, or the group itself when it has none. */
export function scoredCriteriaOf(rubric: RubricDef): ScoredCriterion[] {
  return rubric.groups.flatMap((g, i) =>
    g.criteria?.length
      ? g.criteria.map((c, j) => ({ ...c, groupId: g.id, number: `${String(i + 1)}.${String(j + 1)}` }))
      : [{ id: g.id, label: g.label, max: g.max, groupId: g.id, number: String(i + 1) }],
  );
}

/** The highest score a criterion can get at the rubric's step (12.5 at step 1 → 12). */
export function criterionMax(max: number, step: 1 | 0.5): number {
  return Math.floor(max / step + 1e-9) * step;
}

/** Points → half-points, or null when not a whole number of half-points. */
export function toHalf(points: number): number | null {
  const h = points * 2;
  return Number.isInteger(h) ? h : null;
}

export function fromHalf(half: number): number {
  return half / 2;
}

/** Reads a JSON number, or text through the one score parser ("7", "7.5", "7,5"); '' and null/undefined are "missing". */
function readNumber(value: unknown): number | 'missing' | 'nan' {
  if (value === undefined || value === null) return 'missing';
  if (typeof value === 'number') return Number.isFinite(value) ? value : 'nan';
  if (typeof value === 'string') {
    const parsed = parseScoreText(value);
    return parsed.kind === 'number' ? parsed.value : parsed.kind === 'missing' ? 'missing' : 'nan';
  }
  return 'nan';
}

export interface ScoreCheck {
  /** criterionId → half-points, for the criteria that were given and valid. */
  half: Record<string, number>;
  /** criterionId → Vietnamese message. Empty when everything is valid. */
  errors: Record<string, string>;
}

/**
 * Checks a sheet's scores against the rubric: each value a number within 0…max on the step.
 * With `complete`, every criterion must be scored (submitting); drafts may leave some blank.
 * With `strict` (JSON API): unknown criterion ids are errors and values must be JSON numbers
 * (or null), never strings like "5"; form posts (strings, "7,5") are read without `strict`.
 */
export function checkScores(rubric: RubricDef, scores: Record<string, unknown>, options: { complete: boolean; strict?: boolean }): ScoreCheck {
  const half: Record<string, number> = {};
  const errors: Record<string, string> = {};
  const criteria = scoredCriteriaOf(rubric);
  if (options.strict) {
    const known = new Set(criteria.map((c) => c.id));
    for (const id of Object.keys(scores)) {
      if (!known.has(id)) errors[id] = `Không có tiêu chí “${id}” trong phiếu chấm của cuộc bình chọn này.`;
    }
  }
  for (const c of criteria) {
    const raw = scores[c.id];
    const bounds = { number: c.number, label: c.label, top: criterionMax(c.max, rubric.step), step: rubric.step };
    const range = scoreRange(bounds.top);
    if (options.strict && raw !== undefined && raw !== null && typeof raw !== 'number') {
      errors[c.id] = `Tiêu chí ${c.number} “${c.label}”: điểm phải là một số (kiểu number trong JSON, không phải chuỗi) ${range}.`;
      continue;
    }
    const v = readNumber(raw);
    if (v === 'missing') {
      if (options.complete) errors[c.id] = `Chưa chấm tiêu chí ${c.number} “${c.label}” (${range} điểm).`;
      continue;
    }
    if (v === 'nan') {
      errors[c.id] = notANumber(bounds);
      continue;
    }
    // The same check as the sheet's running total (lib/score-check.ts).
    const issue = scoreValueIssue(bounds, v);
    const h = toHalf(v);
    if (issue || h === null) {
      errors[c.id] = issue ?? notANumber(bounds);
      continue;
    }
    half[c.id] = h;
  }
  return { half, errors };
}

/** Sum of half-points per rubric group. */
export function groupTotalsHalf(rubric: RubricDef, half: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of scoredCriteriaOf(rubric)) out[c.groupId] = (out[c.groupId] ?? 0) + (half[c.id] ?? 0);
  return out;
}

/** PUT /api/judging/{contest}/entries/{entry}/sheet */
export const SheetInputSchema = z.object({
  /** Values are checked per criterion by `checkScores(…, { strict: true })` (400 `invalid_scores`). */
  scores: z.record(z.string(), z.unknown()),
  submit: z.boolean().optional().default(false),
  /** The version the client last saw; required once the sheet exists; a stale one is refused with 409 (two tabs). */
  version: z.number().int().min(0).optional(),
});
export type SheetInput = z.input<typeof SheetInputSchema>;


/**
 * A judge's or organiser's free text, cleaned by the site's one normalisation (lib/text.ts:
 * NFC, control, zero-width and bidi characters removed, spaces collapsed): a note made only of
 * invisible characters reads as empty, a right-to-left override never reaches the audit log.
 */
function cleanedString(options: { multiline?: boolean } = {}) {
  return (v: unknown) => (typeof v === 'string' ? cleanText(v, options) : v === null ? undefined : v);
}

/** An optional note (conflicts, recusals): cleaned, at most 1,000 characters, empty → undefined. */
export const NoteSchema = z.preprocess(
  (v) => {
    const s = cleanedString()(v);
    return s === '' ? undefined : s;
  },
  z.string({ invalid_type_error: 'Ghi chú phải là chữ.' }).max(1000, 'Ghi chú tối đa 1000 ký tự.').optional(),
);

/** POST /api/judging/{contest}/entries/{entry}/recusal */
export const RecusalInputSchema = z
  .object({
    reason: z.enum(CONFLICT_KINDS),
    note: NoteSchema,
  })
  .refine((r) => r.reason !== 'other' || (r.note?.length ?? 0) > 0, {
    path: ['note'],
    message: 'Hãy ghi rõ lý do khác.',
  });
export type RecusalInput = z.output<typeof RecusalInputSchema>;

/** POST /api/judging/{contest}/declaration: accept the rules and declare conflicts per entry. */
export const DeclarationInputSchema = z.object({
  accept: z.literal(true, { errorMap: () => ({ message: 'Bạn cần xác nhận đã đọc và chấp hành thể lệ chấm điểm.' }) }),
  conflicts: z
    .array(z.object({ entry: z.string().trim().min(1).max(200), reason: z.enum(CONFLICT_KINDS), note: NoteSchema }))
    .max(500)
    .default([]),
});

/** Reasons given by organisers (reopen, withdraw, early publication): cleaned, required, bounded. */
export const ReasonSchema = z.preprocess(
  cleanedString({ multiline: true }),
  z.string({ required_error: 'Hãy ghi lý do (ít nhất 5 ký tự).' }).min(5, 'Hãy ghi lý do (ít nhất 5 ký tự).').max(1000, 'Lý do tối đa 1000 ký tự.'),
);

/** A contact typed by a voter: cleaned (a zero-width space never makes a second voter of one mailbox). */
export const ContactSchema = z.preprocess(
  cleanedString(),
  z.string({ required_error: 'Hãy nhập email hoặc số điện thoại di động.' }).min(3, 'Hãy nhập email hoặc số điện thoại di động.').max(320, 'Tối đa 320 ký tự.'),
);

/** POST /api/contests/{contest}/vote/code */
export const VoteRequestCodeSchema = z.object({
  contact: ContactSchema,
  /** Honeypot: people leave it empty; bots fill it. */
  website: z.string().max(500).optional(),
  /** The solved ALTCHA payload (base64 JSON) for a challenge from …/vote/challenge. */
  altcha: z.string().max(2000).optional(),
});
export const VoteVerifySchema = z.object({
  verification: z.coerce.number().int().positive(),
  code: z.string().trim().regex(/^\d{6}$/, 'Mã xác minh gồm 6 chữ số.'),
});
export const VoteCastSchema = z.object({ entry: z.string().trim().min(1).max(200) });
