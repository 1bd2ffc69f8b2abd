/**
 * Phone numbers and contacts: the one validator of the whole site (booth registration, contest
 * entries, the people's vote, the console). Only Vietnamese MOBILE numbers are accepted: the
 * site texts them (confirmations, offers, verification codes), a landline cannot receive an
 * SMS, and mobile subscriptions are registered to a person's identity (which is what makes a
 * phone-verified vote costly to fake). Stored as E.164 (+84…). Client-safe.
 */
import { z } from 'zod';

/** Vietnamese mobile prefixes (03, 05, 07, 08, 09) after the 2018 renumbering. */
const MOBILE = /^0[35789]\d{8}$/;

export const MOBILE_MESSAGE = 'Số điện thoại di động Việt Nam gồm 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09.';

/**
 * A Vietnamese mobile number in any common spelling ("0912 345 678", "+84 912.345.678",
 * "84912345678", "(091) 234-5678") → "+84912345678", or null when it is not one.
 */
export function normalizePhone(raw: string): string | null {
  const compact = raw.normalize('NFKC').replace(/[\s.\-()\u200b-\u200d\u2060\ufeff]/g, '');
  let local: string;
  if (compact.startsWith('+84')) local = `0${compact.slice(3)}`;
  else if (compact.startsWith('84') && compact.length === 11) local = `0${compact.slice(2)}`;
  else local = compact;
  return MOBILE.test(local) ? `+84${local.slice(1)}` : null;
}

/** "+84912345678" → "0912 345 678" for display. */
export function formatPhone(e164: string): string {
  const local = e164.startsWith('+84') ? `0${e164.slice(3)}` : e164;
  return local.length === 10 ? `${local.slice(0, 4)} ${local.slice(4, 7)} ${local.slice(7)}` : local;
}

/** A required mobile number field: any spelling in, "+84…" out, one Vietnamese message. */
export function mobilePhoneField(requiredMessage = 'Vui lòng nhập số điện thoại di động.') {
  return z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z
      .string({ required_error: requiredMessage, invalid_type_error: 'Số điện thoại phải là chữ số.' })
      .min(1, requiredMessage)
      .max(30, MOBILE_MESSAGE)
      .transform((v, ctx) => {
        const phone = normalizePhone(v);
        if (!phone) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: MOBILE_MESSAGE });
          return z.NEVER;
        }
        return phone;
      }),
  );
}

export interface Contact {
  channel: 'email' | 'sms';
  /** Normalised: lower-case email, or +84… */
  value: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * An email address or a Vietnamese mobile number → the channel to reach it and its normal
 * form; null when it is neither (landlines included). `phoneOnly` refuses email addresses.
 */
export function normaliseContact(raw: string, options: { phoneOnly?: boolean } = {}): Contact | null {
  const t = raw.normalize('NFC').trim();
  if (EMAIL.test(t)) return !options.phoneOnly && t.length <= 254 ? { channel: 'email', value: t.toLowerCase() } : null;
  const phone = normalizePhone(t);
  return phone ? { channel: 'sms', value: phone } : null;
}

/** Vietnamese landlines since 2017: 0 + area code 2x(x) + subscriber, 11 digits starting with 02. */
const LANDLINE = /^02\d{9}$/;

export const LANDLINE_MESSAGE =
  'Số máy bàn không nhận được tin nhắn. Hãy nhập số điện thoại di động (10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09).';

/** Whether `raw` is a Vietnamese landline number in a common spelling ("0236 3822 123", "+84 236…"). */
export function isLandline(raw: string): boolean {
  const compact = raw.normalize('NFKC').replace(/[\s.\-()\u200b-\u200d\u2060\ufeff]/g, '');
  const local = compact.startsWith('+84') ? `0${compact.slice(3)}` : compact.startsWith('84') && compact.length === 12 ? `0${compact.slice(2)}` : compact;
  return LANDLINE.test(local);
}

export type ContactCheck = { ok: true; contact: Contact } | { ok: false; problem: 'email_not_allowed' | 'landline' | 'invalid' };

/**
 * `normaliseContact` with the reason of a refusal, so that a form can say what to do: an
 * email where only phones are taken, a landline (no SMS), or neither an email nor a mobile.
 */
export function checkContact(raw: string, options: { phoneOnly?: boolean } = {}): ContactCheck {
  const contact = normaliseContact(raw, options);
  if (contact) return { ok: true, contact };
  if (isLandline(raw)) return { ok: false, problem: 'landline' };
  if (options.phoneOnly && normaliseContact(raw)) return { ok: false, problem: 'email_not_allowed' };
  return { ok: false, problem: 'invalid' };
}
