/**
 * How a registration's status reads to people, wherever it is shown (island, no-JS page,
 * lookup, management link, console, CSV). Client-safe.
 */
export const REGISTRATION_STATUS_LABELS = {
  pending: 'Đã giữ chỗ, chờ ban tổ chức duyệt',
  approved: 'Đã được duyệt',
  waitlisted: 'Trong danh sách chờ',
  offered: 'Được mời nhận gian (chờ xác nhận)',
  expired: 'Lời mời đã hết hạn',
  rejected: 'Bị từ chối',
  cancelled: 'Đã hủy',
} as const;

/** The label of a status, or the status itself for a value this build does not know. */
export function registrationStatusLabel(status: string): string {
  return (REGISTRATION_STATUS_LABELS as Record<string, string>)[status] ?? status;
}
