/**
 * Registrations on a real migrated temp SQLite file: holds, waiting list, offers and their
 * expiry, duplicates, idempotency, self-service, organiser actions, CSV, audit and outbox.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useTestDatabase } from '../helpers/db';
import { registrationBody } from '../helpers/registration-server';
import { now } from '../../src/lib/clock';
import { listAudit } from '../../src/lib/server/audit';
import { listOutbox } from '../../src/lib/server/messaging';
import { RegistrationSchema, type RegistrationInput } from '../../src/lib/registration-schema';
import { HELD_BOOTHS_SQL } from '../../src/lib/server/registrations/capacity';
import {
  actOnRegistration,
  answerOffer,
  cancelRegistration,
  countsForFair,
  getAvailability,
  getRegistrationByToken,
  listRegistrations,
  lookupRegistration,
  registerBooths,
  registerBoothsQueued,
  registrationsCsv,
  updateContact,
  RegistrationError,
  resetRegistrationRate,
  submitLookupForm,
  type FairInfo,
} from '../../src/lib/server/registrations';

const testDb = useTestDatabase('registrations');
const organiser = { actorId: null, ip: '10.0.0.9' };

function fair(slug: string, count = 3, offerHours = 48): FairInfo {
  const t = now().getTime();
  return {
    slug,
    name: `Hội chợ ${slug}`,
    status: 'scheduled',
    registration: { opens: new Date(t - 86_400_000), closes: new Date(t + 30 * 86_400_000), offerHours },
    boothTypes: [{ id: 'tieu-chuan', name: 'Gian hàng tiêu chuẩn', count }],
    maxBoothsPerEstablishment: 2,
  };
}

let n = 0;
function input(patch: Partial<Record<keyof RegistrationInput, unknown>> = {}): RegistrationInput {
  n++;
  const parsed: RegistrationInput = RegistrationSchema.parse({
    ...registrationBody(`09${String(10_000_000 + n)}`, { establishmentName: `Cơ sở ${String(n)}`, representative: 'Nguyễn Văn A' }),
    ...patch,
  });
  return parsed;
}

const tokenOf = (url: string | undefined) => (url ?? '').split('/').at(-1) ?? '';

afterEach(() => {
  vi.useRealTimers();
  resetRegistrationRate();
});

describe('holding booths', () => {
  it('holds while there is room, then waitlists; never more than capacity', () => {
    testDb();
    const f = fair('hold', 3);
    const a = registerBooths(f, input({ quantity: 2 }));
    const b = registerBooths(f, input({ quantity: 2 }));
    const c = registerBooths(f, input({ quantity: 2, acceptFewer: true }));
    const d = registerBooths(f, input({ quantity: 1 }));
    expect([a.status, b.status, c.status, d.status]).toEqual(['pending', 'waitlisted', 'pending', 'waitlisted']);
    expect(c.heldQuantity).toBe(1);
    expect(getAvailability(f).boothTypes[0]).toMatchObject({ total: 3, held: 3, available: 0, waitlisted: 3 });
    expect(a.code).toMatch(/^[2-9A-HJ-NP-Z]{6}$/);
    expect(a.httpStatus).toBe(201);
  });

  it('refuses a closed or cancelled fair with 409 and the dates', () => {
    const f = fair('closed');
    const closed = { ...f, registration: { opens: new Date(0), offerHours: 48, closes: new Date(now().getTime() - 1000) } };
    expect(() => registerBooths(closed, input())).toThrow(expect.objectContaining({ status: 409, code: 'window_closed' }) as Error);
    expect(() => registerBooths({ ...f, status: 'cancelled' }, input())).toThrow(expect.objectContaining({ status: 409, code: 'fair_cancelled' }) as Error);
  });

  it('counts held booths from the index alone (the capacity check of every registration)', () => {
    const { db } = testDb();
    const plan = db.$client.prepare(`EXPLAIN QUERY PLAN ${HELD_BOOTHS_SQL}`).all('hold', 'tieu-chuan') as { detail: string }[];
    expect(plan.map((p) => p.detail)).toEqual(['SEARCH registrations USING COVERING INDEX registrations_fair_type_status_idx (fair_slug=? AND booth_type_id=? AND status=?)']);
  });

  it('stores only the hash of the management token, and HTML as text', () => {
    const { db } = testDb();
    const f = fair('hash');
    const r = registerBooths(f, input({ establishmentName: '<img src=x onerror=alert(1)>' }));
    const token = tokenOf(r.manageUrl);
    const row = getRegistrationByToken(token);
    expect(row?.establishmentName).toBe('<img src=x onerror=alert(1)>');
    const dump = JSON.stringify(db.$client.prepare('SELECT * FROM registrations').all());
    expect(dump).not.toContain(token);
  });
});

describe('group commit', () => {
  it('writes a burst in one transaction, in order, never past capacity; one failure spares the others', async () => {
    testDb();
    const f = fair('group', 5);
    registerBooths(f, input({ phone: '0399000000' }), { idempotencyKey: 'g' });
    const burst = Array.from({ length: 12 }, () => registerBoothsQueued(f, input()));
    const bad = registerBoothsQueued(f, input(), { idempotencyKey: 'g' }); // same key, other body → 422
    const results = await Promise.all(burst);
    await expect(bad).rejects.toMatchObject({ status: 422 });
    expect(results.map((r) => r.status)).toEqual([...Array<string>(4).fill('pending'), ...Array<string>(8).fill('waitlisted')]);
    expect(countsForFair(f).get('tieu-chuan')).toMatchObject({ held: 5, free: 0, waitlisted: 8 });
  });
});

describe('duplicates and idempotency', () => {
  it('returns the existing registration for the same phone or tax code', () => {
    testDb();
    const f = fair('dup', 10);
    const first = registerBooths(f, input({ phone: '0987000001', establishmentType: 'sme', taxCode: '4200000001' }));
    const samePhone = registerBooths(f, input({ phone: '0987 000 001' }));
    const sameTax = registerBooths(f, input({ establishmentType: 'sme', taxCode: '4200000001' }));
    for (const r of [samePhone, sameTax]) expect(r).toMatchObject({ httpStatus: 200, duplicate: true, code: first.code });
    expect(samePhone.manageUrl).toBeUndefined();
    expect(listRegistrations('dup')).toHaveLength(1);
    // Another fair is another registration.
    expect(registerBooths(fair('dup-2'), input({ phone: '0987000001' })).httpStatus).toBe(201);
  });

  it('answers a repeated Idempotency-Key with the first answer; another body is refused', () => {
    testDb();
    const f = fair('idem', 10);
    const body = input();
    const first = registerBooths(f, body, { idempotencyKey: 'k-1' });
    const again = registerBooths(f, body, { idempotencyKey: 'k-1' });
    expect(again).toEqual(first);
    expect(getRegistrationByToken(tokenOf(again.manageUrl))?.code).toBe(first.code);
    expect(() => registerBooths(f, input(), { idempotencyKey: 'k-1' })).toThrow(expect.objectContaining({ status: 422 }) as Error);
    expect(listRegistrations('idem')).toHaveLength(1);
  });
});

describe('waiting list and offers', () => {
  it('offers freed booths to the first that fits; accept → pending; expiry passes on', () => {
    testDb();
    vi.useFakeTimers({ toFake: ['Date'] });
    const f = fair('offer', 2, 48);
    const a = registerBooths(f, input({ quantity: 2 }));
    const w2 = registerBooths(f, input({ quantity: 2 })); // wants 2, no fewer
    const w1 = registerBooths(f, input({ quantity: 1 }));
    const w1b = registerBooths(f, input({ quantity: 1 }));
    expect([w2.status, w1.status, w1b.status]).toEqual(['waitlisted', 'waitlisted', 'waitlisted']);

    // a is moved to the (end of the) waiting list by the organiser: 2 free → w2 (first, fits) is offered 2.
    vi.setSystemTime(new Date(Date.now() + 60_000));
    actOnRegistration(f, a.code, { action: 'waitlist' }, organiser);
    expect(lookupRegistration(w2.code, getRegistrationByToken(tokenOf(w2.manageUrl))?.phone ?? '').status).toBe('offered');

    // w2 declines → its 2 booths go to w1 and w1b.
    answerOffer(tokenOf(w2.manageUrl), f, false);
    const byCode = () => Object.fromEntries(listRegistrations('offer').map((r) => [r.code, r.status]));
    expect(byCode()).toMatchObject({ [w2.code]: 'cancelled', [w1.code]: 'offered', [w1b.code]: 'offered', [a.code]: 'waitlisted' });

    answerOffer(tokenOf(w1.manageUrl), f, true);
    expect(byCode()[w1.code]).toBe('pending');

    // No channel can send w1b's offer: 49 hours on it has not run out (its clock never started).
    vi.setSystemTime(new Date(Date.now() + 49 * 3600_000));
    expect(getAvailability(f).boothTypes[0]).toMatchObject({ held: 2, available: 0 });
    expect(byCode()[w1b.code]).toBe('offered');
    // Staff phone w1b: the 48 hours start now.
    actOnRegistration(f, w1b.code, { action: 'offer-notified' }, organiser);
    vi.setSystemTime(new Date(Date.now() + 47 * 3600_000));
    expect(getAvailability(f).boothTypes[0]).toMatchObject({ held: 2, available: 0 });

    // w1b lets its offer run out: it expires and a (back on the list, wants 2) does not fit 1.
    vi.setSystemTime(new Date(Date.now() + 2 * 3600_000));
    expect(getAvailability(f).boothTypes[0]).toMatchObject({ held: 1, available: 1 });
    expect(byCode()[w1b.code]).toBe('expired');
    expect(() => answerOffer(tokenOf(w1b.manageUrl), f, true)).toThrow(expect.objectContaining({ code: 'offer_expired' }) as Error);
    expect(byCode()[a.code]).toBe('waitlisted');
    const kinds = listOutbox({ limit: 500 }).filter((m) => m.ref === `registration:${w1b.code}`).map((m) => m.kind);
    expect(kinds).toEqual(expect.arrayContaining(['registration.confirmation', 'registration.offer', 'registration.offer_expired']));
  });

  it('cancellation by the applicant releases booths to the waiting list', () => {
    testDb();
    const f = fair('cancel', 1);
    const a = registerBooths(f, input());
    const b = registerBooths(f, input());
    cancelRegistration(tokenOf(a.manageUrl), f);
    expect(Object.fromEntries(listRegistrations('cancel').map((r) => [r.code, r.status]))).toEqual({ [a.code]: 'cancelled', [b.code]: 'offered' });
    expect(() => cancelRegistration(tokenOf(a.manageUrl), f)).toThrow(expect.objectContaining({ status: 409 }) as Error);
  });
});

describe('self-service', () => {
  it('looks up by code and phone only; history in order', () => {
    testDb();
    const f = fair('lookup', 5);
    const r = registerBooths(f, input({ phone: '0356000111' }));
    const view = lookupRegistration(r.code, '+84356000111');
    expect(view).toMatchObject({ code: r.code, status: 'pending' });
    expect(view.history.map((h) => h.kind)).toEqual(['created']);
    expect(() => lookupRegistration(r.code, '+84356000112')).toThrow(expect.objectContaining({ status: 404 }) as Error);
    expect(() => lookupRegistration('ZZZZZZ', '+84356000111')).toThrow(expect.objectContaining({ status: 404 }) as Error);
  });

  it('limits lookups per IP and per code: the 21st in 10 minutes is 429 with Retry-After, the right phone included', () => {
    testDb();
    vi.useFakeTimers({ toFake: ['Date'] });
    const f = fair('lookup-limit', 3);
    const a = registerBooths(f, input());
    const phone = getRegistrationByToken(tokenOf(a.manageUrl))?.phone ?? '';
    const resolve = (slug: string) => (slug === f.slug ? f : null);
    for (let i = 0; i < 20; i++) {
      const guess = submitLookupForm({ code: a.code, phone: `09${String(20_000_000 + i)}` }, resolve, '10.3.0.1');
      expect(guess).toMatchObject({ kind: 'error', status: 404, code: 'not_found' });
    }
    // Over the limit, even the right phone is refused — from this IP and, for this code, from any IP.
    const limited = submitLookupForm({ code: a.code, phone }, resolve, '10.3.0.1');
    expect(limited).toMatchObject({ kind: 'error', status: 429, code: 'lookup_rate_limited', retryAfterSeconds: 600 });
    expect(limited.kind === 'error' ? limited.message : '').toContain('Vui lòng thử lại sau 10 phút');
    expect(submitLookupForm({ code: a.code, phone }, resolve, '10.3.0.2')).toMatchObject({ status: 429 });
    // Ten minutes later it works again.
    vi.setSystemTime(new Date(Date.now() + 600_000));
    expect(submitLookupForm({ code: a.code, phone }, resolve, '10.3.0.1')).toMatchObject({ kind: 'ok', status: 200, value: { code: a.code } });
  });

  it('corrects contact details; refuses a phone used by another registration', () => {
    testDb();
    const f = fair('contact', 5);
    const a = registerBooths(f, input({ phone: '0356000201' }));
    registerBooths(f, input({ phone: '0356000202' }));
    const updated = updateContact(tokenOf(a.manageUrl), { representative: 'Trần Thị B', phone: '+84356000203', email: 'b@example.vn' });
    expect(updated).toMatchObject({ representative: 'Trần Thị B', phone: '+84356000203', email: 'b@example.vn' });
    expect(() => updateContact(tokenOf(a.manageUrl), { representative: 'X', phone: '+84356000202', email: undefined })).toThrow(
      expect.objectContaining({ code: 'phone_taken' }) as Error,
    );
  });
});

describe('organiser', () => {
  it('approves, assigns booth numbers, rejects with a reason; each audited and sent to the outbox', () => {
    testDb();
    const f = fair('org', 4);
    const a = registerBooths(f, input({ quantity: 2 }));
    const b = registerBooths(f, input({ quantity: 2 }));
    actOnRegistration(f, a.code, { action: 'approve' }, organiser);
    actOnRegistration(f, a.code, { action: 'assign', boothNumbers: 'a01, a02' }, organiser);
    expect(() => actOnRegistration(f, b.code, { action: 'assign', boothNumbers: 'A02' }, organiser)).toThrow(
      expect.objectContaining({ code: 'booth_number_taken' }) as Error,
    );
    expect(() => actOnRegistration(f, a.code, { action: 'approve' }, organiser)).toThrow(expect.objectContaining({ status: 409 }) as Error);
    actOnRegistration(f, b.code, { action: 'reject', reason: 'Hồ sơ chưa đủ <b>giấy tờ</b>' }, organiser);
    const counts = countsForFair(f).get('tieu-chuan');
    expect(counts).toMatchObject({ approved: 2, pending: 0, free: 2 });
    expect(lookupRegistration(b.code, getRegistrationByToken(tokenOf(b.manageUrl))?.phone ?? '')).toMatchObject({ status: 'rejected', rejectReason: 'Hồ sơ chưa đủ <b>giấy tờ</b>' });
    const actions = listAudit({ action: 'registration.' }).filter((r) => r.target === `registration:${a.code}` || r.target === `registration:${b.code}`).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['registration.create', 'registration.approve', 'registration.assign', 'registration.reject']));
    expect(JSON.stringify(listAudit())).not.toMatch(/\+84/);
    expect(listOutbox({ limit: 500 }).some((m) => m.kind === 'registration.rejected' && m.body.includes('<b>giấy tờ</b>'))).toBe(true);
  });

  it('refuses badly formed booth numbers with their own 400 codes; 409 only for a number another registration has', () => {
    testDb();
    const f = fair('assign-codes', 4);
    const a = registerBooths(f, input({ quantity: 2 }));
    const b = registerBooths(f, input({ quantity: 1 }));
    actOnRegistration(f, b.code, { action: 'assign', boothNumbers: 'B01' }, organiser);
    const refusal = (boothNumbers: string) => {
      try {
        actOnRegistration(f, a.code, { action: 'assign', boothNumbers }, organiser);
      } catch (error) {
        const e = error as RegistrationError;
        return { code: e.code, status: e.status, message: e.message };
      }
      return null;
    };
    expect(refusal('A01, A02, A03')).toMatchObject({ code: 'too_many_booth_numbers', status: 400, message: expect.stringContaining('giữ 2 gian') as string });
    expect(refusal('A01, a01')).toMatchObject({ code: 'duplicate_booth_numbers', status: 400, message: expect.stringContaining('A01') as string });
    expect(refusal('A 01 / ô')).toMatchObject({ code: 'invalid_booth_numbers', status: 400 });
    expect(refusal('')).toMatchObject({ code: 'invalid_booth_numbers', status: 400 });
    expect(refusal('A01, B01')).toMatchObject({ code: 'booth_number_taken', status: 409, message: expect.stringContaining('B01') as string });
    // Every code has its own message in the catalogue the console page reads (?loi=<code>).
    const catalogue = RegistrationError.catalogue as Record<string, { status: number; message: string }>;
    for (const code of ['too_many_booth_numbers', 'duplicate_booth_numbers', 'invalid_booth_numbers']) {
      expect(catalogue[code]?.status).toBe(400);
      expect(catalogue[code]?.message).not.toBe(catalogue['booth_number_taken']?.message);
    }
    expect(listRegistrations('assign-codes').find((r) => r.code === a.code)?.boothNumbers).toBeNull();
  });

  it('refuses to waitlist a registration whose booths would be offered straight back to it', () => {
    testDb();
    const f = fair('wl-back', 3);
    const a = registerBooths(f, input({ quantity: 1 }));
    const outboxOf = (code: string) => listOutbox({ limit: 500 }).filter((m) => m.ref === `registration:${code}`).length;
    const before = outboxOf(a.code);
    // 2 booths free and nobody waiting: the move would hand a's booth straight back.
    expect(() => actOnRegistration(f, a.code, { action: 'waitlist' }, organiser)).toThrow(
      expect.objectContaining({ code: 'waitlist_would_reoffer', status: 409, message: expect.stringContaining('Loại gian này còn chỗ trống') as string }) as Error,
    );
    expect(listRegistrations('wl-back').find((r) => r.code === a.code)).toMatchObject({ status: 'pending', heldQuantity: 1 });
    expect(outboxOf(a.code)).toBe(before);

    // Full, with someone waiting who takes the freed booth: the move is allowed.
    const b = registerBooths(f, input({ quantity: 2 }));
    const w = registerBooths(f, input({ quantity: 1 }));
    expect(w.status).toBe('waitlisted');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(Date.now() + 60_000));
    const moved = actOnRegistration(f, a.code, { action: 'waitlist' }, organiser);
    expect(moved.status).toBe('waitlisted');
    expect(Object.fromEntries(listRegistrations('wl-back').map((r) => [r.code, r.status]))).toEqual({ [a.code]: 'waitlisted', [b.code]: 'pending', [w.code]: 'offered' });
  });

  it('flags a booth count lowered below what is held; nothing is dropped', () => {
    testDb();
    const f = fair('lowered', 3);
    for (let i = 0; i < 3; i++) registerBooths(f, input());
    const lowered = { ...f, boothTypes: [{ id: 'tieu-chuan', name: 'Gian hàng tiêu chuẩn', count: 1 }] };
    expect(countsForFair(lowered).get('tieu-chuan')).toMatchObject({ total: 1, held: 3, free: 0, overbooked: 2 });
    expect(registerBooths(lowered, input()).status).toBe('waitlisted');
    expect(listRegistrations('lowered').filter((r) => r.status === 'pending')).toHaveLength(3);
  });

  it('filters and exports CSV with BOM, neutralised formulas and text as text', () => {
    testDb();
    const f = fair('csv', 5);
    registerBooths(f, input({ establishmentName: '=HYPERLINK("http://evil")', notes: '@SUM(1)', wantsSupport: false }));
    registerBooths(f, input({ establishmentName: '<script>alert(1)</script>', province: 'da-nang' }));
    expect(listRegistrations('csv', { province: 'da-nang' })).toHaveLength(1);
    expect(listRegistrations('csv', { support: false })).toHaveLength(1);
    const csv = registrationsCsv(f, listRegistrations('csv'));
    expect(csv.startsWith('\uFEFFMã đăng ký,')).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(csv).toContain("'@SUM(1)");
    expect(csv).toContain('<script>alert(1)</script>');
    expect(csv).toContain('Đà Nẵng');
  });
});
