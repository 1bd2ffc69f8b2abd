/** The floor plan's pure rules: editors' validation messages, geometry, nearest free booths, the automatic assignment. */
import { describe, expect, it } from 'vitest';
import { FloorPlanSchema, boothCountsOf, nearestFreeBooths, placeBooths, planAutoAssign, planIssues, splitBoothCodes, type FloorPlan } from '../../src/lib/floor-plan';

const TYPES = [
  { id: 'tieu-chuan', width: 3, depth: 3 },
  { id: 'gian-doi', width: 6, depth: 3 },
];

function plan(booths: unknown[], extra: Record<string, unknown> = {}): FloorPlan {
  return FloorPlanSchema.parse({ halls: [{ id: 'a', name: 'Nhà A', width: 15, depth: 9, aisles: [{ x: 0, y: 3, width: 15, depth: 3 }], booths, ...extra }] });
}

const GOOD = plan([
  { code: 'A01', x: 0, y: 0, type: 'tieu-chuan', tags: ['goc'] },
  { code: 'A02', x: 3, y: 0, type: 'tieu-chuan' },
  { code: 'A03', x: 6, y: 0, type: 'tieu-chuan', tags: ['dien'] },
  { code: 'A04', x: 9, y: 0, type: 'gian-doi', size: '2x1' },
  { code: 'B01', x: 0, y: 6, type: 'tieu-chuan' },
  { code: 'B02', x: 9, y: 6, type: 'gian-doi' },
]);

describe('planIssues', () => {
  it('accepts a good plan and counts booths per type from it', () => {
    expect(planIssues(GOOD, TYPES)).toEqual([]);
    expect(Object.fromEntries(boothCountsOf(GOOD))).toEqual({ 'tieu-chuan': 4, 'gian-doi': 2 });
  });

  it.each([
    ['duplicate codes', [{ code: 'A01', x: 0, y: 0, type: 'tieu-chuan' }, { code: 'A01', x: 3, y: 0, type: 'tieu-chuan' }], /mã gian "A01" bị trùng/],
    ['a booth outside the hall', [{ code: 'A01', x: 0, y: 0, type: 'tieu-chuan' }, { code: 'A09', x: 14, y: 0, type: 'gian-doi' }], /gian A09 nằm ngoài Nhà A/],
    ['overlapping booths', [{ code: 'A01', x: 0, y: 0, type: 'tieu-chuan' }, { code: 'A02', x: 1.5, y: 0, type: 'tieu-chuan' }, { code: 'D1', x: 6, y: 0, type: 'gian-doi' }], /gian A02 chồng lên gian A01/],
    ['a booth on an aisle', [{ code: 'A01', x: 0, y: 2, type: 'tieu-chuan' }, { code: 'D1', x: 6, y: 0, type: 'gian-doi' }], /gian A01 chồng lên lối đi/],
    ['an unknown type', [{ code: 'A01', x: 0, y: 0, type: 'vip' }], /gian A01 có loại "vip" không có trong boothTypes/],
    ['a size that is not its type', [{ code: 'A01', x: 0, y: 0, type: 'tieu-chuan', size: '2x1' }, { code: 'D1', x: 6, y: 0, type: 'gian-doi' }], /gian A01 \(6 × 3 m\) không khớp kích thước loại "tieu-chuan"/],
    ['a type without booths', [{ code: 'A01', x: 0, y: 0, type: 'tieu-chuan' }], /loại gian "gian-doi" không có gian nào trên sơ đồ/],
  ])('refuses %s in Vietnamese', (_name, booths, message) => {
    expect(planIssues(plan(booths), TYPES).map((i) => i.message).join('\n')).toMatch(message);
  });

  it('refuses a count that disagrees with the plan, and accepts one that agrees', () => {
    expect(planIssues(GOOD, [{ id: 'tieu-chuan', width: 3, depth: 3, count: 5 }, { id: 'gian-doi', width: 6, depth: 3, count: 2 }]).map((i) => i.message)).toEqual([
      'loại gian "tieu-chuan" ghi count: 5 nhưng sơ đồ có 4 gian; bỏ count (số gian được tính từ sơ đồ) hoặc sửa cho khớp',
    ]);
    expect(planIssues(GOOD, [{ id: 'tieu-chuan', width: 3, depth: 3, count: 4 }, { id: 'gian-doi', width: 6, depth: 3 }])).toEqual([]);
  });

  it('refuses codes that are not booth numbers and unknown tags', () => {
    expect(FloorPlanSchema.safeParse({ halls: [{ id: 'a', name: 'A', width: 9, depth: 9, booths: [{ code: 'a 1', x: 0, y: 0, type: 'x' }] }] }).success).toBe(false);
    expect(FloorPlanSchema.safeParse({ halls: [{ id: 'a', name: 'A', width: 9, depth: 9, booths: [{ code: 'A1', x: 0, y: 0, type: 'x', tags: ['vip'] }] }] }).success).toBe(false);
  });
});

describe('geometry and choice', () => {
  const booths = placeBooths(GOOD, TYPES);

  it('sizes booths in multiples of the 3 × 3 m standard, from the type when no size is given', () => {
    expect(booths.find((b) => b.code === 'A04')).toMatchObject({ width: 6, depth: 3 });
    expect(booths.find((b) => b.code === 'B02')).toMatchObject({ width: 6, depth: 3 });
  });

  it.each([
    ['A01', [], ['A02', 'A03', 'B01']],
    ['A02', ['A01'], ['A03', 'B01']],
    ['A03', ['A02', 'A01'], ['B01']],
    ['A04', [], ['B02']],
    ['ZZ9', [], []],
  ])('nearest free booths of the type of %s (taken: %j)', (code, taken, expected) => {
    expect(nearestFreeBooths(booths, code, new Set(taken), 3)).toEqual(expected);
  });

  it('splits typed codes', () => {
    expect(splitBoothCodes(' a01, A02;b01 ')).toEqual(['A01', 'A02', 'B01']);
    expect(splitBoothCodes('')).toBeUndefined();
    expect(splitBoothCodes(['a01'])).toEqual(['A01']);
  });
});

describe('planAutoAssign', () => {
  const booths = placeBooths(GOOD, TYPES);

  it('gives holders in order the booths with the tags they asked for, neighbours for a second booth, and leaves tagged booths to those who ask', () => {
    const result = planAutoAssign(
      booths,
      [
        { id: 1, typeId: 'tieu-chuan', need: 1, wantedTags: [], assigned: [] },
        { id: 2, typeId: 'tieu-chuan', need: 1, wantedTags: ['dien'], assigned: [] },
        { id: 3, typeId: 'tieu-chuan', need: 2, wantedTags: [], assigned: [] },
        { id: 4, typeId: 'gian-doi', need: 1, wantedTags: [], assigned: ['A04'] },
      ],
      new Set(['A04']),
    );
    expect(Object.fromEntries(result)).toEqual({ 1: ['A02'], 2: ['A03'], 3: ['B01', 'A01'], 4: ['B02'] });
  });

  it('gives what is left when booths run out', () => {
    const result = planAutoAssign(booths, [{ id: 1, typeId: 'gian-doi', need: 3, wantedTags: [], assigned: [] }], new Set());
    expect(result.get(1)).toEqual(['A04', 'B02']);
  });
});
