/**
 * The fixed vocabularies of the programme, keyed by unaccented ids (used in content, URLs
 * and the API) with their Vietnamese labels. Sources: TT 26/2014/TT-BCT Điều 5 (CNNT groups),
 * QĐ 148/QĐ-TTg 2023 (OCOP groups), NĐ 45/2012 as amended by NĐ 235/2025 (establishment types).
 *
 * Also the product's own vocabularies — roles, registration statuses, conflicts of interest,
 * sheet and message states — with their labels: `db/` imports the ids from here (so the
 * database and the pages agree), pages import the labels from here (never from `db/`).
 * Client-safe: no imports.
 */

function labels<const K extends string>(entries: readonly (readonly [K, string])[]) {
  const ids = entries.map(([id]) => id) as unknown as readonly [K, ...K[]];
  const map = Object.fromEntries(entries) as Readonly<Record<K, string>>;
  return {
    ids,
    /** id → label. */
    map,
    label: (id: K): string => map[id],
    /** Whether `value` is one of the ids (narrows it). */
    has: (value: unknown): value is K => typeof value === 'string' && Object.hasOwn(map, value),
    entries,
  };
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

/** Features of a booth on a floor plan (content `floorPlan…booths[].tags`), which applicants may ask for. */
export const BOOTH_TAGS = labels([
  ['goc', 'Gian góc (hai mặt thoáng)'],
  ['dien', 'Có điện công suất lớn'],
  ['nuoc', 'Gần nguồn nước'],
  ['loi-vao', 'Gần lối vào'],
] as const);
export type BoothTag = (typeof BOOTH_TAGS.ids)[number];

/** Roles of staff accounts (users.role). */
export const USER_ROLES = labels([
  ['admin', 'Quản trị viên'],
  ['organiser', 'Ban tổ chức'],
  ['judge', 'Giám khảo'],
  ['editor', 'Biên tập viên'],
] as const);
export type Role = (typeof USER_ROLES.ids)[number];
export const ROLES = USER_ROLES.ids;
export const ROLE_LABELS = USER_ROLES.map;

/**
 * Statuses of a booth registration (registrations.status), and how each reads to people,
 * wherever it is shown (island, no-JS page, lookup, management link, console, CSV).
 */
export const REGISTRATION_STATUS = labels([
  ['pending', 'Đã giữ chỗ, chờ ban tổ chức duyệt'],
  ['approved', 'Đã được duyệt'],
  ['waitlisted', 'Trong danh sách chờ'],
  ['offered', 'Được mời nhận gian (chờ xác nhận)'],
  ['expired', 'Lời mời đã hết hạn'],
  ['rejected', 'Bị từ chối'],
  ['cancelled', 'Đã hủy'],
] as const);
export type RegistrationStatus = (typeof REGISTRATION_STATUS.ids)[number];
export const REGISTRATION_STATUSES = REGISTRATION_STATUS.ids;
export const REGISTRATION_STATUS_LABELS = REGISTRATION_STATUS.map;

/**
 * Statuses of a contest entry submitted online (contest_entries.status); the transitions
 * between them are one table in src/lib/server/contests/entries/state.ts.
 */
export const ENTRY_STATUS = labels([
  ['draft', 'Bản nháp (chưa gửi)'],
  ['submitted', 'Đã gửi, chờ ban tổ chức xét'],
  ['changes_requested', 'Ban tổ chức đề nghị bổ sung, sửa hồ sơ'],
  ['accepted', 'Đủ điều kiện, vào vòng chấm điểm'],
  ['not_eligible', 'Không đủ điều kiện'],
  ['withdrawn', 'Đã rút hồ sơ'],
] as const);
export type EntryStatus = (typeof ENTRY_STATUS.ids)[number];
export const ENTRY_STATUSES = ENTRY_STATUS.ids;

/** The label of a status, or the status itself for a value this build does not know. */
export function registrationStatusLabel(status: string): string {
  return REGISTRATION_STATUS.has(status) ? REGISTRATION_STATUS.label(status) : status;
}

/** The labels the booth registration form shows, passed to its island as props. */
export interface RegistrationFormVocabulary {
  establishmentTypes: readonly (readonly [string, string])[];
  boothTags: readonly (readonly [string, string])[];
  /** Registration status → label, for the answer. */
  statuses: Readonly<Record<string, string>>;
}

/**
 * The registration form's labels, given to the island as props by the pages that render it, so
 * the island's bundle carries none of this file (the fair page's JavaScript budget).
 */
export function registrationFormVocabulary(): RegistrationFormVocabulary {
  return { establishmentTypes: ESTABLISHMENT_TYPES.entries, boothTags: BOOTH_TAGS.entries, statuses: REGISTRATION_STATUS.map };
}

/** Conflicts of interest a judge declares (contest_recusals.reason). */
export const CONFLICT_KIND = labels([
  ['family', 'Có quan hệ gia đình với cơ sở dự thi'],
  ['own_business', 'Là chủ hoặc làm việc cho cơ sở dự thi'],
  ['other', 'Lý do khác'],
] as const);
export type ConflictKind = (typeof CONFLICT_KIND.ids)[number];
export const CONFLICT_KINDS = CONFLICT_KIND.ids;
export const CONFLICT_KIND_LABELS = CONFLICT_KIND.map;

/** States of a judge's score sheet (contest_sheets.state). */
export const SHEET_STATE = labels([
  ['draft', 'Bản nháp'],
  ['submitted', 'Đã nộp'],
] as const);
export type SheetState = (typeof SHEET_STATE.ids)[number];
export const SHEET_STATES = SHEET_STATE.ids;

/** Channels of the outbox (outbox.channel). */
export const OUTBOX_CHANNEL = labels([
  ['email', 'Email'],
  ['sms', 'SMS'],
] as const);
export type OutboxChannel = (typeof OUTBOX_CHANNEL.ids)[number];
export const OUTBOX_CHANNELS = OUTBOX_CHANNEL.ids;

/** States of an outbox message (outbox.status). */
export const OUTBOX_STATUS = labels([
  ['pending', 'Chờ gửi'],
  ['sent', 'Đã gửi'],
  ['failed', 'Gửi lỗi'],
] as const);
export type OutboxStatus = (typeof OUTBOX_STATUS.ids)[number];
export const OUTBOX_STATUSES = OUTBOX_STATUS.ids;

/** States of a publication (publications.state): a build of the content, or a roll back. */
export const PUBLICATION_STATE = labels([
  ['queued', 'Đang chờ'],
  ['building', 'Đang dựng trang'],
  ['live', 'Đã lên trang'],
  ['failed', 'Không thành công'],
] as const);
export type PublicationState = (typeof PUBLICATION_STATE.ids)[number];
export const PUBLICATION_STATES = PUBLICATION_STATE.ids;

/** Kinds of fair (content `fairs.kind`): a trade fair, or a market day (phiên chợ, e.g. Sâm Ngọc Linh). */
export const FAIR_KINDS = labels([
  ['hoi-cho', 'Hội chợ triển lãm'],
  ['phien-cho', 'Phiên chợ'],
] as const);
export type FairKind = (typeof FAIR_KINDS.ids)[number];

/** Level of a fair (content `fairs.level`): who runs it and for whom. */
export const FAIR_LEVELS = labels([
  ['xa', 'cấp xã'],
  ['tinh', 'cấp tỉnh'],
  ['khu-vuc', 'cấp khu vực'],
  ['quoc-gia', 'cấp quốc gia'],
] as const);
export type FairLevel = (typeof FAIR_LEVELS.ids)[number];

/**
 * How a programme indicator's actual is counted (content `programmes…source.kind`): from the
 * site's records, or entered by staff with evidence for what the site does not run.
 */
export const INDICATOR_SOURCES = labels([
  ['fairs-held', 'Hội chợ, phiên chợ đã tổ chức tại tỉnh (theo lịch hội chợ)'],
  ['booths-registered', 'Gian hàng đang được giữ tại các hội chợ của tỉnh (chờ duyệt, được mời hoặc đã duyệt)'],
  ['booths-approved', 'Gian hàng đã được duyệt tại các hội chợ của tỉnh'],
  ['booths-supported', 'Gian hàng được hỗ trợ khuyến công (đơn đã duyệt, có đề nghị hỗ trợ)'],
  ['establishments-supported', 'Cơ sở được hỗ trợ tham gia hội chợ (đếm mỗi cơ sở một lần, theo mã số thuế hoặc số điện thoại)'],
  ['support-amount', 'Kinh phí hỗ trợ gian hàng (đồng; giá thuê × số gian × tỷ lệ hỗ trợ)'],
  ['contests-held', 'Cuộc bình chọn sản phẩm CNNT tiêu biểu đã công bố kết quả'],
  ['products-recognised', 'Sản phẩm được công nhận sản phẩm CNNT tiêu biểu'],
  ['ocop-products', 'Sản phẩm được chứng nhận OCOP'],
  ['staff', 'Do cán bộ nhập, kèm minh chứng'],
] as const);
export type IndicatorSource = (typeof INDICATOR_SOURCES.ids)[number];
