/**
 * Uploaded images, judged by their bytes (never by their name): the type from the file's
 * signature, the size in pixels from its header, so that a small file that decodes to a
 * huge picture ("pixel bomb") is refused before the build's image processing meets it. SVG is
 * text, so it is checked for anything that could run in the site's origin when the file is
 * opened directly (scripts, event handlers, foreign objects, links out).
 */

export type ImageType = 'jpeg' | 'png' | 'gif' | 'webp' | 'avif' | 'svg';

export interface ImageInfo {
  type: ImageType;
  width: number | null;
  height: number | null;
}

/** Limits for an image beside an entry. */
export const IMAGE_LIMITS = { maxBytes: 5 * 1024 * 1024, maxSide: 12_000, maxPixels: 50_000_000 } as const;

const EXTENSIONS: Record<ImageType, readonly string[]> = {
  jpeg: ['jpg', 'jpeg'],
  png: ['png'],
  gif: ['gif'],
  webp: ['webp'],
  avif: ['avif'],
  svg: ['svg'],
};

function ascii(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length));
}

const u16be = (b: Uint8Array, i: number) => ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0);
const u16le = (b: Uint8Array, i: number) => (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8);
const u24le = (b: Uint8Array, i: number) => u16le(b, i) | ((b[i + 2] ?? 0) << 16);
const u32be = (b: Uint8Array, i: number) => ((b[i] ?? 0) * 0x1000000) + (((b[i + 1] ?? 0) << 16) | ((b[i + 2] ?? 0) << 8) | (b[i + 3] ?? 0));

function jpegSize(b: Uint8Array): { width: number; height: number } | null {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1] ?? 0;
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01 || marker === 0xff) {
      i += marker === 0xff ? 1 : 2;
      continue;
    }
    const length = u16be(b, i + 2);
    // Start-of-frame markers (baseline, progressive, …), not DHT (c4), JPG (c8), DAC (cc).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: u16be(b, i + 5), width: u16be(b, i + 7) };
    }
    i += 2 + length;
  }
  return null;
}

function webpSize(b: Uint8Array): { width: number; height: number } | null {
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8X') return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
  if (chunk === 'VP8 ') return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  if (chunk === 'VP8L') {
    const bits = (b[21] ?? 0) | ((b[22] ?? 0) << 8) | ((b[23] ?? 0) << 16) | ((b[24] ?? 0) << 24);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  return null;
}

/** SVG attributes and elements that could run or load something when the file is opened on its own. */
const SVG_DANGER = /<script\b|<foreignobject\b|<iframe\b|<embed\b|<object\b|\bon[a-z]+\s*=|javascript:|<!entity|(?:xlink:)?href\s*=\s*["']\s*(?!#)|url\(\s*["']?\s*(?!#)/i;

/** The image's type and size in pixels, or null when the bytes are not an image we accept. */
export function imageInfo(bytes: Uint8Array): ImageInfo | null {
  if (bytes.length >= 24 && bytes[0] === 0x89 && ascii(bytes, 1, 3) === 'PNG') {
    return { type: 'png', width: u32be(bytes, 16), height: u32be(bytes, 20) };
  }
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    const size = jpegSize(bytes);
    return { type: 'jpeg', width: size?.width ?? null, height: size?.height ?? null };
  }
  if (bytes.length >= 10 && (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a')) {
    return { type: 'gif', width: u16le(bytes, 6), height: u16le(bytes, 8) };
  }
  if (bytes.length >= 30 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') {
    const size = webpSize(bytes);
    return { type: 'webp', width: size?.width ?? null, height: size?.height ?? null };
  }
  if (bytes.length >= 12 && ascii(bytes, 4, 4) === 'ftyp' && /^avi[fs]$/.test(ascii(bytes, 8, 4))) {
    return { type: 'avif', width: null, height: null };
  }
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 1024)).replace(/^\uFEFF/, '').trimStart();
  if (/^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<svg[\s>]/i.test(head)) return { type: 'svg', width: null, height: null };
  return null;
}

/**
 * Why an uploaded file cannot be an image beside an entry (Vietnamese), or null when it can.
 * `name` is the file name the editor stores it under.
 */
export function imageProblem(name: string, bytes: Uint8Array): string | null {
  if (bytes.length > IMAGE_LIMITS.maxBytes) {
    return `ảnh "${name}" nặng ${(bytes.length / 1024 / 1024).toFixed(1)} MB, quá giới hạn ${String(IMAGE_LIMITS.maxBytes / 1024 / 1024)} MB: hãy thu nhỏ ảnh rồi tải lên lại`;
  }
  const info = imageInfo(bytes);
  if (!info) return `tệp "${name}" không phải ảnh JPEG, PNG, WebP, AVIF, GIF hay SVG`;
  const extension = name.toLowerCase().split('.').pop() ?? '';
  if (!EXTENSIONS[info.type].includes(extension)) {
    return `tệp "${name}" là ảnh ${info.type.toUpperCase()} nhưng mang đuôi .${extension}: hãy đổi tên tệp cho đúng loại ảnh`;
  }
  if (info.width !== null && info.height !== null) {
    if (info.width === 0 || info.height === 0) return `ảnh "${name}" bị hỏng (kích thước 0)`;
    if (info.width > IMAGE_LIMITS.maxSide || info.height > IMAGE_LIMITS.maxSide || info.width * info.height > IMAGE_LIMITS.maxPixels) {
      return `ảnh "${name}" có ${String(info.width)} × ${String(info.height)} điểm ảnh, quá lớn (tối đa ${String(IMAGE_LIMITS.maxSide)} điểm mỗi chiều và 50 triệu điểm): hãy thu nhỏ ảnh`;
    }
  }
  if (info.type === 'svg') {
    const text = new TextDecoder().decode(bytes);
    if (SVG_DANGER.test(text)) return `ảnh SVG "${name}" có mã lệnh hoặc liên kết ra ngoài (script, on…=, href); chỉ nhận SVG thuần hình vẽ`;
  }
  return null;
}
