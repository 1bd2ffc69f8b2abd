// @ts-check
/**
 * The content layer's image imports (`astro:asset-imports`) with one import per image file, not
 * one per entry that names it (astro.config.mjs adds this Vite plugin to the build).
 *
 * Astro imports every image an entry's frontmatter or Markdown names as
 * `./photo.jpg?astroContentImageFlag=&importer=<the entry's file>` and maps that id to the
 * import in a module of `import … from` lines and one `Map`. Entries that share a picture (a
 * producer's products, a synthetic catalogue's one image) each add an import of their own: Rollup
 * resolves every one through the whole chain of plugins before it finds they are the same file
 * — at 5,000 products that share one picture, 5,110 resolutions for 111 files, about 2 s of the
 * server bundle. Here the imports of the same file (a relative path resolved from its entry's
 * folder, as Vite resolves it) become one, and every id of the `Map` still answers, with the
 * same image. A module not of the shape Astro writes is left as it is.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const IMPORT_LINE = /^import (__ASTRO_IMAGE_IMPORT_[A-Za-z0-9_$]+) from ("(?:[^"\\\n]|\\.)*");$/gm;

/**
 * The file an id imports, where it can be told without resolving it: a relative path from the
 * importer's folder. Any other id (an alias, a package, a bare path) is its own key.
 * @param {string} id
 * @param {URL} root
 */
function fileKey(id, root) {
  const q = id.indexOf('?');
  const base = q === -1 ? id : id.slice(0, q);
  const importer = new URLSearchParams(q === -1 ? '' : id.slice(q + 1)).get('importer');
  if (!importer || !/^\.\.?\//.test(base)) return `id:${id}`;
  return `file:${path.resolve(path.dirname(fileURLToPath(new URL(importer, root))), base)}`;
}

/**
 * The module with one import per file, or null when `code` is not the module Astro writes
 * (imports, then `export default new Map([[id, symbol], …]);`) or has nothing to merge.
 * @param {string} code
 * @param {URL} root the project's root (config.root): importers are relative to it
 * @returns {string | null}
 */
export function mergeAssetImports(code, root) {
  /** @type {{ symbol: string, id: string }[]} */
  const imports = [];
  for (const m of code.matchAll(IMPORT_LINE)) {
    const [, symbol, literal] = m;
    if (!symbol || !literal) return null;
    imports.push({ symbol, id: /** @type {string} */ (JSON.parse(literal)) });
  }
  if (imports.length === 0) return null;
  const rest = code.replace(IMPORT_LINE, '').trim();
  const expected = `export default new Map([${imports.map(({ symbol, id }) => `[${JSON.stringify(id)}, ${symbol}]`).join(', ')}]);`;
  if (rest !== expected) return null;
  /** @type {Map<string, string>} a file's key → the symbol of its one import */
  const byFile = new Map();
  /** @type {string[]} */
  const lines = [];
  const entries = imports.map(({ symbol, id }) => {
    const key = fileKey(id, root);
    let shared = byFile.get(key);
    if (!shared) {
      shared = symbol;
      byFile.set(key, symbol);
      lines.push(`import ${symbol} from ${JSON.stringify(id)};`);
    }
    return `[${JSON.stringify(id)}, ${shared}]`;
  });
  if (lines.length === imports.length) return null;
  return `${lines.join('\n')}\nexport default new Map([${entries.join(', ')}]);\n`;
}

/**
 * @param {URL} root the project's root (config.root)
 * @returns {import('vite').Plugin}
 */
export function contentAssetImportsOncePerFile(root) {
  // What `astro:asset-imports` resolves to: the module the content sync wrote (Astro's `.astro/`).
  const file = fileURLToPath(new URL('.astro/content-assets.mjs', root));
  return {
    name: 'khuyen-cong:content-asset-imports',
    apply: 'build',
    transform: {
      order: 'pre',
      handler(code, id) {
        if (id !== file) return null;
        const merged = mergeAssetImports(code, root);
        return merged === null ? null : { code: merged, map: { mappings: '' } };
      },
    },
  };
}
