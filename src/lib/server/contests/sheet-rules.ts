/**
 * Pure rules of a score sheet, kept out of the transaction that applies them so that they can
 * be read and tested as a table (tests/unit/contest-sheet-rules.test.ts).
 */

export interface SheetMerge {
  /** criterionId → half-points: what the sheet holds after this save. */
  merged: Record<string, number>;
  /** Criteria (rubric order) without a score after the merge: what a submit still misses. */
  missing: string[];
}

/**
 * What a save leaves on the sheet. A client may send only what changed (the JSON API) or every
 * field (the form), so for each criterion, in rubric order:
 * - sent with a valid score → the new score;
 * - sent blank ("" or null) → cleared: the judge emptied the field;
 * - not sent at all → the saved score is kept (a partial draft never erases).
 *
 * @param criteria the rubric's scored criterion ids, in order
 * @param saved half-points on the sheet before the save
 * @param valid half-points of the valid scores sent (invalid ones were refused before)
 * @param sent the criterion ids the client sent, with or without a value
 */
export function mergeSheetScores(
  criteria: readonly string[],
  saved: Readonly<Record<string, number>>,
  valid: Readonly<Record<string, number>>,
  sent: ReadonlySet<string>,
): SheetMerge {
  const merged: Record<string, number> = {};
  const missing: string[] = [];
  for (const id of criteria) {
    const h = valid[id] ?? (sent.has(id) ? undefined : saved[id]);
    if (h === undefined) missing.push(id);
    else merged[id] = h;
  }
  return { merged, missing };
}

/** The criterion ids a client sent: keys with a value other than `undefined`. */
export function sentCriteria(scores: Readonly<Record<string, unknown>>): Set<string> {
  return new Set(Object.keys(scores).filter((k) => scores[k] !== undefined));
}

/** A sheet's total in half-points. */
export function totalHalfOf(merged: Readonly<Record<string, number>>): number {
  return Object.values(merged).reduce((s, h) => s + h, 0);
}
