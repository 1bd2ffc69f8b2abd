/**
 * What an uploaded file really is, and what is stored of it. The type comes from the bytes
 * (`file-type`), never from the name or the browser's claim: photos must be JPEG, PNG or WebP;
 * documents PDF, JPEG or PNG. SVG, HTML, scripts, executables and archives have no such
 * signature and are refused. Every image is decoded and re-encoded with sharp — orientation
 * applied, EXIF/GPS/XMP/ICC metadata dropped, longest side capped, a pixel bomb refused before
 * it is decoded (`limitInputPixels`), a truncated or broken image refused — so a polyglot
 * (a JPEG that is also HTML) is rebuilt from its pixels alone. A PDF must look like one and
 * carry no script or embedded file.
 */
import { open, readFile } from 'node:fs/promises';
import { fileTypeFromFile } from 'file-type';
import sharp from 'sharp';
import { ALLOWED_TYPES, TYPE_NAMES, type FileKind } from '../../../entry-schema';
import type { UploadedFile } from './uploads';
import { writeBlob } from './storage';

/**
 * Images decoded at once, server-wide. A 4 MB photo decodes to ~20 MB of pixels and its
 * pipeline holds several such buffers: twenty uploads decoding together took the server's
 * memory up by more than the bytes in flight (`npm run bench:entries`). Uploads still stream
 * in parallel; only the decoding waits its turn. libvips' operation cache is off: each image is
 * seen once.
 */
const IMAGE_SLOTS = 2;
sharp.cache(false);
let busy = 0;
const waiting: (() => void)[] = [];

async function inImageSlot<T>(work: () => Promise<T>): Promise<T> {
  if (busy >= IMAGE_SLOTS) await new Promise<void>((resolve) => waiting.push(resolve));
  busy++;
  try {
    return await work();
  } finally {
    busy--;
    waiting.shift()?.();
  }
}

/** Larger images are refused before decoding: 50 megapixels is any phone camera's, a pixel bomb is far more. */
export const MAX_INPUT_PIXELS = 50_000_000;
/** Stored photos: longest side. */
export const PHOTO_MAX_SIDE = 2560;
export const DOCUMENT_MAX_SIDE = 4000;
export const WEBP_LARGE = 1600;
export const WEBP_SMALL = 480;

export interface StoredFile {
  kind: FileKind;
  name: string;
  mime: string;
  bytes: number;
  blob: string;
  webpLarge: string | null;
  webpSmall: string | null;
  width: number | null;
  height: number | null;
}

/** A refusal of one file: its field key (`photos.1`) and the Vietnamese message. */
export class FileRefusal extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const fieldKey = (f: UploadedFile) => `${f.kind}.${String(f.index)}`;

/** Detects, checks and stores one file; throws FileRefusal with a Vietnamese message. */
export async function storeUpload(f: UploadedFile): Promise<StoredFile> {
  const key = fieldKey(f);
  if (f.bytes === 0) throw new FileRefusal(key, `Tệp “${f.name}” rỗng.`);
  const detected = await fileTypeFromFile(f.tmpPath).catch(() => undefined);
  const mime = detected?.mime ?? 'unknown';
  if (!ALLOWED_TYPES[f.kind].includes(mime)) {
    throw new FileRefusal(key, `Tệp “${f.name}” không phải ${TYPE_NAMES[f.kind]} (nội dung tệp${detected ? ` là ${detected.ext.toUpperCase()}` : ' không phải định dạng được nhận'}). Hãy gửi đúng loại tệp.`);
  }
  if (mime === 'application/pdf') return await storePdf(f, key);
  return await inImageSlot(() => storeImage(f, key, mime));
}

async function storePdf(f: UploadedFile, key: string): Promise<StoredFile> {
  const bytes = await readFile(f.tmpPath);
  const tail = bytes.subarray(Math.max(0, bytes.length - 2048)).toString('latin1');
  if (!tail.includes('%%EOF')) throw new FileRefusal(key, `Tệp PDF “${f.name}” bị hỏng hoặc chưa tải lên hết. Hãy lưu lại tệp PDF rồi gửi lại.`);
  // Scripts, launch actions and files inside a PDF have no place in a business registration.
  if (/\/(JavaScript|JS|Launch|EmbeddedFile|RichMedia)\b/.test(bytes.toString('latin1'))) {
    throw new FileRefusal(key, `Tệp PDF “${f.name}” chứa mã chạy tự động hoặc tệp đính kèm bên trong nên không được nhận. Hãy in lại thành PDF thường (chỉ nội dung trang).`);
  }
  return { kind: f.kind, name: f.name, mime: 'application/pdf', bytes: bytes.length, blob: writeBlob(bytes), webpLarge: null, webpSmall: null, width: null, height: null };
}

function decodeMessage(f: UploadedFile, error: unknown): string {
  const text = error instanceof Error ? error.message : '';
  if (/pixel limit/i.test(text)) return `Ảnh “${f.name}” có kích thước điểm ảnh quá lớn (trên ${String(MAX_INPUT_PIXELS / 1_000_000)} triệu điểm ảnh). Hãy gửi ảnh nhỏ hơn.`;
  return `Ảnh “${f.name}” bị hỏng hoặc chưa tải lên hết nên không đọc được. Hãy chụp hoặc lưu lại ảnh rồi gửi lại.`;
}

async function storeImage(f: UploadedFile, key: string, mime: string): Promise<StoredFile> {
  const input = () => sharp(f.tmpPath, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'warning', sequentialRead: true });
  const photo = f.kind === 'photos';
  try {
    const meta = await input().metadata();
    if (!meta.width || !meta.height) throw new Error('no size');
    // TT 26/2014: the product photos are colour photos (a scanned document may be black and white).
    if (photo && meta.space === 'b-w') throw new FileRefusal(key, `Ảnh “${f.name}” là ảnh đen trắng; thể lệ yêu cầu ảnh màu của sản phẩm. Hãy gửi ảnh màu.`);
    // Decode fully once (catches truncated data), orient, cap, re-encode without metadata.
    const side = photo ? PHOTO_MAX_SIDE : DOCUMENT_MAX_SIDE;
    const base = input().rotate().resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true });
    const keepPng = !photo && mime === 'image/png';
    const main = keepPng
      ? await base.png({ compressionLevel: 9 }).toBuffer({ resolveWithObject: true })
      : await base.flatten({ background: '#ffffff' }).jpeg({ quality: 85 }).toBuffer({ resolveWithObject: true });
    const stored: StoredFile = {
      kind: f.kind,
      name: f.name,
      mime: keepPng ? 'image/png' : 'image/jpeg',
      bytes: main.data.length,
      blob: writeBlob(main.data),
      webpLarge: null,
      webpSmall: null,
      width: main.info.width,
      height: main.info.height,
    };
    if (photo) {
      const from = () => sharp(main.data).resize({ width: WEBP_LARGE, height: WEBP_LARGE, fit: 'inside', withoutEnlargement: true });
      stored.webpLarge = writeBlob(await from().webp({ quality: 80 }).toBuffer());
      stored.webpSmall = writeBlob(await sharp(main.data).resize({ width: WEBP_SMALL, height: WEBP_SMALL, fit: 'inside', withoutEnlargement: true }).webp({ quality: 75 }).toBuffer());
    }
    return stored;
  } catch (error) {
    if (error instanceof FileRefusal) throw error;
    throw new FileRefusal(key, decodeMessage(f, error));
  }
}

/** The first bytes of a file, for tests and checks. */
export async function headOf(file: string, n = 16): Promise<Buffer> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}
