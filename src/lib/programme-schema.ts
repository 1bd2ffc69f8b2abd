/**
 * The shape of a khuyến công programme in content (`content/programmes/<slug>/index.md`): the
 * decision that approved it, its period, and its indicators — each with a code, a Vietnamese
 * name, a unit, a target for the period and per year, and how its actual is counted (`source`:
 * one of INDICATOR_SOURCES with its parameters, or `staff`, entered in the console with
 * evidence). The parameters are flat optional fields, not a union, so the content editor can
 * show them as plain fields; which ones a kind takes is checked here. Client-safe (zod only).
 */
import { z } from 'zod';
import { FAIR_KINDS, FAIR_LEVELS, INDICATOR_SOURCES, RECOGNITION_LEVELS, type IndicatorSource } from './vocabulary';

const text = z.string().trim().min(1);
const year = z.number().int().min(2000).max(2100);

/** Which optional parameters each kind of source takes. */
export const SOURCE_PARAMETERS: Readonly<Record<IndicatorSource, readonly ('fairKinds' | 'fairLevels' | 'levels' | 'minStars' | 'evidence')[]>> = {
  'fairs-held': ['fairKinds', 'fairLevels'],
  'booths-registered': ['fairKinds', 'fairLevels'],
  'booths-approved': ['fairKinds', 'fairLevels'],
  'booths-supported': ['fairKinds', 'fairLevels'],
  'establishments-supported': ['fairKinds', 'fairLevels'],
  'support-amount': ['fairKinds', 'fairLevels'],
  'contests-held': ['levels'],
  'products-recognised': ['levels'],
  'ocop-products': ['minStars'],
  staff: ['evidence'],
};

export const IndicatorSourceSchema = z
  .object({
    kind: z.enum(INDICATOR_SOURCES.ids),
    /** Fair kinds counted (all when absent). */
    fairKinds: z.array(z.enum(FAIR_KINDS.ids)).min(1).optional(),
    /** Fair levels counted (all when absent). */
    fairLevels: z.array(z.enum(FAIR_LEVELS.ids)).min(1).optional(),
    /** Contest or recognition levels counted (all when absent). */
    levels: z.array(z.enum(RECOGNITION_LEVELS.ids)).min(1).optional(),
    /** OCOP products with at least this many stars. */
    minStars: z.number().int().min(3).max(5).optional(),
    /** What staff attach as evidence for an entered figure (decision, list of trainees…). */
    evidence: text.optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    const allowed = SOURCE_PARAMETERS[s.kind];
    for (const key of ['fairKinds', 'fairLevels', 'levels', 'minStars', 'evidence'] as const) {
      if (s[key] !== undefined && !allowed.includes(key))
        ctx.addIssue({ code: 'custom', path: [key], message: `cách đếm "${s.kind}" không dùng tham số ${key}; chỉ nhận: ${allowed.join(', ') || 'không tham số nào'}` });
    }
  });
export type IndicatorSourceDef = z.output<typeof IndicatorSourceSchema>;

export const IndicatorSchema = z
  .object({
    code: z.string().regex(/^[A-Z0-9][A-Z0-9.-]{0,19}$/, 'mã chỉ tiêu gồm chữ in hoa không dấu, số, dấu chấm hoặc gạch ngang, tối đa 20 ký tự, ví dụ: HC-TINH'),
    name: text.max(200),
    unit: text.max(40).describe('Đơn vị tính: hội chợ, gian, cơ sở, sản phẩm, đồng…'),
    /** Target for the whole period. */
    target: z.number().min(0),
    /** Targets per year (years without one have no yearly target). */
    targets: z.array(z.object({ year, value: z.number().min(0) }).strict()).default([]),
    source: IndicatorSourceSchema,
  })
  .strict();
export type IndicatorDef = z.output<typeof IndicatorSchema>;

/**
 * The programme schema, given the content layer's province and date fields (so errors read the
 * same as in every other collection).
 */
export function programmeSchema<P extends z.ZodTypeAny, D extends z.ZodTypeAny>(province: P, calendarDate: D) {
  return z
    .object({
      name: text.max(200),
      /** Demo data: pages say so beside the figures. */
      demo: z.boolean().default(false),
      decision: z
        .object({
          number: text.describe('Số quyết định, ví dụ: 2665/QĐ-UBND'),
          date: calendarDate,
          issuer: text.describe('Cơ quan ban hành, ví dụ: UBND tỉnh Quảng Ngãi'),
        })
        .strict(),
      province,
      period: z.object({ from: year, to: year }).strict().refine((p) => p.to >= p.from, { message: 'năm kết thúc đứng trước năm bắt đầu', path: ['to'] }),
      /** Total budget, million đồng (triệu đồng). */
      budget: z.number().min(0).optional(),
      summary: text.max(300),
      indicators: z.array(IndicatorSchema).min(1),
    })
    .strict()
    .superRefine((p, ctx) => {
      const codes = p.indicators.map((i) => i.code);
      const dup = codes.find((c, i) => codes.indexOf(c) !== i);
      if (dup) ctx.addIssue({ code: 'custom', path: ['indicators'], message: `mã chỉ tiêu "${dup}" bị trùng` });
      p.indicators.forEach((indicator, i) => {
        const years = indicator.targets.map((t) => t.year);
        indicator.targets.forEach((t, j) => {
          if (t.year < p.period.from || t.year > p.period.to)
            ctx.addIssue({ code: 'custom', path: ['indicators', i, 'targets', j, 'year'], message: `năm ${String(t.year)} nằm ngoài giai đoạn ${String(p.period.from)}–${String(p.period.to)}` });
          if (years.indexOf(t.year) !== j)
            ctx.addIssue({ code: 'custom', path: ['indicators', i, 'targets', j, 'year'], message: `năm ${String(t.year)} có hai chỉ tiêu` });
        });
      });
    });
}

/** How an indicator is counted, in one Vietnamese sentence (pages, reports). */
export function describeSource(source: IndicatorSourceDef): string {
  const parts = [INDICATOR_SOURCES.label(source.kind)];
  if (source.fairKinds) parts.push(`loại: ${source.fairKinds.map((k) => FAIR_KINDS.label(k).toLowerCase()).join(', ')}`);
  if (source.fairLevels) parts.push(`cấp hội chợ: ${source.fairLevels.map((l) => FAIR_LEVELS.label(l)).join(', ')}`);
  if (source.levels) parts.push(`cấp: ${source.levels.map((l) => RECOGNITION_LEVELS.label(l)).join(', ')}`);
  if (source.minStars !== undefined) parts.push(`từ ${String(source.minStars)} sao`);
  if (source.evidence) parts.push(`minh chứng: ${source.evidence}`);
  return parts.join('; ');
}
