/**
 * The judging side in one import (the CLI, the CSV writer and older callers use it): a judge's
 * declarations and recusals (declarations.ts), score sheets (sheets.ts), progress and the
 * organisers' board (progress.ts), the judge's assignment (assignments.ts).
 */
export { requireAssignment } from './assignments';
export { acceptRules, isRecused, listRecusals, recuse, type Declaration, type RecusalRow } from './declarations';
export {
  getOwnSheet,
  getOthersTotals,
  getSheetHistory,
  listSheets,
  reopenSheet,
  saveSheet,
  type ExportSheet,
  type SaveSheetInput,
  type SheetView,
} from './sheets';
export {
  ENTRY_STATE_LABELS,
  getJudgeOverview,
  getProgressBoard,
  nextEntryFor,
  type BoardCell,
  type EntryState,
  type JudgeEntry,
  type JudgeOverview,
  type ProgressBoard,
} from './progress';
