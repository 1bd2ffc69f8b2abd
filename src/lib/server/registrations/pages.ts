/**
 * What the no-JavaScript forms do with a post: read it (bounded, through http.ts's one form
 * reader: 415 for another type, 413 past 64 KB without reading on, 400 for a broken multipart
 * body), parse it with the shared schema, call the domain, and turn typed errors into a status
 * and a Vietnamese message for the page to show. page-data.ts prepares each page from these.
 */
import { ContactUpdateSchema, LookupSchema, registrationSchemaFor } from '../../registration-schema';
import type { AuditActor } from '../audit';
import { AppError } from '../errors';
import { readForm } from '../http';
import { requireOpenWindow } from './availability';
import { ProductsSchema, ReduceSchema, safeParseFields } from './forms';
import { registerBoothsQueued } from './holding';
import { withSiteVillage } from './fairs';
import { LOOKUP_DONE, MANAGE_DONE } from './messages';
import { checkLookupRate, checkRegistrationRate } from './rate-limit';
import { answerOffer, answerOfferByCode, cancelRegistration, lookupRegistration, reduceBooths, resendManageLink, updateContact, updateProducts } from './self-service';
import type { FairInfo, RegisterResult, RegistrationView } from './types';

export type PageOutcome<T> =
  | { kind: 'ok'; status: number; value: T }
  | { kind: 'invalid'; status: 400; fields: Record<string, string> }
  | { kind: 'error'; status: number; code: string; message: string; retryAfterSeconds?: number | undefined };

/** A typed error as a page outcome; anything else is a bug and goes on up (a 500, logged). */
function failure(error: unknown): PageOutcome<never> {
  if (error instanceof AppError) {
    const e = error as AppError;
    if (e.fields) return { kind: 'invalid', status: 400, fields: e.fields };
    return { kind: 'error', status: e.status, code: e.code, message: e.message, retryAfterSeconds: e.retryAfterSeconds };
  }
  throw error;
}

/** What a page needs from a request (Astro's context fits). */
export interface PageRequest {
  request: Request;
  ip: string | null;
  actor: AuditActor;
}

/**
 * A form post read and handled by `handle`; reading errors (415/413/400) are outcomes too.
 * A name sent more than once (a group of checkboxes: `wantedTags`, `codes`) keeps every
 * value, joined by commas.
 */
export async function postedForm<T>(request: Request, handle: (form: Record<string, string>) => Promise<PageOutcome<T>> | PageOutcome<T>): Promise<{ form: Record<string, string>; outcome: PageOutcome<T> }> {
  let form: Record<string, string> = {};
  try {
    const params = await readForm(request);
    form = Object.fromEntries([...new Set(params.keys())].map((k) => [k, params.getAll(k).join(',')]));
    return { form, outcome: await handle(form) };
  } catch (error) {
    return { form, outcome: failure(error) };
  }
}

/**
 * A registration posted by the plain form: the same queue (writer thread) as the JSON API. Staff
 * registering a business that phoned or walked in use it too (`enteredByStaff`): same rules,
 * same capacity check, same write path; no per-IP limit for them.
 */
export async function submitRegistrationForm(fair: FairInfo, form: Record<string, string>, ip: string | null, actor: AuditActor, options: { enteredByStaff?: boolean } = {}): Promise<PageOutcome<RegisterResult>> {
  try {
    if (!options.enteredByStaff) checkRegistrationRate(ip);
    requireOpenWindow(fair);
    const parsed = safeParseFields(registrationSchemaFor(fair), form);
    if (!parsed.ok) return { kind: 'invalid', status: 400, fields: parsed.fields };
    const result = await registerBoothsQueued(fair, await withSiteVillage(parsed.data), { actor, ...(options.enteredByStaff ? { enteredByStaff: true } : {}) });
    return { kind: 'ok', status: result.httpStatus, value: result };
  } catch (error) {
    return failure(error);
  }
}

/** What the lookup page did besides showing the registration. */
export type LookupAction = keyof typeof LOOKUP_DONE;

/**
 * The status lookup form (code + phone), limited per IP and per code like the API; with
 * `action` it also sends the management link again (`resend`, to `channel`) or answers an offer.
 */
export function submitLookupForm(form: Record<string, string>, resolveFair: (slug: string) => FairInfo | null, ip: string | null, actor: AuditActor = { actorId: null, ip }): PageOutcome<RegistrationView & { done?: string }> {
  try {
    const parsed = safeParseFields(LookupSchema, form);
    if (!parsed.ok) return { kind: 'invalid', status: 400, fields: parsed.fields };
    checkLookupRate(ip, parsed.data.code);
    const { code, phone } = parsed.data;
    const action = form['action'] ?? '';
    let done: string | undefined;
    if (action === 'resend') {
      const view = lookupRegistration(code, phone, resolveFair);
      const channel = form['channel'] === 'email' ? 'email' : form['channel'] === 'sms' ? 'sms' : null;
      resendManageLink(code, phone, resolveFair(view.fair), channel, actor);
      done = LOOKUP_DONE.resend;
    } else if (action === 'accept-offer' || action === 'decline-offer') {
      const view = lookupRegistration(code, phone, resolveFair);
      const fair = resolveFair(view.fair);
      if (!fair) return { kind: 'error', status: 404, code: 'fair_not_found', message: 'Không tìm thấy hội chợ của đơn này.' };
      answerOfferByCode(code, phone, fair, action === 'accept-offer', actor);
      done = LOOKUP_DONE[action];
    } else if (action !== '' && action !== 'lookup') {
      return { kind: 'error', status: 400, code: 'invalid_input', message: 'Thao tác không hợp lệ.' };
    }
    return { kind: 'ok', status: 200, value: { ...lookupRegistration(code, phone, resolveFair), ...(done ? { done } : {}) } };
  } catch (error) {
    return failure(error);
  }
}

/** A form on the management page: correct contact details, cancel, accept or decline an offer. */
export function submitManageForm(token: string, fair: FairInfo | null, form: Record<string, string>, actor: AuditActor): PageOutcome<string> {
  try {
    const action = form['action'] ?? '';
    switch (action) {
      case 'update-contact': {
        const parsed = safeParseFields(ContactUpdateSchema, form);
        if (!parsed.ok) return { kind: 'invalid', status: 400, fields: parsed.fields };
        updateContact(token, parsed.data, actor);
        return { kind: 'ok', status: 200, value: MANAGE_DONE[action] };
      }
      case 'cancel':
        if (form['confirm'] !== 'on') return { kind: 'invalid', status: 400, fields: { confirm: 'Vui lòng đánh dấu xác nhận hủy đơn.' } };
        cancelRegistration(token, fair, actor);
        return { kind: 'ok', status: 200, value: MANAGE_DONE[action] };
      case 'accept-offer':
      case 'decline-offer':
        if (!fair) return { kind: 'error', status: 404, code: 'fair_not_found', message: 'Không tìm thấy hội chợ của đơn này.' };
        answerOffer(token, fair, action === 'accept-offer', actor);
        return { kind: 'ok', status: 200, value: MANAGE_DONE[action] };
      case 'reduce': {
        if (!fair) return { kind: 'error', status: 404, code: 'fair_not_found', message: 'Không tìm thấy hội chợ của đơn này.' };
        const parsed = safeParseFields(ReduceSchema, form);
        if (!parsed.ok) return { kind: 'invalid', status: 400, fields: parsed.fields };
        reduceBooths(token, fair, parsed.data.quantity, actor);
        return { kind: 'ok', status: 200, value: MANAGE_DONE[action] };
      }
      case 'update-products': {
        const parsed = safeParseFields(ProductsSchema, form);
        if (!parsed.ok) return { kind: 'invalid', status: 400, fields: parsed.fields };
        updateProducts(token, parsed.data.products, parsed.data.directoryConsent, actor);
        return { kind: 'ok', status: 200, value: MANAGE_DONE[action] };
      }
      default:
        return { kind: 'error', status: 400, code: 'invalid_input', message: 'Thao tác không hợp lệ.' };
    }
  } catch (error) {
    return failure(error);
  }
}
