/**
 * Vietnamese validation messages for editors' content. Astro formats schema errors in English;
 * `friendly()` validates with our own error map first and reports each problem as a custom issue,
 * so `npm run build` says which field of which file is wrong, and what was expected, in Vietnamese.
 */
import { z } from 'astro/zod';

const TYPE_NAMES: Record<string, string> = {
  string: 'chuỗi chữ',
  number: 'số',
  integer: 'số nguyên',
  boolean: 'true hoặc false',
  date: 'ngày',
  array: 'danh sách',
  object: 'nhóm trường',
  null: 'để trống (null)',
  undefined: 'để trống',
};
const typeName = (t: string) => TYPE_NAMES[t] ?? t;

export const vietnameseErrorMap: z.ZodErrorMap = (issue, ctx) => {
  switch (issue.code) {
    case z.ZodIssueCode.invalid_type:
      if (issue.received === 'undefined') return { message: 'bắt buộc nhưng đang thiếu' };
      return {
        message: `cần ${typeName(issue.expected)}, nhưng đang là ${typeName(issue.received)}`,
      };
    case z.ZodIssueCode.invalid_enum_value:
      return {
        message: `giá trị "${String(issue.received)}" không hợp lệ; chỉ nhận: ${issue.options.join(', ')}`,
      };
    case z.ZodIssueCode.invalid_literal:
      return { message: `phải đúng là ${JSON.stringify(issue.expected)}` };
    case z.ZodIssueCode.unrecognized_keys:
      return {
        message: `có trường không được biết (gõ sai tên?): ${issue.keys.join(', ')}`,
      };
    case z.ZodIssueCode.too_small:
      if (issue.type === 'array') return { message: `cần ít nhất ${String(issue.minimum)} mục` };
      if (issue.type === 'string')
        return {
          message:
            issue.minimum === 1
              ? 'không được để trống'
              : `cần ít nhất ${String(issue.minimum)} ký tự`,
        };
      return { message: `phải lớn hơn hoặc bằng ${String(issue.minimum)}` };
    case z.ZodIssueCode.too_big:
      if (issue.type === 'array') return { message: `nhiều nhất ${String(issue.maximum)} mục` };
      if (issue.type === 'string') return { message: `dài nhất ${String(issue.maximum)} ký tự` };
      return { message: `phải nhỏ hơn hoặc bằng ${String(issue.maximum)}` };
    case z.ZodIssueCode.invalid_string:
      if (issue.validation === 'url') return { message: 'cần một địa chỉ web đầy đủ (https://…)' };
      if (issue.validation === 'email') return { message: 'cần một địa chỉ email hợp lệ' };
      return { message: 'không đúng định dạng' };
    case z.ZodIssueCode.invalid_date:
      return { message: 'ngày không hợp lệ' };
    case z.ZodIssueCode.not_multiple_of:
      return { message: `phải là bội số của ${String(issue.multipleOf)}` };
    default:
      return { message: issue.message ?? ctx.defaultError };
  }
};

/**
 * Wraps a schema so that its errors reach Astro as custom issues carrying Vietnamese messages.
 * Async because `reference()` resolves entries asynchronously.
 */
export function friendly<S extends z.ZodTypeAny>(schema: S) {
  // `inner`: the schema itself, for tools that read its shape (the content editor's test).
  const wrapped = z.any().transform(async (data: unknown, ctx): Promise<z.output<S>> => {
    const result = await schema.safeParseAsync(data, { errorMap: vietnameseErrorMap });
    if (result.success) return result.data as z.output<S>;
    for (const issue of result.error.issues) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: issue.path, message: issue.message });
    }
    return z.NEVER;
  });
  return Object.assign(wrapped, { inner: schema });
}
