/**
 * Vietnamese validation messages for editors' content. Astro formats schema errors in English;
 * `friendly()` validates with our own error map first and reports each problem as a custom issue,
 * so `npm run build` says which field of which file is wrong, and what was expected, in Vietnamese.
 */
import { z } from 'astro/zod';
import type { SchemaContext } from 'astro:content';

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

/** Astro's `image()` for one entry: it resolves the entry's image paths beside its own file. */
type ImageFunction = SchemaContext['image'];

/**
 * The `image()` of the entry whose schema is being run, set by `friendly()` for the synchronous
 * part of each parse (see `entryImage`).
 */
let entryImageFn: ImageFunction | undefined;

/**
 * An image field in a schema built once for every entry. Astro calls a collection's schema
 * function once per entry, with an `image()` bound to that entry's file; a schema built inside
 * that function was the whole collection's zod tree (and its closures) rebuilt for each of the
 * 5,000 entries of the build benchmark. So the trees are built once, and this field asks for the
 * `image()` of the entry being parsed when zod reaches it. Zod reaches every field of a schema
 * synchronously when a parse starts (only the work after a field is deferred; nothing here sits
 * under `z.preprocess` or a pipeline, whose children it parses later): a field reached outside
 * that window has no entry and throws, rather than resolving against another entry's file.
 */
export function entryImage(): ReturnType<ImageFunction> {
  const field = z.lazy(() => {
    if (!entryImageFn) throw new Error('entryImage(): read outside an entry\'s parse (under z.preprocess or a pipeline?)');
    return entryImageFn();
  });
  return field as unknown as ReturnType<ImageFunction>;
}

/**
 * Wraps a schema so that its errors reach Astro as custom issues carrying Vietnamese messages.
 * Async because `reference()` resolves entries asynchronously. `schema` is built once; the
 * wrapper, made per entry, carries the entry's `image()` to its `entryImage()` fields.
 */
export function friendly<S extends z.ZodTypeAny>(schema: S, image?: ImageFunction) {
  // `inner`: the schema itself, for tools that read its shape (the content editor's test).
  const wrapped = z.any().transform(async (data: unknown, ctx): Promise<z.output<S>> => {
    const outer = entryImageFn;
    entryImageFn = image;
    let parsing: Promise<z.SafeParseReturnType<unknown, z.output<S>>>;
    try {
      parsing = schema.safeParseAsync(data, { errorMap: vietnameseErrorMap });
    } finally {
      entryImageFn = outer;
    }
    const result = await parsing;
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: issue.path, message: issue.message });
    }
    return z.NEVER;
  });
  return Object.assign(wrapped, { inner: schema });
}
