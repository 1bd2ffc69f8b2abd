/**
 * The establishment's fields — who applies — shared by booth registration and contest entries
 * (one schema, one set of Vietnamese messages): name, type, tax code, craft village,
 * representative, mobile phone, email, province and commune, and the consent under
 * Nghị định 13/2023/NĐ-CP. Client-safe: no server imports.
 */
import { z } from 'zod';
import { ESTABLISHMENT_TYPES } from './vocabulary';
import { PROVINCE_SLUGS } from './provinces';
import { mobilePhoneField } from './phone';
import { optionalText, requiredText } from './text';

/** Tax code: 10 digits, or 10 digits + "-" + 3 for a branch. */
export const TAX_CODE = /^\d{10}(-\d{3})?$/;

const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim() : v);
/** Trimmed; '' and null read as absent. */
export const emptyToUndefined = (v: unknown) => {
  const t = trimmed(v);
  return t === '' || t === null ? undefined : t;
};
/** true | "on" | "true" | "1" → true; absent, false, "", "false", "0" → false. */
export const checkbox = (v: unknown) => {
  if (v === true || v === 'on' || v === 'true' || v === '1' || v === 'yes') return true;
  if (v === undefined || v === null || v === false || v === '' || v === 'false' || v === '0' || v === 'no') return false;
  return v;
};

/** A consent checkbox that must be ticked, with the message that says why. */
export function consentField(message: string) {
  return z.preprocess(checkbox, z.literal(true, { errorMap: () => ({ message }) }));
}

/** The establishment's fields (without consent: its purpose differs per form). */
export const ESTABLISHMENT_FIELDS = {
  establishmentName: requiredText('tên cơ sở', { min: 2, max: 200, name: true }),
  establishmentType: z.enum(ESTABLISHMENT_TYPES.ids, {
    errorMap: () => ({ message: 'Vui lòng chọn loại hình cơ sở trong danh sách.' }),
  }),
  taxCode: z.preprocess(
    // Written in groups ("5100 123 456", "4200123456 - 001"): the spaces are not part of it.
    (v) => { const t = emptyToUndefined(v); return typeof t === 'string' ? t.replace(/\s+/gu, '') : t; },
    z
      .string({ invalid_type_error: 'Mã số thuế phải là chữ số.' })
      .regex(TAX_CODE, 'Mã số thuế gồm 10 chữ số, hoặc 10 chữ số, dấu "-" và 3 chữ số với chi nhánh (ví dụ 4200123456-001).')
      .optional(),
  ),
  craftVillage: optionalText('tên làng nghề', { max: 200, name: true }),
  representative: requiredText('họ tên người đại diện', { min: 2, max: 120, name: true }),
  phone: mobilePhoneField(),
  email: z.preprocess(
    emptyToUndefined,
    z
      .string({ invalid_type_error: 'Địa chỉ email phải là chữ.' })
      .max(254, 'Địa chỉ email tối đa 254 ký tự.')
      .email('Địa chỉ email chưa đúng (ví dụ: ten@example.vn).')
      .optional(),
  ),
  province: z.enum(PROVINCE_SLUGS, {
    errorMap: () => ({ message: 'Vui lòng chọn tỉnh, thành phố (một trong 34 đơn vị hành chính hiện nay).' }),
  }),
  commune: requiredText('xã, phường, đặc khu', { min: 2, max: 120, name: true }),
};

/** The names of the establishment's fields, in form order. */
export const ESTABLISHMENT_FIELD_NAMES = Object.keys(ESTABLISHMENT_FIELDS) as (keyof typeof ESTABLISHMENT_FIELDS)[];

/** Households may omit the tax code; everyone else gives one. */
export function taxCodeIssue(r: { establishmentType?: string | undefined; taxCode?: string | undefined }): string | null {
  return r.establishmentType !== undefined && r.establishmentType !== 'household' && !r.taxCode
    ? 'Vui lòng nhập mã số thuế (chỉ hộ kinh doanh được để trống).'
    : null;
}

/** Per-field messages of a failed parse: `{ field: message }` (first message per field). */
export function firstMessages(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_';
    fields[key] ??= issue.message;
  }
  return fields;
}
