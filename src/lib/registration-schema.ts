/**
 * The one schema of a booth registration, shared by the form island (in the browser) and the
 * server (JSON API and the no-JavaScript form post). Every field has its own Vietnamese
 * message. Client-safe: no server imports.
 *
 * Form posts send strings ("on", "2"); JSON clients send booleans and numbers. Both are
 * accepted. Unknown fields are dropped (zod's default `strip`).
 */
import { z } from 'zod';
import { optionalText, requiredText } from './text';
import { ESTABLISHMENT_FIELDS, checkbox, consentField, firstMessages, taxCodeIssue } from './establishment-schema';
import { FAIR_OPS_FIELDS, boothChoiceIssues, fillFromBoothCodes, type BoothChoiceRules } from './booth-choice';

const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim() : v);

export { TAX_CODE } from './establishment-schema';

export { CONSENT_TEXT } from './consent-texts';

const baseObject = z.object({
  ...ESTABLISHMENT_FIELDS,
  products: requiredText('sản phẩm trưng bày', { min: 3, max: 2000, multiline: true, name: true }),
  boothTypeId: z.preprocess(
    trimmed,
    z
      .string({ required_error: 'Vui lòng chọn loại gian hàng.', invalid_type_error: 'Vui lòng chọn loại gian hàng.' })
      .min(1, 'Vui lòng chọn loại gian hàng.')
      .max(60, 'Loại gian hàng không có trong hội chợ này.')
      .regex(/^[a-z0-9-]+$/, 'Loại gian hàng không có trong hội chợ này.'),
  ),
  quantity: z.preprocess(
    (v) => (typeof v === 'string' && /^\s*\d{1,4}\s*$/.test(v) ? Number(v) : v),
    z
      .number({ required_error: 'Vui lòng nhập số gian.', invalid_type_error: 'Số gian phải là một số nguyên.' })
      .int('Số gian phải là một số nguyên.')
      .min(1, 'Cần đăng ký ít nhất 1 gian.')
      .max(100, 'Số gian vượt quá mức tối đa cho mỗi cơ sở.'),
  ),
  acceptFewer: z.preprocess(checkbox, z.boolean({ invalid_type_error: 'Giá trị "nhận ít gian hơn" không hợp lệ.' })),
  wantsSupport: z.preprocess(checkbox, z.boolean({ invalid_type_error: 'Giá trị "đề nghị hỗ trợ khuyến công" không hợp lệ.' })),
  notes: optionalText('ghi chú', { max: 2000, multiline: true }),
  consent: consentField('Cần đồng ý cho xử lý dữ liệu cá nhân (Nghị định 13/2023/NĐ-CP) để gửi đăng ký.'),
  // Booth choice on the floor plan, booth features asked for, directory consent (booth-choice.ts).
  ...FAIR_OPS_FIELDS,
});

/** Rules that span fields: households may omit the tax code; everyone else gives one. */
function crossField(schema: typeof baseObject) {
  return schema.superRefine((r, ctx) => {
    const taxCode = taxCodeIssue(r);
    if (taxCode) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['taxCode'], message: taxCode });
  });
}

/** The schema without a fair's own rules (booth types, per-establishment limit). */
export const RegistrationSchema = crossField(baseObject);
export type RegistrationInput = z.output<typeof baseObject>;

/** What the per-fair schema needs to know about a fair. */
export interface FairRules {
  boothTypes: readonly { id: string; name: string }[];
  maxBoothsPerEstablishment: number;
  /** The floor plan's booths when applicants may choose them. */
  choice?: BoothChoiceRules | undefined;
}

/** The schema with one fair's booth types and per-establishment limit. */
export function registrationSchemaFor(fair: FairRules) {
  let schema = schemas.get(fair);
  if (!schema) {
    schema = buildSchemaFor(fair);
    schemas.set(fair, schema);
  }
  return schema;
}

/** One schema per fair object (the server keeps its fairs; building a zod schema per request is waste). */
const schemas = new WeakMap<FairRules, ReturnType<typeof buildSchemaFor>>();

function buildSchemaFor(fair: FairRules) {
  const typeName = (id: string) => fair.boothTypes.find((b) => b.id === id)?.name ?? id;
  const schema = crossField(baseObject).superRefine((r, ctx) => {
    const booths = boothChoiceIssues(r, fair.choice, typeName);
    if (booths) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['boothCodes'], message: booths });
    if (!fair.boothTypes.some((b) => b.id === r.boothTypeId)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['boothTypeId'], message: 'Loại gian hàng không có trong hội chợ này.' });
    }
    if (r.quantity > fair.maxBoothsPerEstablishment) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['quantity'],
        message: `Mỗi cơ sở được đăng ký tối đa ${String(fair.maxBoothsPerEstablishment)} gian ở hội chợ này.`,
      });
    }
  });
  return z.preprocess((raw) => fillFromBoothCodes(raw, fair.choice), schema);
}

/** Contact details the applicant may correct through the management link. */
export const ContactUpdateSchema = z.object({
  representative: baseObject.shape.representative,
  phone: baseObject.shape.phone,
  email: baseObject.shape.email,
});
export type ContactUpdate = z.output<typeof ContactUpdateSchema>;

/** Status lookup: code + phone. */
export const LookupSchema = z.object({
  code: z.preprocess(
    (v) => (typeof v === 'string' ? v.replace(/[\s-]/g, '').toUpperCase() : v),
    z
      .string({ required_error: 'Vui lòng nhập mã đăng ký.', invalid_type_error: 'Mã đăng ký không hợp lệ.' })
      .min(1, 'Vui lòng nhập mã đăng ký.')
      .regex(/^[2-9A-HJ-NP-Z]{6}$/, 'Mã đăng ký gồm 6 ký tự chữ và số (không có 0, O, 1, I).'),
  ),
  phone: baseObject.shape.phone,
});

/** Per-field messages of a failed parse: `{ field: message }` (first message per field). */
export const registrationFieldErrors = firstMessages;
