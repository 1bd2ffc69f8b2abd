/**
 * A fair's floor plan (halls measured in metres, with aisles, entrances and named booths) and
 * the pure rules on it: validation with Vietnamese messages for editors, booth geometry, the
 * nearest free booths of a type, and the automatic assignment of booths to holders.
 * Client-safe (the fair page renders the plan, the form island checks chosen codes): no I/O.
 *
 * A booth's size is a multiple of the 3 m × 3 m standard booth (Nghị định 81/2018/NĐ-CP):
 * `size: 2x1` is 6 m across and 3 m deep. Without `size` it is its booth type's size.
 * Booth counts per type come from the plan; a `count` typed beside a plan must agree with it.
 */
import { z } from 'zod';
import { BOOTH_CODE } from './booth-choice';
import { BOOTH_TAGS, type BoothTag } from './vocabulary';

/** The standard booth's side, metres. */
export const MODULE_M = 3;
export { BOOTH_CODE, splitBoothCodes, type BoothChoiceRules } from './booth-choice';

const metres = z.number().min(0).max(2000);
const rect = { x: metres, y: metres, width: z.number().positive().max(2000), depth: z.number().positive().max(2000) };

export const FloorPlanSchema = z
  .object({
    /** Applicants pick their booths in the registration form. */
    boothChoice: z.boolean().default(false),
    halls: z
      .array(
        z
          .object({
            id: z.string().regex(/^[a-z0-9-]+$/, 'chỉ dùng chữ thường không dấu, số và dấu gạch ngang'),
            name: z.string().trim().min(1),
            width: z.number().positive().max(2000).describe('Chiều ngang nhà, mét'),
            depth: z.number().positive().max(2000).describe('Chiều sâu nhà, mét'),
            aisles: z.array(z.object({ ...rect, name: z.string().trim().min(1).optional() }).strict()).default([]),
            entrances: z.array(z.object({ x: metres, y: metres, width: z.number().positive().max(200), name: z.string().trim().min(1) }).strict()).default([]),
            booths: z
              .array(
                z
                  .object({
                    code: z.string().regex(BOOTH_CODE, 'mã gian chỉ gồm chữ in hoa không dấu, chữ số và "-" (tối đa 12 ký tự), ví dụ A01'),
                    x: metres,
                    y: metres,
                    type: z.string().min(1),
                    size: z
                      .string()
                      .regex(/^[1-9]x[1-9]$/, 'kích thước ghi theo số gian tiêu chuẩn 3 × 3 m, ví dụ "2x1" (6 m ngang, 3 m sâu)')
                      .optional(),
                    tags: z.array(z.enum(BOOTH_TAGS.ids, { errorMap: () => ({ message: `nhãn gian chỉ nhận: ${BOOTH_TAGS.ids.join(', ')}` }) })).default([]),
                  })
                  .strict(),
              )
              .min(1),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

export type FloorPlan = z.output<typeof FloorPlanSchema>;
export type Hall = FloorPlan['halls'][number];

/** A booth placed on the plan, with its rectangle in metres. */
export interface PlacedBooth {
  code: string;
  hallId: string;
  typeId: string;
  x: number;
  y: number;
  width: number;
  depth: number;
  tags: readonly BoothTag[];
}

interface TypeSize {
  id: string;
  width: number;
  depth: number;
  count?: number | undefined;
}

function modules(size: string | undefined): [number, number] | null {
  if (!size) return null;
  const [a, d] = size.split('x').map(Number);
  return [a ?? 1, d ?? 1];
}

/** Every booth of the plan with its rectangle (size from `size`, else from its type). */
export function placeBooths(plan: FloorPlan, types: readonly TypeSize[]): PlacedBooth[] {
  return plan.halls.flatMap((hall) =>
    hall.booths.map((b) => {
      const type = types.find((t) => t.id === b.type);
      const m = modules(b.size);
      return {
        code: b.code,
        hallId: hall.id,
        typeId: b.type,
        x: b.x,
        y: b.y,
        width: m ? m[0] * MODULE_M : (type?.width ?? MODULE_M),
        depth: m ? m[1] * MODULE_M : (type?.depth ?? MODULE_M),
        tags: b.tags,
      };
    }),
  );
}

const EPS = 1e-9;
function overlaps(a: { x: number; y: number; width: number; depth: number }, b: { x: number; y: number; width: number; depth: number }): boolean {
  return a.x < b.x + b.width - EPS && b.x < a.x + a.width - EPS && a.y < b.y + b.depth - EPS && b.y < a.y + a.depth - EPS;
}

/** One problem of a plan, for an editor: where (a path under `floorPlan`) and what to do. */
export interface PlanIssue {
  path: (string | number)[];
  message: string;
}

/**
 * Everything wrong with `plan` given the fair's booth types: duplicate codes, unknown types, a
 * size that is not the type's, booths outside their hall, over an aisle or over each other,
 * a type without booths, a `count` that disagrees with the plan. Empty when the plan is good.
 */
export function planIssues(plan: FloorPlan, types: readonly TypeSize[]): PlanIssue[] {
  const issues: PlanIssue[] = [];
  const seen = new Map<string, string>();
  plan.halls.forEach((hall, h) => {
    const placed: { booth: PlacedBooth; index: number }[] = [];
    hall.booths.forEach((b, i) => {
      const at = ['halls', h, 'booths', i];
      const first = seen.get(b.code);
      if (first) issues.push({ path: [...at, 'code'], message: `mã gian "${b.code}" bị trùng (đã dùng ở ${first}); mỗi gian một mã riêng` });
      else seen.set(b.code, hall.name);
      const type = types.find((t) => t.id === b.type);
      if (!type) {
        issues.push({ path: [...at, 'type'], message: `gian ${b.code} có loại "${b.type}" không có trong boothTypes; chỉ nhận: ${types.map((t) => t.id).join(', ')}` });
        return;
      }
      const m = modules(b.size);
      if (m) {
        const [w, d] = [m[0] * MODULE_M, m[1] * MODULE_M];
        const fits = (Math.abs(w - type.width) < EPS && Math.abs(d - type.depth) < EPS) || (Math.abs(w - type.depth) < EPS && Math.abs(d - type.width) < EPS);
        if (!fits) issues.push({ path: [...at, 'size'], message: `gian ${b.code} (${String(w)} × ${String(d)} m) không khớp kích thước loại "${type.id}" (${String(type.width)} × ${String(type.depth)} m)` });
      }
      const booth = placeBooths({ boothChoice: false, halls: [{ ...hall, booths: [b] }] }, types)[0];
      if (!booth) return;
      if (booth.x + booth.width > hall.width + EPS || booth.y + booth.depth > hall.depth + EPS) {
        issues.push({ path: at, message: `gian ${b.code} nằm ngoài ${hall.name} (nhà rộng ${String(hall.width)} × ${String(hall.depth)} m, gian ở x ${String(b.x)}–${String(booth.x + booth.width)}, y ${String(b.y)}–${String(booth.y + booth.depth)})` });
      }
      const aisle = hall.aisles.find((a) => overlaps(booth, a));
      if (aisle) issues.push({ path: at, message: `gian ${b.code} chồng lên lối đi${aisle.name ? ` "${aisle.name}"` : ''}` });
      const clash = placed.find((p) => overlaps(p.booth, booth));
      if (clash) issues.push({ path: at, message: `gian ${b.code} chồng lên gian ${clash.booth.code}` });
      placed.push({ booth, index: i });
    });
  });
  const counts = boothCountsOf(plan);
  for (const type of types) {
    const onPlan = counts.get(type.id) ?? 0;
    if (onPlan === 0) issues.push({ path: ['halls'], message: `loại gian "${type.id}" không có gian nào trên sơ đồ; thêm gian loại này hoặc bỏ loại khỏi boothTypes` });
    else if (type.count !== undefined && type.count !== onPlan)
      issues.push({ path: ['halls'], message: `loại gian "${type.id}" ghi count: ${String(type.count)} nhưng sơ đồ có ${String(onPlan)} gian; bỏ count (số gian được tính từ sơ đồ) hoặc sửa cho khớp` });
  }
  return issues;
}

/** Booths per type on the plan: the capacity of each type when a fair has a plan. */
export function boothCountsOf(plan: FloorPlan): Map<string, number> {
  const counts = new Map<string, number>();
  for (const hall of plan.halls) for (const b of hall.booths) counts.set(b.type, (counts.get(b.type) ?? 0) + 1);
  return counts;
}

function centre(b: PlacedBooth): [number, number] {
  return [b.x + b.width / 2, b.y + b.depth / 2];
}

/** Distance between two booths' centres; booths in another hall are far (after every booth of the same hall). */
export function boothDistance(a: PlacedBooth, b: PlacedBooth): number {
  const [ax, ay] = centre(a);
  const [bx, by] = centre(b);
  return Math.hypot(ax - bx, ay - by) + (a.hallId === b.hallId ? 0 : 1e6);
}

/**
 * Up to `n` free booths of the same type as `code`, nearest first (ties by code). `taken`
 * holds the codes assigned now. Empty when the code is not on the plan.
 */
export function nearestFreeBooths(booths: readonly PlacedBooth[], code: string, taken: ReadonlySet<string>, n = 3): string[] {
  const from = booths.find((b) => b.code === code);
  if (!from) return [];
  return booths
    .filter((b) => b.typeId === from.typeId && b.code !== code && !taken.has(b.code))
    .map((b) => ({ code: b.code, d: boothDistance(from, b) }))
    .sort((a, b) => a.d - b.d || a.code.localeCompare(b.code))
    .slice(0, n)
    .map((b) => b.code);
}

/** A registration that holds booths and waits for (some of) them to be placed. */
export interface Holder {
  id: number;
  typeId: string;
  /** Booths still to place. */
  need: number;
  wantedTags: readonly string[];
  /** Codes it has already: new ones go next to them. */
  assigned: readonly string[];
}

/**
 * The automatic assignment: holders in the given order (registration order) each get their
 * missing booths among the free booths of their type — booths with the tags they asked for
 * first, then (for a holder with booths already, or after its first) the nearest to its other
 * booths, and booths with tags nobody asked for are left for those who ask (fewest spare tags
 * first). Returns code lists per holder id; holders that got nothing are absent.
 */
export function planAutoAssign(booths: readonly PlacedBooth[], holders: readonly Holder[], taken: ReadonlySet<string>): Map<number, string[]> {
  const free = new Set(booths.filter((b) => !taken.has(b.code)).map((b) => b.code));
  const byCode = new Map(booths.map((b) => [b.code, b]));
  const result = new Map<number, string[]>();
  for (const h of holders) {
    const mine = h.assigned.map((c) => byCode.get(c)).filter((b): b is PlacedBooth => b !== undefined);
    const got: string[] = [];
    for (let k = 0; k < h.need; k++) {
      let best: { booth: PlacedBooth; score: [number, number, number] } | null = null;
      for (const code of free) {
        const b = byCode.get(code);
        if (!b || b.typeId !== h.typeId) continue;
        const matched = b.tags.filter((t) => h.wantedTags.includes(t)).length;
        const spare = b.tags.length - matched;
        const near = mine.length ? Math.min(...mine.map((m) => boothDistance(m, b))) : 0;
        const score: [number, number, number] = [-matched, near, spare];
        if (!best || compare(score, best.score, b.code, best.booth.code) < 0) best = { booth: b, score };
      }
      if (!best) break;
      free.delete(best.booth.code);
      mine.push(best.booth);
      got.push(best.booth.code);
    }
    if (got.length) result.set(h.id, got);
  }
  return result;
}

function compare(a: [number, number, number], b: [number, number, number], codeA: string, codeB: string): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || codeA.localeCompare(codeB, 'en', { numeric: true });
}
