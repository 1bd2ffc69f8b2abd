/** The programme module's error codes, statuses and Vietnamese messages (one catalogue). */
import { defineErrors } from '../errors';

export const ProgrammeError = defineErrors({
  programme_not_found: { status: 404, message: 'Không tìm thấy chương trình khuyến công này.' },
  indicator_not_found: { status: 404, message: 'Chương trình không có chỉ tiêu này.' },
  not_staff_indicator: { status: 409, message: 'Chỉ tiêu này do cổng tự đếm từ hội chợ, gian hàng và bình chọn; không nhập tay được.' },
  year_outside_period: { status: 400, message: 'Năm nằm ngoài giai đoạn của chương trình.' },
  actual_not_found: { status: 404, message: 'Không tìm thấy số liệu đã nhập này (hoặc đã được rút lại).' },
});
