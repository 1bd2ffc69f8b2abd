/**
 * The indicator arithmetic as tables: fixtures of fairs, booth figures, supported
 * establishments, contests, recognitions and staff entries with known counts, and for each
 * kind of source the actual per year and for the period.
 */
import { describe, expect, it } from 'vitest';
import { computeIndicator, isFairHeld, periodYears, type ProgrammeFacts } from '~/lib/server/programmes/indicators';
import { IndicatorSchema, IndicatorSourceSchema, describeSource, type IndicatorDef } from '~/lib/programme-schema';
import { chartGeometry, chartSummary, compactNumber, formatPercent, niceCeiling, percentOf } from '~/lib/programme-chart';

const AT = new Date('2026-12-01T09:00:00+07:00');
const scope = { province: 'quang-ngai', period: { from: 2025, to: 2028 } };
const d = (iso: string) => new Date(`${iso}T08:00:00+07:00`);

const facts: ProgrammeFacts = {
  fairs: [
    { slug: 'qn-2025', province: 'quang-ngai', kind: 'hoi-cho', level: 'tinh', status: 'scheduled', start: d('2025-09-18'), year: 2025 },
    { slug: 'qn-region-2026', province: 'quang-ngai', kind: 'hoi-cho', level: 'khu-vuc', status: 'scheduled', start: d('2026-05-01'), year: 2026 },
    { slug: 'qn-market-2026', province: 'quang-ngai', kind: 'phien-cho', level: 'xa', status: 'scheduled', start: d('2026-11-30'), year: 2026 },
    { slug: 'qn-cancelled-2026', province: 'quang-ngai', kind: 'hoi-cho', level: 'tinh', status: 'cancelled', start: d('2026-03-01'), year: 2026 },
    { slug: 'qn-postponed-2026', province: 'quang-ngai', kind: 'hoi-cho', level: 'tinh', status: 'postponed', start: d('2026-04-01'), year: 2026 },
    { slug: 'qn-2028', province: 'quang-ngai', kind: 'hoi-cho', level: 'tinh', status: 'scheduled', start: d('2028-03-16'), year: 2028 },
    { slug: 'qn-2030', province: 'quang-ngai', kind: 'hoi-cho', level: 'tinh', status: 'scheduled', start: d('2024-01-01'), year: 2024 },
    { slug: 'dn-2026', province: 'da-nang', kind: 'hoi-cho', level: 'tinh', status: 'scheduled', start: d('2026-06-10'), year: 2026 },
  ],
  bookings: [
    { fairSlug: 'qn-2025', registered: 40, approved: 35, supportedBooths: 30, supportAmount: 210_000_000 },
    { fairSlug: 'qn-2028', registered: 5, approved: 2, supportedBooths: 1, supportAmount: 7_000_000 },
    { fairSlug: 'qn-2030', registered: 99, approved: 99, supportedBooths: 99, supportAmount: 999 },
    { fairSlug: 'dn-2026', registered: 50, approved: 50, supportedBooths: 50, supportAmount: 350_000_000 },
  ],
  establishments: [
    { fairSlug: 'qn-2025', key: '4300000001' },
    { fairSlug: 'qn-2025', key: '+84905000001' },
    { fairSlug: 'qn-region-2026', key: '4300000001' },
    { fairSlug: 'qn-region-2026', key: '4300000001' },
    { fairSlug: 'qn-2028', key: '+84905000001' },
    { fairSlug: 'qn-2028', key: '4300000009' },
    { fairSlug: 'dn-2026', key: '4300000077' },
  ],
  contests: [
    { id: 'tinh-2025', province: 'quang-ngai', level: 'tinh', year: 2025, results: '2025-10-15' },
    { id: 'xa-2026', province: 'quang-ngai', level: 'xa', year: 2026, results: '2026-12-01' },
    { id: 'tinh-2027', province: 'quang-ngai', level: 'tinh', year: 2027, results: '2027-07-15' },
    { id: 'dn-2026', province: 'da-nang', level: 'tinh', year: 2026, results: '2026-07-10' },
    { id: 'national-2026', province: null, level: 'quoc-gia', year: 2026, results: '2026-08-01' },
  ],
  recognitions: [
    { productId: 'nuoc-mam', province: 'quang-ngai', programme: 'cnnt', level: 'tinh', stars: null, year: 2025 },
    { productId: 'nuoc-mam', province: 'quang-ngai', programme: 'ocop', level: 'tinh', stars: 4, year: 2024 },
    { productId: 'mam-ruoc', province: 'quang-ngai', programme: 'ocop', level: 'tinh', stars: 3, year: 2026 },
    { productId: 'sam', province: 'quang-ngai', programme: 'ocop', level: 'quoc-gia', stars: 5, year: 2026 },
    { productId: 'sam', province: 'quang-ngai', programme: 'cnnt', level: 'khu-vuc', stars: null, year: 2026 },
    { productId: 'sam', province: 'quang-ngai', programme: 'cnnt', level: 'huyen', stars: null, year: 2025 },
    { productId: 'den-long', province: 'da-nang', programme: 'cnnt', level: 'tinh', stars: null, year: 2026 },
  ],
  staff: [
    { indicatorCode: 'DAO-TAO', year: 2025, value: 120 },
    { indicatorCode: 'DAO-TAO', year: 2025, value: 35 },
    { indicatorCode: 'DAO-TAO', year: 2027, value: 60 },
    { indicatorCode: 'DAO-TAO', year: 2031, value: 500 },
    { indicatorCode: 'MAY-MOC', year: 2026, value: 7 },
  ],
};

const indicator = (code: string, source: Record<string, unknown>, targets: { year: number; value: number }[] = []): IndicatorDef =>
  IndicatorSchema.parse({ code, name: code, unit: 'đơn vị', target: 10, targets, source });

/** [what, source, expected per year 2025..2028, expected for the period] */
const TABLE: [string, Record<string, unknown>, number[], number][] = [
  ['every fair held in the province (not cancelled, not postponed, opened by now)', { kind: 'fairs-held' }, [1, 2, 0, 0], 3],
  ['provincial fairs held', { kind: 'fairs-held', fairLevels: ['tinh'] }, [1, 0, 0, 0], 1],
  ['market days held', { kind: 'fairs-held', fairKinds: ['phien-cho'] }, [0, 1, 0, 0], 1],
  ['regional trade fairs held', { kind: 'fairs-held', fairKinds: ['hoi-cho'], fairLevels: ['khu-vuc'] }, [0, 1, 0, 0], 1],
  ['booths registered at the province’s fairs in the period (a future fair counts)', { kind: 'booths-registered' }, [40, 0, 0, 5], 45],
  ['booths approved', { kind: 'booths-approved' }, [35, 0, 0, 2], 37],
  ['booths supported', { kind: 'booths-supported' }, [30, 0, 0, 1], 31],
  ['support amount in đồng', { kind: 'support-amount' }, [210_000_000, 0, 0, 7_000_000], 217_000_000],
  ['establishments supported: distinct per year and over the period', { kind: 'establishments-supported' }, [2, 1, 0, 2], 3],
  ['establishments supported at provincial fairs only', { kind: 'establishments-supported', fairLevels: ['tinh'] }, [2, 0, 0, 2], 3],
  ['contests whose results date has come (today counts)', { kind: 'contests-held' }, [1, 1, 0, 0], 2],
  ['provincial contests', { kind: 'contests-held', levels: ['tinh'] }, [1, 0, 0, 0], 1],
  ['CNNT recognitions of the province', { kind: 'products-recognised' }, [2, 1, 0, 0], 3],
  ['CNNT recognitions at provincial level and above', { kind: 'products-recognised', levels: ['tinh', 'khu-vuc', 'quoc-gia'] }, [1, 1, 0, 0], 2],
  ['OCOP products (2024 is outside the period)', { kind: 'ocop-products' }, [0, 2, 0, 0], 2],
  ['OCOP 4 stars and above', { kind: 'ocop-products', minStars: 4 }, [0, 1, 0, 0], 1],
  ['staff entries add up within the period', { kind: 'staff' }, [155, 0, 60, 0], 215],
];

describe('indicator actuals from counted records', () => {
  it.each(TABLE)('%s', (_what, source, perYear, total) => {
    const result = computeIndicator(indicator('DAO-TAO', source), facts, scope, AT);
    expect(result.byYear.map((y) => y.actual)).toEqual(perYear);
    expect(result.actual).toBe(total);
  });

  it('counts staff entries of its own indicator code only', () => {
    expect(computeIndicator(indicator('MAY-MOC', { kind: 'staff' }), facts, scope, AT).byYear.map((y) => y.actual)).toEqual([0, 7, 0, 0]);
    expect(computeIndicator(indicator('MO-HINH', { kind: 'staff' }), facts, scope, AT).actual).toBe(0);
  });

  it('puts the yearly targets beside the actuals, null where the programme sets none', () => {
    const r = computeIndicator(indicator('HC', { kind: 'fairs-held' }, [{ year: 2025, value: 1 }, { year: 2026, value: 3 }]), facts, scope, AT);
    expect(r.byYear).toEqual([
      { year: 2025, target: 1, actual: 1 },
      { year: 2026, target: 3, actual: 2 },
      { year: 2027, target: null, actual: 0 },
      { year: 2028, target: null, actual: 0 },
    ]);
    expect(r).toMatchObject({ code: 'HC', target: 10, actual: 3, source: { kind: 'fairs-held' } });
  });

  it('the same fair counts once the clock reaches its opening', () => {
    const before = computeIndicator(indicator('X', { kind: 'fairs-held', fairKinds: ['phien-cho'] }), facts, scope, new Date('2026-11-29T12:00:00+07:00'));
    expect(before.actual).toBe(0);
    expect(isFairHeld({ status: 'scheduled', start: d('2026-11-30') }, d('2026-11-30'))).toBe(true);
    expect(isFairHeld({ status: 'postponed', start: d('2026-01-01') }, AT)).toBe(false);
  });
});

describe('programme schema and words', () => {
  it.each([
    [{ kind: 'fairs-held', levels: ['tinh'] }, 'không dùng tham số levels'],
    [{ kind: 'staff', fairKinds: ['hoi-cho'] }, 'không dùng tham số fairKinds'],
    [{ kind: 'ocop-products', minStars: 6 }, ''],
    [{ kind: 'unknown' }, ''],
  ])('refuses source %j', (source, message) => {
    const r = IndicatorSourceSchema.safeParse(source);
    expect(r.success).toBe(false);
    if (message) expect(JSON.stringify(r.error?.issues)).toContain(message);
  });
  it('describes a source in Vietnamese', () => {
    expect(describeSource({ kind: 'fairs-held', fairKinds: ['phien-cho'], fairLevels: ['tinh'] })).toBe(
      'Hội chợ, phiên chợ đã tổ chức tại tỉnh (theo lịch hội chợ); loại: phiên chợ; cấp hội chợ: cấp tỉnh',
    );
    expect(describeSource({ kind: 'ocop-products', minStars: 4 })).toBe('Sản phẩm được chứng nhận OCOP; từ 4 sao');
  });
  it('lists the years of a period', () => expect(periodYears({ from: 2026, to: 2030 })).toEqual([2026, 2027, 2028, 2029, 2030]));
});

describe('chart arithmetic', () => {
  it.each([
    [14, 37, 37.8],
    [10, 10, 100],
    [0, 0, null],
    [3, 0, null],
    [1, 3, 33.3],
  ])('%d of %d is %s %', (actual, target, percent) => expect(percentOf(actual, target)).toBe(percent));
  it.each([
    [0, 1], [1, 1], [3, 5], [7, 10], [48, 50], [240, 250], [1_050_000_000, 2_000_000_000],
  ])('nice ceiling of %d is %d', (n, nice) => expect(niceCeiling(n)).toBe(nice));
  it('formats', () => {
    expect(compactNumber(1_050_000_000)).toBe('1,05 tỷ');
    expect(compactNumber(210_000_000)).toBe('210 triệu');
    expect(compactNumber(1500)).toBe('1.500');
    expect(formatPercent(37.8)).toBe('37,8 %');
    expect(formatPercent(null)).toBe('—');
  });
  it('scales bars to the axis and says what they show', () => {
    const years = [{ year: 2026, target: 48, actual: 0 }, { year: 2027, target: 48, actual: 24 }, { year: 2028, target: null, actual: 50 }];
    const g = chartGeometry(years);
    expect(g.ticks.at(-1)?.label).toBe('50');
    // Whole counts under 4 get whole ticks only.
    expect(chartGeometry([{ year: 2026, actual: 1, target: 1 }]).ticks.map((t) => t.label)).toEqual(['0', '1']);
    expect(chartGeometry([{ year: 2026, actual: 2, target: null }]).ticks.map((t) => t.label)).toEqual(['0', '1', '2']);
    expect(g.bars[2]?.actual.y).toBeCloseTo(g.top);
    expect(g.bars[1]?.actual.height).toBeCloseTo((g.baseline - g.top) * 0.48);
    expect(g.bars[2]?.target).toBeNull();
    expect(chartSummary('gian', years)).toBe('năm 2026: thực hiện 0 gian, chỉ tiêu 48; năm 2027: thực hiện 24 gian, chỉ tiêu 48; năm 2028: thực hiện 50 gian, không có chỉ tiêu năm');
  });
});
