/**
 * The registration fields of fair operations, shared by the form island and the server: the
 * booths an applicant chooses on a fair's floor plan (`boothCodes`), the booth features they
 * ask for (`wantedTags`), and their consent to the public exhibitor directory. Client-safe.
 *
 * Booth choice: the codes alone are enough — the booth type follows from the plan and the
 * quantity from the number of codes; a `boothTypeId` or `quantity` given beside them must
 * agree. Whether the booths are still free is decided by the server, atomically.
 */
import { z } from 'zod';
import { BOOTH_TAGS } from './vocabulary';

/** A booth code: unaccented capitals, digits and "-", like the booth numbers organisers type. */
export const BOOTH_CODE = /^[A-Z0-9-]{1,12}$/;

/** What the form and the route need to check chosen booths: code → type, when applicants choose. */
export interface BoothChoiceRules {
  boothChoice: boolean;
  booths: readonly { code: string; typeId: string }[];
}

/** Codes typed by an applicant ("a01, A02") → the clean list (upper-case, no blanks). */
export function splitBoothCodes(raw: unknown): unknown {
  if (typeof raw === 'string') {
    const list = raw
      .normalize('NFC')
      .split(/[,;\s]+/)
      .map((s) => s.trim().toUpperCase())
      .filter(Boolean);
    return list.length ? list : undefined;
  }
  if (Array.isArray(raw)) return raw.map((c: unknown) => (typeof c === 'string' ? c.trim().toUpperCase() : c));
  return raw;
}


export { DIRECTORY_CONSENT_TEXT } from './consent-texts';

const checkbox = (v: unknown) => {
  if (v === true || v === 'on' || v === 'true' || v === '1') return true;
  if (v === undefined || v === null || v === false || v === '' || v === 'false' || v === '0') return false;
  return v;
};

/** The fields added to a registration (spread into its zod object). */
export const FAIR_OPS_FIELDS = {
  boothCodes: z.preprocess(
    splitBoothCodes,
    z
      .array(z.string().regex(BOOTH_CODE, 'Mã gian chỉ gồm chữ không dấu, chữ số và "-", ví dụ A01.'), { invalid_type_error: 'Mã gian phải là danh sách, ví dụ ["A01", "A02"].' })
      .max(20, 'Chọn tối đa 20 gian.')
      .optional(),
  ),
  wantedTags: z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() ? v.split(',').map((s) => s.trim()) : undefined) : v),
    z
      .array(z.enum(BOOTH_TAGS.ids, { errorMap: () => ({ message: 'Yêu cầu về gian không có trong danh sách.' }) }), { invalid_type_error: 'Yêu cầu về gian không hợp lệ.' })
      .max(BOOTH_TAGS.ids.length)
      .optional(),
  ),
  directoryConsent: z.preprocess(checkbox, z.boolean({ invalid_type_error: 'Giá trị "đồng ý công bố trong danh bạ gian hàng" không hợp lệ.' }).optional()),
};

/**
 * A posted body with booth codes but no booth type or quantity gets them from the plan (the
 * type of the first code, the number of codes). Anything else is left for the schema to judge.
 */
export function fillFromBoothCodes(raw: unknown, rules: BoothChoiceRules | undefined): unknown {
  if (!rules?.boothChoice || raw === null || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const body = raw as Record<string, unknown>;
  const codes = splitBoothCodes(body['boothCodes']);
  if (!Array.isArray(codes) || codes.length === 0) return raw;
  const first = typeof codes[0] === 'string' ? rules.booths.find((b) => b.code === codes[0]) : undefined;
  const blank = (v: unknown) => v === undefined || v === null || v === '';
  return {
    ...body,
    ...(blank(body['boothTypeId']) && first ? { boothTypeId: first.typeId } : {}),
    ...(blank(body['quantity']) ? { quantity: codes.length } : {}),
  };
}

/** Per-field messages for chosen booths that do not fit the fair (added to the per-fair schema's issues). */
export function boothChoiceIssues(r: { boothCodes?: string[] | undefined; boothTypeId: string; quantity: number }, rules: BoothChoiceRules | undefined, typeName: (id: string) => string): string | null {
  const codes = r.boothCodes ?? [];
  if (codes.length === 0) return null;
  if (!rules?.boothChoice) return 'Hội chợ này không cho chọn gian khi đăng ký; ban tổ chức sẽ bố trí gian sau khi duyệt đơn. Vui lòng bỏ mã gian.';
  const seen = new Set<string>();
  for (const code of codes) {
    if (seen.has(code)) return `Gian ${code} được chọn hai lần.`;
    seen.add(code);
    const booth = rules.booths.find((b) => b.code === code);
    if (!booth) return `Gian ${code} không có trên sơ đồ hội chợ.`;
    if (booth.typeId !== r.boothTypeId) return `Gian ${code} là ${typeName(booth.typeId).toLowerCase()}, không phải loại gian đã chọn (${typeName(r.boothTypeId).toLowerCase()}).`;
  }
  if (codes.length !== r.quantity) return `Đã chọn ${String(codes.length)} gian nhưng số gian đăng ký là ${String(r.quantity)}: chọn đủ ${String(r.quantity)} gian, hoặc sửa số gian.`;
  return null;
}
