/**
 * Keystatic fields shaped like our content (src/content.config.ts), where Keystatic's own
 * fields store values differently:
 *
 * - images beside their entry, written `./anh-1.jpg` (Keystatic's image field reads and writes
 *   names relative to the entry without `./`, and renames every image to its field path on save);
 * - instants written as Vietnam wall time `2027-04-20T08:00` (Keystatic's datetime field writes
 *   a UTC timestamp, which our schema would read seven hours early);
 * - selects that may be left empty (Keystatic's select always has a value), and selects of numbers.
 *
 * No field here validates with Keystatic's own checks: their messages are English. Every rule is
 * checked when the entry is saved, by the build's own schemas with their Vietnamese messages
 * (src/lib/server/cms/validate.ts). Client-safe.
 */
import { fields } from '@keystatic/core';
import { slugify } from '../fold';

type Described = { label: string; description?: string };
type Choice = { label: string; value: string };

/** A file name we keep as uploaded: unaccented lower-case words and a lower-case image extension. */
const TIDY_IMAGE_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*\.(?:jpe?g|png|webp|avif|gif|svg)$/;

/** FNV-1a over the bytes, base 36: a short, stable tag for an uploaded file's name. */
function shortHash(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36).padStart(7, '0');
}

/**
 * The name an image is stored under beside its entry: a tidy name is kept (so an existing
 * `anh-1.jpg` stays `anh-1.jpg`); an uploaded `IMG_2024 Ảnh.JPG` becomes `img-2024-anh-<hash>.jpg`,
 * the hash keeping two different uploads of the same name apart.
 */
export function storedImageName(filename: string, extension: string, data: Uint8Array): string {
  const name = filename.replace(/^\.\//, '');
  if (TIDY_IMAGE_NAME.test(name)) return name;
  const stem = slugify(name.replace(/\.[^.]*$/, '')).slice(0, 40) || 'anh';
  return `${stem}-${shortHash(data)}.${extension.toLowerCase()}`;
}

const withoutDotSlash = (value: string) => value.replace(/^\.\//, '');

/** An image file stored beside the entry, written `./<name>` like the rest of our content. */
export function imageBeside({ label, description }: Described) {
  const base = fields.image({ label, ...(description ? { description } : {}) });
  const field: typeof base = {
    ...base,
    filename(value) {
      return typeof value === 'string' ? withoutDotSlash(value) : undefined;
    },
    parse(value, args) {
      const parsed = base.parse(value, args);
      return parsed && typeof value === 'string' ? { ...parsed, filename: withoutDotSlash(value) } : parsed;
    },
    serialize(value) {
      if (value === null) return { value: undefined, asset: undefined };
      const filename = storedImageName(value.filename, value.extension, value.data);
      return { value: `./${filename}`, asset: { filename, content: value.data } };
    },
  };
  return field;
}

/** An image with its alt text (both required by the build's schema). */
export function photo(label: string, description?: string) {
  return fields.object(
    {
      src: imageBeside({ label: 'Tệp ảnh', description: 'JPEG, PNG, WebP, AVIF, GIF hoặc SVG, tối đa 5 MB. Ảnh được lưu cạnh mục này.' }),
      alt: fields.text({
        label: 'Mô tả ảnh',
        description: 'Bắt buộc. Tả điều ảnh cho thấy, cho người khiếm thị và khi ảnh không tải được (ví dụ: "Củ sâm tươi đặt trên lá rừng").',
        multiline: true,
      }),
    },
    { label, ...(description ? { description } : {}) },
  );
}

const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** `2027-04-20T08:00` in Vietnam time for an instant. */
function vietnamWallTime(date: Date): string {
  return new Date(date.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 16);
}

function parseWallTime(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return vietnamWallTime(value);
  if (typeof value !== 'string') throw new Error('cần thời điểm dạng "2026-12-10T08:00"');
  const text = value.trim();
  if (/[zZ]$|[+-]\d{2}:?\d{2}$/.test(text)) {
    const date = new Date(text);
    if (!Number.isNaN(date.getTime())) return vietnamWallTime(date);
  }
  return text;
}

/** An instant, edited and written as Vietnam wall time (`"2027-04-20T08:00"`), as editors write it. */
export function vietnamDateTime({ label, description }: Described) {
  const base = fields.datetime({ label, ...(description ? { description } : {}) });
  const field: typeof base = {
    ...base,
    parse: (value) => parseWallTime(value),
    serialize: (value) => ({ value: value === null ? undefined : value }),
    validate: (value) => value,
    reader: { parse: (value) => parseWallTime(value) },
  };
  return field;
}

/** A calendar date (`2025-10-10`); Keystatic's own, without its English checks. */
export function calendarDate({ label, description }: Described) {
  const base = fields.date({ label, ...(description ? { description } : {}) });
  const field: typeof base = { ...base, validate: (value) => value };
  return field;
}

/**
 * A select that may stay empty: the first choice, `none`, writes nothing, so the build's
 * schema decides (its default, or its Vietnamese "bắt buộc" message).
 */
export function choice({ label, description, options, none = '— Chưa chọn —' }: Described & { options: readonly Choice[]; none?: string }) {
  const base = fields.select({
    label,
    ...(description ? { description } : {}),
    options: [{ label: none, value: '' }, ...options],
    defaultValue: '',
  });
  const parse = (value: unknown): string => {
    if (value === undefined || value === null) return '';
    if (typeof value !== 'string') throw new Error('cần một giá trị trong danh sách');
    // A value the list does not know is kept, so that opening and saving never changes it;
    // the build's schema names it when the entry is saved.
    return value;
  };
  const field: typeof base = {
    ...base,
    parse,
    serialize: (value) => ({ value: value === '' ? undefined : value }),
    validate: (value) => value,
    reader: { parse },
  };
  return field;
}

/** A select of numbers (a rubric's step: 1 or 0.5), written as a YAML number. */
export function numberChoice({ label, description, options, defaultValue }: Described & { options: readonly number[]; defaultValue: number }) {
  const base = fields.select({
    label,
    ...(description ? { description } : {}),
    options: options.map((n) => ({ label: n.toLocaleString('vi-VN'), value: String(n) })),
    defaultValue: String(defaultValue),
  });
  const parse = (value: unknown): string => (typeof value === 'number' || typeof value === 'string' ? String(value) : String(defaultValue));
  const field = {
    ...base,
    parse,
    serialize: (value: string) => ({ value: Number(value) }),
    validate: (value: string) => value,
    reader: { parse },
  };
  return field as unknown as typeof base;
}

/** Options from one of our vocabularies (`labels()` in lib/vocabulary.ts). */
export function optionsOf(entries: readonly (readonly [string, string])[]): Choice[] {
  return entries.map(([value, label]) => ({ value, label }));
}
