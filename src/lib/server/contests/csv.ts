/**
 * Contest exports (results, every sheet), written by the site's one CSV writer (../csv.ts: BOM,
 * CRLF, formula cells neutralised, "Có"/"Không"). Contest files quote every text cell, as they
 * always have.
 */
import { formatDateTime } from '../../format';
import { scoredCriteriaOf } from '../../contest-schema';
import { csvCell as siteCsvCell, toCsv as siteToCsv, type CsvValue } from '../csv';
import type { ContestResults } from './aggregate';
import type { ContestDef } from './definition';
import type { ExportSheet } from './scoring';

export { BOM, csvResponse } from '../csv';

/** One CSV cell: numbers as is; text quoted and neutralised. */
export function csvCell(value: CsvValue): string {
  return siteCsvCell(value, { quoteText: true });
}

/** A document whose first row is the header. */
export function toCsv(rows: CsvValue[][]): string {
  const [header = [], ...body] = rows;
  return siteToCsv(header.map((h) => String(h ?? '')), body, { quoteText: true });
}

/** The results table (one row per entry). */
export function resultsCsv(def: ContestDef, results: ContestResults, titles: Record<string, string>): string {
  const groups = def.rubric.groups;
  const header = ['Hạng', 'Mã sản phẩm', 'Tên sản phẩm', 'Số phiếu', 'Số giám khảo không chấm', 'Điểm bình quân', ...groups.map((g) => `${g.label} (tối đa ${String(g.max)})`), 'Độ lệch chuẩn', 'Đủ số giám khảo', 'Đạt'];
  if (results.normalised) header.push('Điểm chuẩn hóa z', 'Hạng theo điểm chuẩn hóa');
  const rows = results.entries.map((r) => {
    const row: (string | number | boolean | null)[] = [r.rank, r.entryId, titles[r.entryId] ?? r.entryId, r.sheets, r.recusals, r.mean, ...groups.map((g) => r.groupMeans[g.id] ?? null), r.sd, r.enoughJudges, r.recognised];
    if (results.normalised) row.push(r.normalised ?? null, r.normalisedRank ?? null);
    return row;
  });
  return toCsv([header, ...rows]);
}

const STATE = { draft: 'nháp', submitted: 'đã nộp' } as const;

/** Every sheet, one row per sheet, one column per (sub-)criterion. */
export function sheetsCsv(def: ContestDef, sheets: ExportSheet[], titles: Record<string, string>): string {
  const criteria = scoredCriteriaOf(def.rubric);
  const header = ['Mã phiếu', 'Giám khảo', 'Email', 'Mã sản phẩm', 'Tên sản phẩm', 'Trạng thái', 'Phiên bản', ...criteria.map((c) => `${c.number} ${c.label} (tối đa ${String(c.max)})`), 'Tổng', 'Nộp lúc'];
  const rows = sheets.map((s) => [
    s.sheetId,
    s.judgeName,
    s.judgeEmail,
    s.entryId,
    titles[s.entryId] ?? s.entryId,
    STATE[s.state],
    s.version,
    ...criteria.map((c) => s.scores[c.id] ?? null),
    s.total,
    s.submittedAt ? formatDateTime(s.submittedAt) : '',
  ]);
  return toCsv([header, ...rows]);
}
