/**
 * A real build of the demo content with products that share one picture and a product whose
 * picture has the same name in another folder (src/lib/server/content-asset-imports.mjs merges
 * the imports of the same file): every page shows its own picture.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeSyntheticProducts } from '../bench/synthetic';

const work = mkdtempSync(path.join(os.tmpdir(), 'kc-shared-pictures-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The first picture of a built product page (its own photo, before the related products). */
function firstPicture(out: string, slug: string): string {
  const html = readFileSync(path.join(out, 'client', 'san-pham', slug, 'index.html'), 'utf8');
  const src = /<main[\s\S]*?<img src="([^"]+)"/.exec(html)?.[1];
  if (!src) throw new Error(`${slug}: no picture`);
  return src;
}

describe('a build whose entries share pictures', () => {
  it('shows each product its own picture', { timeout: 300_000 }, () => {
    const content = path.join(work, 'content');
    cpSync(path.resolve('content'), content, { recursive: true });
    writeSyntheticProducts(content, 3); // products/bench/: three products, one _anh.svg
    const other = path.join(content, 'products', 'khac');
    mkdirSync(other, { recursive: true });
    writeFileSync(path.join(other, '_anh.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 30" width="400" height="300"><rect width="40" height="30" fill="#8a1c1c"/></svg>');
    const entry = readFileSync(path.join(content, 'products', 'bench', 'san-pham-thu-00001.md'), 'utf8');
    writeFileSync(path.join(other, 'index.md'), entry.replace('Sản phẩm thử nghiệm số 1', 'Sản phẩm có ảnh riêng'));
    const out = path.join(work, 'out');
    const result = spawnSync(process.execPath, [path.resolve('node_modules/astro/astro.js'), 'build', '--force'], {
      encoding: 'utf8',
      env: { ...process.env, CONTENT_DIR: content, BUILD_DIR: out, NO_COLOR: '1', FORCE_COLOR: '0' },
      timeout: 280_000,
    });
    expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);

    const shared = ['san-pham-thu-00000', 'san-pham-thu-00001', 'san-pham-thu-00002'].map((slug) => firstPicture(out, slug));
    const own = firstPicture(out, 'khac');
    expect(new Set(shared).size).toBe(1);
    expect(own).not.toBe(shared[0]);
    const bytes = (src: string) => readFileSync(path.join(out, 'client', src)).toString();
    expect(bytes(shared[0] ?? '')).toContain('#1d5b3c');
    expect(bytes(own)).toContain('#8a1c1c');
  });
});
