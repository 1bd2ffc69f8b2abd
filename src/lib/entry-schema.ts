/**
 * A contest entry submitted online (hồ sơ dự thi): the dossier requirements a contest sets in
 * its content (with the defaults of Thông tư 26/2014/TT-BCT as amended), the fields of the
 * entry form and their Vietnamese messages, and the file rules the form island checks before
 * sending (the server checks everything again, by content). Client-safe: no server imports.
 */
import { z } from 'zod';
import { CNNT_GROUPS } from './vocabulary';
import { ESTABLISHMENT_FIELDS, checkbox, consentField, emptyToUndefined, firstMessages, taxCodeIssue } from './establishment-schema';
import { optionalText, requiredText } from './text';

export const MB = 1024 * 1024;

/** The angles a photo may show (TT 26/2014: at least 3 colour photos from 3 angles). */
export const PHOTO_ANGLES = [
  { id: 'front', label: 'Mặt trước' },
  { id: 'side', label: 'Mặt bên' },
  { id: 'back', label: 'Mặt sau' },
  { id: 'packaging', label: 'Bao bì, nhãn' },
  { id: 'in-use', label: 'Khi sử dụng' },
] as const;
export type PhotoAngle = (typeof PHOTO_ANGLES)[number]['id'];
export const PHOTO_ANGLE_IDS = PHOTO_ANGLES.map((a) => a.id) as [PhotoAngle, ...PhotoAngle[]];
export const PHOTO_ANGLE_LABELS: Record<string, string> = Object.fromEntries(PHOTO_ANGLES.map((a) => [a.id, a.label]));

/** The kinds of file in a dossier; the multipart field names are the same. */
export const FILE_KINDS = ['photos', 'businessRegistration', 'certificates', 'lowerLevelCertificate'] as const;
export type FileKind = (typeof FILE_KINDS)[number];
export const FILE_KIND_LABELS: Record<FileKind, string> = {
  photos: 'Ảnh sản phẩm',
  businessRegistration: 'Bản sao giấy đăng ký kinh doanh / hợp tác xã / hộ kinh doanh',
  certificates: 'Giấy chứng nhận chất lượng, an toàn thực phẩm, giải thưởng',
  lowerLevelCertificate: 'Giấy chứng nhận sản phẩm tiêu biểu cấp dưới',
};

/** What each kind of file may be, by content (the server reads the bytes; the island reads the type the browser says). */
export const ALLOWED_TYPES: Record<FileKind, readonly string[]> = {
  photos: ['image/jpeg', 'image/png', 'image/webp'],
  businessRegistration: ['application/pdf', 'image/jpeg', 'image/png'],
  certificates: ['application/pdf', 'image/jpeg', 'image/png'],
  lowerLevelCertificate: ['application/pdf', 'image/jpeg', 'image/png'],
};
export const TYPE_NAMES: Record<FileKind, string> = {
  photos: 'JPEG, PNG hoặc WebP',
  businessRegistration: 'PDF, JPEG hoặc PNG',
  certificates: 'PDF, JPEG hoặc PNG',
  lowerLevelCertificate: 'PDF, JPEG hoặc PNG',
};

/** `null`, absent or '' → the default (the content editor writes empty numbers as null). */
const count = (fallback: number, max: number) =>
  z.preprocess((v) => (v === null || v === '' ? undefined : v), z.number().int().min(0).max(max).default(fallback));

/**
 * A contest's dossier requirements (`dossier:` in its front matter). `online: true` opens the
 * online intake during `schedule.entries`; every other value has the TT 26/2014 default.
 */
export const DossierSchema = z
  .object({
    online: z.preprocess((v) => (v === null ? undefined : v), z.boolean().default(false)),
    minPhotos: count(3, 20),
    maxPhotos: count(8, 20),
    /** Photos must show at least this many different angles. */
    minAngles: count(3, 5),
    maxCertificates: count(5, 20),
    /** Higher levels ask for the lower level's certificate. */
    lowerLevelCertificate: z.preprocess((v) => (v === null ? undefined : v), z.boolean().default(false)),
    maxFileMB: count(10, 40),
    maxTotalMB: count(40, 100),
  })
  .strict()
  .refine((d) => d.maxPhotos >= d.minPhotos, { path: ['maxPhotos'], message: 'số ảnh tối đa nhỏ hơn số ảnh tối thiểu' })
  .refine((d) => d.minPhotos >= d.minAngles, { path: ['minAngles'], message: 'số góc chụp lớn hơn số ảnh tối thiểu' })
  .refine((d) => d.maxTotalMB >= d.maxFileMB, { path: ['maxTotalMB'], message: 'dung lượng cả hồ sơ nhỏ hơn dung lượng một tệp' });
export type Dossier = z.output<typeof DossierSchema>;
export const DEFAULT_DOSSIER: Dossier = DossierSchema.parse({});

export const ENTRY_CONSENT_TEXT =
  'Tôi đồng ý để ban tổ chức xử lý dữ liệu cá nhân trong hồ sơ này (họ tên, số điện thoại, email, địa chỉ, giấy tờ của cơ sở) nhằm xét chọn, chấm điểm và liên hệ về cuộc bình chọn, theo Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân.';

const CONSENT_MESSAGE = 'Cần đồng ý cho xử lý dữ liệu cá nhân (Nghị định 13/2023/NĐ-CP) để gửi hồ sơ.';

/** The product's fields. */
export const PRODUCT_FIELDS = {
  productName: requiredText('tên sản phẩm', { min: 2, max: 200, name: true }),
  cnntGroup: z.enum(CNNT_GROUPS.ids, { errorMap: () => ({ message: 'Vui lòng chọn nhóm sản phẩm CNNT (Điều 5 Thông tư 26/2014/TT-BCT).' }) }),
  description: requiredText('mô tả sản phẩm', { min: 20, max: 5000, multiline: true }),
  materials: optionalText('nguyên liệu và quy trình sản xuất', { max: 5000, multiline: true }),
  capacity: optionalText('năng lực sản xuất hằng năm', { max: 300 }),
  markets: optionalText('thị trường tiêu thụ', { max: 1000, multiline: true }),
  priceRange: optionalText('khoảng giá', { max: 200 }),
  since: z.preprocess(
    (v) => (typeof v === 'string' && /^\s*\d{4}\s*$/.test(v) ? Number(v) : emptyToUndefined(v)),
    z.number({ invalid_type_error: 'Năm bắt đầu sản xuất gồm 4 chữ số (ví dụ 2015).' }).int().min(1900, 'Năm bắt đầu sản xuất từ 1900.').max(2100, 'Năm bắt đầu sản xuất chưa đúng.').optional(),
  ),
  productPage: z.preprocess(
    emptyToUndefined,
    z.string().max(500, 'Liên kết tối đa 500 ký tự.').url('Liên kết trang sản phẩm phải bắt đầu bằng https://').refine((u) => /^https?:\/\//.test(u), 'Liên kết trang sản phẩm phải bắt đầu bằng https://').optional(),
  ),
};

const fieldsObject = z.object({ ...ESTABLISHMENT_FIELDS, ...PRODUCT_FIELDS, consent: consentField(CONSENT_MESSAGE) });

/** Every text field of the form, strictly (submitting). */
export const EntrySubmitSchema = fieldsObject.superRefine((r, ctx) => {
  const taxCode = taxCodeIssue(r);
  if (taxCode) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['taxCode'], message: taxCode });
});
export type EntryFields = z.output<typeof fieldsObject>;

/** A draft: every field optional, but a value given must be valid (only the phone is needed, to send the link). */
const draftObject = fieldsObject.partial().extend({ phone: ESTABLISHMENT_FIELDS.phone, consent: z.preprocess(checkbox, z.boolean()).optional() });
/** A plain form sends every field, empty or not: in a draft an empty field is one not filled in yet. */
const dropEmpty = (raw: unknown) =>
  raw && typeof raw === 'object' ? Object.fromEntries(Object.entries(raw as Record<string, unknown>).filter(([, v]) => !(typeof v === 'string' && v.trim() === ''))) : raw;
export const EntryDraftSchema = z.preprocess(dropEmpty, draftObject);
export type EntryDraftFields = z.output<typeof draftObject>;

export const ENTRY_FIELD_NAMES = Object.keys(fieldsObject.shape) as (keyof EntryFields)[];

export { firstMessages as entryFieldErrors };

/** A file as the checks need it. */
export interface FileFacts {
  kind: FileKind;
  type: string;
  bytes: number;
  angle?: string | undefined;
}

/**
 * A file size in Vietnamese: 10 MB → "10 MB", 1536 KB → "1,5 MB", 26 KB → "26 KB", 303 B →
 * "303 byte" — never "0 MB" for a small file that did arrive.
 */
export function formatMB(bytes: number): string {
  if (bytes < 1024) return `${String(bytes)} byte`;
  if (bytes < MB) return `${String(Math.round(bytes / 1024))} KB`;
  return `${(Math.round((bytes / MB) * 10) / 10).toString().replace('.', ',')} MB`;
}

/** Per-file problems the island can tell before sending (the server says the same by content). */
export function fileIssue(dossier: Dossier, f: FileFacts): string | null {
  if (!ALLOWED_TYPES[f.kind].includes(f.type)) return `Tệp phải là ${TYPE_NAMES[f.kind]}.`;
  if (f.bytes > dossier.maxFileMB * MB) return `Tệp ${formatMB(f.bytes)} vượt giới hạn ${String(dossier.maxFileMB)} MB mỗi tệp.`;
  if (f.bytes === 0) return 'Tệp rỗng.';
  return null;
}

/** What a complete dossier needs, beyond each file being valid: per field name, a message. */
export function dossierIssues(dossier: Dossier, files: readonly FileFacts[]): Record<string, string> {
  const out: Record<string, string> = {};
  const photos = files.filter((f) => f.kind === 'photos');
  const angles = new Set(photos.map((p) => p.angle).filter(Boolean));
  if (photos.length < dossier.minPhotos) out['photos'] = `Cần ít nhất ${String(dossier.minPhotos)} ảnh màu của sản phẩm (đã có ${String(photos.length)}).`;
  else if (angles.size < dossier.minAngles) out['photos'] = `Ảnh cần chụp từ ít nhất ${String(dossier.minAngles)} góc khác nhau (đã có ${String(angles.size)}).`;
  if (photos.length > dossier.maxPhotos) out['photos'] = `Tối đa ${String(dossier.maxPhotos)} ảnh.`;
  if (!files.some((f) => f.kind === 'businessRegistration')) out['businessRegistration'] = 'Cần bản sao giấy đăng ký kinh doanh, hợp tác xã hoặc hộ kinh doanh.';
  if (files.filter((f) => f.kind === 'businessRegistration').length > 1) out['businessRegistration'] = 'Chỉ gửi một tệp giấy đăng ký.';
  if (files.filter((f) => f.kind === 'certificates').length > dossier.maxCertificates) out['certificates'] = `Tối đa ${String(dossier.maxCertificates)} giấy chứng nhận.`;
  if (dossier.lowerLevelCertificate && !files.some((f) => f.kind === 'lowerLevelCertificate')) out['lowerLevelCertificate'] = 'Cần giấy chứng nhận sản phẩm tiêu biểu cấp dưới.';
  const total = files.reduce((s, f) => s + f.bytes, 0);
  if (total > dossier.maxTotalMB * MB) out['_files'] = `Cả hồ sơ ${formatMB(total)} vượt giới hạn ${String(dossier.maxTotalMB)} MB.`;
  return out;
}

/**
 * Everything that keeps a dossier from being submitted, by field or file kind: the text fields
 * checked strictly, then the files against the contest's dossier rules. The one list for the
 * submit itself (intake and the management link, through `submitIssues` on the server), the
 * "still needed" box of a draft and the island's check before sending.
 */
export function submitIssuesOf(dossier: Dossier | null, files: readonly FileFacts[], fields: unknown): Record<string, string> {
  const strict = EntrySubmitSchema.safeParse(fields);
  return { ...(strict.success ? {} : firstMessages(strict.error)), ...(dossier ? dossierIssues(dossier, files) : {}) };
}

/** What a draft save refuses in its text fields (only the phone is needed; a value given must be valid). */
export function draftIssuesOf(fields: unknown): Record<string, string> {
  const draft = EntryDraftSchema.safeParse(fields);
  return draft.success ? {} : firstMessages(draft.error);
}

/** Photo angle field: one of the angles. */
export const PhotoAngleSchema = z.enum(PHOTO_ANGLE_IDS, { errorMap: () => ({ message: 'Hãy chọn góc chụp của ảnh.' }) });

/**
 * The type of a file from its first bytes, for the island's check before sending (the server
 * decides with file-type on the whole file): JPEG, PNG, WebP or PDF, else null. A page renamed
 * `.jpg` is not a JPEG here either.
 */
export function sniffType(head: Uint8Array): string | null {
  const at = (i: number, ...bytes: number[]) => bytes.every((b, j) => head[i + j] === b);
  if (at(0, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return 'image/webp';
  if (at(0, 0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf';
  return null;
}
