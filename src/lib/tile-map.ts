/**
 * The schematic tile map of Vietnam's 34 provincial-level units: one square tile per unit,
 * placed roughly by geography on a grid (column, row), generated from src/lib/provinces.ts —
 * no boundary data, so no licence question and nothing to misdraw. The Hoàng Sa (Paracel)
 * archipelago is drawn with TP Đà Nẵng and the Trường Sa (Spratly) archipelago with tỉnh Khánh
 * Hòa, the units they belong to. Client-safe.
 */
import { PROVINCES, type Province } from './provinces';

/** Grid position of each unit: [column, row]. North at the top, the sea to the east. */
export const TILE_POSITIONS: Readonly<Record<string, readonly [number, number]>> = {
  'lai-chau': [1, 0], 'lao-cai': [2, 0], 'tuyen-quang': [3, 0], 'cao-bang': [4, 0],
  'dien-bien': [0, 1], 'son-la': [1, 1], 'phu-tho': [2, 1], 'thai-nguyen': [3, 1], 'lang-son': [4, 1],
  'ha-noi': [2, 2], 'bac-ninh': [3, 2], 'quang-ninh': [4, 2],
  'ninh-binh': [2, 3], 'hung-yen': [3, 3], 'hai-phong': [4, 3],
  'thanh-hoa': [2, 4],
  'nghe-an': [2, 5],
  'ha-tinh': [3, 6],
  'quang-tri': [3, 7],
  hue: [4, 8],
  'da-nang': [4, 9],
  'quang-ngai': [4, 10],
  'gia-lai': [4, 11],
  'dak-lak': [4, 12],
  'lam-dong': [3, 13], 'khanh-hoa': [4, 13],
  'tay-ninh': [1, 14], 'ho-chi-minh': [2, 14], 'dong-nai': [3, 14],
  'an-giang': [0, 15], 'dong-thap': [1, 15], 'vinh-long': [2, 15],
  'ca-mau': [0, 16], 'can-tho': [1, 16],
};

/** The archipelagos, each drawn beside the tile of the unit it belongs to. */
export const ARCHIPELAGOS = [
  { name: 'Quần đảo Hoàng Sa', unit: 'da-nang', position: [6, 9] as const },
  { name: 'Quần đảo Trường Sa', unit: 'khanh-hoa', position: [6, 14] as const },
] as const;

export const GRID = { columns: 7, rows: 17 };

/** Two or three letters for a tile ("ĐN", "HCM"): initials of the name's words. */
export function tileAbbreviation(p: Pick<Province, 'name'>): string {
  const words = p.name.split(/\s+/);
  return words.length === 1 ? p.name.slice(0, 3) : words.map((w) => w[0] ?? '').join('').toUpperCase();
}

export interface Tile {
  province: Province;
  column: number;
  row: number;
  abbreviation: string;
}

/** Every unit's tile; throws if a unit has no position (the unit test checks all 34, no overlaps). */
export function tiles(): Tile[] {
  return PROVINCES.map((province) => {
    const at = TILE_POSITIONS[province.slug];
    if (!at) throw new Error(`Thiếu vị trí ô cho "${province.slug}"`);
    return { province, column: at[0], row: at[1], abbreviation: tileAbbreviation(province) };
  });
}

/** The colour class (0–4) of a value on a scale up to `max`: 0 only for 0. */
export function shade(value: number, max: number): 0 | 1 | 2 | 3 | 4 {
  if (value <= 0 || max <= 0) return 0;
  return Math.min(4, Math.max(1, Math.ceil((value / max) * 4))) as 1 | 2 | 3 | 4;
}
