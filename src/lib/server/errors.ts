/**
 * Typed error codes. Each domain module declares its codes once, with the HTTP status and the
 * Vietnamese message, in one catalogue (`defineErrors`); `toErrorResponse` in http.ts turns
 * any of them into a JSON answer. Routes never invent statuses or messages of their own.
 *
 * @example
 * export const RegistrationError = defineErrors({
 *   sold_out: { status: 409, message: 'Loại gian hàng này đã hết.' },
 * });
 * throw new RegistrationError('sold_out');
 */
export interface ErrorSpec {
  status: number;
  /** Shown to people: Vietnamese, says what to do. */
  message: string;
}

export interface AppErrorOptions {
  /** Per-field Vietnamese messages (400). */
  fields?: Record<string, string>;
  /** Overrides the catalogue's message (e.g. with dates filled in). */
  message?: string;
  /** Sent as Retry-After (429, 503). */
  retryAfterSeconds?: number;
  /** Extra JSON members of the answer (e.g. the window's dates for a 409). */
  extra?: Record<string, unknown>;
}

export class AppError<C extends string = string> extends Error {
  readonly code: C;
  readonly status: number;
  readonly fields: Record<string, string> | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly extra: Record<string, unknown> | undefined;

  constructor(code: C, spec: ErrorSpec, options: AppErrorOptions = {}) {
    super(options.message ?? spec.message);
    this.name = 'AppError';
    this.code = code;
    this.status = spec.status;
    this.fields = options.fields;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.extra = options.extra;
  }
}

/** A catalogue of codes → an error class whose constructor only accepts those codes. */
export function defineErrors<C extends string>(catalogue: Record<C, ErrorSpec>) {
  return class extends AppError<C> {
    static readonly catalogue = catalogue;
    constructor(code: C, options?: AppErrorOptions) {
      super(code, catalogue[code], options);
    }
  };
}

/** Errors of the HTTP layer itself. */
export const HttpError = defineErrors({
  malformed_json: { status: 400, message: 'Nội dung gửi lên không phải JSON hợp lệ.' },
  invalid_input: { status: 400, message: 'Dữ liệu chưa hợp lệ, vui lòng kiểm tra các trường được đánh dấu.' },
  unauthenticated: { status: 401, message: 'Bạn cần đăng nhập để tiếp tục.' },
  forbidden: { status: 403, message: 'Tài khoản của bạn không có quyền thực hiện thao tác này.' },
  cross_origin: { status: 403, message: 'Yêu cầu phải được gửi từ chính trang web này.' },
  not_found: { status: 404, message: 'Không tìm thấy.' },
  payload_too_large: { status: 413, message: 'Nội dung gửi lên quá lớn.' },
  unsupported_media_type: { status: 415, message: 'Nội dung phải ở dạng JSON (Content-Type: application/json).' },
  unsupported_form_type: {
    status: 415,
    message: 'Biểu mẫu phải được gửi từ trang web (dạng application/x-www-form-urlencoded hoặc multipart/form-data).',
  },
  malformed_form: { status: 400, message: 'Nội dung biểu mẫu gửi lên bị hỏng. Vui lòng tải lại trang và gửi lại.' },
  internal: { status: 500, message: 'Máy chủ gặp sự cố. Vui lòng thử lại sau ít phút.' },
});
export type HttpError = InstanceType<typeof HttpError>;
