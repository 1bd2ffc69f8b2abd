/**
 * Typed errors of the contest modules, with their HTTP status and Vietnamese message: the
 * domain's refusals and the refusals of its forms (pages and routes never write their own).
 */
import { LANDLINE_MESSAGE } from '../../phone';
import { defineErrors } from '../errors';

export const ContestError = defineErrors({
  contest_not_found: { status: 404, message: 'Không tìm thấy cuộc bình chọn.' },
  entry_not_found: { status: 404, message: 'Không tìm thấy sản phẩm dự thi này trong cuộc bình chọn.' },
  judge_not_found: { status: 404, message: 'Không tìm thấy tài khoản giám khảo với email này.' },
  not_a_judge: { status: 409, message: 'Tài khoản này không có vai trò giám khảo.' },
  not_assigned: { status: 403, message: 'Bạn chưa được phân công chấm cuộc bình chọn này.' },
  entry_not_assigned: { status: 403, message: 'Bạn không được phân công chấm sản phẩm này.' },
  recused: { status: 403, message: 'Bạn đã khai báo xung đột lợi ích với sản phẩm này nên không chấm sản phẩm này.' },
  rules_not_accepted: { status: 409, message: 'Hãy đọc thể lệ và khai báo xung đột lợi ích trước khi chấm điểm.' },
  window_closed: { status: 409, message: 'Ngoài thời gian chấm điểm: không thể lưu phiếu chấm.' },
  sheet_submitted: { status: 409, message: 'Phiếu chấm đã nộp và đã khóa. Chỉ ban tổ chức mới mở lại được.' },
  stale_version: { status: 409, message: 'Phiếu chấm vừa được lưu ở nơi khác (một thẻ hoặc thiết bị khác). Hãy tải lại trang để xem bản mới nhất.' },
  version_required: { status: 400, message: 'Phiếu chấm đã có trên máy chủ: hãy gửi kèm “version” (phiên bản bạn đã tải) để không ghi đè mất thay đổi. Tải lại phiếu để lấy phiên bản mới nhất.' },
  invalid_scores: { status: 400, message: 'Điểm chưa hợp lệ, vui lòng kiểm tra các tiêu chí được đánh dấu.' },
  sheet_not_found: { status: 404, message: 'Không tìm thấy phiếu chấm.' },
  sheet_not_submitted: { status: 409, message: 'Phiếu chấm chưa nộp nên không cần mở lại.' },
  already_assigned: { status: 409, message: 'Giám khảo này đã được phân công cho cuộc bình chọn.' },
  has_sheets: { status: 409, message: 'Giám khảo đã có phiếu chấm trong cuộc bình chọn này nên không thể bỏ phân công.' },
  already_published: { status: 409, message: 'Kết quả đã được công bố.' },
  not_published: { status: 404, message: 'Kết quả chưa được công bố.' },
  judging_incomplete: { status: 409, message: 'Việc chấm chưa hoàn tất nên chưa thể công bố kết quả nếu không xác nhận rõ ràng.' },
  publish_reason_required: { status: 400, message: 'Công bố khi việc chấm chưa hoàn tất cần ghi lý do (ít nhất 5 ký tự).' },
  not_publishable: { status: 409, message: 'Chưa có phiếu chấm nào được nộp nên chưa thể công bố kết quả.' },
  vote_disabled: { status: 404, message: 'Cuộc bình chọn này không có bình chọn của người dân.' },
  vote_closed: { status: 409, message: 'Ngoài thời gian bình chọn của người dân.' },
  invalid_contact: { status: 400, message: 'Hãy nhập email hoặc số điện thoại di động Việt Nam (10 chữ số, bắt đầu bằng 0).' },
  phone_required: { status: 400, message: 'Cuộc bình chọn này chỉ nhận số điện thoại di động Việt Nam (10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09), không nhận email.' },
  landline: { status: 400, message: LANDLINE_MESSAGE },
  challenge_required: {
    status: 429,
    message: 'Địa chỉ mạng của bạn đã yêu cầu nhiều mã khi không có JavaScript. Hãy bật JavaScript để trình duyệt tự giải bài kiểm tra chống máy tự động, rồi gửi lại.',
  },
  challenge_invalid: { status: 400, message: 'Bài kiểm tra chống máy tự động không hợp lệ, đã hết hạn hoặc đã được dùng. Hãy tải lại trang và thử lại.' },
  rate_limited: { status: 429, message: 'Có quá nhiều yêu cầu từ địa chỉ mạng của bạn. Vui lòng thử lại sau.' },
  code_invalid: { status: 400, message: 'Mã xác minh không đúng hoặc đã hết hạn.' },
  code_attempts: { status: 429, message: 'Nhập sai mã quá nhiều lần. Hãy yêu cầu mã mới.' },
  voter_unverified: { status: 401, message: 'Hãy xác minh email hoặc số điện thoại trước khi bình chọn.' },
  already_voted: { status: 409, message: 'Bạn đã bình chọn rồi. Muốn đổi, hãy rút phiếu trước khi bình chọn lại.' },
  no_vote: { status: 404, message: 'Bạn chưa có phiếu bình chọn nào để rút.' },

  // Refusals of the contest forms (console, judges, vote): pages show these messages.
  unknown_action: { status: 400, message: 'Thao tác không hợp lệ.' },
  invalid_form: { status: 400, message: 'Chưa thể ghi nhận, vui lòng kiểm tra các mục được đánh dấu.' },
  unknown_sheet_action: { status: 400, message: 'Hãy chọn Lưu nháp, Lưu và chấm tiếp, hoặc Nộp phiếu.' },
  submit_unconfirmed: {
    status: 400,
    message: 'Nộp phiếu sẽ khóa phiếu chấm. Hãy đánh dấu ô “Tôi đã kiểm tra và muốn nộp phiếu” rồi bấm Nộp phiếu, hoặc bấm Lưu nháp.',
  },
  judge_email_required: { status: 400, message: 'Hãy nhập email giám khảo.' },
  reopen_reason_required: { status: 400, message: 'Hãy ghi lý do mở lại phiếu (ít nhất 5 ký tự).' },
  publish_unconfirmed: { status: 400, message: 'Hãy đánh dấu ô “Tôi đã kiểm tra bảng kết quả và muốn công bố” trước khi công bố.' },
  withdraw_reason_required: { status: 400, message: 'Hãy ghi lý do rút kết quả (ít nhất 5 ký tự).' },
  contact_required: { status: 400, message: 'Hãy nhập email hoặc số điện thoại di động.' },
  phone_contact_required: { status: 400, message: 'Hãy nhập số điện thoại di động.' },
  code_format: { status: 400, message: 'Mã xác minh gồm 6 chữ số.' },
  entry_required: { status: 400, message: 'Hãy chọn một sản phẩm.' },
  scope_required: { status: 400, message: 'Thiếu phiếu cần rút.' },
});
export type ContestError = InstanceType<typeof ContestError>;

/** Messages shown beside one field of a contest form (the page marks the field). */
export const CONTEST_FIELD_MESSAGES = {
  rulesAccepted: 'Bạn cần xác nhận đã đọc và chấp hành thể lệ chấm điểm.',
  otherReasonNote: 'Hãy ghi rõ lý do khác.',
  submitConfirm: 'Hãy đánh dấu ô này để nộp phiếu.',
  reason: 'Hãy ghi lý do (ít nhất 5 ký tự).',
  publishConfirm: 'Hãy đánh dấu ô xác nhận trước khi công bố.',
  publishEarly: 'Việc chấm chưa hoàn tất: cần đánh dấu ô này và ghi lý do.',
  publishEarlyReason: 'Hãy ghi lý do công bố sớm (ít nhất 5 ký tự).',
  withdrawReason: 'Hãy ghi lý do rút kết quả (ít nhất 5 ký tự).',
} as const;
