/**
 * Craft villages (làng nghề) and what belongs to them: the producers that name the village
 * (`village:` in content/producers) and those producers' products. Pages never filter
 * collections themselves.
 */
import { getCollection, getEntry, type CollectionEntry } from 'astro:content';
import { getFormerProvince, requireProvince, type FormerProvince, type Province } from '../provinces';
import { getProducers, getProductsOfProducer, type ProducerEntry, type ProductEntry } from './products';
import { once } from './once';
import { canonicalVillage } from '../craft-village';

export type VillageEntry = CollectionEntry<'craftVillages'>;

const collator = new Intl.Collator('vi');

/** All craft villages, by Vietnamese name. */
export async function getVillages(): Promise<VillageEntry[]> {
  return (await getCollection('craftVillages')).sort((a, b) => collator.compare(a.data.name, b.data.name));
}

export async function getVillage(id: string): Promise<VillageEntry | null> {
  return (await getEntry('craftVillages', id)) ?? null;
}

/** The village a producer belongs to (its `village` reference), or null. */
export async function getVillageOfProducer(producer: ProducerEntry): Promise<VillageEntry | null> {
  return producer.data.village ? getVillage(producer.data.village.id) : null;
}

export interface VillageMembers {
  producers: ProducerEntry[];
  products: ProductEntry[];
}

/** The producers that name this village, and their products (both by name). */
export async function getVillageMembers(villageId: string): Promise<VillageMembers> {
  const producers = (await getProducers()).filter((p) => p.data.village?.id === villageId);
  // The products index per producer (products.ts), never a scan of every product per village page.
  const products = (await Promise.all(producers.map((p) => getProductsOfProducer(p.id)))).flat();
  return { producers, products: products.sort((a, b) => collator.compare(a.data.name, b.data.name)) };
}

/** The village's current unit and, when its entry names one, the former province it was in. */
export function villagePlace(village: VillageEntry): { province: Province; former: FormerProvince | null } {
  const former = village.data.former ? getFormerProvince(village.data.former.province) : null;
  return { province: requireProvince(village.data.province), former };
}

export interface ProvinceVillages {
  province: Province;
  villages: VillageEntry[];
}

/** Villages grouped by current province, provinces by name (the /lang-nghe list). */
export async function getVillagesByProvince(): Promise<ProvinceVillages[]> {
  const groups = new Map<string, ProvinceVillages>();
  for (const village of await getVillages()) {
    const province = requireProvince(village.data.province);
    const group = groups.get(province.slug) ?? { province, villages: [] };
    group.villages.push(village);
    groups.set(province.slug, group);
  }
  return [...groups.values()].sort((a, b) => collator.compare(a.province.name, b.province.name));
}

export async function getVillagesInProvince(province: string): Promise<VillageEntry[]> {
  return (await getVillages()).filter((v) => v.data.province === province);
}

/**
 * The villages' names, in Vietnamese order: the choices a form offers for "làng nghề", and what a
 * typed name is read as (craft-village.ts). Read once per process, as the products are: a booth
 * registration asks on every post.
 */
export const getVillageNames: () => Promise<string[]> = once(async () => (await getVillages()).map((v) => v.data.name));

/**
 * A craft village typed in a form as the site names it when it is one of the site's villages
 * ("lang gom thanh ha" → "Làng gốm Thanh Hà"), else as typed, trimmed (craft-village.ts): what
 * contest entries and booth registrations store.
 */
export async function siteVillageName(typed: string): Promise<string> {
  return canonicalVillage(typed, await getVillageNames());
}
