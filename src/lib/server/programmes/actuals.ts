/**
 * Staff-entered actuals (indicators whose source is `staff`): added with their evidence, never
 * edited; a correction withdraws an entry with a reason and adds another. Every change is in the
 * audit log. Text goes through the one normalisation (src/lib/text.ts); forms through the bounded
 * reader (readForm) in the page.
 */
import { and, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { now } from '../../clock';
import { optionalText, requiredText } from '../../text';
import { audit, type AuditActor } from '../audit';
import { getDb, schema, type DbLike } from '../db';
import { parseInput } from '../http';
import { ProgrammeError } from './errors';

const A = schema.programmeActuals;

/** What a programme looks like to this module (its slug, period and indicators). */
export interface ProgrammeForActuals {
  slug: string;
  period: { from: number; to: number };
  indicators: readonly { code: string; source: { kind: string } }[];
}

const whole = (label: string, min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v),
    z.number({ invalid_type_error: `${label} phải là số nguyên.`, required_error: `Vui lòng nhập ${label.toLowerCase()}.` }).int(`${label} phải là số nguyên.`).min(min, `${label} không nhỏ hơn ${String(min)}.`).max(max, `${label} không lớn hơn ${new Intl.NumberFormat('vi-VN').format(max)}.`),
  );

export const AddActualSchema = z.object({
  indicator: z.string({ required_error: 'Vui lòng chọn chỉ tiêu.' }).regex(/^[A-Z0-9][A-Z0-9.-]{0,19}$/, 'Chỉ tiêu không hợp lệ.'),
  year: whole('Năm', 2000, 2100),
  value: whole('Số thực hiện', 0, 1_000_000_000),
  evidence: requiredText('minh chứng', { max: 500 }),
  note: optionalText('ghi chú', { max: 500, multiline: true }),
});

export const WithdrawActualSchema = z.object({
  id: whole('Mã số liệu', 1, Number.MAX_SAFE_INTEGER),
  reason: requiredText('lý do rút lại', { max: 300 }),
});

export type ActualRow = typeof A.$inferSelect;

/** Adds a staff figure to an indicator of the programme; 404/409/400 for an unknown, counted or out-of-period indicator. */
export function addActual(programme: ProgrammeForActuals, raw: unknown, actor: AuditActor, db: DbLike = getDb()): ActualRow {
  const input = parseInput(AddActualSchema, raw);
  const indicator = programme.indicators.find((i) => i.code === input.indicator);
  if (!indicator) throw new ProgrammeError('indicator_not_found');
  if (indicator.source.kind !== 'staff') throw new ProgrammeError('not_staff_indicator');
  if (input.year < programme.period.from || input.year > programme.period.to)
    throw new ProgrammeError('year_outside_period', { fields: { year: `Năm phải trong giai đoạn ${String(programme.period.from)}–${String(programme.period.to)}.` } });
  return db.transaction((tx) => {
    const row = tx
      .insert(A)
      .values({ programmeSlug: programme.slug, indicatorCode: indicator.code, year: input.year, value: input.value, evidence: input.evidence, note: input.note ?? null, enteredBy: actor.actorId, enteredAt: now() })
      .returning()
      .get();
    audit(actor, { action: 'programme.actual.add', target: `programme:${programme.slug}`, details: { id: row.id, indicator: row.indicatorCode, year: row.year, value: row.value } }, tx);
    return row;
  });
}

/** Withdraws a standing entry (it stops counting; the row and its reason stay). */
export function withdrawActual(programmeSlug: string, raw: unknown, actor: AuditActor, db: DbLike = getDb()): ActualRow {
  const input = parseInput(WithdrawActualSchema, raw);
  return db.transaction((tx) => {
    const [row] = tx
      .update(A)
      .set({ withdrawnAt: now(), withdrawnBy: actor.actorId, withdrawReason: input.reason })
      .where(and(eq(A.id, input.id), eq(A.programmeSlug, programmeSlug), isNull(A.withdrawnAt)))
      .returning()
      .all();
    if (!row) throw new ProgrammeError('actual_not_found');
    audit(actor, { action: 'programme.actual.withdraw', target: `programme:${programmeSlug}`, details: { id: row.id, indicator: row.indicatorCode, year: row.year, value: row.value } }, tx);
    return row;
  });
}

/** Every entry of a programme, newest first, with who entered it (withdrawn ones too, marked). */
export function listActuals(programmeSlug: string, db: DbLike = getDb()) {
  return db
    .select({ row: A, enteredByName: schema.users.name })
    .from(A)
    .leftJoin(schema.users, eq(schema.users.id, A.enteredBy))
    .where(eq(A.programmeSlug, programmeSlug))
    .orderBy(desc(A.enteredAt), desc(A.id))
    .all()
    .map((r) => ({ ...r.row, enteredByName: r.enteredByName }));
}
