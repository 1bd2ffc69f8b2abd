/**
 * What an applicant agrees to, word for word: shown by the registration form (an island, so
 * this module stays free of zod and of the province table) and the management page, and
 * quoted by the schemas' messages.
 */

/** Processing consent (the purpose stated, NĐ 13/2023/NĐ-CP). */
export const CONSENT_TEXT =
  'Tôi đồng ý để ban tổ chức xử lý dữ liệu cá nhân trong đơn này (họ tên, số điện thoại, email, địa chỉ) nhằm xét duyệt, bố trí gian hàng và liên hệ về hội chợ, theo Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân.';

/** What the applicant agrees to when listed in the exhibitor directory (NĐ 13/2023/NĐ-CP: purpose stated, opt-in). */
export const DIRECTORY_CONSENT_TEXT =
  'Tôi đồng ý để ban tổ chức công bố tên cơ sở, tỉnh, sản phẩm trưng bày và số gian trong danh bạ gian hàng công khai trên trang hội chợ (không công bố người đại diện, số điện thoại, email). Có thể rút lại bất cứ lúc nào qua đường liên kết quản lý.';
