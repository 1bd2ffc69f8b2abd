/**
 * Real files for the entry tests and benchmark, generated with sharp (no fixtures to go stale):
 * photos in each accepted format, one with GPS EXIF and a rotation, a truncated JPEG, a PNG
 * whose header claims a pixel bomb, a PDF, and files that must be refused (GIF, ZIP, an
 * executable, HTML renamed .jpg, an SVG with a script). And the multipart form of an entry.
 */
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';

/** A colour photo with noise (so it compresses like a photo); `quality` and size set its bytes. */
export async function photo(options: { width?: number; height?: number; format?: 'jpeg' | 'png' | 'webp'; quality?: number; seed?: number } = {}): Promise<Buffer> {
  const width = options.width ?? 640;
  const height = options.height ?? 480;
  const seed = options.seed ?? 1;
  const base = sharp({ create: { width, height, channels: 3, background: { r: (seed * 67) % 255, g: 120, b: 90 }, noise: { type: 'gaussian', mean: 128, sigma: 40 } } });
  const format = options.format ?? 'jpeg';
  if (format === 'png') return await base.png().toBuffer();
  if (format === 'webp') return await base.webp({ quality: options.quality ?? 80 }).toBuffer();
  return await base.jpeg({ quality: options.quality ?? 85 }).toBuffer();
}

/** A black-and-white (single-channel) JPEG: not a colour photo of the product. */
export async function greyscaleJpeg(): Promise<Buffer> {
  return await sharp(await photo()).toColourspace('b-w').jpeg({ quality: 85 }).toBuffer();
}

/** A JPEG with GPS coordinates and a camera model in its EXIF, stored rotated (orientation 6). */
export async function photoWithGps(): Promise<Buffer> {
  const plain = await photo({ width: 400, height: 300 });
  return await sharp(plain)
    .withExif({
      IFD0: { Make: 'DemoCam', Model: 'GPS-Test', Software: 'test' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '21/1 49/1 3000/100', GPSLongitudeRef: 'E', GPSLongitude: '105/1 12/1 0/1' },
    })
    .withMetadata({ orientation: 6 })
    .jpeg()
    .toBuffer();
}

/** A JPEG cut at 60 %: its end is missing. */
export async function truncatedJpeg(): Promise<Buffer> {
  const whole = await photo({ width: 800, height: 600 });
  return whole.subarray(0, Math.floor(whole.length * 0.6));
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** A small PNG whose header says 40,000 × 40,000 pixels (1.6 gigapixels): a decompression bomb. */
export function pixelBombPng(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(40_000, 0);
  ihdr.writeUInt32BE(40_000, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  // One row of zeros, deflated (the rest "would" follow: a decoder that trusts the header allocates 4.8 GB).
  const idat = deflateSync(Buffer.alloc(40_000 * 3 + 1));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}

/** A minimal valid one-page PDF, padded to `bytes` with a comment when asked. */
export function pdf(bytes = 0): Buffer {
  const head = '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n';
  const pad = bytes > head.length + 200 ? `%${'0'.repeat(bytes - head.length - 120)}\n` : '';
  const tail = 'xref\n0 4\n0000000000 65535 f \ntrailer << /Size 4 /Root 1 0 R >>\nstartxref\n0\n%%EOF\n';
  return Buffer.from(head + pad + tail, 'latin1');
}

/** A PDF that runs JavaScript when opened. */
export function pdfWithScript(): Buffer {
  return Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
}

export async function gif(): Promise<Buffer> {
  return await sharp({ create: { width: 20, height: 20, channels: 3, background: '#c00' } }).gif().toBuffer();
}

/** A ZIP archive (local file header, one stored file). */
export function zip(): Buffer {
  const name = Buffer.from('a.txt');
  const data = Buffer.from('xin chao');
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(10, 4);
  h.writeUInt32LE(data.length, 18);
  h.writeUInt32LE(data.length, 22);
  h.writeUInt16LE(name.length, 26);
  return Buffer.concat([h, name, data]);
}

/** A Windows executable's header ("MZ" + PE). */
export function exe(): Buffer {
  const b = Buffer.alloc(512);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'latin1');
  return b;
}

export const HTML_AS_JPG = Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>');
export const SVG_WITH_SCRIPT = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>');

export interface EntryFile {
  field: 'photos' | 'businessRegistration' | 'certificates' | 'lowerLevelCertificate';
  name: string;
  type: string;
  data: Buffer;
  angle?: string;
}

/** The text fields of a complete entry. */
export function entryFields(phone = '0912345678', overrides: Record<string, string> = {}): Record<string, string> {
  return {
    establishmentName: 'Hợp tác xã Chè Shan tuyết Hà Giang',
    establishmentType: 'cooperative',
    taxCode: '5100123456',
    representative: 'Nguyễn Văn Minh',
    phone,
    email: '',
    province: 'tuyen-quang',
    commune: 'Xã Thượng Sơn',
    craftVillage: '',
    productName: 'Chè Shan tuyết cổ thụ Hà Giang',
    cnntGroup: 'che-bien-nong-lam-thuy-san',
    description: 'Chè Shan tuyết hái từ cây cổ thụ trên 100 năm tuổi, chế biến thủ công, sao bằng chảo gang.',
    materials: 'Búp chè Shan tuyết một tôm hai lá.',
    capacity: '5 tấn chè khô mỗi năm',
    markets: 'Hà Nội, TP Hồ Chí Minh, xuất khẩu Đài Loan',
    priceRange: '500.000 – 2.000.000 đồng/kg',
    since: '2012',
    consent: 'on',
    ...overrides,
  };
}

/** Three photos from three angles and a business registration PDF: a complete dossier. */
export async function completeFiles(): Promise<EntryFile[]> {
  return [
    { field: 'photos', name: 'mat-truoc.jpg', type: 'image/jpeg', data: await photo({ seed: 1 }), angle: 'front' },
    { field: 'photos', name: 'mat-ben.png', type: 'image/png', data: await photo({ seed: 2, format: 'png', width: 320, height: 240 }), angle: 'side' },
    { field: 'photos', name: 'bao-bi.webp', type: 'image/webp', data: await photo({ seed: 3, format: 'webp' }), angle: 'packaging' },
    { field: 'businessRegistration', name: 'giay-dang-ky.pdf', type: 'application/pdf', data: pdf() },
  ];
}

/** The multipart body of an entry: fields, then files (photos with their angles, in order). */
export function entryForm(fields: Record<string, string>, files: readonly EntryFile[], extra: Record<string, string> = {}): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries({ ...fields, ...extra })) form.append(k, v);
  for (const f of files) {
    if (f.field === 'photos') form.append('photoAngles', f.angle ?? 'front');
    form.append(f.field, new Blob([new Uint8Array(f.data)], { type: f.type }), f.name);
  }
  return form;
}
