/**
 * Synthetic content for the benchmarks: N products spread over the provinces, groups and
 * producers of the demo content (bench:build, bench:publish), and a bare Astro project of N
 * pages, the yardstick builds are compared with in the same run.
 */
import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROVINCES } from '../../src/lib/provinces';
import { CNNT_GROUPS, OCOP_GROUPS } from '../../src/lib/vocabulary';

/** The i-th element, cycling. */
function pick<T>(list: readonly T[], i: number): T {
  const value = list[i % list.length];
  if (value === undefined) throw new Error('empty list');
  return value;
}

/** Writes `n` products into `<contentDir>/products/bench/` (one shared image). */
export function writeSyntheticProducts(contentDir: string, n: number): void {
  const products = path.join(contentDir, 'products', 'bench');
  mkdirSync(products, { recursive: true });
  writeFileSync(path.join(products, '_anh.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 30" width="400" height="300"><rect width="40" height="30" fill="#1d5b3c"/><circle cx="20" cy="15" r="8" fill="#f3e7c9"/></svg>');
  const producers = readdirSync(path.join(contentDir, 'producers')).filter((d) => !d.startsWith('_'));
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
}

/** A minimal Astro project at `dir` with `pages` bare pages, using the project's node_modules. */
export function writeBareProject(dir: string, root: string, pages: number): void {
  mkdirSync(path.join(dir, 'src', 'pages'), { recursive: true });
  symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  // Caches of its own: in the project's node_modules (the link) its dependency-optimiser metadata
  // replaced the site's, which then re-optimised React at the start of every site build.
  writeFileSync(path.join(dir, 'astro.config.mjs'), "export default { output: 'static', cacheDir: './.astro-cache', vite: { cacheDir: './.vite-cache' } };\n");
  writeFileSync(
    path.join(dir, 'src', 'pages', '[id].astro'),
    `---\nexport function getStaticPaths() { return Array.from({ length: ${String(pages)} }, (_, i) => ({ params: { id: String(i) } })); }\nconst { id } = Astro.params;\n---\n<html lang="vi"><head><title>Trang {id}</title></head><body><h1>Trang {id}</h1></body></html>\n`,
  );
}
