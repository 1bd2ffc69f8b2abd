/**
 * Input parsing shared by the JSON routes and the no-JavaScript pages: the shared zod schema
 * with Vietnamese messages, the Idempotency-Key header, the organiser's commands and filters.
 */
import { z } from 'zod';
import { REGISTRATION_STATUSES } from '../../vocabulary';
import { registrationFieldErrors } from '../../registration-schema';
import { cleanText, requiredText } from '../../text';

/** The management link's new number of booths. */
export const ReduceSchema = z.object({
  quantity: z.preprocess(
    (v) => (typeof v === 'string' && /^\s*\d{1,3}\s*$/.test(v) ? Number(v) : v),
    z.number({ required_error: 'Vui lòng chọn số gian mới.', invalid_type_error: 'Số gian phải là một số nguyên.' }).int('Số gian phải là một số nguyên.').min(1, 'Cần giữ ít nhất 1 gian; muốn bỏ hết thì hủy đơn.'),
  ),
});

/** The management link's products and directory consent. */
export const ProductsSchema = z.object({
  products: requiredText('sản phẩm trưng bày', { min: 3, max: 2000, multiline: true, name: true }),
  directoryConsent: z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean()),
});
import { viErrorMap } from '../http';
import { HttpError } from '../errors';

export type Parsed<T> = { ok: true; data: T } | { ok: false; fields: Record<string, string> };

/** Parses `data` with `schema`; per-field Vietnamese messages on failure (never throws). */
export function safeParseFields<S extends z.ZodTypeAny>(schema: S, data: unknown): Parsed<z.output<S>> {
  const result = schema.safeParse(data, { errorMap: viErrorMap });
  if (result.success) return { ok: true, data: result.data as z.output<S> };
  return { ok: false, fields: registrationFieldErrors(result.error) };
}

/** The Idempotency-Key header's value: 1–200 visible ASCII characters, or null when absent. */
export function idempotencyKeyOf(key: string | null): string | null {
  if (key === null) return null;
  if (!/^[\x21-\x7e]{1,200}$/.test(key)) {
    throw new HttpError('invalid_input', { fields: { 'Idempotency-Key': 'Idempotency-Key gồm 1–200 ký tự ASCII in được, không có khoảng trắng.' } });
  }
  return key;
}

/** An organiser's command on one registration (JSON or form). */
export const OrganiserCommandSchema = z.discriminatedUnion(
  'action',
  [
    z.object({ action: z.literal('approve') }),
    // Free text through the one normalisation (lib/text.ts): the reason is sent to the
    // applicant and shown in the console and the CSV, so no invisible or reordering characters.
    z.object({ action: z.literal('reject'), reason: requiredText('lý do từ chối', { min: 3, max: 1000, multiline: true, name: true }) }),
    z.object({ action: z.literal('waitlist') }),
    z.object({ action: z.literal('assign'), boothNumbers: requiredText('số gian', { max: 200 }) }),
    z.object({ action: z.literal('move'), from: requiredText('gian đang có', { max: 12 }), to: requiredText('gian chuyển đến', { max: 12 }) }),
    z.object({ action: z.literal('vacate'), from: requiredText('gian trả lại', { max: 12 }) }),
    z.object({ action: z.literal('offer-notified') }),
  ],
  { errorMap: () => ({ message: 'Thao tác không hợp lệ.' }) },
);

/** The applicant's commands through the management link. */
export const ManageCommandSchema = z.object({
  action: z.enum(['update-contact', 'cancel', 'accept-offer', 'decline-offer', 'reduce', 'update-products'], {
    errorMap: () => ({ message: 'Thao tác không hợp lệ.' }),
  }),
});

const statusParam = z.enum(REGISTRATION_STATUSES).optional().catch(undefined);

/** Console filters from a query string (unknown values are ignored, never an error). */
export function listFilterFrom(params: URLSearchParams) {
  const support = params.get('ho-tro');
  const q = cleanText(params.get('q') ?? '').slice(0, 100);
  return {
    q: q || undefined,
    status: statusParam.parse(params.get('trang-thai') ?? undefined),
    boothTypeId: params.get('loai-gian') || undefined,
    province: params.get('tinh') || undefined,
    support: support === 'co' ? true : support === 'khong' ? false : undefined,
  };
}
