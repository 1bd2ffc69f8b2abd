/**
 * The search source from astro:content, in the running server. Products come from
 * getCatalogRows(), so search facets and the catalog's filters agree by construction.
 */
import { getCatalogRows, getProducers } from '../../content/products';
import { getFairs } from '../../content/fairs';
import { getVillages } from '../../content/villages';
import type { SearchSource } from './types';

export async function loadSourceFromCollections(): Promise<SearchSource> {
  const [rows, producers, villages, fairs] = await Promise.all([getCatalogRows(), getProducers(), getVillages(), getFairs()]);
  const villageName = new Map(villages.map((v) => [v.id, v.data.name]));
  const craftVillage = (p: (typeof producers)[number]) => (p.data.village ? villageName.get(p.data.village.id) : undefined) ?? p.data.craftVillage ?? null;
  return {
    products: [...rows.values()].map(({ row, product, producer }) => ({
      row,
      commune: product.data.commune,
      district: product.data.former?.district ?? null,
      summary: product.data.summary,
      body: product.body ?? '',
      producerName: producer.data.name,
      craftVillage: craftVillage(producer),
      years: product.data.recognitions.map((r) => r.year),
    })),
    producers: producers.map((p) => ({
      id: p.id,
      name: p.data.name,
      type: p.data.type,
      craftVillage: craftVillage(p),
      commune: p.data.commune,
      province: p.data.province,
      formerProvince: p.data.former?.province ?? null,
      district: p.data.former?.district ?? null,
      address: p.data.address,
      body: p.body ?? '',
    })),
    villages: villages.map((v) => ({
      id: v.id,
      name: v.data.name,
      craft: v.data.craft,
      commune: v.data.commune,
      province: v.data.province,
      formerProvince: v.data.former?.province ?? null,
      district: v.data.former?.district ?? null,
      producerNames: producers.filter((p) => p.data.village?.id === v.id).map((p) => p.data.name),
      body: v.body ?? '',
    })),
    fairs: fairs.map((f) => ({
      id: f.id,
      name: f.data.name,
      organiser: f.data.organiser,
      venue: f.data.venue,
      address: f.data.address,
      province: f.data.province,
      start: f.data.start,
      summary: f.data.summary,
      body: f.body ?? '',
    })),
  };
}
