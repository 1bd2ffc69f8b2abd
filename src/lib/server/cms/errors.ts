/**
 * Errors of the content editor's API (/api/keystatic/*). Keystatic's editor shows the body of a
 * refused save as it is, so these answers are plain Vietnamese text (`cmsErrorResponse`), not
 * the JSON of the rest of the API.
 */
import { AppError, defineErrors } from '../errors';

export const CmsError = defineErrors({
  unauthenticated: {
    status: 401,
    message: 'Bạn cần đăng nhập lại để biên tập (phiên đăng nhập đã hết hạn). Mở trang /dang-nhap trong một thẻ mới, đăng nhập, rồi quay lại đây và lưu lại: những gì bạn đang sửa vẫn còn trên trang này.',
  },
  forbidden: { status: 403, message: 'Tài khoản của bạn không có quyền biên tập nội dung. Người quản trị có thể cấp vai trò Biên tập viên.' },
  cross_origin: { status: 403, message: 'Yêu cầu phải được gửi từ chính trang biên tập của cổng.' },
  not_found: { status: 404, message: 'Không tìm thấy.' },
  bad_request: { status: 400, message: 'Yêu cầu lưu nội dung không hợp lệ. Hãy tải lại trang biên tập và thử lại.' },
  payload_too_large: { status: 413, message: 'Nội dung gửi lên quá lớn: mỗi lần lưu tối đa 30 MB, mỗi ảnh tối đa 5 MB. Hãy thu nhỏ ảnh rồi lưu lại.' },
  base_required: {
    status: 428,
    message: 'Trang biên tập này là phiên bản cũ nên không cho biết bạn đã sửa từ phiên bản nào của tệp. Hãy tải lại trang (F5) rồi sửa lại, để không ghi đè thay đổi của người khác.',
  },
  conflict: { status: 409, message: 'Mục này vừa được người khác thay đổi sau khi bạn mở nó.' },
  invalid_path: { status: 400, message: 'Tệp nằm ngoài các thư mục nội dung mà trình biên tập được phép ghi.' },
  invalid_entry: { status: 422, message: 'Chưa lưu: nội dung còn lỗi.' },
  invalid_image: { status: 422, message: 'Chưa lưu: ảnh không hợp lệ.' },
  referenced: { status: 409, message: 'Chưa xóa: mục này đang được mục khác dùng đến.' },
  busy: { status: 503, message: 'Đang có người khác lưu nội dung. Vui lòng thử lại sau vài giây.' },
  not_a_repository: {
    status: 409,
    message: 'Thư mục nội dung chưa nằm trong một kho git nên chưa có lịch sử. Người quản trị có thể tạo kho ở trang Xuất bản.',
  },
  git_missing: { status: 503, message: 'Máy chủ chưa cài git nên không ghi được lịch sử nội dung. Người quản trị cần cài git (apt-get install git).' },
  version_not_found: { status: 404, message: 'Không tìm thấy phiên bản này trong lịch sử của mục.' },
});
export type CmsError = InstanceType<typeof CmsError>;

/** A plain-text answer (what Keystatic's editor shows) for a thrown error; other errors are logged and answered 500. */
export function cmsErrorResponse(error: unknown): Response {
  if (error instanceof AppError) {
    const headers: Record<string, string> = { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' };
    if (error.retryAfterSeconds !== undefined) headers['Retry-After'] = String(error.retryAfterSeconds);
    return new Response(error.message, { status: error.status, headers });
  }
  const e = error instanceof Error ? error : new Error(String(error));
  process.stderr.write(`${JSON.stringify({ t: new Date().toISOString(), level: 'error', cms: e.name, message: e.message, stack: e.stack })}\n`);
  return new Response('Máy chủ gặp sự cố khi lưu nội dung. Những gì bạn đang sửa vẫn còn trên trang; vui lòng thử lại sau ít phút.', {
    status: 500,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}
