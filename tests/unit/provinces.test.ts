import { describe, expect, it } from 'vitest';
import {
  FORMER_PROVINCES,
  PROVINCES,
  currentUnitOf,
  getProvince,
  placeLabel,
  provinceLabel,
  requireProvince,
} from '~/lib/provinces';

describe('the 34 units after 01/07/2025', () => {
  it('has 28 provinces and 6 centrally-run cities', () => {
    expect(PROVINCES).toHaveLength(34);
    expect(PROVINCES.filter((p) => p.kind === 'thanh-pho').map((p) => p.slug).sort()).toEqual(
      ['can-tho', 'da-nang', 'ha-noi', 'hai-phong', 'ho-chi-minh', 'hue'].sort(),
    );
  });
  it('maps all 63 former provinces exactly once', () => {
    expect(FORMER_PROVINCES).toHaveLength(63);
    expect(new Set(FORMER_PROVINCES.map((p) => p.slug)).size).toBe(63);
  });
  it.each([
    ['quang-nam', 'da-nang'],
    ['kon-tum', 'quang-ngai'],
    ['ha-giang', 'tuyen-quang'],
    ['quang-binh', 'quang-tri'],
    ['ba-ria-vung-tau', 'ho-chi-minh'],
    ['hoa-binh', 'phu-tho'],
    ['thua-thien-hue', 'hue'],
    ['lai-chau', 'lai-chau'],
    ['bac-lieu', 'ca-mau'],
    ['dak-nong', 'lam-dong'],
  ])('%s is now part of %s', (former, unit) => {
    expect(currentUnitOf(former)?.slug).toBe(unit);
  });
  it('unknown slugs give null or throw in the require form', () => {
    expect(getProvince('quang-nam')).toBeNull();
    expect(currentUnitOf('atlantis')).toBeNull();
    expect(() => requireProvince('atlantis')).toThrow();
  });
});

describe('labels', () => {
  it('names cities and provinces as Vietnamese writes them', () => {
    expect(provinceLabel(requireProvince('da-nang'))).toBe('TP Đà Nẵng');
    expect(provinceLabel(requireProvince('lai-chau'))).toBe('tỉnh Lai Châu');
  });
  it('shows where a place was before the merger', () => {
    expect(placeLabel({ commune: 'phường Hội An', province: 'da-nang', former: { province: 'quang-nam' } })).toBe(
      'phường Hội An, TP Đà Nẵng (trước đây thuộc tỉnh Quảng Nam)',
    );
    expect(
      placeLabel({ commune: 'xã Trà Linh', province: 'da-nang', former: { province: 'quang-nam', district: 'huyện Nam Trà My' } }),
    ).toBe('xã Trà Linh, TP Đà Nẵng (trước đây thuộc huyện Nam Trà My, tỉnh Quảng Nam)');
    expect(placeLabel({ commune: 'xã Sìn Hồ', province: 'lai-chau' })).toBe('xã Sìn Hồ, tỉnh Lai Châu');
  });
});
