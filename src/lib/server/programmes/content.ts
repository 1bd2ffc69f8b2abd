/**
 * Programmes and the content facts their indicators count: fairs (kind, level, province,
 * opening), contests (level, year, results date) and the recognitions of products. Reads
 * `astro:content`, so only pages and routes import it (through results.ts).
 */
import { getCollection, getEntry, type CollectionEntry } from 'astro:content';
import { getAllFairInfos } from '../registrations/fairs';
import type { ContestFact, FairFact, RecognitionFact } from './indicators';

export type ProgrammeEntry = CollectionEntry<'programmes'>;

const collator = new Intl.Collator('vi');

/** Every programme, newest period first, then by name. */
export async function getProgrammes(): Promise<ProgrammeEntry[]> {
  return (await getCollection('programmes')).sort((a, b) => b.data.period.from - a.data.period.from || collator.compare(a.data.name, b.data.name));
}

/** A programme by slug, or null (never looks up what a stranger typed beyond a slug's shape). */
export async function getProgramme(slug: string | undefined): Promise<ProgrammeEntry | null> {
  if (!slug || !/^[a-z0-9-]{1,120}$/.test(slug)) return null;
  return (await getEntry('programmes', slug)) ?? null;
}

const vietnamYear = (at: Date) => new Date(at.getTime() + 7 * 3600_000).getUTCFullYear();

export async function fairFacts(): Promise<FairFact[]> {
  return (await getCollection('fairs')).map((f) => ({
    slug: f.id,
    province: f.data.province,
    kind: f.data.kind,
    level: f.data.level,
    status: f.data.status,
    start: f.data.start,
    year: vietnamYear(f.data.start),
  }));
}

export async function contestFacts(): Promise<ContestFact[]> {
  return (await getCollection('contests')).map((c) => ({
    id: c.id,
    province: c.data.province ?? null,
    level: c.data.level,
    year: c.data.year,
    results: c.data.schedule.results,
  }));
}

export async function recognitionFacts(): Promise<RecognitionFact[]> {
  return (await getCollection('products')).flatMap((p) =>
    p.data.recognitions.map((r) => ({
      productId: p.id,
      province: p.data.province,
      programme: r.programme,
      level: r.level,
      stars: r.stars ?? null,
      year: r.year,
    })),
  );
}

/** The registration module's view of the fairs with these slugs (prices, shares, booth types). */
export async function fairInfos(slugs: ReadonlySet<string>) {
  return (await getAllFairInfos()).filter((f) => slugs.has(f.slug));
}
