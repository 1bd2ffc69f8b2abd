/**
 * The site's Excel (.xlsx) writer, on `exceljs` (4.4, MIT, runs on Node 20). Why beside the CSV:
 * a Vietnamese-locale Excel expects ";" and a decimal comma, so a CSV opens in one column there;
 * an .xlsx opens the same everywhere. What every export gets:
 * - numbers as numbers (sums and filters work), dates as dates (shown dd/mm/yyyy hh:mm in
 *   Vietnam time: Excel has no time zone, so the wall-clock time of Asia/Ho_Chi_Minh is written),
 *   booleans as "Có" / "Không";
 * - formula neutralisation in text cells, as in the CSV (a leading apostrophe before = + - @,
 *   a tab or CR): exceljs writes text as text, but a sheet saved again as CSV, or pasted, must
 *   not turn what an applicant typed into a formula;
 * - a bold, frozen header row with an autofilter, and column widths that fit the header.
 */
import ExcelJS from 'exceljs';
import { neutraliseFormula } from './csv';

export type XlsxValue = string | number | boolean | Date | null | undefined;

/** Vietnam is UTC+7 all year (no daylight saving). */
const VIETNAM_OFFSET_MS = 7 * 3600_000;

/** The Date whose UTC fields read as Vietnam's wall clock at `at` (what Excel shows). */
export function vietnamWallClock(at: Date): Date {
  return new Date(at.getTime() + VIETNAM_OFFSET_MS);
}

function cell(value: XlsxValue): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? 'Có' : 'Không';
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value instanceof Date) return vietnamWallClock(value);
  return neutraliseFormula(value);
}

/** One worksheet `name` with `header` and `rows`, as the bytes of an .xlsx file. */
export async function toXlsx(name: string, header: readonly string[], rows: readonly (readonly XlsxValue[])[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Cổng thông tin Khuyến công';
  const sheet = workbook.addWorksheet(name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow([...header]).font = { bold: true };
  for (const row of rows) sheet.addRow(row.map(cell));
  header.forEach((h, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = Math.min(40, Math.max(10, h.length + 2));
    if (rows.some((r) => r[i] instanceof Date)) column.numFmt = 'dd/mm/yyyy hh:mm';
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: header.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** An .xlsx download: never cached (personal data), saved under a name with safe characters only. */
export function xlsxResponse(body: Buffer, filename: string): Response {
  return new Response(new Uint8Array(body), {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="${filename.replace(/[^a-z0-9._-]/gi, '_')}"`,
      'Cache-Control': 'no-store',
    },
  });
}
