/**
 * Input parsing shared by the JSON routes and the no-JavaScript pages: the shared zod schema
 * with Vietnamese messages, the Idempotency-Key header, the organiser's commands and filters.
 */
import { z } from 'zod';
import { REGISTRATION_STATUSES } from '../../vocabulary';
import { registrationFieldErrors } from '../../registration-schema';
import { requiredText } from '../../text';
import { viErrorMap } from '../http';
import { HttpError } from '../errors';

export type Parsed<T> = { ok: true; data: T } | { ok: false; fields: Record<string, string> };

/** Parses `data` with `schema`; per-field Vietnamese messages on failure (never throws). */
export function safeParseFields<S extends z.ZodTypeAny>(schema: S, data: unknown): Parsed<z.output<S>> {
  const result = schema.safeParse(data, { errorMap: viErrorMap });
  if (result.success) return { ok: true, data: result.data as z.output<S> };
  return { ok: false, fields: registrationFieldErrors(result.error) };
}

/** The Idempotency-Key header: 1–200 visible ASCII characters, or null when absent. */
export function idempotencyKeyOf(request: Request): string | null {
  const key = request.headers.get('idempotency-key');
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
  ],
  { errorMap: () => ({ message: 'Thao tác không hợp lệ.' }) },
);

/** The applicant's commands through the management link. */
export const ManageCommandSchema = z.object({
  action: z.enum(['update-contact', 'cancel', 'accept-offer', 'decline-offer'], {
    errorMap: () => ({ message: 'Thao tác không hợp lệ.' }),
  }),
});

const statusParam = z.enum(REGISTRATION_STATUSES).optional().catch(undefined);

/** Console filters from a query string (unknown values are ignored, never an error). */
export function listFilterFrom(params: URLSearchParams) {
  const support = params.get('ho-tro');
  return {
    status: statusParam.parse(params.get('trang-thai') ?? undefined),
    boothTypeId: params.get('loai-gian') || undefined,
    province: params.get('tinh') || undefined,
    support: support === 'co' ? true : support === 'khong' ? false : undefined,
  };
}
