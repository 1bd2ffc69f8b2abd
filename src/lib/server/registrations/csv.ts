/**
 * Exports of a fair's registrations: one list of columns, written as CSV by the site's one CSV
 * writer (../csv.ts: BOM, CRLF, formulas neutralised) or as Excel by ../xlsx.ts (numbers as
 * numbers, dates as dates).
 */
import { ESTABLISHMENT_TYPES, type EstablishmentType } from '../../vocabulary';
import { getProvince } from '../../provinces';
import { formatPhone } from '../../phone';
import { formatDateTime } from '../../format';
import { toCsv } from '../csv';
import { toXlsx, type XlsxValue } from '../xlsx';
import { STATUS_LABELS } from './rules';
import type { FairInfo, RegistrationRow } from './types';

const HEADER = [
  'Mã đăng ký',
  'Trạng thái',
  'Loại gian',
  'Số gian đăng ký',
  'Số gian giữ',
  'Số gian được gán',
  'Tên cơ sở',
  'Loại hình',
  'Mã số thuế',
  'Làng nghề',
  'Người đại diện',
  'Điện thoại',
  'Email',
  'Tỉnh, thành phố',
  'Xã, phường',
  'Sản phẩm trưng bày',
  'Đề nghị hỗ trợ khuyến công',
  'Nhận ít gian hơn',
  'Ghi chú',
  'Lý do từ chối',
  'Ngày đăng ký',
  'Nhập bởi',
  'Công bố trong danh bạ',
];

function typeLabel(id: string): string {
  return (ESTABLISHMENT_TYPES.ids as readonly string[]).includes(id) ? ESTABLISHMENT_TYPES.label(id as EstablishmentType) : id;
}

/** The cells of one registration, typed (a Date stays a Date until a writer renders it). */
function cells(fair: FairInfo, r: RegistrationRow): XlsxValue[] {
  return [
      r.code,
      STATUS_LABELS[r.status],
      fair.boothTypes.find((b) => b.id === r.boothTypeId)?.name ?? r.boothTypeId,
      r.quantity,
      r.heldQuantity,
      r.boothNumbers,
      r.establishmentName,
      typeLabel(r.establishmentType),
      r.taxCode,
      r.craftVillage,
      r.representative,
      formatPhone(r.phone),
      r.email,
      getProvince(r.province)?.name ?? r.province,
      r.commune,
      r.products,
      r.wantsSupport,
      r.acceptFewer,
      r.notes,
      r.rejectReason,
      r.createdAt,
      r.enteredBy === 'staff' ? 'Ban tổ chức' : 'Người đăng ký',
      r.directoryConsentAt !== null,
  ];
}

/** The CSV document of `rows` (registrations of `fair`). */
export function registrationsCsv(fair: FairInfo, rows: readonly RegistrationRow[]): string {
  return toCsv(
    HEADER,
    rows.map((r) => cells(fair, r).map((v) => (v instanceof Date ? formatDateTime(v) : v))),
  );
}

/** The .xlsx workbook of `rows` (registrations of `fair`). */
export function registrationsXlsx(fair: FairInfo, rows: readonly RegistrationRow[]): Promise<Buffer> {
  return toXlsx('Đăng ký gian hàng', HEADER, rows.map((r) => cells(fair, r)));
}
