/** Statistics tallies and the tile map (tables): counts by key and year, all 34 units placed once. */
import { describe, expect, it } from 'vitest';
import { groupOfProducts, tallyByGroupAndLevel, tallyRegistrations, yearsOf, type RegistrationRecord } from '~/lib/server/statistics/tally';
import { ARCHIPELAGOS, GRID, TILE_POSITIONS, shade, tileAbbreviation, tiles } from '~/lib/tile-map';
import { PROVINCES } from '~/lib/provinces';

const rec = (patch: Partial<RegistrationRecord>): RegistrationRecord => ({ year: 2028, province: 'quang-ngai', establishmentType: 'household', group: null, status: 'pending', heldQuantity: 1, wantsSupport: true, ...patch });
const records = [
  rec({ status: 'approved', heldQuantity: 2 }),
  rec({ status: 'approved', wantsSupport: false }),
  rec({ status: 'pending', heldQuantity: 2, province: 'lai-chau', establishmentType: 'sme' }),
  rec({ status: 'offered', year: 2027, province: 'lai-chau' }),
  rec({ status: 'waitlisted', heldQuantity: 0 }),
  rec({ status: 'cancelled', heldQuantity: 0 }),
  rec({ status: 'approved', year: 2027, establishmentType: 'sme', heldQuantity: 1 }),
];

describe('registration tallies', () => {
  it.each([
    ['by province, every year', (r: RegistrationRecord) => r.province, null, [
      { key: 'quang-ngai', registrations: 3, booths: 4, supportedBooths: 3 },
      { key: 'lai-chau', registrations: 2, booths: 3, supportedBooths: 0 },
    ]],
    ['by province, 2028', (r: RegistrationRecord) => r.province, 2028, [
      { key: 'quang-ngai', registrations: 2, booths: 3, supportedBooths: 2 },
      { key: 'lai-chau', registrations: 1, booths: 2, supportedBooths: 0 },
    ]],
    ['by type, 2027', (r: RegistrationRecord) => r.establishmentType, 2027, [
      { key: 'household', registrations: 1, booths: 1, supportedBooths: 0 },
      { key: 'sme', registrations: 1, booths: 1, supportedBooths: 1 },
    ]],
  ] as const)('%s', (_name, key, year, want) => expect(tallyRegistrations(records, key, year)).toEqual(want));

  it('finds the product group from the catalogue by folded name', () => {
    const catalogue = [{ name: 'Nước mắm cá cơm Sa Huỳnh', group: 'che-bien-nong-lam-thuy-san' }, { name: 'Đèn lồng lụa Hội An', group: 'thu-cong-my-nghe' }];
    expect(groupOfProducts('nuoc mam ca com sa huynh, mắm ruốc', catalogue)).toBe('che-bien-nong-lam-thuy-san');
    expect(groupOfProducts('ĐÈN LỒNG LỤA HỘI AN', catalogue)).toBe('thu-cong-my-nghe');
    expect(groupOfProducts('Chè Shan tuyết', catalogue)).toBeNull();
  });

  it('counts entries by group and level, and lists years newest first', () => {
    const t = tallyByGroupAndLevel([{ year: 2025, level: 'tinh', group: 'co-khi' }, { year: 2025, level: 'tinh', group: 'co-khi' }, { year: 2026, level: 'xa', group: null }], 2025);
    expect([...t].map(([g, row]) => [g, [...row]])).toEqual([['co-khi', [['tinh', 2]]]]);
    expect(yearsOf([{ year: 2025 }], [{ year: 2028 }, { year: 2025 }])).toEqual([2028, 2025]);
  });
});

describe('tile map', () => {
  it('places each of the 34 units on its own tile inside the grid', () => {
    const all = tiles();
    expect(all).toHaveLength(34);
    expect(Object.keys(TILE_POSITIONS).sort()).toEqual(PROVINCES.map((p) => p.slug).sort());
    const cells = all.map((t) => `${String(t.column)},${String(t.row)}`);
    expect(new Set(cells).size).toBe(34);
    for (const t of all) {
      expect(t.column).toBeGreaterThanOrEqual(0);
      expect(t.column).toBeLessThan(GRID.columns);
      expect(t.row).toBeLessThan(GRID.rows);
    }
  });
  it('draws Hoàng Sa with Đà Nẵng and Trường Sa with Khánh Hòa, at sea east of them', () => {
    expect(ARCHIPELAGOS.map((a) => [a.name, a.unit])).toEqual([['Quần đảo Hoàng Sa', 'da-nang'], ['Quần đảo Trường Sa', 'khanh-hoa']]);
    for (const a of ARCHIPELAGOS) expect(a.position[0]).toBeGreaterThan(TILE_POSITIONS[a.unit]?.[0] ?? 99);
  });
  it('keeps north above south', () => {
    const row = (slug: string) => TILE_POSITIONS[slug]?.[1] ?? -1;
    expect(row('ha-noi')).toBeLessThan(row('da-nang'));
    expect(row('da-nang')).toBeLessThan(row('ho-chi-minh'));
    expect(row('ho-chi-minh')).toBeLessThan(row('ca-mau'));
  });
  it.each([
    [{ name: 'Hồ Chí Minh' }, 'HCM'], [{ name: 'Huế' }, 'Huế'], [{ name: 'Đà Nẵng' }, 'ĐN'],
  ])('abbreviates %j as %s', (p, a) => expect(tileAbbreviation(p)).toBe(a));
  it.each([[0, 10, 0], [1, 10, 1], [3, 10, 2], [10, 10, 4], [6, 10, 3], [5, 0, 0]] as const)('shade of %d / %d is %d', (v, max, s) => expect(shade(v, max)).toBe(s));
});
