/**
 * What the no-JavaScript pages do with a form post: parse with the shared schema and call the
 * domain, turning typed errors into a status and a Vietnamese message for the page to show.
 */
import { ContactUpdateSchema, LookupSchema, registrationSchemaFor } from '../../registration-schema';
import type { AuditActor } from '../audit';
import { AppError } from '../errors';
import { safeParseFields } from './forms';
import { checkLookupRate, checkRegistrationRate } from './rate-limit';
import {
  answerOffer,
  cancelRegistration,
  lookupRegistration,
  registerBooths,
  requireOpenWindow,
  updateContact,
  type FairInfo,
  type RegisterResult,
  type RegistrationView,
} from './service';

export type PageOutcome<T> =
  | { kind: 'ok'; status: number; value: T }
  | { kind: 'invalid'; status: 400; fields: Record<string, string> }
  | { kind: 'error'; status: number; code: string; message: string; retryAfterSeconds?: number | undefined };

function failure(error: unknown): PageOutcome<never> {
  if (error instanceof AppError) {
    const e = error as AppError;
    if (e.fields) return { kind: 'invalid', status: 400, fields: e.fields };
    return { kind: 'error', status: e.status, code: e.code, message: e.message, retryAfterSeconds: e.retryAfterSeconds };
  }
  throw error;
}

/** A registration posted by the plain form. */
export function submitRegistrationForm(fair: FairInfo, form: Record<string, string>, ip: string | null, actor: AuditActor): PageOutcome<RegisterResult> {
  try {
    checkRegistrationRate(ip);
    requireOpenWindow(fair);
    const parsed = safeParseFields(registrationSchemaFor(fair), form);
    if (!parsed.ok) return { kind: 'invalid', status: 400, fields: parsed.fields };
    const result = registerBooths(fair, parsed.data, { actor });
    return { kind: 'ok', status: result.httpStatus, value: result };
  } catch (error) {
    return failure(error);
  }
}

/** The status lookup form (code + phone), limited per IP and per code like the API. */
export function submitLookupForm(form: Record<string, string>, resolveFair: (slug: string) => FairInfo | null, ip: string | null): PageOutcome<RegistrationView> {
  try {
    const parsed = safeParseFields(LookupSchema, form);
    if (!parsed.ok) return { kind: 'invalid', status: 400, fields: parsed.fields };
    checkLookupRate(ip, parsed.data.code);
    return { kind: 'ok', status: 200, value: lookupRegistration(parsed.data.code, parsed.data.phone, resolveFair) };
  } catch (error) {
    return failure(error);
  }
}

/** A form on the management page: correct contact details, cancel, accept or decline an offer. */
export function submitManageForm(token: string, fair: FairInfo | null, form: Record<string, string>, actor: AuditActor): PageOutcome<string> {
  try {
    switch (form['action']) {
      case 'update-contact': {
        const parsed = safeParseFields(ContactUpdateSchema, form);
        if (!parsed.ok) return { kind: 'invalid', status: 400, fields: parsed.fields };
        updateContact(token, parsed.data, actor);
        return { kind: 'ok', status: 200, value: 'Đã lưu thông tin liên hệ.' };
      }
      case 'cancel':
        if (form['confirm'] !== 'on') return { kind: 'invalid', status: 400, fields: { confirm: 'Vui lòng đánh dấu xác nhận hủy đơn.' } };
        cancelRegistration(token, fair, actor);
        return { kind: 'ok', status: 200, value: 'Đã hủy đơn đăng ký.' };
      case 'accept-offer':
      case 'decline-offer':
        if (!fair) return { kind: 'error', status: 404, code: 'fair_not_found', message: 'Không tìm thấy hội chợ của đơn này.' };
        answerOffer(token, fair, form['action'] === 'accept-offer', actor);
        return { kind: 'ok', status: 200, value: form['action'] === 'accept-offer' ? 'Bạn đã nhận gian. Đơn đang chờ ban tổ chức duyệt.' : 'Bạn đã từ chối lời mời; gian được chuyển cho đơn tiếp theo.' };
      default:
        return { kind: 'error', status: 400, code: 'invalid_input', message: 'Thao tác không hợp lệ.' };
    }
  } catch (error) {
    return failure(error);
  }
}
