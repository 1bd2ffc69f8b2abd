/**
 * Fair operations on a real migrated temp SQLite file: booth choice (50 requests for one booth,
 * one gets it), the organiser's assign / move / vacate / auto-assign (audited, released by the
 * trigger when a registration stops holding), the exhibitor directory (approved and consenting
 * only), the resent management link (rotated, throttled per registration and per recipient),
 * fewer booths keeping the place, staff-side registration through the same capacity check, the
 * support figures and the .xlsx export read back with exceljs.
 */
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useTestDatabase } from '../helpers/db';
import { registrationBody } from '../helpers/registration-server';
import { now } from '../../src/lib/clock';
import { FloorPlanSchema, placeBooths } from '../../src/lib/floor-plan';
import { registrationSchemaFor } from '../../src/lib/registration-schema';
import { listAudit } from '../../src/lib/server/audit';
import { listOutbox, renderBody } from '../../src/lib/server/messaging';
import {
  actOnBooth,
  actOnRegistration,
  approveMany,
  autoAssignBooths,
  cancelRegistration,
  getAvailability,
  getRegistrationByToken,
  listRegistrations,
  lookupRegistration,
  reduceBooths,
  registerBooths,
  registerBoothsQueued,
  registrationHistory,
  registrationsXlsx,
  resendManageLink,
  resetRegistrationRate,
  submitRegistrationForm,
  supportForFair,
  updateProducts,
  type FairInfo,
} from '../../src/lib/server/registrations';
import { directoryEntries } from '../../src/lib/server/registrations/directory';

const testDb = useTestDatabase('fair-operations');
const organiser = { actorId: null, ip: '10.0.0.9' };

const PLAN = FloorPlanSchema.parse({
  boothChoice: true,
  halls: [
    {
      id: 'a',
      name: 'Nhà A',
      width: 15,
      depth: 9,
      aisles: [{ x: 0, y: 3, width: 15, depth: 3 }],
      booths: [
        { code: 'A01', x: 0, y: 0, type: 'tieu-chuan', tags: ['goc'] },
        { code: 'A02', x: 3, y: 0, type: 'tieu-chuan' },
        { code: 'A03', x: 6, y: 0, type: 'tieu-chuan', tags: ['dien'] },
        { code: 'A04', x: 9, y: 0, type: 'tieu-chuan' },
        { code: 'B01', x: 0, y: 6, type: 'tieu-chuan' },
        { code: 'D01', x: 9, y: 6, type: 'gian-doi' },
      ],
    },
  ],
});
const TYPES = [
  { id: 'tieu-chuan', name: 'Gian hàng tiêu chuẩn', width: 3, depth: 3, price: 7_000_000, supportShare: 100 },
  { id: 'gian-doi', name: 'Gian đôi', width: 6, depth: 3, price: 14_000_000, supportShare: 80 },
];

function fair(slug: string, boothChoice = true): FairInfo {
  const t = now().getTime();
  const booths = placeBooths(PLAN, TYPES);
  return {
    slug,
    name: `Hội chợ ${slug}`,
    status: 'scheduled',
    registration: { opens: new Date(t - 86_400_000), closes: new Date(t + 30 * 86_400_000), offerHours: 48 },
    boothTypes: [
      { ...TYPES[0], id: 'tieu-chuan', name: 'Gian hàng tiêu chuẩn', count: 5 },
      { ...TYPES[1], id: 'gian-doi', name: 'Gian đôi', count: 1 },
    ],
    maxBoothsPerEstablishment: 2,
    plan: { boothChoice, booths },
    choice: boothChoice ? { boothChoice, booths: booths.map((b) => ({ code: b.code, typeId: b.typeId })) } : undefined,
  };
}

let n = 0;
/** A body parsed by the fair's own schema (booth codes checked against its plan). */
function input(f: FairInfo, patch: Record<string, unknown> = {}) {
  n++;
  return registrationSchemaFor(f).parse({
    ...registrationBody(`09${String(20_000_000 + n)}`, { establishmentName: `Cơ sở ${String(n)}`, representative: 'Nguyễn Văn A' }),
    ...patch,
  });
}
const tokenOf = (url: string | undefined) => (url ?? '').split('/').at(-1) ?? '';

afterEach(() => {
  vi.useRealTimers();
  resetRegistrationRate();
});

describe('booth choice', () => {
  it('gives booth A01 to exactly one of 50 simultaneous requests; the others get 409 booth_taken with the nearest free booths', async () => {
    testDb();
    const f = fair('rush');
    const answers = await Promise.allSettled(Array.from({ length: 50 }, () => registerBoothsQueued(f, input(f, { boothCodes: ['A01'], boothTypeId: undefined, quantity: undefined }))));
    const won = answers.filter((a) => a.status === 'fulfilled');
    expect(won).toHaveLength(1);
    const refused = answers.filter((a): a is PromiseRejectedResult => a.status === 'rejected').map((a) => a.reason as { code: string; status: number; extra: { taken: string[]; nearest: string[] }; message: string });
    expect(refused).toHaveLength(49);
    expect(refused.every((e) => e.code === 'booth_taken' && e.status === 409)).toBe(true);
    expect(refused[0]?.extra).toEqual({ taken: ['A01'], nearest: ['A02', 'A03', 'B01'] });
    expect(refused[0]?.message).toBe('Gian A01 vừa có đơn khác giữ. Các gian cùng loại còn trống gần nhất: A02, A03, B01.');
    const holders = listRegistrations('rush');
    expect(holders).toHaveLength(1);
    expect(holders[0]).toMatchObject({ status: 'pending', boothNumbers: 'A01', boothTypeId: 'tieu-chuan', quantity: 1 });
    expect(getAvailability(f).booths?.find((b) => b.code === 'A01')).toEqual({ code: 'A01', state: 'held' });
  });

  it('derives the type and quantity from the codes; refuses a disagreeing type, a code not on the plan, a count that is not the quantity, twice the same booth, and choice where the fair does not allow it', () => {
    const f = fair('schema');
    const schema = registrationSchemaFor(f);
    const base = registrationBody('0912000001');
    const fields = (patch: Record<string, unknown>) => {
      const r = schema.safeParse({ ...base, ...patch });
      return r.success ? null : Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]));
    };
    expect(schema.parse({ ...base, boothTypeId: '', quantity: '', boothCodes: 'd01' })).toMatchObject({ boothTypeId: 'gian-doi', quantity: 1, boothCodes: ['D01'] });
    expect(fields({ boothTypeId: 'tieu-chuan', quantity: 1, boothCodes: ['D01'] })?.['boothCodes']).toBe('Gian D01 là gian đôi, không phải loại gian đã chọn (gian hàng tiêu chuẩn).');
    expect(fields({ boothCodes: ['Z99'] })?.['boothCodes']).toBe('Gian Z99 không có trên sơ đồ hội chợ.');
    expect(fields({ quantity: 2, boothCodes: ['A01'] })?.['boothCodes']).toMatch(/Đã chọn 1 gian nhưng số gian đăng ký là 2/);
    expect(fields({ quantity: 2, boothCodes: ['A01', 'a01'] })?.['boothCodes']).toBe('Gian A01 được chọn hai lần.');
    expect(fields({ boothCodes: ['A 01'] })).not.toBeNull();
    expect(fields({ boothCodes: 42 })?.['boothCodes']).toMatch(/danh sách/);
    expect(registrationSchemaFor(fair('nochoice', false)).safeParse({ ...base, boothCodes: ['A01'] }).success).toBe(false);
  });
});

describe('the organiser on the plan', () => {
  it('assigns, moves and vacates booths, refuses taken and unknown booths, audits each, and the trigger frees booths of a cancelled registration', () => {
    testDb();
    const f = fair('floor', false);
    const a = registerBooths(f, input(f, { quantity: 2 }));
    const b = registerBooths(f, input(f));
    actOnRegistration(f, a.code, { action: 'assign', boothNumbers: 'A01' }, organiser);
    actOnBooth(f, 'A02', { action: 'assign', registration: a.code }, organiser);
    expect(listRegistrations('floor').find((r) => r.code === a.code)?.boothNumbers).toBe('A01, A02');
    expect(() => actOnBooth(f, 'A02', { action: 'assign', registration: b.code }, organiser)).toThrow(expect.objectContaining({ code: 'booth_number_taken', status: 409 }) as Error);
    expect(() => actOnRegistration(f, b.code, { action: 'assign', boothNumbers: 'Z99' }, organiser)).toThrow(expect.objectContaining({ code: 'booth_not_on_plan', status: 400 }) as Error);
    expect(() => actOnRegistration(f, b.code, { action: 'assign', boothNumbers: 'D01' }, organiser)).toThrow(expect.objectContaining({ code: 'booth_wrong_type', status: 400 }) as Error);
    actOnBooth(f, 'A02', { action: 'move', to: 'A04' }, organiser);
    actOnBooth(f, 'A01', { action: 'vacate' }, organiser);
    const row = listRegistrations('floor').find((r) => r.code === a.code);
    expect(row).toMatchObject({ boothNumbers: 'A04', heldQuantity: 2, status: 'pending' });
    const audit = listAudit({ action: 'registration.' }).filter((e) => e.target === `registration:${a.code}`);
    expect(audit.find((e) => e.action === 'registration.move')?.details).toMatchObject({ boothFrom: 'A02', boothTo: 'A04', booths: 'A01, A04' });
    expect(audit.find((e) => e.action === 'registration.vacate')?.details).toMatchObject({ boothFrom: 'A01' });
    expect(registrationHistory(row?.id ?? 0).map((h) => h.kind)).toEqual(expect.arrayContaining(['booth_moved', 'booth_vacated']));

    cancelRegistration(tokenOf(a.manageUrl), f);
    const { db } = testDb();
    expect(db.$client.prepare("SELECT count(*) FROM booth_assignments WHERE fair_slug = 'floor'").pluck().get()).toBe(0);
    expect(listRegistrations('floor').find((r) => r.code === a.code)?.boothNumbers).toBeNull();
  });

  it('auto-assigns missing booths by registration order and asked-for tags, audited per registration', () => {
    testDb();
    const f = fair('auto', false);
    const first = registerBooths(f, input(f));
    const power = registerBooths(f, input(f, { wantedTags: 'dien' }));
    const two = registerBooths(f, input(f, { quantity: 2 }));
    const done = autoAssignBooths(f, organiser);
    expect(done).toEqual([
      { code: first.code, booths: ['A02'] },
      { code: power.code, booths: ['A03'] },
      { code: two.code, booths: ['A04', 'A01'] }, // the second booth next to the first beats an untagged one further off
    ]);
    expect(listAudit({ action: 'registration.booth_autoassign' })).toHaveLength(3);
    expect(autoAssignBooths(f, organiser)).toEqual([]);
  });

  it('bulk-approves pending registrations, each audited, skipping the others', () => {
    testDb();
    const f = fair('bulk', false);
    const a = registerBooths(f, input(f));
    const b = registerBooths(f, input(f));
    actOnRegistration(f, b.code, { action: 'approve' }, organiser);
    expect(approveMany(f, [a.code, b.code, 'ZZZZZZ'], organiser)).toEqual({ approved: [a.code], skipped: [b.code, 'ZZZZZZ'] });
    expect(listAudit({ action: 'registration.approve' }).filter((e) => e.target === `registration:${a.code}`)).toHaveLength(1);
  });
});

describe('exhibitor directory', () => {
  it('lists only approved registrations that agreed to it, with their booths; consent can be withdrawn', () => {
    testDb();
    const f = fair('dir', false);
    const listed = registerBooths(f, input(f, { directoryConsent: true, products: 'Chè Shan tuyết' }));
    const noConsent = registerBooths(f, input(f));
    const pendingOnly = registerBooths(f, input(f, { directoryConsent: 'on' }));
    for (const r of [listed, noConsent]) actOnRegistration(f, r.code, { action: 'approve' }, organiser);
    actOnRegistration(f, listed.code, { action: 'assign', boothNumbers: 'A02' }, organiser);
    expect(directoryEntries('dir')).toEqual([{ code: listed.code, establishment: expect.stringMatching(/^Cơ sở/) as string, province: 'lai-chau', products: 'Chè Shan tuyết', booths: 'A02' }]);
    expect(directoryEntries('dir').map((e) => e.code)).not.toContain(pendingOnly.code);
    updateProducts(tokenOf(listed.manageUrl), 'Chè Shan tuyết cổ thụ', false);
    expect(directoryEntries('dir')).toEqual([]);
  });
});

describe('the applicant', () => {
  it('gets the management link again: rotated (the old link stops working), never on screen, throttled per registration', () => {
    testDb();
    const f = fair('resend', false);
    const r = registerBooths(f, input(f));
    const row = getRegistrationByToken(tokenOf(r.manageUrl));
    if (!row) throw new Error('no row');
    expect(resendManageLink(r.code, row.phone, f, null)).toEqual({ channel: 'sms' });
    expect(getRegistrationByToken(tokenOf(r.manageUrl))).toBeNull();
    const sent = listOutbox({ limit: 500 }).find((m) => m.kind === 'registration.link_resend' && m.ref === `registration:${r.code}`);
    if (!sent) throw new Error('no message');
    expect(sent.body).not.toMatch(/\/q\/[A-Za-z0-9_-]{22}/);
    const link = /\/q\/([A-Za-z0-9_-]{22})/.exec(renderBody(sent))?.[1] ?? '';
    expect(getRegistrationByToken(link)?.code).toBe(r.code);
    resendManageLink(r.code, row.phone, f, null);
    resendManageLink(r.code, row.phone, f, null);
    expect(() => resendManageLink(r.code, row.phone, f, null)).toThrow(expect.objectContaining({ code: 'resend_limited', status: 429 }) as Error);
    expect(() => resendManageLink(r.code, '+84900000000', f, null)).toThrow(expect.objectContaining({ code: 'not_found' }) as Error);
    // A replay of the first request no longer hands out the (dead) first link.
  });

  it('is throttled per recipient across registrations (PUBLIC_MESSAGE_LIMITS)', () => {
    testDb();
    const phone = '0977111222';
    const regs = ['r1', 'r2'].map((slug) => {
      const f = fair(`recipient-${slug}`, false);
      return { f, r: registerBooths(f, input(f, { phone })) };
    });
    let refused: unknown = null;
    try {
      for (let i = 0; i < 4; i++) for (const { f, r } of regs) resendManageLink(r.code, '+84977111222', f, null);
    } catch (error) {
      refused = error;
    }
    expect(refused).toMatchObject({ code: 'recipient_limited', status: 429 });
    expect(listOutbox({ limit: 500 }).filter((m) => m.kind === 'registration.link_resend' && m.recipient === '+84977111222')).toHaveLength(3);
  });

  it('asks for fewer booths: keeps its place in line and the freed booths are offered to the waiting list', () => {
    testDb();
    const f = { ...fair('reduce', false), boothTypes: [{ id: 'tieu-chuan', name: 'Gian hàng tiêu chuẩn', count: 3 }, { id: 'gian-doi', name: 'Gian đôi', count: 1 }] };
    const a = registerBooths(f, input(f, { quantity: 2 }));
    const b = registerBooths(f, input(f));
    const w1 = registerBooths(f, input(f, { quantity: 2 }));
    const w2 = registerBooths(f, input(f));
    expect([a.status, b.status, w1.status, w2.status]).toEqual(['pending', 'pending', 'waitlisted', 'waitlisted']);
    actOnRegistration(f, a.code, { action: 'assign', boothNumbers: 'A01, A02' }, organiser);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(Date.now() + 60_000));
    // w1 (2 booths, first in line) asks for 1: keeps its place, and now fits nothing yet.
    reduceBooths(tokenOf(w1.manageUrl), f, 1);
    const byCode = () => Object.fromEntries(listRegistrations('reduce').map((r) => [r.code, r]));
    expect(byCode()[w1.code]).toMatchObject({ status: 'waitlisted', quantity: 1 });
    // a gives one booth back: the last assigned (A02) is released and w1 — still ahead of w2 — is offered it.
    reduceBooths(tokenOf(a.manageUrl), f, 1);
    expect(byCode()[a.code]).toMatchObject({ status: 'pending', quantity: 1, heldQuantity: 1, boothNumbers: 'A01' });
    expect(byCode()[w1.code]).toMatchObject({ status: 'offered', heldQuantity: 1 });
    expect(byCode()[w2.code]?.status).toBe('waitlisted');
    expect(() => reduceBooths(tokenOf(b.manageUrl), f, 1)).toThrow(expect.objectContaining({ code: 'invalid_quantity', status: 400 }) as Error);
    expect(lookupRegistration(a.code, byCode()[a.code]?.phone ?? '').history.map((h) => h.kind)).toContain('reduced');
  });
});

describe('staff-side registration', () => {
  it('goes through the same capacity check and write path, and says it was entered by staff', async () => {
    testDb();
    const f = { ...fair('staff', false), boothTypes: [{ id: 'tieu-chuan', name: 'Gian hàng tiêu chuẩn', count: 1 }, { id: 'gian-doi', name: 'Gian đôi', count: 1 }] };
    const staff = { actorId: null, ip: '10.0.0.7' };
    const form = (phone: string) => Object.fromEntries(Object.entries(registrationBody(phone)).map(([k, v]) => [k, v === true ? 'on' : String(v)]));
    const first = await submitRegistrationForm(f, form('0966000001'), null, staff, { enteredByStaff: true });
    const second = await submitRegistrationForm(f, form('0966000002'), null, staff, { enteredByStaff: true });
    expect(first).toMatchObject({ kind: 'ok', value: { status: 'pending' } });
    expect(second).toMatchObject({ kind: 'ok', value: { status: 'waitlisted' } });
    const rows = listRegistrations('staff');
    expect(rows.map((r) => r.enteredBy)).toEqual(['staff', 'staff']);
    expect(registrationHistory(rows[0]?.id ?? 0)[0]).toMatchObject({ kind: 'created', note: expect.stringContaining('Ban tổ chức nhập đơn') as string });
    const created = listAudit({ action: 'registration.create' }).filter((e) => rows.some((r) => e.target === `registration:${r.code}`));
    expect(created.every((e) => e.details['enteredByStaff'] === true && e.ip === '10.0.0.7')).toBe(true);
    const bad = await submitRegistrationForm(f, { ...form('0966000003'), quantity: 'nhiều' }, null, staff, { enteredByStaff: true });
    expect(bad).toMatchObject({ kind: 'invalid', status: 400 });
  });
});

describe('support and Excel', () => {
  it('computes support from approved registrations that asked for it, per type, and exports .xlsx with numbers, dates and neutralised text', async () => {
    testDb();
    const f = fair('money', false);
    const a = registerBooths(f, input(f, { quantity: 2, establishmentName: '=HYPERLINK("http://x","bấm")' }));
    const b = registerBooths(f, input(f, { boothTypeId: 'gian-doi' }));
    registerBooths(f, input(f, { wantsSupport: false }));
    registerBooths(f, input(f)); // pending: asked, not counted
    for (const r of [a, b]) actOnRegistration(f, r.code, { action: 'approve' }, organiser);
    const support = supportForFair(f);
    expect(support.lines.map((l) => [l.boothTypeId, l.supportedBooths, l.amount, l.askedBooths, l.establishments])).toEqual([
      ['tieu-chuan', 2, 14_000_000, 1, 1],
      ['gian-doi', 1, 11_200_000, 0, 1],
    ]);
    expect(support.totalAmount).toBe(25_200_000);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await registrationsXlsx(f, listRegistrations('money'))) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    expect(sheet.getRow(1).getCell(1).value).toBe('Mã đăng ký');
    const row = sheet.getRow(2);
    expect(row.getCell(1).value).toBe(a.code);
    expect(row.getCell(4).value).toBe(2); // booths asked: a number
    expect(row.getCell(7).value).toBe('\'=HYPERLINK("http://x","bấm")');
    const created = row.getCell(21).value;
    expect(created).toBeInstanceOf(Date);
    // Excel has no time zone: the cell holds Vietnam's wall-clock time.
    expect((created as Date).getTime()).toBe((listRegistrations('money')[0]?.createdAt.getTime() ?? 0) + 7 * 3600_000);
    expect(row.getCell(17).value).toBe('Có');
    expect(sheet.rowCount).toBe(5);
  });
});
