/**
 * `astro:content` for Vitest, so that tests import src/content.config.ts and run the build's
 * own schemas. `defineCollection` is the identity, as in Astro; `reference()` reads an id into
 * `{ id, collection }` as Astro's runtime does for content-layer collections (whether the entry
 * exists is checked by the tests that need it).
 */
import { z } from 'astro/zod';

export { z };

export function defineCollection<T>(config: T): T {
  return config;
}

export function reference(collection: string) {
  return z.union([z.string(), z.object({ id: z.string(), collection: z.string() })]).transform((value) => (typeof value === 'string' ? { id: value, collection } : value));
}
