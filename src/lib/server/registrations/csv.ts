/** CSV export of a fair's registrations, by the site's one CSV writer (../csv.ts: BOM, CRLF, formulas neutralised). */
import { ESTABLISHMENT_TYPES, type EstablishmentType } from '../../vocabulary';
import { getProvince } from '../../provinces';
import { formatPhone } from '../../phone';
import { formatDateTime } from '../../format';
import { toCsv } from '../csv';
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
];

function typeLabel(id: string): string {
  return (ESTABLISHMENT_TYPES.ids as readonly string[]).includes(id) ? ESTABLISHMENT_TYPES.label(id as EstablishmentType) : id;
}

/** The CSV document of `rows` (registrations of `fair`). */
export function registrationsCsv(fair: FairInfo, rows: readonly RegistrationRow[]): string {
  return toCsv(
    HEADER,
    rows.map((r) => [
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
      formatDateTime(r.createdAt),
    ]),
  );
}
