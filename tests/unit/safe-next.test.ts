/**
 * The return address after signing in (`next`): only a path on this site survives, normalised
 * and percent-encoded; anything a browser could resolve to another origin falls back.
 */
import { describe, expect, it } from 'vitest';
import { safeNext } from '../../src/lib/server/http';
import { HOSTILE_NEXT } from '../helpers/hostile-next';
import { loginUrl } from '../../src/lib/server/auth/guard';

const FALLBACK = '/quan-tri';

describe('safeNext', () => {
  it.each(HOSTILE_NEXT.map((v) => [JSON.stringify(v).slice(0, 60), v]))('refuses %s', (_label, value) => {
    expect(safeNext(value)).toBe(FALLBACK);
  });

  it('refuses null and undefined, and honours another fallback', () => {
    expect(safeNext(null)).toBe(FALLBACK);
    expect(safeNext(undefined)).toBe(FALLBACK);
    expect(safeNext('//evil.example', '/cham-diem')).toBe('/cham-diem');
  });

  it.each([
    ['/quan-tri', '/quan-tri'],
    ['/', '/'],
    ['/quan-tri/hoi-cho/x?trang-thai=pending', '/quan-tri/hoi-cho/x?trang-thai=pending'],
    ['/quan-tri/hoi-cho/x?trang-thai=pending&trang=2#bang', '/quan-tri/hoi-cho/x?trang-thai=pending&trang=2#bang'],
    ['/cham-diem/binh-chon-2026/', '/cham-diem/binh-chon-2026/'],
    ['/quan-tri/./nhat-ky', '/quan-tri/nhat-ky'],
    ['/quan-tri/x/../nhat-ky', '/quan-tri/nhat-ky'],
    ['/sản-phẩm', '/s%E1%BA%A3n-ph%E1%BA%A9m'],
    ['/s%E1%BA%A3n-ph%E1%BA%A9m', '/s%E1%BA%A3n-ph%E1%BA%A9m'],
    ['/tim-kiem?q=nước%20mắm', '/tim-kiem?q=n%C6%B0%E1%BB%9Bc%20m%E1%BA%AFm'],
    ['/quan-tri?q=a%2F%2Fb', '/quan-tri?q=a%2F%2Fb'],
  ])('keeps %s as %s', (value, expected) => {
    expect(safeNext(value)).toBe(expected);
  });

  it('answers only printable ASCII (a valid Location header)', () => {
    for (const value of ['/sản-phẩm', '/đăng-ký?tỉnh=Đà Nẵng', '/tim-kiem?q=nước%20mắm', ...HOSTILE_NEXT]) {
      expect(safeNext(value)).toMatch(/^\/[\x21-\x7e]*$/);
    }
  });
});

describe('loginUrl', () => {
  it('carries the current page (path and query) so that safeNext gives it back unchanged', () => {
    for (const page of ['/quan-tri/hoi-cho/x?trang-thai=pending', '/cham-diem/binh-chon-2026/san-pham-1', '/quan-tri/sản-phẩm?q=nước mắm']) {
      const url = new URL(page, 'http://localhost:4321');
      const signIn = new URL(loginUrl(url), 'http://localhost:4321');
      expect(signIn.pathname).toBe('/dang-nhap');
      expect(safeNext(signIn.searchParams.get('next'))).toBe(url.pathname + url.search);
    }
  });
});
