/**
 * The organisers' reports of a programme: the figures as .xlsx (the site's one Excel writer,
 * xlsx.ts) and the period report as .docx (`docx`, pinned) in the order of an administrative
 * report to the People's Committee — I. situation and results against plan (tables), II.
 * shortcomings and causes, III. tasks ahead, IV. proposals — the narrative parts as highlighted
 * placeholders for the organiser to write. Both from the same ProgrammeResults as the page and
 * the API, so the numbers agree.
 */
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { formatDate, formatNumber, toCalendarDate } from '../../format';
import { formatPercent, percentOf } from '../../programme-chart';
import { describeSource } from '../../programme-schema';
import { provinceTitle, requireProvince } from '../../provinces';
import { toXlsx, type XlsxValue } from '../xlsx';
import { periodYears } from './indicators';
import type { ProgrammeResults } from './results';

/** Characters XML 1.0 does not allow (a Word file with one does not open). */
export function xmlSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
}

/** The figures: one row per indicator — period target, actual, %, then each year's target and actual. */
export function programmeXlsx(r: ProgrammeResults): Promise<Buffer> {
  const years = periodYears(r.period);
  const header = ['Mã', 'Chỉ tiêu', 'Đơn vị', 'Cách đếm', 'Chỉ tiêu giai đoạn', 'Thực hiện', 'Tỷ lệ (%)', ...years.flatMap((y) => [`Chỉ tiêu ${String(y)}`, `Thực hiện ${String(y)}`])];
  const rows = r.indicators.map((i): XlsxValue[] => [
    i.code,
    i.name,
    i.unit,
    describeSource(i.source),
    i.target,
    i.actual,
    percentOf(i.actual, i.target),
    ...i.byYear.flatMap((y) => [y.target, y.actual]),
  ]);
  return toXlsx('Số liệu chương trình', header, rows);
}

const FONT = 'Times New Roman';
const text = (value: string, options: { bold?: boolean; italics?: boolean; highlight?: 'yellow' } = {}) => new TextRun({ text: xmlSafe(value), font: FONT, size: 26, ...options });
const para = (runs: TextRun[], options: { heading?: (typeof HeadingLevel)[keyof typeof HeadingLevel]; center?: boolean } = {}) =>
  new Paragraph({ children: runs, spacing: { after: 120 }, ...(options.heading ? { heading: options.heading } : {}), ...(options.center ? { alignment: AlignmentType.CENTER } : {}) });
const placeholder = (what: string) => para([text(`[Nội dung do đơn vị soạn: ${what}]`, { italics: true, highlight: 'yellow' })]);

const HEADER_STYLE: { bold?: boolean } = { bold: true };

function cell(value: string, strong = false): TableCell {
  const style = strong ? HEADER_STYLE : {};
  return new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: xmlSafe(value), font: FONT, size: 22, ...style })] })] });
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }), ...rows.map((row) => new TableRow({ children: row.map((v) => cell(v)) }))],
  });
}

/** The period report as .docx bytes; `at` is the instant the figures were counted. */
export async function programmeDocx(r: ProgrammeResults, at: Date): Promise<Buffer> {
  const province = requireProvince(r.province);
  const today = formatDate(toCalendarDate(at));
  const results = table(
    ['STT', 'Mã', 'Chỉ tiêu', 'Đơn vị', 'Kế hoạch giai đoạn', 'Thực hiện', 'Tỷ lệ'],
    r.indicators.map((i, n) => [String(n + 1), i.code, i.name, i.unit, formatNumber(i.target), formatNumber(i.actual), formatPercent(percentOf(i.actual, i.target))]),
  );
  const byYear = table(
    ['Mã', ...periodYears(r.period).map((y) => `${String(y)} (TH/KH)`)],
    r.indicators.map((i) => [i.code, ...i.byYear.map((y) => `${formatNumber(y.actual)} / ${y.target === null ? '—' : formatNumber(y.target)}`)]),
  );
  const document = new Document({
    creator: 'Cổng thông tin Khuyến công',
    title: xmlSafe(`Báo cáo kết quả thực hiện ${r.name}`),
    sections: [
      {
        children: [
          para([text(`UBND ${provinceTitle(province).toUpperCase()}`, { bold: true })]),
          para([text('SỞ CÔNG THƯƠNG', { bold: true })]),
          para([text('Số: ……/BC-SCT', {})]),
          para([text('BÁO CÁO', { bold: true })], { center: true }),
          para([text(`Kết quả thực hiện ${r.name}`, { bold: true })], { center: true }),
          para([text(`(số liệu tính đến ngày ${today})`, { italics: true })], { center: true }),
          ...(r.demo ? [para([text('Dữ liệu minh họa: chương trình và số liệu trong báo cáo này không phải số liệu thật.', { bold: true, highlight: 'yellow' })])] : []),
          para([text(`Thực hiện Quyết định số ${r.decision.number} ngày ${formatDate(r.decision.date)} của ${r.decision.issuer} phê duyệt ${r.name}, Sở Công Thương báo cáo kết quả thực hiện như sau:`)]),
          para([text('I. TÌNH HÌNH VÀ KẾT QUẢ THỰC HIỆN SO VỚI KẾ HOẠCH', { bold: true })], { heading: HeadingLevel.HEADING_1 }),
          para([text('1. Tình hình chung', { bold: true })], { heading: HeadingLevel.HEADING_2 }),
          placeholder('bối cảnh, công tác chỉ đạo, phân bổ và giải ngân kinh phí'),
          para([text('2. Kết quả thực hiện các chỉ tiêu', { bold: true })], { heading: HeadingLevel.HEADING_2 }),
          para([text(`Bảng 1. Kết quả thực hiện so với kế hoạch giai đoạn ${String(r.period.from)}–${String(r.period.to)}`, { italics: true })]),
          results,
          para([]),
          para([text('Bảng 2. Thực hiện (TH) và kế hoạch (KH) theo năm', { italics: true })]),
          byYear,
          para([]),
          para([text('Cách tính số thực hiện: ', { bold: true }), text('các chỉ tiêu về hội chợ, gian hàng, hỗ trợ, bình chọn và sản phẩm do Cổng thông tin Khuyến công đếm từ hồ sơ trên cổng; các chỉ tiêu khác do cán bộ nhập kèm minh chứng.')]),
          ...r.indicators.map((i) => para([text(`${i.code}: `, { bold: true }), text(`${describeSource(i.source)}.`)])),
          para([text('II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN', { bold: true })], { heading: HeadingLevel.HEADING_1 }),
          placeholder('những chỉ tiêu chưa đạt, nguyên nhân khách quan và chủ quan'),
          para([text('III. NHIỆM VỤ, GIẢI PHÁP THỜI GIAN TỚI', { bold: true })], { heading: HeadingLevel.HEADING_1 }),
          placeholder('nhiệm vụ trọng tâm, giải pháp để hoàn thành chỉ tiêu'),
          para([text('IV. KIẾN NGHỊ, ĐỀ XUẤT', { bold: true })], { heading: HeadingLevel.HEADING_1 }),
          placeholder('kiến nghị với UBND tỉnh, Bộ Công Thương và các sở, ngành'),
          para([text('Nơi nhận: UBND tỉnh (b/c); Bộ Công Thương (Cục Công Thương địa phương); lưu VT.', { italics: true })]),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

/** A .docx download: never cached, saved under a name with safe characters only. */
export function docxResponse(body: Buffer, filename: string): Response {
  return new Response(new Uint8Array(body), {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'Content-Disposition': `attachment; filename="${filename.replace(/[^a-z0-9._-]/gi, '_')}"`,
      'Cache-Control': 'no-store',
    },
  });
}
