/** Typed errors of the online entries, with their HTTP status and Vietnamese message (one catalogue). */
import { defineErrors } from '../../errors';

export const EntryError = defineErrors({
  contest_not_found: { status: 404, message: 'Không tìm thấy cuộc bình chọn.' },
  no_online_entries: { status: 404, message: 'Cuộc bình chọn này không nhận hồ sơ trực tuyến.' },
  window_closed: { status: 409, message: 'Ngoài thời gian nhận hồ sơ của cuộc bình chọn.' },
  entry_not_found: { status: 404, message: 'Không tìm thấy hồ sơ dự thi.' },
  link_invalid: { status: 404, message: 'Đường dẫn quản lý hồ sơ không đúng hoặc đã hết hiệu lực.' },
  multipart_required: { status: 415, message: 'Hồ sơ phải được gửi bằng biểu mẫu có tệp đính kèm (multipart/form-data).' },
  malformed_multipart: { status: 400, message: 'Nội dung gửi lên bị hỏng hoặc bị ngắt giữa chừng. Vui lòng gửi lại.' },
  field_too_long: { status: 400, message: 'Một trường của biểu mẫu quá dài.' },
  too_many_files: { status: 400, message: 'Hồ sơ có quá nhiều tệp.' },
  file_too_large: { status: 413, message: 'Một tệp vượt giới hạn dung lượng mỗi tệp.' },
  entry_too_large: { status: 413, message: 'Hồ sơ gửi lên vượt giới hạn dung lượng cả hồ sơ.' },
  invalid_entry: { status: 400, message: 'Hồ sơ chưa hợp lệ, vui lòng kiểm tra các mục được đánh dấu.' },
  incomplete: { status: 400, message: 'Hồ sơ chưa đủ để gửi, vui lòng bổ sung các mục được đánh dấu. Bạn vẫn có thể lưu bản nháp.' },
  read_only: { status: 409, message: 'Hồ sơ đã gửi nên không sửa được nữa, trừ khi ban tổ chức đề nghị bổ sung.' },
  stale_version: { status: 409, message: 'Hồ sơ vừa được lưu ở nơi khác (một thẻ hoặc thiết bị khác). Hãy tải lại trang để xem bản mới nhất.' },
  transition_not_allowed: { status: 409, message: 'Không thể chuyển hồ sơ sang trạng thái này từ trạng thái hiện tại.' },
  reason_required: { status: 400, message: 'Hãy ghi lý do gửi cho cơ sở (ít nhất 5 ký tự).' },
  checklist_incomplete: { status: 400, message: 'Chỉ đưa hồ sơ vào chấm điểm khi đã xác nhận đủ các điều kiện tham gia. Hồ sơ chưa đủ điều kiện thì chọn "Đề nghị bổ sung" hoặc "Không đủ điều kiện".' },
  unknown_action: { status: 400, message: 'Thao tác không hợp lệ.' },
  file_not_found: { status: 404, message: 'Không tìm thấy tệp.' },
  product_exists: { status: 409, message: 'Đã có trang sản phẩm với tên này trong nội dung.' },
  not_recognised: { status: 409, message: 'Chỉ sản phẩm đã được công nhận (kết quả đã công bố) mới tạo được trang sản phẩm.' },
});
export type EntryError = InstanceType<typeof EntryError>;
