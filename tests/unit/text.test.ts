/**
 * The site's one text normalisation (src/lib/text.ts) and the one phone validator
 * (src/lib/phone.ts): the invisible and deceptive text an attacker or a copy-paste brings.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { cleanText, cutText, hasLetterOrDigit, optionalText, requiredText } from '~/lib/text';
import { formatPhone, normaliseContact, normalizePhone } from '~/lib/phone';

describe('cleanText', () => {
  it.each([
    ['control characters only', '\u0000\u0001\u0002', ''],
    ['C1 controls', 'HTX\u0085\u009fChè', 'HTX Chè'],
    ['zero-width characters', 'H\u200bT\u200cX\u200d \u2060Chè\ufeff', 'HTX Chè'],
    ['a right-to-left override', 'HTX \u202Egnp.exe\u202C', 'HTX gnp.exe'],
    ['bidi isolates and marks', '\u2066Chè\u2069 \u200eShan\u200f \u061cTuyết', 'Chè Shan Tuyết'],
    ['soft hyphen and Mongolian vowel separator', 'Gốm\u00ad\u180e Bàu Trúc', 'Gốm Bàu Trúc'],
    ['Hangul fillers that render as nothing', '\u3164\u115f\u1160\uffa0', ''],
    ['private-use characters', 'Chè\ue000 Tà Xùa', 'Chè Tà Xùa'],
    ['runs of spaces of every kind', '  Hộ\u00a0\u00a0kinh\u3000doanh\t\tgốm  ', 'Hộ kinh doanh gốm'],
    ['line breaks in single-line text', 'Nguyễn\r\nVăn\nA', 'Nguyễn Văn A'],
    ['decomposed Vietnamese becomes precomposed (NFC)', 'Nước mắm'.normalize('NFD'), 'Nước mắm'],
  ])('%s', (_label, raw, expected) => {
    expect(cleanText(raw)).toBe(expected);
    expect(cleanText(raw)).toBe(cleanText(raw).normalize('NFC'));
  });

  it('keeps line breaks in multi-line text, at most one blank line', () => {
    expect(cleanText('Dòng 1  \r\n\r\n\r\n\u2028Dòng\u200b 2\rDòng 3', { multiline: true })).toBe('Dòng 1\n\nDòng 2\nDòng 3');
  });

  it('lets invisible characters separate words when asked (search)', () => {
    expect(cleanText('a\u0000b\u200bc', { invisibleSeparates: true })).toBe('a b c');
  });

  it('cuts without splitting a surrogate pair', () => {
    expect(cutText('🙂🙂🙂', 5)).toBe('🙂🙂');
    expect(cutText('abc', 5)).toBe('abc');
  });

  it('knows a letter or digit of any script', () => {
    expect(hasLetterOrDigit('---')).toBe(false);
    expect(hasLetterOrDigit('Đ')).toBe(true);
    expect(hasLetterOrDigit('٣')).toBe(true);
  });
});

describe('text fields', () => {
  const Schema = z.object({
    name: requiredText('tên cơ sở', { min: 2, max: 20, name: true }),
    note: optionalText('ghi chú', { max: 50, multiline: true }),
  });

  it('stores the cleaned text', () => {
    expect(Schema.parse({ name: ' HTX\u200b  Chè ', note: 'a\r\nb' })).toEqual({ name: 'HTX Chè', note: 'a\nb' });
  });

  it.each([
    ['\u0000\u0001', 'Vui lòng nhập tên cơ sở.'],
    ['\u200b\u200b\u200b', 'Vui lòng nhập tên cơ sở.'],
    ['\u202e\u202c', 'Vui lòng nhập tên cơ sở.'],
    ['-- ..', 'Tên cơ sở phải có ít nhất một chữ cái hoặc chữ số.'],
    ['A\u200b', 'Tên cơ sở cần ít nhất 2 ký tự.'],
    ['x'.repeat(21), 'Tên cơ sở tối đa 20 ký tự.'],
  ])('refuses %j with a message that names the field', (name, message) => {
    const r = Schema.safeParse({ name });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe(message);
  });

  it('reads an invisible-only optional field as empty', () => {
    expect(Schema.parse({ name: 'HTX', note: '\u200b \u0000' })).toEqual({ name: 'HTX' });
  });
});

describe('phone numbers and contacts', () => {
  it.each([
    ['0912 345 678', '+84912345678'],
    ['+84 912.345.678', '+84912345678'],
    ['84912345678', '+84912345678'],
    ['(091) 234-5678', '+84912345678'],
    ['０９１２３４５６７８', '+84912345678'],
    ['0912\u200b345678', '+84912345678'],
  ])('normalises the mobile %j', (raw, e164) => {
    expect(normalizePhone(raw)).toBe(e164);
  });

  it.each(['0212345678', '02363822222', '0412345678', '091234567', '09123456789', '+1 555 0100', 'abc', ''])('refuses %j (not a Vietnamese mobile)', (raw) => {
    expect(normalizePhone(raw)).toBeNull();
  });

  it('formats for display', () => {
    expect(formatPhone('+84912345678')).toBe('0912 345 678');
  });

  it('tells email from phone; landlines and phone-only contests refuse what they must', () => {
    expect(normaliseContact(' Lan@Example.VN ')).toEqual({ channel: 'email', value: 'lan@example.vn' });
    expect(normaliseContact('0912345678')).toEqual({ channel: 'sms', value: '+84912345678' });
    expect(normaliseContact('0236 3822 222')).toBeNull();
    expect(normaliseContact('lan@example.vn', { phoneOnly: true })).toBeNull();
    expect(normaliseContact('0912345678', { phoneOnly: true })).toEqual({ channel: 'sms', value: '+84912345678' });
  });
});
