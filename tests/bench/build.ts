/**
 * `npm run bench:build [-- --products 5000]`: generates N synthetic products into a temporary
 * copy of the content folder, builds the site, and in the same run builds N bare Astro pages
 * as the baseline. Prints ms per page, output size and the ratio. A script, not a timed test.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PROVINCES } from '../../src/lib/provinces';
import { CNNT_GROUPS, OCOP_GROUPS } from '../../src/lib/vocabulary';

const { values } = parseArgs({ options: { products: { type: 'string', default: '5000' }, keep: { type: 'boolean', default: false } } });
const n = Number(values.products);

/** The i-th element, cycling. */
function pick<T>(list: readonly T[], i: number): T {
  const value = list[i % list.length];
  if (value === undefined) throw new Error('empty list');
  return value;
}
const root = process.cwd();
const work = mkdtempSync(path.join(os.tmpdir(), 'kc-bench-build-'));

function walk(dir: string): { files: number; bytes: number; html: number } {
  let files = 0, bytes = 0, html = 0;
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    const s = statSync(p);
    if (s.isDirectory()) {
      const r = walk(p);
      files += r.files; bytes += r.bytes; html += r.html;
    } else {
      files++; bytes += s.size;
      if (name.endsWith('.html')) html++;
    }
  }
  return { files, bytes, html };
}

function build(label: string, args: string[], env: Record<string, string>): number {
  process.stdout.write(`… ${label}\n`);
  const t0 = performance.now();
  const r = spawnSync('npx', ['astro', 'build', ...args], { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) {
    process.stderr.write(`${r.stdout}\n${r.stderr}\n`);
    throw new Error(`${label}: build failed`);
  }
  return ms;
}

// 1. The site with N synthetic products (plus the demo content).
const content = path.join(work, 'content');
cpSync(path.join(root, 'content'), content, { recursive: true });
const products = path.join(content, 'products', 'bench');
mkdirSync(products, { recursive: true });
writeFileSync(path.join(products, '_anh.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 30" width="400" height="300"><rect width="40" height="30" fill="#1d5b3c"/><circle cx="20" cy="15" r="8" fill="#f3e7c9"/></svg>');
const producers = readdirSync(path.join(content, 'producers')).filter((d) => !d.startsWith('_'));
for (let i = 0; i < n; i++) {
  const province = pick(PROVINCES, i);
  const ocop = i % 3 === 0;
  writeFileSync(
    path.join(products, `san-pham-thu-${String(i).padStart(5, '0')}.md`),
    [
      '---',
      `name: Sản phẩm thử nghiệm số ${String(i)}`,
      `producer: ${pick(producers, i).replace(/\.md$/, '')}`,
      'commune: xã Thử Nghiệm',
      `province: ${province.slug}`,
      `cnntGroup: ${pick(CNNT_GROUPS.ids, i)}`,
      ...(ocop ? [`ocopGroup: ${pick(OCOP_GROUPS.ids, i)}`] : []),
      'photos:',
      '  - src: ./_anh.svg',
      '    alt: Ảnh minh họa sản phẩm thử nghiệm',
      'summary: Sản phẩm sinh tự động để đo thời gian build.',
      'recognitions:',
      ocop
        ? `  - { programme: ocop, level: tinh, stars: ${String(3 + (i % 3))}, year: 2024, number: ${String(i)}/QĐ-UBND, issued: 2024-03-01 }`
        : `  - { programme: cnnt, level: tinh, year: 2025, number: ${String(i)}/QĐ-UBND, issued: 2025-10-01 }`,
      '---',
      `Mô tả sản phẩm thử nghiệm số ${String(i)}. Được làm thủ công tại làng nghề.`,
      '',
    ].join('\n'),
  );
}
const siteOut = path.join(work, 'site');
const siteMs = build(`site with ${String(n)} synthetic products`, [], { CONTENT_DIR: content, BUILD_DIR: siteOut });
const site = walk(path.join(siteOut, 'client'));

// 2. Baseline: N bare pages in a minimal Astro project, same machine, same run.
const bare = path.join(work, 'bare');
mkdirSync(path.join(bare, 'src', 'pages'), { recursive: true });
symlinkSync(path.join(root, 'node_modules'), path.join(bare, 'node_modules'), 'dir');
writeFileSync(path.join(bare, 'astro.config.mjs'), "export default { output: 'static' };\n");
writeFileSync(
  path.join(bare, 'src', 'pages', '[id].astro'),
  `---\nexport function getStaticPaths() { return Array.from({ length: ${String(site.html)} }, (_, i) => ({ params: { id: String(i) } })); }\nconst { id } = Astro.params;\n---\n<html lang="vi"><head><title>Trang {id}</title></head><body><h1>Trang {id}</h1></body></html>\n`,
);
const bareMs = build(`${String(site.html)} bare pages`, ['--root', bare], {});
const bareOut = walk(path.join(bare, 'dist'));

const perPage = siteMs / site.html;
const barePerPage = bareMs / bareOut.html;
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;
process.stdout.write(
  [
    '',
    `Synthetic products:        ${String(n)}`,
    `Site build:                ${(siteMs / 1000).toFixed(1)} s for ${String(site.html)} HTML pages → ${perPage.toFixed(2)} ms/page; output ${mb(site.bytes)} in ${String(site.files)} files`,
    `Bare Astro build:          ${(bareMs / 1000).toFixed(1)} s for ${String(bareOut.html)} HTML pages → ${barePerPage.toFixed(2)} ms/page; output ${mb(bareOut.bytes)}`,
    `Ratio (site / bare):       ${(perPage / barePerPage).toFixed(2)}× per page`,
    '',
  ].join('\n'),
);
if (!values.keep) rmSync(work, { recursive: true, force: true });
