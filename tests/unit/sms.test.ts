/** SMS text as the network carries it (src/lib/server/messaging/sms.ts): alphabet, parts, unaccented text. */
import { describe, expect, it } from 'vitest';
import { gsmSeptets, smsParts, smsShape, smsText, unaccent } from '~/lib/server/messaging/sms';

describe('unaccent', () => {
  it.each([
    ['Mã xác minh bình chọn', 'Ma xac minh binh chon'],
    ['Đắk Lắk – TP Đà Nẵng', 'Dak Lak - TP Da Nang'],
    ['“Hội chợ” … 36.600₫', '"Hoi cho" ... 36.600d'],
    ['Ngọc Linh'.normalize('NFD'), 'Ngoc Linh'],
  ])('%j → %j', (raw, plain) => {
    expect(unaccent(raw)).toBe(plain);
    expect(gsmSeptets(unaccent(raw))).not.toBeNull();
  });
});

describe('smsShape', () => {
  it.each([
    ['a'.repeat(160), { encoding: 'gsm7', length: 160, parts: 1 }],
    ['a'.repeat(161), { encoding: 'gsm7', length: 161, parts: 2 }],
    ['a'.repeat(306), { encoding: 'gsm7', length: 306, parts: 2 }],
    ['a'.repeat(307), { encoding: 'gsm7', length: 307, parts: 3 }],
    // The extension table costs two septets.
    ['€'.repeat(80), { encoding: 'gsm7', length: 160, parts: 1 }],
    ['ă'.repeat(70), { encoding: 'ucs2', length: 70, parts: 1 }],
    ['ă'.repeat(71), { encoding: 'ucs2', length: 71, parts: 2 }],
    // One Vietnamese letter makes the whole text UCS-2.
    [`${'a'.repeat(100)}ệ`, { encoding: 'ucs2', length: 101, parts: 2 }],
  ])('%#', (text, shape) => {
    expect(smsShape(text)).toEqual(shape);
  });
});

describe('smsParts', () => {
  it('splits at 153 septets (67 UCS-2 units), never inside a pair, and joins back', () => {
    const gsm = 'x'.repeat(300);
    expect(smsParts(gsm).map((p) => p.length)).toEqual([153, 147]);
    const ucs = '🙂'.repeat(40);
    const parts = smsParts(ucs);
    expect(parts.join('')).toBe(ucs);
    expect(parts.every((p) => !/[\ud800-\udbff]$/.test(p))).toBe(true);
    expect(smsParts('ngắn')).toEqual(['ngắn']);
  });

  it('tidies spaces and drops diacritics when the provider needs it', () => {
    expect(smsText('  Mã   xác\n  minh  ', { unaccented: true })).toBe('Ma xac\nminh');
    expect(smsText('Mã xác minh', { unaccented: false })).toBe('Mã xác minh');
  });
});
