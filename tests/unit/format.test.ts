import { describe, expect, it } from 'vitest';
import {
  formatArea,
  formatDate,
  formatDateRange,
  formatDateTime,
  formatMillionDong,
  formatNumber,
  formatSize,
  formatVnd,
  formatWait,
  toCalendarDate,
} from '~/lib/format';
import { fold, slugify } from '~/lib/fold';
import { formatMB } from '~/lib/entry-schema';

describe('Vietnamese formats', () => {
  it('states a file size a person recognises, never "0 MB" for a small file', () => {
    expect(formatMB(303)).toBe('303 byte');
    expect(formatMB(26 * 1024 + 300)).toBe('26 KB');
    expect(formatMB(1536 * 1024)).toBe('1,5 MB');
    expect(formatMB(10 * 1024 * 1024)).toBe('10 MB');
  });

  it('formats calendar dates as dd/mm/yyyy whatever the machine time zone', () => {
    expect(formatDate('2027-12-31')).toBe('31/12/2027');
    expect(formatDate('2025-01-01')).toBe('01/01/2025');
  });
  it('shows instants in Vietnam time', () => {
    // 17:30 UTC on 31/12 is 00:30 on 01/01 in Vietnam.
    expect(formatDate(new Date('2026-12-31T17:30:00Z'))).toBe('01/01/2027');
    expect(formatDateTime(new Date('2026-12-10T01:00:00Z'))).toBe('08:00 10/12/2026');
    expect(toCalendarDate(new Date('2026-12-31T17:30:00Z'))).toBe('2027-01-01');
  });
  it('writes every calendar date as Intl does, without Intl (the build formats thousands)', () => {
    const intl = new Intl.DateTimeFormat('vi-VN', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Asia/Ho_Chi_Minh' });
    for (let t = Date.UTC(1990, 0, 1); t < Date.UTC(2061, 0, 1); t += 86_400_000) {
      const iso = new Date(t).toISOString().slice(0, 10);
      expect(formatDate(iso), iso).toBe(intl.format(new Date(`${iso}T12:00:00Z`)));
    }
    // Not a calendar date of the fast path: Intl's answer, as before.
    expect(formatDate('0999-05-01')).toBe(intl.format(new Date('0999-05-01T12:00:00Z')));
  });
  it('reads the calendar date of an instant in Vietnam as Intl does, before and after 1975', () => {
    const intl = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' });
    // Every 7 hours and 13 minutes from 1960 to 2100: every hour of the day and both sides of midnight.
    for (let t = Date.UTC(1960, 0, 1); t < Date.UTC(2100, 0, 1); t += (7 * 60 + 13) * 60_000) {
      const at = new Date(t);
      if (toCalendarDate(at) !== intl.format(at)) expect(toCalendarDate(at), at.toISOString()).toBe(intl.format(at));
    }
    for (const iso of ['1975-06-12T16:59:59Z', '1975-06-12T17:00:00Z', '1975-06-13T00:00:00Z', '2026-12-31T16:59:59.999Z', '2026-12-31T17:00:00Z']) {
      expect(toCalendarDate(new Date(iso)), iso).toBe(intl.format(new Date(iso)));
    }
  });
  it('joins a range and collapses a single day', () => {
    const a = new Date('2026-12-10T01:00:00Z');
    expect(formatDateRange(a, new Date('2026-12-14T10:00:00Z'))).toBe('10/12/2026 – 14/12/2026');
    expect(formatDateRange(a, new Date('2026-12-10T10:00:00Z'))).toBe('10/12/2026');
  });
  it('uses "." for thousands and "," for decimals', () => {
    expect(formatNumber(1500000)).toBe('1.500.000');
    expect(formatVnd(1500000)).toBe('1.500.000 ₫');
    expect(formatMillionDong(36600)).toBe('36.600 triệu đồng');
    expect(formatArea(13.5)).toBe('13,5 m²');
    expect(formatSize(3, 3)).toBe('3 × 3 m');
  });
});

describe('folding', () => {
  it('strips marks, maps đ to d and lowercases', () => {
    expect(fold('Nước mắm Nam Ô')).toBe('nuoc mam nam o');
    expect(fold('Đắk Lắk')).toBe('dak lak');
    expect(fold('ĐỒ GỖ')).toBe('do go');
  });
  it('folds precomposed and decomposed text alike, old and new tone positions alike', () => {
    expect(fold('hoá')).toBe(fold('hóa'));
    expect(fold('Chè Shan tuyết'.normalize('NFD'))).toBe(fold('Chè Shan tuyết'.normalize('NFC')));
  });
  it('makes unaccented slugs', () => {
    expect(slugify('Chè Shan tuyết Sìn Hồ')).toBe('che-shan-tuyet-sin-ho');
    expect(slugify('  Gốm Thanh Hà (Hội An)! ')).toBe('gom-thanh-ha-hoi-an');
  });
});

describe('waits', () => {
  it('rounds up to the minute and switches to hours from 60 minutes', () => {
    expect([0, 1, 60, 61, 2700, 3599, 3600, 3601, 5400, 86_400].map(formatWait)).toEqual([
      '1 phút', '1 phút', '1 phút', '2 phút', '45 phút', '1 giờ', '1 giờ', '1 giờ 1 phút', '1 giờ 30 phút', '24 giờ',
    ]);
  });
});
