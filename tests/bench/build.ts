/**
 * `npm run bench:build [-- --products 5000]`: generates N synthetic products into a temporary
 * copy of the content folder, builds the site, and in the same run builds N bare Astro pages
 * as the baseline. Prints ms per page, output size and the ratio. A script, not a timed test.
 * `--profile`: the site build runs under `node --cpu-prof` (slower: compare its ratio with
 * nothing) and the self time is printed by package and project chunk (cpu-profile.ts).
 * The sharing images are drawn cold: their cache (build-output.mjs, kept across builds as for
 * every publication) is emptied first, unless `--warm` keeps what earlier builds drew.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeBareProject, writeSyntheticProducts } from './synthetic';
import { cpuByWindow, summariseProfiles } from './cpu-profile';
import { cpuMsOf, phasesOf, type StampedLine } from './build-phases';
import { ogCacheDir } from '../../src/lib/server/build-output.mjs';

const { values } = parseArgs({
  options: {
    products: { type: 'string', default: '5000' },
    keep: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    warm: { type: 'boolean', default: false },
  },
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

/** Runs a build; its output lines are stamped as they arrive (build-phases.ts). */
async function build(label: string, args: string[], env: Record<string, string>, cpuProfileDir?: string): Promise<{ ms: number; cpuMs: number; lines: StampedLine[]; startMono: number }> {
  process.stdout.write(`… ${label}\n`);
  const t0 = performance.now();
  const startMono = Number(process.hrtime.bigint() / 1000n);
  // Node refuses --cpu-prof in NODE_OPTIONS: run Astro's CLI under node itself.
  const commandArgs = [
    ...(cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : []),
    path.join(root, 'node_modules', 'astro', 'astro.js'),
    'build',
    ...args,
  ];
  const child = spawn(process.execPath, commandArgs, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: StampedLine[] = [];
  // Reading the CPU walks /proc: done for the lines that can open a phase, not for the per-page ones.
  let cpu = 0;
  const pageLine = /^\s*(?:\S+\s+)?(?:├─|└─|▶ \/_astro)|dist\/client\/_astro\//;
  const stamp = (stream: NodeJS.ReadableStream) =>
    createInterface({ input: stream }).on('line', (text) => {
      if (!pageLine.test(text)) cpu = cpuMsOf(child.pid);
      lines.push({ at: performance.now() - t0, mono: Number(process.hrtime.bigint() / 1000n), cpu, text });
    });
  stamp(child.stdout);
  stamp(child.stderr);
  // The CPU it used, read just before it is reaped (a reaped process has no /proc entry).
  let cpuMs = 0;
  const poll = setInterval(() => {
    cpuMs = Math.max(cpuMs, cpuMsOf(child.pid));
  }, 250);
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearInterval(poll);
  const ms = performance.now() - t0;
  if (status !== 0) {
    process.stderr.write(`${lines.map((l) => l.text).join('\n')}\n`);
    throw new Error(`${label}: build failed`);
  }
  return { ms, cpuMs, lines, startMono };
}

// 1. The site with N synthetic products (plus the demo content).
const content = path.join(work, 'content');
cpSync(path.join(root, 'content'), content, { recursive: true });
writeSyntheticProducts(content, n);
const siteOut = path.join(work, 'site');
// --force: Astro's content cache would reuse entries (and their image paths) from an earlier
// run's temporary content folder, since deleted.
const profileDir = path.join(work, 'profile');
if (!values.warm) rmSync(ogCacheDir(root), { recursive: true, force: true });
const siteRun = await build(`site with ${String(n)} synthetic products`, ['--force'], { CONTENT_DIR: content, BUILD_DIR: siteOut }, values.profile ? profileDir : undefined);
const siteMs = siteRun.ms;
const site = walk(path.join(siteOut, 'client'));

// 2. Baseline: N bare pages in a minimal Astro project, same machine, same run.
const bare = path.join(work, 'bare');
writeBareProject(bare, root, site.html);
const bareRun = await build(`${String(site.html)} bare pages`, ['--root', bare], {});
const bareMs = bareRun.ms;
const bareOut = walk(path.join(bare, 'dist'));

const perPage = siteMs / site.html;
const barePerPage = bareMs / bareOut.html;
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;
process.stdout.write(
  [
    '',
    `Synthetic products:        ${String(n)}`,
    `Sharing images:            ${values.warm ? 'warm (the cache of earlier builds kept)' : 'cold (their cache emptied first)'}`,
    `Site build:                ${(siteMs / 1000).toFixed(1)} s for ${String(site.html)} HTML pages → ${perPage.toFixed(2)} ms/page; output ${mb(site.bytes)} in ${String(site.files)} files`,
    `Bare Astro build:          ${(bareMs / 1000).toFixed(1)} s for ${String(bareOut.html)} HTML pages → ${barePerPage.toFixed(2)} ms/page; output ${mb(bareOut.bytes)}`,
    `Ratio (site / bare):       ${(perPage / barePerPage).toFixed(2)}× per page`,
    '',
    `CPU (all threads):         site ${(siteRun.cpuMs / 1000).toFixed(1)} s, bare ${(bareRun.cpuMs / 1000).toFixed(1)} s → ${(siteRun.cpuMs / site.html / (bareRun.cpuMs / bareOut.html)).toFixed(2)}× per page`,
    '',
    'Where the site build went (from its stamped output; CPU of all its threads, then wall):',
    ...phasesOf(siteRun.lines, siteMs, 0, siteRun.cpuMs).map((p) => `  ${(p.cpuMs / 1000).toFixed(1).padStart(6)} s CPU ${(p.ms / 1000).toFixed(1).padStart(6)} s wall  ${p.phase}`),
    'The bare build:',
    ...phasesOf(bareRun.lines, bareMs, 0, bareRun.cpuMs).map((p) => `  ${(p.cpuMs / 1000).toFixed(1).padStart(6)} s CPU ${(p.ms / 1000).toFixed(1).padStart(6)} s wall  ${p.phase}`),
    '',
  ].join('\n'),
);
if (values.profile) {
  const phases = phasesOf(siteRun.lines, siteMs, siteRun.startMono);
  const cpu = cpuByWindow(profileDir, phases);
  process.stdout.write('CPU time (not idle) of the site build by phase, from its profile:\n');
  phases.forEach((p, i) => {
    const c = cpu[i];
    const top = (c?.top ?? []).map((t) => `${t.bucket} ${(t.ms / 1000).toFixed(1)}`).join(', ');
    process.stdout.write(`  ${((c?.ms ?? 0) / 1000).toFixed(1).padStart(6)} s  ${p.phase}  (${top})\n`);
  });
  const rows = summariseProfiles(profileDir);
  const total = rows.reduce((sum, r) => sum + r.ms, 0);
  process.stdout.write(`CPU self time of the site build (all its processes): ${(total / 1000).toFixed(1)} s\n`);
  for (const r of rows.slice(0, 25)) process.stdout.write(`  ${(r.ms / 1000).toFixed(2).padStart(7)} s  ${((r.ms / total) * 100).toFixed(1).padStart(5)} %  ${r.bucket}\n`);
}
if (values.keep) {
  writeFileSync(path.join(work, 'site-build.json'), JSON.stringify({ startMono: siteRun.startMono, ms: siteMs, lines: siteRun.lines }));
  process.stdout.write(`Kept: ${work}\n`);
} else rmSync(work, { recursive: true, force: true });
