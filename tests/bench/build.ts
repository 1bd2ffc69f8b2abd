/**
 * `npm run bench:build [-- --products 5000]`: generates N synthetic products into a temporary
 * copy of the content folder, builds the site, and in the same run builds N bare Astro pages
 * as the baseline. Prints ms per page, output size and the ratio. A script, not a timed test.
 * `--profile`: the site build runs under `node --cpu-prof` (slower: compare its ratio with
 * nothing) and the self time is printed by package and project chunk (cpu-profile.ts).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeBareProject, writeSyntheticProducts } from './synthetic';
import { summariseProfiles } from './cpu-profile';

const { values } = parseArgs({
  options: { products: { type: 'string', default: '5000' }, keep: { type: 'boolean', default: false }, profile: { type: 'boolean', default: false } },
});
const n = Number(values.products);

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

function build(label: string, args: string[], env: Record<string, string>, cpuProfileDir?: string): number {
  process.stdout.write(`… ${label}\n`);
  const t0 = performance.now();
  // Node refuses --cpu-prof in NODE_OPTIONS: run Astro's CLI under node itself.
  const [command, commandArgs] = cpuProfileDir
    ? [process.execPath, ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`, path.join(root, 'node_modules', 'astro', 'astro.js'), 'build', ...args]]
    : ['npx', ['astro', 'build', ...args]];
  const r = spawnSync(command, commandArgs, { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' });
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
writeSyntheticProducts(content, n);
const siteOut = path.join(work, 'site');
// --force: Astro's content cache would reuse entries (and their image paths) from an earlier
// run's temporary content folder, since deleted.
const profileDir = path.join(work, 'profile');
const siteMs = build(`site with ${String(n)} synthetic products`, ['--force'], { CONTENT_DIR: content, BUILD_DIR: siteOut }, values.profile ? profileDir : undefined);
const site = walk(path.join(siteOut, 'client'));

// 2. Baseline: N bare pages in a minimal Astro project, same machine, same run.
const bare = path.join(work, 'bare');
writeBareProject(bare, root, site.html);
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
if (values.profile) {
  const rows = summariseProfiles(profileDir);
  const total = rows.reduce((sum, r) => sum + r.ms, 0);
  process.stdout.write(`CPU self time of the site build (all its processes): ${(total / 1000).toFixed(1)} s\n`);
  for (const r of rows.slice(0, 25)) process.stdout.write(`  ${(r.ms / 1000).toFixed(2).padStart(7)} s  ${((r.ms / total) * 100).toFixed(1).padStart(5)} %  ${r.bucket}\n`);
}
if (!values.keep) rmSync(work, { recursive: true, force: true });
