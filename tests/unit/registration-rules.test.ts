/** Pure rules of booth registration and the shared form schema (table-driven). */
import { describe, expect, it } from 'vitest';
import {
  CODE_ALPHABET,
  canOrganiser,
  codeFromBytes,
  byWaitlistOrder,
  countBooths,
  decideHold,
  freeBooths,
  offerExpiry,
  parseBoothNumbers,
  pickOffers,
  takenBoothNumber,
  wouldBeOfferedBack,
} from '../../src/lib/server/registrations/rules';
import { csvCell, toCsv } from '../../src/lib/server/csv';
import { registrationWindowState, windowRefusal, windowSummary } from '../../src/lib/registration-window';
import { isUpcomingFair } from '../../src/lib/fair-schedule';
import { registrationSchemaFor, registrationFieldErrors } from '../../src/lib/registration-schema';
import { normalizePhone } from '../../src/lib/phone';

describe('decideHold', () => {
  it.each([
    // capacity, held, quantity, acceptFewer → status, hold
    [20, 0, 2, false, 'pending', 2],
    [20, 19, 1, false, 'pending', 1],
    [20, 19, 2, false, 'waitlisted', 0],
    [20, 19, 2, true, 'pending', 1],
    [20, 20, 1, true, 'waitlisted', 0],
    [10, 12, 1, false, 'waitlisted', 0], // content lowered below held
    [0, 0, 1, true, 'waitlisted', 0],
  ] as const)('capacity %i held %i asks %i (fewer %s) → %s %i', (cap, held, q, fewer, status, hold) => {
    expect(decideHold(cap, held, q, fewer)).toEqual({ status, hold });
  });
});

describe('pickOffers', () => {
  const w = (id: number, quantity: number, acceptFewer = false) => ({ id, quantity, acceptFewer });
  it.each([
    ['nothing free', 0, [w(1, 1)], []],
    ['first fits', 2, [w(1, 2), w(2, 1)], [{ id: 1, quantity: 2 }]],
    ['2 is not offered 1 unless it accepts fewer', 1, [w(1, 2), w(2, 1)], [{ id: 2, quantity: 1 }]],
    ['accepts fewer', 1, [w(1, 2, true), w(2, 1)], [{ id: 1, quantity: 1 }]],
    ['several', 3, [w(1, 1), w(2, 3), w(3, 2)], [{ id: 1, quantity: 1 }, { id: 3, quantity: 2 }]],
    ['nobody fits', 1, [w(1, 2), w(2, 3)], []],
  ] as const)('%s', (_name, free, waiting, expected) => {
    expect(pickOffers(free, waiting)).toEqual(expected);
  });
});

describe('countBooths', () => {
  it('sums held by status and flags overbooking', () => {
    const rows = [
      { status: 'pending', heldQuantity: 2, quantity: 2 },
      { status: 'approved', heldQuantity: 1, quantity: 1 },
      { status: 'offered', heldQuantity: 1, quantity: 2 },
      { status: 'waitlisted', heldQuantity: 0, quantity: 2 },
      { status: 'cancelled', heldQuantity: 0, quantity: 2 },
    ] as const;
    expect(countBooths(5, rows)).toEqual({ total: 5, pending: 2, offered: 1, approved: 1, waitlisted: 2, held: 4, free: 1, overbooked: 0 });
    expect(countBooths(3, rows)).toMatchObject({ held: 4, free: 0, overbooked: 1 });
  });
});

describe('freeBooths', () => {
  it.each([
    [240, 0, 240],
    [240, 239, 1],
    [240, 240, 0],
    [10, 12, 0], // content lowered below what is held: nothing free, never negative
    [0, 0, 0],
  ] as const)('capacity %i held %i → %i free', (capacity, held, free) => {
    expect(freeBooths(capacity, held)).toBe(free);
  });
  it('is what countBooths reports as free, from per-status sums', () => {
    const sums = [
      { status: 'pending', heldQuantity: 5, quantity: 6 },
      { status: 'approved', heldQuantity: 3, quantity: 3 },
      { status: 'waitlisted', heldQuantity: 0, quantity: 4 },
    ] as const;
    expect(countBooths(10, sums)).toMatchObject({ held: 8, free: freeBooths(10, 8), waitlisted: 4 });
  });
});

describe('wouldBeOfferedBack (the waiting-list move that would hand booths straight back)', () => {
  const place = (id: number, quantity: number, waitlistedAt: number, acceptFewer = false) => ({ id, quantity, acceptFewer, waitlistedAt });
  const candidate = { id: 9, quantity: 2, acceptFewer: false };
  it.each([
    // name, capacity, held (incl. the candidate's), releasing, waiting list → offered back?
    ['alone, the type has room', 3, 2, 2, [], true],
    ['full, nobody waits: its own booths come back', 2, 2, 2, [], true],
    ['someone ahead takes the freed booths', 2, 2, 2, [place(1, 2, 100)], false],
    ['someone ahead is too big and does not accept fewer', 2, 2, 2, [place(1, 3, 100)], true],
    ['someone ahead accepts fewer and takes them', 2, 2, 2, [place(1, 3, 100, true)], false],
    ['enough room for both', 6, 2, 2, [place(1, 2, 100)], true],
    ['an offer (releasing nothing) with nothing free', 2, 2, 0, [], false],
    ['overbooked content: still nothing free after release', 1, 4, 2, [], false],
  ] as const)('%s → %s', (_name, capacity, held, releasing, waiting, expected) => {
    expect(wouldBeOfferedBack({ capacity, held, releasing, waiting, candidate, at: 1_000 })).toBe(expected);
  });
  it('orders the line by waitlistedAt, then id', () => {
    const line = [place(3, 1, 200), place(2, 1, 100), place(1, 1, 100)].sort(byWaitlistOrder);
    expect(line.map((p) => p.id)).toEqual([1, 2, 3]);
  });
});

describe('booth numbers already taken', () => {
  it.each([
    [['A01'], ['A02, A03', null], null],
    [['A01', 'A03'], ['A02, A03'], 'A03'],
    [['B1'], [null, ''], null],
  ] as const)('%j against %j → %s', (numbers, others, clash) => {
    expect(takenBoothNumber(numbers, others)).toBe(clash);
  });
});

describe('offer expiry', () => {
  it('is offerHours after the offer', () => {
    expect(offerExpiry(new Date('2026-12-01T02:00:00Z'), 48).toISOString()).toBe('2026-12-03T02:00:00.000Z');
  });
});

describe('organiser transitions', () => {
  it.each([
    ['approve', 'pending', true],
    ['approve', 'waitlisted', false],
    ['approve', 'cancelled', false],
    ['reject', 'approved', true],
    ['reject', 'cancelled', false],
    ['waitlist', 'approved', true],
    ['waitlist', 'waitlisted', false],
    ['assign', 'approved', true],
    ['assign', 'waitlisted', false],
  ] as const)('%s from %s → %s', (action, status, allowed) => {
    expect(canOrganiser(action, status)).toBe(allowed);
  });
});

describe('codes', () => {
  it('use no 0, O, 1 or I', () => {
    expect(CODE_ALPHABET).toHaveLength(32);
    expect(CODE_ALPHABET).not.toMatch(/[0O1I]/);
    expect(codeFromBytes(new Uint8Array([0, 31, 32, 255, 7, 8]))).toBe('2Z2Z9A');
  });
});

describe('window', () => {
  const registration = { opens: new Date('2026-10-01T00:00:00Z'), closes: new Date('2027-01-01T00:00:00Z') };
  it.each([
    ['2026-09-30T23:59:59Z', 'scheduled', 'upcoming'],
    ['2026-10-01T00:00:00Z', 'scheduled', 'open'],
    ['2027-01-01T00:00:00Z', 'scheduled', 'closed'],
    ['2026-12-01T00:00:00Z', 'cancelled', 'closed'],
    ['2026-12-01T00:00:00Z', 'postponed', 'open'],
  ] as const)('%s (%s) → %s', (at, status, state) => {
    expect(registrationWindowState({ status, registration }, new Date(at))).toBe(state);
  });
});

describe('booth numbers', () => {
  it.each([
    ['a01, a02', 2, ['A01', 'A02']],
    ['B-7', 1, ['B-7']],
  ] as const)('%s → %j', (raw, held, numbers) => {
    expect(parseBoothNumbers(raw, held)).toEqual({ ok: true, numbers });
  });
  it.each([
    ['', 1, 'invalid_booth_numbers'],
    ['A01, a01', 2, 'duplicate_booth_numbers'],
    ['A01 A02', 1, 'too_many_booth_numbers'],
    ['<b>', 1, 'invalid_booth_numbers'],
    ['Á01', 1, 'invalid_booth_numbers'],
  ] as const)('refuses %j (held %d) as %s', (raw, held, code) => {
    expect(parseBoothNumbers(raw, held)).toMatchObject({ ok: false, code });
  });
});

describe('CSV', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+84912345678', "'+84912345678"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['<script>', '<script>'],
    [null, ''],
  ] as const)('%j → %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });
  it('starts with a BOM and ends lines with CRLF', () => {
    expect(toCsv(['Tên'], [['Hợp tác xã']])).toBe('\uFEFFTên\r\nHợp tác xã\r\n');
  });
});

describe('phone', () => {
  it.each([
    ['0912345678', '+84912345678'],
    ['0912 345 678', '+84912345678'],
    ['+84 912.345.678', '+84912345678'],
    ['84912345678', '+84912345678'],
    ['0312345678', '+84312345678'],
    ['0212345678', null],
    ['091234567', null],
    ['abc', null],
  ] as const)('%j → %j', (raw, e164) => {
    expect(normalizePhone(raw)).toBe(e164);
  });
});

describe('registration schema', () => {
  const fair = { boothTypes: [{ id: 'tieu-chuan', name: 'Gian tiêu chuẩn' }], maxBoothsPerEstablishment: 2 };
  const schema = registrationSchemaFor(fair);
  const valid = {
    establishmentName: 'HTX Chè Tà Xùa',
    establishmentType: 'cooperative',
    taxCode: '5500123456',
    representative: 'Mùa A Chớ',
    phone: '0912345678',
    province: 'son-la',
    commune: 'Tà Xùa',
    products: 'Chè Shan tuyết',
    boothTypeId: 'tieu-chuan',
    quantity: '2',
    wantsSupport: 'on',
    consent: 'on',
  };
  it('accepts a form post and a JSON body alike, normalising the phone and dropping unknown fields', () => {
    const a: Record<string, unknown> = schema.parse({ ...valid, unknown: 'x' });
    const b: Record<string, unknown> = schema.parse({ ...valid, quantity: 2, wantsSupport: true, consent: true });
    expect(a).toEqual(b);
    expect(a['phone']).toBe('+84912345678');
    expect(a).not.toHaveProperty('unknown');
  });
  it.each([
    ['taxCode', { taxCode: '123' }, /10 chữ số/],
    ['taxCode', { taxCode: '' }, /mã số thuế/],
    ['quantity', { quantity: 3 }, /tối đa 2 gian/],
    ['quantity', { quantity: 0 }, /ít nhất 1/],
    ['boothTypeId', { boothTypeId: 'vip' }, /không có trong hội chợ/],
    ['consent', { consent: undefined }, /Nghị định 13\/2023/],
    ['email', { email: 'x@' }, /email/i],
    ['province', { province: 'quang-nam' }, /34 đơn vị/],
    ['phone', { phone: '0212345678' }, /10 chữ số/],
  ] as const)('%s: %j → a Vietnamese message', (field, patch, message) => {
    const r = schema.safeParse({ ...valid, ...patch });
    expect(r.success).toBe(false);
    if (!r.success) expect(registrationFieldErrors(r.error)[field]).toMatch(message);
  });
  it('reads a tax code written in groups without its spaces', () => {
    for (const [typed, stored] of [['5100 123 456', '5100123456'], ['4200123456 - 001', '4200123456-001'], ['\u00a05500123456 ', '5500123456']]) {
      const r = schema.safeParse({ ...valid, taxCode: typed });
      expect(r.success && r.data.taxCode, typed).toBe(stored);
    }
  });
  it('lets a household leave the tax code empty', () => {
    expect(schema.safeParse({ ...valid, establishmentType: 'household', taxCode: '' }).success).toBe(true);
  });
});

describe('upcoming or past', () => {
  const end = new Date('2026-11-26T15:00:00Z');
  it.each([
    ['scheduled', '2026-11-26T14:59:59Z', true],
    ['scheduled', '2026-12-01T00:00:00Z', false],
    ['postponed', '2026-12-01T00:00:00Z', true], // its dates are the ones it will not keep
    ['cancelled', '2026-12-01T00:00:00Z', false],
    ['cancelled', '2026-11-01T00:00:00Z', true],
  ] as const)('%s fair at %s → upcoming %s', (status, at, upcoming) => {
    expect(isUpcomingFair({ status, end }, new Date(at))).toBe(upcoming);
  });
});

describe('window sentences (one place for the calendar and the 409s)', () => {
  const registration = { opens: new Date('2026-10-01T01:00:00Z'), closes: new Date('2027-01-01T10:00:00Z') };
  it.each([
    ['2026-09-30T00:00:00Z', 'scheduled', 'Sắp mở đăng ký: từ 08:00 01/10/2026 đến 17:00 01/01/2027'],
    ['2026-12-01T00:00:00Z', 'scheduled', 'Đang mở đăng ký, đến 17:00 01/01/2027'],
    ['2027-02-01T00:00:00Z', 'scheduled', 'Đã đóng đăng ký (08:00 01/10/2026 – 17:00 01/01/2027)'],
    ['2026-12-01T00:00:00Z', 'cancelled', null],
  ] as const)('%s (%s) → %j', (at, status, text) => {
    expect(windowSummary({ status, registration }, new Date(at))).toBe(text);
  });
  it('says when there is no window yet', () => {
    expect(windowSummary({ status: 'scheduled', registration: null }, new Date())).toBe('Chưa công bố thời hạn đăng ký gian hàng');
  });
  it.each([
    ['upcoming', 'Hội chợ chưa mở đăng ký. Thời hạn đăng ký từ 08:00 01/10/2026 đến 17:00 01/01/2027.'],
    ['closed', 'Đã hết hạn đăng ký. Thời hạn đăng ký là từ 08:00 01/10/2026 đến 17:00 01/01/2027.'],
    ['open', null],
  ] as const)('refusal when %s → %j', (state, text) => {
    expect(windowRefusal(registration, state)).toBe(text);
  });
});
