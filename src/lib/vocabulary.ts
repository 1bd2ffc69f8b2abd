/**
 * The fixed vocabularies of the programme, keyed by unaccented ids (used in content, URLs
 * and the API) with their Vietnamese labels. Sources: TT 26/2014/TT-BCT Điều 5 (CNNT groups),
 * QĐ 148/QĐ-TTg 2023 (OCOP groups), NĐ 45/2012 as amended by NĐ 235/2025 (establishment types).
 */

function labels<const K extends string>(entries: readonly (readonly [K, string])[]) {
  const ids = entries.map(([id]) => id) as unknown as readonly [K, ...K[]];
  const map = Object.fromEntries(entries) as Record<K, string>;
  return { ids, label: (id: K): string => map[id], entries };
}

/** Nhóm sản phẩm CNNT tiêu biểu (TT 26/2014/TT-BCT, Điều 5). */
export const CNNT_GROUPS = labels([
  ['thu-cong-my-nghe', 'Thủ công mỹ nghệ'],
  ['che-bien-nong-lam-thuy-san', 'Chế biến nông, lâm, thủy sản và thực phẩm'],
  ['co-khi', 'Thiết bị, máy móc, dụng cụ và phụ tùng cơ khí'],
  ['khac', 'Sản phẩm khác'],
] as const);
export type CnntGroup = (typeof CNNT_GROUPS.ids)[number];

/** Nhóm sản phẩm OCOP (QĐ 148/QĐ-TTg ngày 24/02/2023). */
export const OCOP_GROUPS = labels([
  ['thuc-pham', 'Thực phẩm'],
  ['do-uong', 'Đồ uống'],
  ['duoc-lieu', 'Dược liệu và sản phẩm từ dược liệu'],
  ['thu-cong-my-nghe', 'Hàng thủ công mỹ nghệ'],
  ['sinh-vat-canh', 'Sinh vật cảnh'],
  ['du-lich', 'Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch'],
] as const);
export type OcopGroup = (typeof OCOP_GROUPS.ids)[number];

/** Loại hình cơ sở công nghiệp nông thôn; ids match the registration API. */
export const ESTABLISHMENT_TYPES = labels([
  ['sme', 'Doanh nghiệp nhỏ và vừa'],
  ['cooperative', 'Hợp tác xã'],
  ['cooperative-union', 'Liên hiệp hợp tác xã'],
  ['cooperative-group', 'Tổ hợp tác'],
  ['household', 'Hộ kinh doanh'],
] as const);
export type EstablishmentType = (typeof ESTABLISHMENT_TYPES.ids)[number];

/** Cấp công nhận. "huyện" stays on records from before 01/07/2025. */
export const RECOGNITION_LEVELS = labels([
  ['xa', 'cấp xã'],
  ['huyen', 'cấp huyện'],
  ['tinh', 'cấp tỉnh'],
  ['khu-vuc', 'cấp khu vực'],
  ['quoc-gia', 'cấp quốc gia'],
] as const);
export type RecognitionLevel = (typeof RECOGNITION_LEVELS.ids)[number];

export const PROGRAMMES = labels([
  ['ocop', 'OCOP'],
  ['cnnt', 'Sản phẩm CNNT tiêu biểu'],
] as const);
export type Programme = (typeof PROGRAMMES.ids)[number];

export const FAIR_STATUSES = labels([
  ['scheduled', 'Theo kế hoạch'],
  ['postponed', 'Tạm hoãn'],
  ['cancelled', 'Đã hủy'],
] as const);
export type FairStatus = (typeof FAIR_STATUSES.ids)[number];
