// @ts-check
/**
 * The content layer's data store as a JSON file beside the server chunks instead of a JavaScript
 * module inside them (astro.config.mjs adds this Vite plugin to the build).
 *
 * Astro puts the store (every entry's data, body and rendered HTML: 13 MB at 10,000 products)
 * into the server bundle as one object literal (`astro:data-layer-content`, made with
 * `dataToEsm`), which Rollup parses, analyses and writes like code — time that grows with the
 * content at every build and publication. The module Astro reads it from
 * (`ImmutableDataStore.fromModule`: `devalue.unflatten(default export)`) gets the same value from
 * `JSON.parse` of the same file, read when the server first asks for content. Dev (`astro dev`)
 * keeps Astro's own module (it is watched and reloaded there).
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DATA_STORE_ID = 'astro:data-layer-content';
const RESOLVED_ID = '\0khuyen-cong:data-store-file';
/** Written beside the chunk that reads it. */
export const DATA_STORE_FILE = 'content-data-store.json';

/**
 * @param {URL} cacheDir Astro's cache folder (config.cacheDir), where the content sync wrote
 *   `data-store.json` before the server build. Without one (no content) the server's read fails
 *   and Astro's store is empty, as with Astro's own module.
 * @returns {import('vite').Plugin}
 */
export function dataStoreFile(cacheDir) {
  const source = fileURLToPath(new URL('data-store.json', cacheDir));
  return {
    name: 'khuyen-cong:data-store-file',
    enforce: 'pre',
    apply: 'build',
    // Before Astro's own content plugin, which resolves the same id (enforce 'pre' too).
    resolveId: {
      order: 'pre',
      handler(id) {
        return id === DATA_STORE_ID ? RESOLVED_ID : null;
      },
    },
    load: {
      order: 'pre',
      handler(id) {
        if (id !== RESOLVED_ID) return null;
        return [
          "import { readFileSync } from 'node:fs';",
          `export default JSON.parse(readFileSync(new URL('./${DATA_STORE_FILE}', import.meta.url), 'utf8'));`,
        ].join('\n');
      },
    },
    async writeBundle(options, bundle) {
      const dir = options.dir;
      if (!dir) return;
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk' || !chunk.moduleIds.includes(RESOLVED_ID)) continue;
        if (!existsSync(source)) return;
        const target = path.join(dir, path.dirname(chunk.fileName), DATA_STORE_FILE);
        await mkdir(path.dirname(target), { recursive: true });
        await copyFile(source, target);
      }
    },
  };
}
