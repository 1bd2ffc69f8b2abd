/**
 * Vietnam's provincial-level units after the merger of 01/07/2025 (Nghị quyết 202/2025/QH15):
 * 34 units — 28 provinces and 6 centrally-run cities — and the 63 former provinces mapped
 * to the unit that absorbed them. One typed module shared by content schemas, pages,
 * filters, registration and search.
 */

export type UnitKind = 'tinh' | 'thanh-pho';

export interface Province {
  /** Unaccented slug used in URLs, content and the API (e.g. "da-nang", "lai-chau"). */
  readonly slug: string;
  /** Name without the administrative prefix, e.g. "Đà Nẵng". */
  readonly name: string;
  readonly kind: UnitKind;
  /** Slugs of the former provinces (before 07/2025) that make up this unit. */
  readonly formedFrom: readonly string[];
}

export interface FormerProvince {
  readonly slug: string;
  /** The name it had, e.g. "Quảng Nam", "Thừa Thiên Huế". */
  readonly name: string;
  /** Slug of the current unit it belongs to. */
  readonly unit: string;
}

const UNITS = [
  { slug: 'ha-noi', name: 'Hà Nội', kind: 'thanh-pho', formedFrom: ['ha-noi'] },
  { slug: 'hue', name: 'Huế', kind: 'thanh-pho', formedFrom: ['thua-thien-hue'] },
  { slug: 'lai-chau', name: 'Lai Châu', kind: 'tinh', formedFrom: ['lai-chau'] },
  { slug: 'dien-bien', name: 'Điện Biên', kind: 'tinh', formedFrom: ['dien-bien'] },
  { slug: 'son-la', name: 'Sơn La', kind: 'tinh', formedFrom: ['son-la'] },
  { slug: 'lang-son', name: 'Lạng Sơn', kind: 'tinh', formedFrom: ['lang-son'] },
  { slug: 'quang-ninh', name: 'Quảng Ninh', kind: 'tinh', formedFrom: ['quang-ninh'] },
  { slug: 'thanh-hoa', name: 'Thanh Hóa', kind: 'tinh', formedFrom: ['thanh-hoa'] },
  { slug: 'nghe-an', name: 'Nghệ An', kind: 'tinh', formedFrom: ['nghe-an'] },
  { slug: 'ha-tinh', name: 'Hà Tĩnh', kind: 'tinh', formedFrom: ['ha-tinh'] },
  { slug: 'cao-bang', name: 'Cao Bằng', kind: 'tinh', formedFrom: ['cao-bang'] },
  { slug: 'tuyen-quang', name: 'Tuyên Quang', kind: 'tinh', formedFrom: ['ha-giang', 'tuyen-quang'] },
  { slug: 'lao-cai', name: 'Lào Cai', kind: 'tinh', formedFrom: ['yen-bai', 'lao-cai'] },
  { slug: 'thai-nguyen', name: 'Thái Nguyên', kind: 'tinh', formedFrom: ['bac-kan', 'thai-nguyen'] },
  { slug: 'phu-tho', name: 'Phú Thọ', kind: 'tinh', formedFrom: ['vinh-phuc', 'hoa-binh', 'phu-tho'] },
  { slug: 'bac-ninh', name: 'Bắc Ninh', kind: 'tinh', formedFrom: ['bac-giang', 'bac-ninh'] },
  { slug: 'hung-yen', name: 'Hưng Yên', kind: 'tinh', formedFrom: ['thai-binh', 'hung-yen'] },
  { slug: 'hai-phong', name: 'Hải Phòng', kind: 'thanh-pho', formedFrom: ['hai-duong', 'hai-phong'] },
  { slug: 'ninh-binh', name: 'Ninh Bình', kind: 'tinh', formedFrom: ['ha-nam', 'nam-dinh', 'ninh-binh'] },
  { slug: 'quang-tri', name: 'Quảng Trị', kind: 'tinh', formedFrom: ['quang-binh', 'quang-tri'] },
  { slug: 'da-nang', name: 'Đà Nẵng', kind: 'thanh-pho', formedFrom: ['quang-nam', 'da-nang'] },
  { slug: 'quang-ngai', name: 'Quảng Ngãi', kind: 'tinh', formedFrom: ['kon-tum', 'quang-ngai'] },
  { slug: 'gia-lai', name: 'Gia Lai', kind: 'tinh', formedFrom: ['binh-dinh', 'gia-lai'] },
  { slug: 'khanh-hoa', name: 'Khánh Hòa', kind: 'tinh', formedFrom: ['ninh-thuan', 'khanh-hoa'] },
  { slug: 'lam-dong', name: 'Lâm Đồng', kind: 'tinh', formedFrom: ['dak-nong', 'binh-thuan', 'lam-dong'] },
  { slug: 'dak-lak', name: 'Đắk Lắk', kind: 'tinh', formedFrom: ['phu-yen', 'dak-lak'] },
  { slug: 'ho-chi-minh', name: 'Hồ Chí Minh', kind: 'thanh-pho', formedFrom: ['ba-ria-vung-tau', 'binh-duong', 'ho-chi-minh'] },
  { slug: 'dong-nai', name: 'Đồng Nai', kind: 'tinh', formedFrom: ['binh-phuoc', 'dong-nai'] },
  { slug: 'tay-ninh', name: 'Tây Ninh', kind: 'tinh', formedFrom: ['long-an', 'tay-ninh'] },
  { slug: 'can-tho', name: 'Cần Thơ', kind: 'thanh-pho', formedFrom: ['soc-trang', 'hau-giang', 'can-tho'] },
  { slug: 'vinh-long', name: 'Vĩnh Long', kind: 'tinh', formedFrom: ['ben-tre', 'tra-vinh', 'vinh-long'] },
  { slug: 'dong-thap', name: 'Đồng Tháp', kind: 'tinh', formedFrom: ['tien-giang', 'dong-thap'] },
  { slug: 'ca-mau', name: 'Cà Mau', kind: 'tinh', formedFrom: ['bac-lieu', 'ca-mau'] },
  { slug: 'an-giang', name: 'An Giang', kind: 'tinh', formedFrom: ['kien-giang', 'an-giang'] },
] as const satisfies readonly Province[];

const FORMER_NAMES: Record<string, string> = {
  'an-giang': 'An Giang', 'ba-ria-vung-tau': 'Bà Rịa – Vũng Tàu', 'bac-lieu': 'Bạc Liêu',
  'bac-giang': 'Bắc Giang', 'bac-kan': 'Bắc Kạn', 'bac-ninh': 'Bắc Ninh', 'ben-tre': 'Bến Tre',
  'binh-duong': 'Bình Dương', 'binh-dinh': 'Bình Định', 'binh-phuoc': 'Bình Phước',
  'binh-thuan': 'Bình Thuận', 'ca-mau': 'Cà Mau', 'cao-bang': 'Cao Bằng', 'can-tho': 'Cần Thơ',
  'da-nang': 'Đà Nẵng', 'dak-lak': 'Đắk Lắk', 'dak-nong': 'Đắk Nông', 'dien-bien': 'Điện Biên',
  'dong-nai': 'Đồng Nai', 'dong-thap': 'Đồng Tháp', 'gia-lai': 'Gia Lai', 'ha-giang': 'Hà Giang',
  'ha-nam': 'Hà Nam', 'ha-noi': 'Hà Nội', 'ha-tinh': 'Hà Tĩnh', 'hai-duong': 'Hải Dương',
  'hai-phong': 'Hải Phòng', 'hau-giang': 'Hậu Giang', 'hoa-binh': 'Hòa Bình', 'hung-yen': 'Hưng Yên',
  'khanh-hoa': 'Khánh Hòa', 'kien-giang': 'Kiên Giang', 'kon-tum': 'Kon Tum', 'lai-chau': 'Lai Châu',
  'lang-son': 'Lạng Sơn', 'lao-cai': 'Lào Cai', 'lam-dong': 'Lâm Đồng', 'long-an': 'Long An',
  'nam-dinh': 'Nam Định', 'nghe-an': 'Nghệ An', 'ninh-binh': 'Ninh Bình', 'ninh-thuan': 'Ninh Thuận',
  'phu-tho': 'Phú Thọ', 'phu-yen': 'Phú Yên', 'quang-binh': 'Quảng Bình', 'quang-nam': 'Quảng Nam',
  'quang-ngai': 'Quảng Ngãi', 'quang-ninh': 'Quảng Ninh', 'quang-tri': 'Quảng Trị',
  'soc-trang': 'Sóc Trăng', 'son-la': 'Sơn La', 'tay-ninh': 'Tây Ninh', 'thai-binh': 'Thái Bình',
  'thai-nguyen': 'Thái Nguyên', 'thanh-hoa': 'Thanh Hóa', 'thua-thien-hue': 'Thừa Thiên Huế',
  'tien-giang': 'Tiền Giang', 'ho-chi-minh': 'Hồ Chí Minh', 'tra-vinh': 'Trà Vinh',
  'tuyen-quang': 'Tuyên Quang', 'vinh-long': 'Vĩnh Long', 'vinh-phuc': 'Vĩnh Phúc', 'yen-bai': 'Yên Bái',
};

export type ProvinceSlug = (typeof UNITS)[number]['slug'];

export const PROVINCES: readonly Province[] = UNITS;

export const PROVINCE_SLUGS = UNITS.map((u) => u.slug) as unknown as readonly [
  ProvinceSlug,
  ...ProvinceSlug[],
];

export const FORMER_PROVINCES: readonly FormerProvince[] = UNITS.flatMap((unit) =>
  unit.formedFrom.map((slug) => {
    const name = FORMER_NAMES[slug];
    if (!name) throw new Error(`Thiếu tên tỉnh cũ cho "${slug}"`);
    return { slug, name, unit: unit.slug };
  }),
).sort((a, b) => a.name.localeCompare(b.name, 'vi'));

export const FORMER_PROVINCE_SLUGS = FORMER_PROVINCES.map((p) => p.slug) as unknown as readonly [
  string,
  ...string[],
];

const bySlug = new Map<string, Province>(UNITS.map((u) => [u.slug, u]));
const formerBySlug = new Map<string, FormerProvince>(FORMER_PROVINCES.map((p) => [p.slug, p]));

/** The current unit with this slug, or null. */
export function getProvince(slug: string): Province | null {
  return bySlug.get(slug) ?? null;
}

/** The current unit with this slug; throws for an unknown slug (content is validated earlier). */
export function requireProvince(slug: string): Province {
  const p = bySlug.get(slug);
  if (!p) throw new Error(`Không có tỉnh/thành phố "${slug}"`);
  return p;
}

/** A former (pre-07/2025) province by slug, or null. */
export function getFormerProvince(slug: string): FormerProvince | null {
  return formerBySlug.get(slug) ?? null;
}

/** "tỉnh Lai Châu" / "TP Đà Nẵng" — the form used in running text. */
export function provinceLabel(p: Province): string {
  return p.kind === 'thanh-pho' ? `TP ${p.name}` : `tỉnh ${p.name}`;
}

/** "Tỉnh Lai Châu" / "Thành phố Đà Nẵng" — the formal title for headings. */
export function provinceTitle(p: Province): string {
  return p.kind === 'thanh-pho' ? `Thành phố ${p.name}` : `Tỉnh ${p.name}`;
}

/** "tỉnh Quảng Nam" — how a former province is named in running text. */
export function formerProvinceLabel(p: FormerProvince): string {
  return FORMER_CITIES.has(p.slug) ? `TP ${p.name}` : `tỉnh ${p.name}`;
}

/** Centrally-run cities before 07/2025 (Huế became one only in 01/2025; it counts as a province here). */
const FORMER_CITIES = new Set(['ha-noi', 'hai-phong', 'da-nang', 'can-tho', 'ho-chi-minh']);

/** The current unit that absorbed a former province, or null for an unknown slug. */
export function currentUnitOf(formerSlug: string): Province | null {
  const f = formerBySlug.get(formerSlug);
  return f ? (bySlug.get(f.unit) ?? null) : null;
}

/** Provinces sorted by Vietnamese collation, for select boxes and filters. */
export function provincesByName(): Province[] {
  return [...UNITS].sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

/** A unit as a select box shows it. */
export interface ProvinceOption {
  readonly slug: string;
  readonly name: string;
}

/**
 * The select box's options, sorted by name: what an island gets as props, so the province
 * table itself stays out of the browser's bundles.
 */
export function provinceOptions(): ProvinceOption[] {
  return provincesByName().map(({ slug, name }) => ({ slug, name }));
}

/**
 * Where something is, today and before the 2025 merger:
 * "phường Hội An, TP Đà Nẵng (trước đây thuộc tỉnh Quảng Nam)".
 */
export function placeLabel(place: {
  commune: string;
  province: string;
  former?: { province: string; district?: string | undefined } | undefined;
}): string {
  const unit = requireProvince(place.province);
  const now = `${place.commune}, ${provinceLabel(unit)}`;
  const formerProvince = place.former ? getFormerProvince(place.former.province) : null;
  if (!place.former || !formerProvince) return now;
  const before = [place.former.district, formerProvinceLabel(formerProvince)].filter(Boolean).join(', ');
  return `${now} (trước đây thuộc ${before})`;
}
