/**
 * Content collections (Astro Content Layer). Editors write Markdown with YAML front matter in
 * `content/<collection>/`; images sit beside the entry. `CONTENT_DIR` points the build at
 * another folder (the build benchmark and the schema-error test use it).
 */
import { defineCollection, reference, z } from 'astro:content';
import { slugify } from './lib/fold';
import { contentLoader } from './lib/content/loader';
import { entryImage, friendly } from './lib/content/friendly-errors';
import { DossierSchema } from './lib/entry-schema';
import { FloorPlanSchema, boothCountsOf, planIssues } from './lib/floor-plan';
import { FORMER_PROVINCE_SLUGS, PROVINCE_SLUGS, currentUnitOf, getProvince, type ProvinceSlug } from './lib/provinces';
import {
  CNNT_GROUPS,
  OCOP_GROUPS,
  ESTABLISHMENT_TYPES,
  RECOGNITION_LEVELS,
  PROGRAMMES,
  FAIR_STATUSES,
  FAIR_KINDS,
  FAIR_LEVELS,
} from './lib/vocabulary';
import { programmeSchema } from './lib/programme-schema';

const contentDir = (process.env['CONTENT_DIR'] ?? './content').replace(/\/$/, '');
const base = (collection: string) => `${contentDir}/${collection}`;
const markdown = '**/[^_]*.md';

/**
 * An entry's id is its own name — the file name, or the folder name for `<slug>/index.md` —
 * wherever editors file it (content/products/quang-nam/nuoc-mam/index.md → "nuoc-mam"), so
 * URLs stay flat and never contain a slash.
 */
function entryId({ entry }: { entry: string }): string {
  const parts = entry.replace(/\.md$/, '').split('/');
  const name = parts.at(-1) === 'index' ? parts.at(-2) : parts.at(-1);
  return slugify(name ?? entry);
}
const collectionLoader = (collection: string) => contentLoader({ pattern: markdown, base: base(collection), generateId: entryId });

/** A calendar date: YAML `2025-10-10` (parsed as a Date) or a quoted string → "YYYY-MM-DD". */
const calendarDate = z.union([z.date(), z.string()]).transform((value, ctx) => {
  const iso = value instanceof Date ? value.toISOString().slice(0, 10) : value.trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || Number.isNaN(Date.parse(`${iso}T00:00:00Z`))) {
    ctx.addIssue({ code: 'custom', message: `ngày "${iso}" không hợp lệ; viết theo dạng 2025-10-10` });
    return z.NEVER;
  }
  return iso;
});

/**
 * An instant. Strings without an offset are read as Vietnam time (UTC+7): editors write
 * "2026-12-10T08:00". Unquoted YAML timestamps without an offset would be UTC, so quote them.
 */
const instant = z.union([z.date(), z.string()]).transform((value, ctx) => {
  if (value instanceof Date) return value;
  const text = value.trim();
  const withZone = /[zZ]|[+-]\d{2}:?\d{2}$/.test(text) ? text : `${text}+07:00`;
  const date = new Date(withZone.replace(' ', 'T'));
  if (Number.isNaN(date.getTime())) {
    ctx.addIssue({
      code: 'custom',
      message: `thời điểm "${text}" không hợp lệ; viết theo dạng "2026-12-10T08:00" (giờ Việt Nam)`,
    });
    return z.NEVER;
  }
  return date;
});

const text = z.string().trim().min(1);

/** A current unit; a former province gets told where it belongs now. */
const currentProvince = z.string().superRefine((slug, ctx) => {
  if (getProvince(slug)) return;
  const unit = currentUnitOf(slug);
  ctx.addIssue({
    code: 'custom',
    message: unit
      ? `"${slug}" là tỉnh cũ (trước 01/07/2025), nay thuộc "${unit.slug}": ghi province: ${unit.slug} và former: { province: ${slug} }`
      : `"${slug}" không phải tỉnh, thành phố hiện nay; chỉ nhận: ${PROVINCE_SLUGS.join(', ')}`,
  });
}) as unknown as z.ZodType<ProvinceSlug>;

const photo = z
  .object({
    src: entryImage(),
    alt: text.describe('Mô tả ảnh bằng tiếng Việt cho người khiếm thị'),
  })
  .strict();

const formerLocation = z
  .object({
    province: z.enum(FORMER_PROVINCE_SLUGS),
    district: text.optional(),
  })
  .strict();

const recognition = z
  .object({
    programme: z.enum(PROGRAMMES.ids),
    level: z.enum(RECOGNITION_LEVELS.ids),
    stars: z.number().int().min(3).max(5).optional(),
    year: z.number().int().min(2000).max(2100),
    // Absent until the decision is known (a product page made from a recognised online entry):
    // pages say "chưa có quyết định công nhận", never a placeholder.
    number: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), text.optional()).describe('Số quyết định hoặc số giấy chứng nhận'),
    issued: calendarDate,
    validUntil: calendarDate.optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.programme === 'ocop' && r.stars === undefined)
      ctx.addIssue({ code: 'custom', path: ['stars'], message: 'sản phẩm OCOP cần số sao (3, 4 hoặc 5)' });
    if (r.programme === 'cnnt' && r.stars !== undefined)
      ctx.addIssue({ code: 'custom', path: ['stars'], message: 'sản phẩm CNNT tiêu biểu không xếp sao; bỏ trường stars' });
    if (r.validUntil && r.validUntil < r.issued)
      ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'ngày hết hiệu lực đứng trước ngày cấp' });
  });

const productSchema = z
  .object({
    name: text,
    producer: reference('producers'),
    commune: text.describe('Xã/phường/đặc khu hiện nay'),
    province: currentProvince,
    former: formerLocation.optional(),
    cnntGroup: z.enum(CNNT_GROUPS.ids),
    ocopGroup: z.enum(OCOP_GROUPS.ids).optional(),
    photos: z.array(photo).min(1),
    summary: text.max(300),
    specs: z
      .object({
        packaging: text.optional(),
        netQuantity: text.optional(),
        shelfLife: text.optional(),
        ingredients: text.optional(),
      })
      .strict()
      .default({}),
    recognitions: z.array(recognition).default([]),
    whereToBuy: z
      .array(
        z
          .object({ name: text, url: z.string().url().optional(), address: text.optional() })
          .strict(),
      )
      .default([]),
    price: z
      .object({ min: z.number().int().positive(), max: z.number().int().positive(), unit: text.optional() })
      .strict()
      .refine((p) => p.max >= p.min, { message: 'giá cao nhất nhỏ hơn giá thấp nhất', path: ['max'] })
      .optional(),
    featured: z.boolean().default(false),
  })
  .strict()
  .superRefine((p, ctx) => {
    const ocop = p.recognitions.some((r) => r.programme === 'ocop');
    if (ocop && !p.ocopGroup)
      ctx.addIssue({ code: 'custom', path: ['ocopGroup'], message: 'sản phẩm có chứng nhận OCOP cần nhóm OCOP' });
  });

const products = defineCollection({
  loader: collectionLoader('products'),
  schema: ({ image }) => friendly(productSchema, image),
});

const producerSchema = z
  .object({
    name: text,
    type: z.enum(ESTABLISHMENT_TYPES.ids),
    craftVillage: text.optional(),
    /** The craft village's page (content/craft-villages/<slug>); the free text above stays as written. */
    village: reference('craftVillages').optional(),
    commune: text,
    province: currentProvince,
    former: formerLocation.optional(),
    address: text,
    phone: text.optional(),
    email: z.string().email().optional(),
    website: z.string().url().optional(),
    logo: photo.optional(),
    founded: z.number().int().min(1800).max(2100).optional(),
  })
  .strict();

const producers = defineCollection({
  loader: collectionLoader('producers'),
  schema: ({ image }) => friendly(producerSchema, image),
});

/** Craft villages (làng nghề): where producers of one craft work together; a page each at /lang-nghe/<slug>. */
const craftVillageSchema = z
  .object({
    name: text.describe('Tên làng nghề, ví dụ "Làng gốm Thanh Hà"'),
    commune: text.describe('Xã/phường/đặc khu hiện nay'),
    province: currentProvince,
    former: formerLocation.optional(),
    craft: text.max(120).describe('Nghề, ví dụ "Làm gốm"'),
    recognised: z
      .object({
        year: z.number().int().min(1900).max(2100),
        decision: text.max(300).optional().describe('Số, ngày quyết định công nhận'),
      })
      .strict()
      .optional(),
  })
  .strict();

const craftVillages = defineCollection({
  loader: collectionLoader('craft-villages'),
  schema: () => friendly(craftVillageSchema),
});

const boothType = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, 'chỉ dùng chữ thường không dấu, số và dấu gạch ngang'),
    name: text,
    width: z.number().positive(),
    depth: z.number().positive(),
    /** Without a floor plan: the number of booths. With one, it is counted from the plan (a count given must agree). */
    count: z.number().int().min(1, 'cần ít nhất 1 gian').optional(),
    price: z.number().int().min(0).describe('Giá thuê một gian, đồng'),
    supportShare: z.number().min(0).max(100).describe('Phần trăm hỗ trợ khuyến công'),
  })
  .strict();

const fairSchema = z
  .object({
    name: text,
    organiser: text,
    organiserUrl: z.string().url().optional(),
    venue: text,
    address: text,
    province: currentProvince,
    start: instant,
    end: instant,
    status: z.enum(FAIR_STATUSES.ids).default('scheduled'),
    /** A trade fair or a market day (phiên chợ); programme indicators count them apart. */
    kind: z.enum(FAIR_KINDS.ids).default('hoi-cho'),
    /** Who runs it for whom: commune, province, region, nation. */
    level: z.enum(FAIR_LEVELS.ids).default('tinh'),
    summary: text.max(300),
    image: photo,
    boothTypes: z.array(boothType).min(1),
    registration: z
      .object({
        opens: instant,
        closes: instant,
        offerHours: z.number().int().min(1).max(24 * 30).default(48),
      })
      .strict()
      .refine((r) => r.closes > r.opens, { message: 'hạn đăng ký đứng trước ngày mở', path: ['closes'] })
      .optional(),
    maxBoothsPerEstablishment: z.number().int().min(1).default(2),
    eligibility: text.optional(),
    /** Bumped by editors when a published fair changes (iCalendar SEQUENCE). */
    revision: z.number().int().min(0).default(0),
    /** Halls, aisles, entrances and named booths (src/lib/floor-plan.ts); booth counts then come from it. */
    floorPlan: FloorPlanSchema.optional(),
  })
  .strict()
  .superRefine((f, ctx) => {
    if (f.floorPlan) {
      for (const issue of planIssues(f.floorPlan, f.boothTypes))
        ctx.addIssue({ code: 'custom', path: ['floorPlan', ...issue.path], message: issue.message });
    } else {
      f.boothTypes.forEach((b, i) => {
        if (b.count === undefined)
          ctx.addIssue({ code: 'custom', path: ['boothTypes', i, 'count'], message: `loại gian "${b.id}" cần số gian (count) khi hội chợ chưa có sơ đồ (floorPlan)` });
      });
    }
    if (f.end < f.start)
      ctx.addIssue({ code: 'custom', path: ['end'], message: 'ngày kết thúc đứng trước ngày khai mạc' });
    const ids = f.boothTypes.map((b) => b.id);
    const dup = ids.find((id, i) => ids.indexOf(id) !== i);
    if (dup)
      ctx.addIssue({ code: 'custom', path: ['boothTypes'], message: `mã loại gian hàng "${dup}" bị trùng` });
  })
  // Counts are never typed twice: with a plan, each type's count is its booths on the plan.
  .transform((f) => {
    const counts = f.floorPlan ? boothCountsOf(f.floorPlan) : null;
    return { ...f, boothTypes: f.boothTypes.map((b) => ({ ...b, count: counts ? (counts.get(b.id) ?? 0) : (b.count ?? 0) })) };
  });

const fairs = defineCollection({
  loader: collectionLoader('fairs'),
  schema: ({ image }) => friendly(fairSchema, image),
});

const criterion = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, 'chỉ dùng chữ thường không dấu, số và dấu gạch ngang'),
    label: text,
    max: z.number().positive(),
  })
  .strict();

const criteriaGroup = criterion
  .extend({ criteria: z.array(criterion).optional() })
  .strict()
  .superRefine((g, ctx) => {
    if (!g.criteria?.length) return;
    const sum = g.criteria.reduce((s, c) => s + c.max, 0);
    if (Math.abs(sum - g.max) > 1e-9)
      ctx.addIssue({
        code: 'custom',
        path: ['criteria'],
        message: `tổng điểm tối đa các tiêu chí con là ${sum}, phải bằng ${g.max} của nhóm "${g.label}"`,
      });
  });

const window = z
  .object({ opens: instant, closes: instant })
  .strict()
  .refine((w) => w.closes > w.opens, { message: 'thời điểm đóng đứng trước thời điểm mở', path: ['closes'] });

const contestSchema = z
  .object({
    title: text,
    level: z.enum(RECOGNITION_LEVELS.ids),
    year: z.number().int().min(2000).max(2100),
    province: currentProvince.optional(),
    organiser: text,
    productGroups: z.array(z.enum(CNNT_GROUPS.ids)).min(1),
    rubric: z
      .object({
        step: z.union([z.literal(1), z.literal(0.5)]).default(1),
        groups: z.array(criteriaGroup).min(1),
      })
      .strict(),
    passMark: z.number().min(0).default(70),
    minJudges: z.number().int().min(1).default(3),
    panelSize: z.number().int().min(1),
    /** "until-submitted": a judge sees others' sheets after submitting; "never": not at all. */
    showOthersScores: z.enum(['until-submitted', 'never']).default('until-submitted'),
    schedule: z
      .object({ entries: window, judging: window, results: calendarDate })
      .strict(),
    entries: z.array(reference('products')).default([]),
    /** The online intake (`online: true`) and what a dossier needs (TT 26/2014 defaults). */
    dossier: DossierSchema.optional(),
    vote: z
      .object({
        enabled: z.boolean().default(false),
        opens: instant,
        closes: instant,
        per: z.enum(['contest', 'group']).default('contest'),
        hideTotalsUntilClosed: z.boolean().default(true),
        /** "phone": only Vietnamese mobile numbers may vote (SIMs are registered to a person); "any": email too. */
        contact: z.enum(['any', 'phone']).default('any'),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    const total = c.rubric.groups.reduce((s, g) => s + g.max, 0);
    if (c.passMark > total)
      ctx.addIssue({ code: 'custom', path: ['passMark'], message: `điểm đạt ${c.passMark} vượt tổng điểm ${total}` });
    const ids = c.rubric.groups.flatMap((g) => [g.id, ...(g.criteria ?? []).map((x) => x.id)]);
    const dup = ids.find((id, i) => ids.indexOf(id) !== i);
    if (dup)
      ctx.addIssue({ code: 'custom', path: ['rubric'], message: `mã tiêu chí "${dup}" bị trùng` });
  });

const contests = defineCollection({
  loader: collectionLoader('contests'),
  schema: () => friendly(contestSchema),
});

const pageSchema = z
  .object({
    title: text,
    description: text.max(300),
    order: z.number().int().default(100),
  })
  .strict();

const pages = defineCollection({
  loader: collectionLoader('pages'),
  schema: () => friendly(pageSchema),
});

const settingsSchema = z
  .object({
    siteName: text,
    /** Shows the "Dữ liệu minh họa" notice on every page. Turn off for real content. */
    demoNotice: z.boolean().default(true),
    agency: z
      .object({
        name: text,
        parent: text.optional(),
        address: text,
        phone: text,
        email: z.string().email(),
        website: z.string().url().optional(),
      })
      .strict(),
    province: currentProvince,
  })
  .strict();

const settings = defineCollection({
  loader: contentLoader({ pattern: '*.yaml', base: base('settings') }),
  schema: () => friendly(settingsSchema),
});

/** Khuyến công programmes: a decision, its period and indicators with targets (src/lib/programme-schema.ts). */
const programmeEntrySchema = programmeSchema(currentProvince, calendarDate);
const programmes = defineCollection({
  loader: collectionLoader('programmes'),
  schema: () => friendly(programmeEntrySchema),
});

export const collections = { products, producers, craftVillages, fairs, contests, pages, settings, programmes };
