/** The registration module's error codes, statuses and Vietnamese messages (one catalogue). */
import { defineErrors } from '../errors';

export const RegistrationError = defineErrors({
  fair_not_found: { status: 404, message: 'Không tìm thấy hội chợ này.' },
  window_upcoming: { status: 409, message: 'Hội chợ chưa mở đăng ký gian hàng.' },
  window_closed: { status: 409, message: 'Hội chợ đã hết hạn đăng ký gian hàng.' },
  fair_cancelled: { status: 409, message: 'Hội chợ đã bị hủy nên không nhận đăng ký.' },
  no_registration: { status: 409, message: 'Ban tổ chức chưa công bố thời hạn đăng ký cho hội chợ này.' },
  not_found: { status: 404, message: 'Không tìm thấy đăng ký khớp với mã và số điện thoại này.' },
  manage_not_found: { status: 404, message: 'Đường liên kết quản lý không đúng. Vui lòng dùng đường liên kết trong tin nhắn hoặc thư xác nhận.' },
  registration_not_found: { status: 404, message: 'Không tìm thấy đơn đăng ký này.' },
  idempotency_mismatch: {
    status: 422,
    message: 'Khóa Idempotency-Key này đã được dùng cho một đơn khác. Hãy dùng khóa mới cho mỗi đơn.',
  },
  rate_limited: { status: 429, message: 'Bạn gửi quá nhiều yêu cầu. Vui lòng thử lại sau ít phút.' },
  invalid_transition: { status: 409, message: 'Không thể thực hiện thao tác này với trạng thái hiện tại của đơn.' },
  offer_expired: { status: 409, message: 'Lời mời nhận gian đã hết hạn.' },
  phone_taken: { status: 409, message: 'Số điện thoại này đã được dùng cho một đơn khác ở hội chợ này.' },
  booth_number_taken: { status: 409, message: 'Số gian này đã được gán cho đơn khác.' },
  invalid_booth_numbers: {
    status: 400,
    message: 'Số gian chưa đúng dạng: chỉ gồm chữ không dấu, chữ số và dấu "-" (tối đa 12 ký tự), cách nhau bằng dấu phẩy, ví dụ: A01, A02.',
  },
  duplicate_booth_numbers: { status: 400, message: 'Có số gian bị nhập trùng; mỗi số gian chỉ nhập một lần.' },
  too_many_booth_numbers: { status: 400, message: 'Số lượng số gian nhập vào nhiều hơn số gian đơn này đang giữ.' },
  waitlist_would_reoffer: {
    status: 409,
    message:
      'Loại gian này còn chỗ trống và không có đơn nào khác đang chờ, nên đơn sẽ được mời nhận lại ngay các gian vừa trả. Hãy duyệt hoặc từ chối đơn thay vì chuyển vào danh sách chờ.',
  },
  booth_taken: { status: 409, message: 'Gian đã chọn vừa có đơn khác giữ. Vui lòng chọn gian khác.' },
  booth_not_on_plan: { status: 400, message: 'Số gian không có trên sơ đồ hội chợ.' },
  booth_wrong_type: { status: 400, message: 'Gian này khác loại gian của đơn.' },
  booth_not_assigned: { status: 409, message: 'Đơn này không có gian đó.' },
  no_floor_plan: { status: 409, message: 'Hội chợ này chưa có sơ đồ gian hàng.' },
  invalid_quantity: { status: 400, message: 'Số gian mới phải nhỏ hơn số gian hiện tại và ít nhất là 1.' },
  resend_limited: { status: 429, message: 'Đường liên kết của đơn này vừa được gửi lại nhiều lần. Vui lòng thử lại sau.' },
  bulk_unconfirmed: { status: 400, message: 'Hãy đánh dấu ô xác nhận trước khi duyệt các đơn đã chọn.' },
  bulk_empty: { status: 400, message: 'Chưa chọn đơn nào để duyệt.' },
  auto_unconfirmed: { status: 400, message: 'Hãy đánh dấu ô xác nhận trước khi tự động bố trí gian.' },
  lookup_rate_limited: { status: 429, message: 'Bạn đã tra cứu quá nhiều lần. Vui lòng thử lại sau ít phút.' },
});
export type RegistrationError = InstanceType<typeof RegistrationError>;
