/**
 * /thong-ke: registrations and supported booths by province, establishment type and product
 * group; contest entries and recognitions by product group and level; per year. The records are
 * counted here (database and content), the arithmetic is tally.ts's. Reads `astro:content`, so
 * only pages import it.
 */
import { getCollection } from 'astro:content';
import { inArray } from 'drizzle-orm';
import { getDb, schema, type DbLike } from '../db';
import { JUDGED_STATUSES } from '../contests/entry-list';
import { groupOfProducts, tallyByGroupAndLevel, tallyRegistrations, yearsOf, type EntryRecord, type RegistrationRecord } from './tally';

const vietnamYear = (at: Date) => new Date(at.getTime() + 7 * 3600_000).getUTCFullYear();

async function registrationRecords(db: DbLike): Promise<RegistrationRecord[]> {
  const fairYears = new Map((await getCollection('fairs')).map((f) => [f.id, vietnamYear(f.data.start)]));
  const catalogue = (await getCollection('products')).map((p) => ({ name: p.data.name, group: p.data.cnntGroup }));
  const R = schema.registrations;
  return db
    .select({ fairSlug: R.fairSlug, province: R.province, establishmentType: R.establishmentType, products: R.products, status: R.status, heldQuantity: R.heldQuantity, wantsSupport: R.wantsSupport })
    .from(R)
    .where(inArray(R.status, ['pending', 'offered', 'approved']))
    .all()
    .flatMap((r) => {
      const year = fairYears.get(r.fairSlug);
      return year === undefined ? [] : [{ year, province: r.province, establishmentType: r.establishmentType, group: groupOfProducts(r.products, catalogue), status: r.status, heldQuantity: r.heldQuantity, wantsSupport: r.wantsSupport }];
    });
}

async function entryRecords(db: DbLike): Promise<EntryRecord[]> {
  const groups = new Map((await getCollection('products')).map((p) => [p.id, p.data.cnntGroup]));
  const contests = await getCollection('contests');
  const byId = new Map(contests.map((c) => [c.id, c.data]));
  const markdown = contests.flatMap((c) => c.data.entries.map((e) => ({ year: c.data.year, level: c.data.level, group: groups.get(e.id) ?? null })));
  const E = schema.contestEntries;
  const online = db
    .select({ contestId: E.contestId, group: E.cnntGroup })
    .from(E)
    .where(inArray(E.status, [...JUDGED_STATUSES]))
    .all()
    .flatMap((r) => {
      const c = byId.get(r.contestId);
      return c ? [{ year: c.year, level: c.level, group: r.group }] : [];
    });
  return [...markdown, ...online];
}

async function recognitionRecords(): Promise<EntryRecord[]> {
  return (await getCollection('products')).flatMap((p) => p.data.recognitions.filter((r) => r.programme === 'cnnt').map((r) => ({ year: r.year, level: r.level, group: p.data.cnntGroup })));
}

/** Everything /thong-ke shows, for `year` (every year when null or not among the years present). */
export async function statistics(requestedYear: number | null, db: DbLike = getDb()) {
  const [registrations, entries, recognitions] = [await registrationRecords(db), await entryRecords(db), await recognitionRecords()];
  const years = yearsOf(registrations, entries, recognitions);
  const year = requestedYear !== null && years.includes(requestedYear) ? requestedYear : null;
  return {
    years,
    year,
    byProvince: tallyRegistrations(registrations, (r) => r.province, year),
    byType: tallyRegistrations(registrations, (r) => r.establishmentType, year),
    byGroup: tallyRegistrations(registrations, (r) => r.group ?? '', year),
    entries: tallyByGroupAndLevel(entries, year),
    recognitions: tallyByGroupAndLevel(recognitions, year),
  };
}
