/**
 * The content layer's image imports merged per file (src/lib/server/content-asset-imports.mjs),
 * on the module Astro's own data store writes: entries that name the same picture share one
 * import, every id still answers with its own file, and a module of another shape is left alone.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
// Astro's own writer of `.astro/content-assets.mjs` (not in its package exports: by file).
import { MutableDataStore } from '../../node_modules/astro/dist/content/mutable-data-store.js';
import { mergeAssetImports } from '../../src/lib/server/content-asset-imports.mjs';

const root = mkdtempSync(path.join(os.tmpdir(), 'kc-asset-imports-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const rootUrl = pathToFileURL(`${root}/`);

/** Astro's module for these [image, entry file] pairs, as the content sync writes it. */
async function astroModule(pairs: [string, string][], name: string): Promise<string> {
  const store = new MutableDataStore();
  for (const [src, entry] of pairs) store.addAssetImport(src, entry);
  const file = new URL(`${name}.mjs`, rootUrl);
  await store.writeAssetImports(file);
  return readFileSync(file, 'utf8');
}

const importLines = (code: string) => code.split('\n').filter((l) => l.startsWith('import '));

/**
 * The module's Map, each import replaced by the file it names (a relative path from the entry's
 * folder, as Vite resolves it; any other id as it is).
 */
function evaluate(code: string): Map<string, string> {
  const body = code
    .replace(/^import (\S+) from ("(?:[^"\\]|\\.)*");$/gm, (_, symbol: string, literal: string) => {
      const id = JSON.parse(literal) as string;
      const [base = '', query = ''] = id.split('?');
      const importer = new URLSearchParams(query).get('importer');
      const file = importer && base.startsWith('.') ? path.resolve(path.dirname(path.resolve(root, importer)), base) : id;
      return `const ${symbol} = ${JSON.stringify(file)};`;
    })
    .replace('export default', 'result =');
  const context: { result?: Map<string, string> } = {};
  vm.runInNewContext(body, context);
  if (!context.result) throw new Error('no Map');
  return context.result;
}

describe('mergeAssetImports', () => {
  it('imports a picture several entries name once, and every id still answers with its own file', async () => {
    const pairs: [string, string][] = [
      ['./anh.jpg', 'content/products/a/index.md'],
      ['./anh.jpg', 'content/products/a/khac.md'], // same folder, same file
      ['../a/anh.jpg', 'content/products/b/index.md'], // another path to the same file
      ['./anh.jpg', 'content/products/c/index.md'], // same name, another file
      ['~/assets/logo.png', 'content/producers/d/index.md'], // an alias: resolved by Vite, left alone
      ['~/assets/logo.png', 'content/producers/e/index.md'],
    ];
    const code = await astroModule(pairs, 'shared');
    expect(importLines(code)).toHaveLength(6);
    const merged = mergeAssetImports(code, rootUrl);
    if (merged === null) throw new Error('not merged');
    // a/anh.jpg once, c/anh.jpg, and each alias id of its own.
    expect(importLines(merged)).toHaveLength(4);
    const before = evaluate(code);
    const after = evaluate(merged);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [id, file] of before) expect(after.get(id), id).toBe(file);
    expect(new Set(after.values()).size).toBe(4);
  });

  it('leaves a module with nothing to merge, or of another shape, as it is', async () => {
    const distinct = await astroModule(
      [
        ['./anh.jpg', 'content/products/a/index.md'],
        ['./anh.jpg', 'content/products/c/index.md'],
      ],
      'distinct',
    );
    expect(mergeAssetImports(distinct, rootUrl)).toBeNull();
    const shared = await astroModule(
      [
        ['./anh.jpg', 'content/products/a/index.md'],
        ['./anh.jpg', 'content/products/a/khac.md'],
      ],
      'two',
    );
    expect(mergeAssetImports(shared, rootUrl)).not.toBeNull();
    expect(mergeAssetImports(`${shared}\nconsole.log(1);`, rootUrl)).toBeNull();
    expect(mergeAssetImports(shared.replace('new Map([', 'new Map([["x", 1], '), rootUrl)).toBeNull();
    expect(mergeAssetImports('export default new Map();', rootUrl)).toBeNull();
  });
});
