/**
 * Vietnamese folding for matching (DOMAIN.md): Unicode NFD, strip combining marks, map đ/Đ to d
 * (đ has no decomposition), lowercase. Display always keeps the original text.
 */
const COMBINING = /[\u0300-\u036f]/g;

export function fold(text: string): string {
  return text.normalize('NFD').replace(COMBINING, '').replace(/[đĐ]/g, 'd').toLowerCase();
}

/** An unaccented URL slug: "Chè Shan tuyết Sìn Hồ" → "che-shan-tuyet-sin-ho". */
export function slugify(text: string): string {
  return fold(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
