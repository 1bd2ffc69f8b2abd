/**
 * Fairs as the registration domain sees them, read from the content collection at run time
 * (only routes import this: it needs astro:content). Also starts the sweeper that expires
 * offers every minute even when nobody visits.
 */
import { getCollection, getEntry, type CollectionEntry } from 'astro:content';
import { siteVillageName } from '../../content/villages';
import { placeBooths } from '../../floor-plan';
import type { RegistrationInput } from '../../registration-schema';
import type { FairInfo } from './types';
import { expireOffers } from './waitlist';
import { RegistrationError } from './errors';

type FairData = CollectionEntry<'fairs'>;

function toInfo(entry: FairData): FairInfo {
  const d = entry.data;
  return {
    slug: entry.id,
    name: d.name,
    status: d.status,
    registration: d.registration
      ? { opens: d.registration.opens, closes: d.registration.closes, offerHours: d.registration.offerHours }
      : null,
    boothTypes: d.boothTypes.map((b) => ({ id: b.id, name: b.name, count: b.count, price: b.price, supportShare: b.supportShare })),
    maxBoothsPerEstablishment: d.maxBoothsPerEstablishment,
    ...planInfo(d),
  };
}

function planInfo(d: FairData['data']): Pick<FairInfo, 'plan' | 'choice'> {
  if (!d.floorPlan) return { plan: null };
  const booths = placeBooths(d.floorPlan, d.boothTypes);
  const boothChoice = d.floorPlan.boothChoice;
  return { plan: { boothChoice, booths }, choice: boothChoice ? { boothChoice, booths: booths.map((b) => ({ code: b.code, typeId: b.typeId })) } : undefined };
}

/** Content does not change while the server runs: each fair is read once (the dev server re-reads). */
const infos = new Map<string, FairInfo | null>();

/** A fair by slug, or null. */
export async function getFairInfo(slug: string): Promise<FairInfo | null> {
  if (!/^[a-z0-9-]{1,120}$/.test(slug)) return null;
  ensureOfferSweeper();
  const cached = infos.get(slug);
  if (cached !== undefined && !import.meta.env.DEV) return cached;
  const entry = await getEntry('fairs', slug);
  const info = entry ? toInfo(entry) : null;
  // Unknown slugs are not remembered: the map must not grow with what strangers type.
  if (info) infos.set(slug, info);
  return info;
}

/** The floor plan of a fair as content describes it (halls, aisles, entrances; for drawing), or null. */
export async function getFairPlanContent(slug: string) {
  if (!/^[a-z0-9-]{1,120}$/.test(slug)) return null;
  const entry = await getEntry('fairs', slug);
  if (!entry?.data.floorPlan) return null;
  return { plan: entry.data.floorPlan, boothTypes: entry.data.boothTypes };
}

/** A fair by slug; throws 404 `fair_not_found`. */
export async function requireFairInfo(slug: string | undefined): Promise<FairInfo> {
  const fair = slug ? await getFairInfo(slug) : null;
  if (!fair) throw new RegistrationError('fair_not_found');
  return fair;
}

/** Every fair (console overview, sweeper). */
export async function getAllFairInfos(): Promise<FairInfo[]> {
  return (await getCollection('fairs')).map(toInfo).sort((a, b) => a.slug.localeCompare(b.slug));
}

/** Fairs by slug, synchronously usable once loaded (lookup by code needs the fair of a row). */
export async function fairResolver(): Promise<(slug: string) => FairInfo | null> {
  const all = new Map((await getAllFairInfos()).map((f) => [f.slug, f]));
  return (slug) => all.get(slug) ?? null;
}

let sweeper: ReturnType<typeof setInterval> | null = null;

/** Expires due offers of every fair once a minute (started on first use; never keeps the process alive). */
export function ensureOfferSweeper(): void {
  if (sweeper) return;
  sweeper = setInterval(() => {
    getAllFairInfos()
      .then((fairs) => {
        for (const f of fairs) if (f.registration) expireOffers(f);
      })
      .catch((error: unknown) => {
        process.stderr.write(`${JSON.stringify({ t: new Date().toISOString(), level: 'error', sweeper: error instanceof Error ? error.message : String(error) })}\n`);
      });
  }, 60_000);
  sweeper.unref();
}

/**
 * The registration with its typed craft village as the site names it (siteVillageName). Both
 * ways in (the JSON API and the plain form) store what this returns.
 */
export async function withSiteVillage(input: RegistrationInput): Promise<RegistrationInput> {
  return input.craftVillage ? { ...input, craftVillage: await siteVillageName(input.craftVillage) } : input;
}
