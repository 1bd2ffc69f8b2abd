import { describe, expect, it } from 'vitest';
import { cleanQueryText, MAX_QUERY_LENGTH, parseSearchQuery, searchHref } from '~/lib/search-query';
import { editDistance, exactKey, exactWords, foldedWords, hasDiacritics, highlight } from '~/lib/server/search/text';

describe('query words', () => {
  it('folds words the way the index does (đ → d, marks stripped, NFC or NFD alike)', () => {
    expect(foldedWords('Nước mắm (Nam Ô)')).toEqual(['nuoc', 'mam', 'nam', 'o']);
    expect(foldedWords('Đắk Lắk'.normalize('NFD'))).toEqual(['dak', 'lak']);
    expect(foldedWords('"NEAR(a* -b)"')).toEqual(['near', 'a', 'b']);
    expect(exactWords('Nước MẮM'.normalize('NFD'))).toEqual([exactKey('nước'), 'mắm']);
    expect(hasDiacritics('dau')).toBe(false);
    expect(hasDiacritics('đau')).toBe(true);
  });

  it('compares words as typed by one key: the tone mark in either position, vowel marks and đ kept', () => {
    expect(exactKey('hoá')).toBe(exactKey('hóa'));
    expect(exactKey('thuý')).toBe(exactKey('thúy'));
    expect(exactKey('hoà'.normalize('NFD'))).toBe(exactKey('hòa'));
    expect(exactWords('Hoá chất HÓA')).toEqual([exactKey('hóa'), 'chất', exactKey('hóa')]);
    // Words that differ only by their tone or vowel marks stay apart.
    expect(new Set(['gốm', 'gồm', 'gôm', 'gom', 'hòa', 'hóa', 'đậu', 'dầu'].map(exactKey)).size).toBe(8);
    // A key of a word being typed is a prefix of the key of the word.
    expect(exactKey('gốm').startsWith(exactKey('gố'))).toBe(true);
    expect(exactKey('người').startsWith(exactKey('ngừ'))).toBe(true);
  });
});

describe('cleanQueryText', () => {
  it('strips control characters and cuts at 200 characters', () => {
    expect(cleanQueryText('a\u0000b\u0007c\u200bd')).toBe('a b c d');
    expect(cleanQueryText('x'.repeat(1000))).toHaveLength(MAX_QUERY_LENGTH);
    expect(cleanQueryText('🙂'.repeat(150)).length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
    expect(cleanQueryText('🙂'.repeat(150))).not.toMatch(/[\ud800-\udbff]$/);
  });
});

describe('parseSearchQuery', () => {
  it('keeps known values, drops unknown ones, never throws', () => {
    expect(parseSearchQuery(new URLSearchParams('q=gốm&tinh=da-nang&tinhcu=quang-nam&sao=9&cap=x&nam=2025&hieuluc=2&kieu=san-pham&trang=0'))).toEqual({
      q: 'gốm',
      tinh: 'da-nang',
      tinhcu: 'quang-nam',
      nam: 2025,
      kieu: 'san-pham',
    });
    expect(parseSearchQuery(new URLSearchParams(''))).toEqual({ q: '' });
  });
  it('round-trips through a shareable URL', () => {
    const q = parseSearchQuery(new URLSearchParams('q=nước mắm&tinh=da-nang&trang=2'));
    const href = searchHref(q);
    expect(href).toBe('/tim-kiem?q=n%C6%B0%E1%BB%9Bc+m%E1%BA%AFm&tinh=da-nang&trang=2');
    expect(parseSearchQuery(new URL(href, 'http://x').searchParams)).toEqual(q);
  });
});

describe('highlight', () => {
  it('marks matched words in the original text, as segments', () => {
    expect(highlight('Nước mắm cá cơm', ['nuoc', 'ma'])).toEqual([
      ['Nước', true],
      [' ', false],
      ['mắ', true],
      ['m cá cơm', false],
    ]);
  });
  it('keeps decomposed marks with their letter and never produces HTML', () => {
    const text = 'Đắk <b>Lắk</b>'.normalize('NFD');
    const segs = highlight(text, ['dak', 'lak']);
    expect(segs.map(([t]) => t).join('')).toBe(text);
    expect(segs.filter(([, m]) => m).map(([t]) => t.normalize('NFC'))).toEqual(['Đắk', 'Lắk']);
  });
  it('returns the text unmarked when nothing matches', () => {
    expect(highlight('Gốm Thanh Hà', ['xyz'])).toEqual([['Gốm Thanh Hà', false]]);
  });
});

describe('editDistance', () => {
  it('counts a swap of neighbours as one edit and gives up past the limit', () => {
    expect(editDistance('lihn', 'linh', 1)).toBe(1);
    expect(editDistance('linb', 'linh', 1)).toBe(1);
    expect(editDistance('ngoc', 'ngoc', 1)).toBe(0);
    expect(editDistance('abcd', 'wxyz', 1)).toBe(2);
    expect(editDistance('a', 'abcdef', 2)).toBe(3);
  });
});
