import { describe, expect, it } from 'vitest';
import { addMonths, cnntValidUntil, isValidOn, ocopValidUntil, previousDay, validUntil } from '~/lib/validity';

describe('OCOP certificates: 36 months from issue', () => {
  it.each([
    ['2023-05-10', '2026-05-09'],
    ['2024-01-01', '2026-12-31'],
    ['2023-03-01', '2026-02-28'],
    ['2024-02-29', '2027-02-28'], // no 29/02/2027: the anniversary is 01/03, valid through 28/02
    ['2022-12-31', '2025-12-30'],
  ])('issued %s is valid through %s', (issued, until) => {
    expect(ocopValidUntil(issued)).toBe(until);
  });
});

describe('CNNT certificates: 31 December of the third year counting the year of issue', () => {
  it.each([
    ['2025-10-10', '2027-12-31'],
    ['2025-01-01', '2027-12-31'],
    ['2021-12-31', '2023-12-31'],
  ])('issued %s is valid through %s', (issued, until) => {
    expect(cnntValidUntil(issued)).toBe(until);
  });
});

describe('validity helpers', () => {
  it('a stated date wins over the derived one', () => {
    expect(validUntil('ocop', '2023-05-10', '2025-01-01')).toBe('2025-01-01');
    expect(validUntil('cnnt', '2023-05-10')).toBe('2025-12-31');
  });
  it('is valid on its last day and not the day after', () => {
    expect(isValidOn('2027-12-31', '2027-12-31')).toBe(true);
    expect(isValidOn('2027-12-31', '2028-01-01')).toBe(false);
  });
  it('adds months across years and clamps month ends', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2025-11-15', 3)).toBe('2026-02-15');
    expect(previousDay('2025-03-01')).toBe('2025-02-28');
  });
  it('rejects malformed dates', () => {
    expect(() => ocopValidUntil('10/05/2023')).toThrow(/YYYY-MM-DD/);
  });
});
