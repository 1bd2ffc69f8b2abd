/**
 * CSV exports (results, every sheet): UTF-8 with a BOM so spreadsheet programs read Vietnamese
 * correctly, every text cell quoted, and cells that a spreadsheet would run as a formula
 * (starting with = + - @ or a tab/CR) prefixed with an apostrophe.
 */
import { formatDateTime } from '../../format';
import { scoredCriteriaOf } from '../../contest-schema';
import type { ContestResults } from './aggregate';
import type { ContestDef } from './definition';
import type { ExportSheet } from './scoring';

export const BOM = '\uFEFF';

/** One CSV cell: numbers as is; text quoted and neutralised. */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'có' : 'không';
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${text.replace(/"/g, '""')}"`;
}

export function toCsv(rows: (string | number | boolean | null | undefined)[][]): string {
  return BOM + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
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

/** A CSV download response. */
export function csvResponse(body: string, filename: string): Response {
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename.replace(/[^a-z0-9._-]/gi, '_')}"`,
      'Cache-Control': 'no-store',
    },
  });
}
