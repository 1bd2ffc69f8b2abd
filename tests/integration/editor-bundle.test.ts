/**
 * The content editor's script is bundled apart from the site's Vite build (editor-bundle.mjs):
 * the test build holds it once in `_astro/` with its compressed copies, no other client file
 * carries Keystatic (the client build never bundles it again), the editor page's server code
 * links it; and a second bundling with the same inputs reuses the cached one, a real esbuild
 * bundle of the project's editor.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleContentEditor } from '../../src/lib/server/editor-bundle.mjs';
import { compressData } from '../../src/lib/server/build-output.mjs';
import { testBuildDir } from '../test-env';

const compress = (data: Buffer) => compressData(data, true);

const client = path.join(testBuildDir(), 'client');
const hasBuild = existsSync(path.join(client, 'index.html'));

describe.skipIf(!hasBuild)('the content editor in the test build', () => {
  const assets = path.join(client, '_astro');
  const editors = readdirSync(assets).filter((n) => /^ContentEditor\.[0-9a-f]{10}\.js$/.test(n));

  it('is one script in _astro/ with brotli and gzip copies that decode to it', () => {
    expect(editors).toHaveLength(1);
    const file = path.join(assets, editors[0] ?? '');
    const js = readFileSync(file);
    expect(js.length).toBeGreaterThan(1024 * 1024);
    expect(js.toString('utf8')).toContain('trinh-bien-tap');
    expect(brotliDecompressSync(readFileSync(`${file}.br`)).equals(js)).toBe(true);
    expect(gunzipSync(readFileSync(`${file}.gz`)).equals(js)).toBe(true);
  });

  it('is the only client script that carries Keystatic (the islands never bundle it)', () => {
    const others = readdirSync(assets).filter((n) => n.endsWith('.js') && !editors.includes(n));
    expect(others.length).toBeGreaterThan(3);
    const withKeystatic = others.filter((n) => /kui:|@keystar|keystatic-/.test(readFileSync(path.join(assets, n), 'utf8')));
    expect(withKeystatic).toEqual([]);
    const largest = Math.max(...others.map((n) => statSync(path.join(assets, n)).size));
    expect(largest).toBeLessThan(512 * 1024);
  });

  it('is what the editor page links', () => {
    const pages = path.join(testBuildDir(), 'server', 'pages', 'keystatic');
    const code = readdirSync(pages).map((n) => readFileSync(path.join(pages, n), 'utf8')).join('\n');
    expect(code).toContain(`/_astro/${editors[0] ?? 'none'}`);
    expect(code).toContain('id="trinh-bien-tap"');
  });
});

describe('bundling the content editor', () => {
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'kc-editor-cache-'));
  afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

  it('bundles it once, then reuses the cached bundle while its inputs are unchanged', async () => {
    const first = await bundleContentEditor({ root: process.cwd(), cacheDir, compress });
    expect(first.reused).toBe(false);
    expect(first.name).toMatch(/^ContentEditor\.[0-9a-f]{10}\.js$/);
    const inputs = (JSON.parse(readFileSync(path.join(first.dir, 'inputs.json'), 'utf8')) as { inputs: Record<string, string> }).inputs;
    // The project files it is made of are recorded (a change to one of them bundles it again).
    expect(Object.keys(inputs)).toEqual(expect.arrayContaining(['src/components/islands/ContentEditor.tsx', 'src/lib/cms/config.ts', 'src/lib/cms/save-base.ts']));
    expect(Object.keys(inputs).some((i) => i.includes('node_modules'))).toBe(false);

    const second = await bundleContentEditor({ root: process.cwd(), cacheDir, compress });
    expect(second).toEqual({ ...first, reused: true });
  }, 120_000);
});
