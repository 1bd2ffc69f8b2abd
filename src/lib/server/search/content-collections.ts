/**
 * The search source from astro:content, in the running server. Products come from
 * getCatalogRows(), so search facets and the catalog's filters agree by construction.
 */
import { getCatalogRows, getProducers } from '../../content/products';
import { getFairs } from '../../content/fairs';
import type { SearchSource } from './types';

export async function loadSourceFromCollections(): Promise<SearchSource> {
  const [rows, producers, fairs] = await Promise.all([getCatalogRows(), getProducers(), getFairs()]);
  return {
    products: [...rows.values()].map(({ row, product, producer }) => ({
      row,
      commune: product.data.commune,
      district: product.data.former?.district ?? null,
      summary: product.data.summary,
      body: product.body ?? '',
      producerName: producer.data.name,
      craftVillage: producer.data.craftVillage ?? null,
      years: product.data.recognitions.map((r) => r.year),
    })),
    producers: producers.map((p) => ({
      id: p.id,
      name: p.data.name,
      type: p.data.type,
      craftVillage: p.data.craftVillage ?? null,
      commune: p.data.commune,
      province: p.data.province,
      formerProvince: p.data.former?.province ?? null,
      district: p.data.former?.district ?? null,
      address: p.data.address,
      body: p.body ?? '',
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
