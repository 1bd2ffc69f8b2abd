/**
 * One criterion's score checked against its bounds, with the Vietnamese message: the server's
 * `checkScores` (contest-schema.ts) and the score sheet's running total in the browser read a
 * value through this, so a value the server would refuse is flagged while it is typed, with the
 * same words, and never counted. Client-safe, no zod: the sheet's script bundles only this and
 * the score parser.
 */
import { parseScoreText } from './score-number';

/** What the message needs to name a criterion and its bounds. */
export interface CriterionBounds {
  /** "1.4", as printed on the paper form. */
  number: string;
  label: string;
  /** The highest score at the rubric's step (`criterionMax`). */
  top: number;
  step: 1 | 0.5;
}

export function formatPoints(n: number): string {
  return String(n).replace('.', ',');
}

/** "từ 0 đến 15". */
export const scoreRange = (top: number) => `từ 0 đến ${formatPoints(top)}`;

const name = (b: CriterionBounds) => `Tiêu chí ${b.number} “${b.label}”`;

/** The message for a value that is not a number. */
export const notANumber = (b: CriterionBounds) => `${name(b)}: điểm phải là một số ${scoreRange(b.top)}.`;

/** A number checked against the range and the step: null when allowed, else the message. */
export function scoreValueIssue(b: CriterionBounds, v: number): string | null {
  if (v < 0 || v > b.top) return `${name(b)}: điểm phải ${scoreRange(b.top)}.`;
  const half = v * 2;
  if (!Number.isInteger(half) || (b.step === 1 && !Number.isInteger(v)))
    return b.step === 1 ? `${name(b)}: chỉ chấm điểm nguyên (bước 1 điểm).` : `${name(b)}: chỉ chấm theo bước 0,5 điểm (ví dụ 7 hoặc 7,5).`;
  return null;
}

export type TypedScore = { kind: 'missing' } | { kind: 'issue'; message: string } | { kind: 'ok'; value: number };

/** A score as typed ("7,5", "7.5", "99", "-3"): missing, refused with the message, or the value. */
export function checkTypedScore(b: CriterionBounds, raw: string): TypedScore {
  const parsed = parseScoreText(raw);
  if (parsed.kind === 'missing') return parsed;
  if (parsed.kind === 'invalid') return { kind: 'issue', message: notANumber(b) };
  const issue = scoreValueIssue(b, parsed.value);
  return issue ? { kind: 'issue', message: issue } : { kind: 'ok', value: parsed.value };
}
