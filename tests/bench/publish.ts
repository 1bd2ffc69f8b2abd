/**
 * `npm run bench:publish [-- --products 5000 --connections 20 --rate 200]`: the time from a publish
 * request to the new content being served, with N synthetic products, while a load generator
 * (autocannon) reads pages; the requests that failed or got a 5xx during the switch (must be
 * 0); and the publication's build time against a bare Astro build of the same page count,
 * in the same run. `--rate 0` reads as fast as the connections go (the build, niced, then gets
 * what CPU the requests leave). A script, not a timed test.
 *
 * The site is a throwaway copy (tests/helpers/throwaway-site.ts: content in its own git
 * repository, the built server — TEST_BUILD_DIR, built when missing — started the documented
 * way), so the worktree is never touched.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { TEST_BUILD_DIR, TEST_NOW, TEST_PORT } from '../test-env';
import { EDITOR, signIn, startThrowawaySite } from '../helpers/throwaway-site';
import { startLoad } from '../helpers/load';
import { writeBareProject, writeSyntheticProducts } from './synthetic';

const { values } = parseArgs({ options: { products: { type: 'string', default: '5000' }, connections: { type: 'string', default: '20' }, rate: { type: 'string', default: '200' } } });
const n = Number(values.products);
const connections = Number(values.connections);
const rate = Number(values.rate);
const root = process.cwd();
const port = Number(process.env['BENCH_PORT'] ?? TEST_PORT + 340);

function countHtml(dir: string): number {
  let html = 0;
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) html += countHtml(p);
    else if (name.endsWith('.html')) html++;
  }
  return html;
}

async function main(): Promise<void> {
  if (!existsSync(path.join(TEST_BUILD_DIR, 'server', 'entry.mjs'))) {
    process.stdout.write(`… building the server into ${TEST_BUILD_DIR}\n`);
    const r = spawnSync('npx', ['astro', 'build'], { stdio: 'inherit', env: { ...process.env, BUILD_DIR: TEST_BUILD_DIR, CLOCK_NOW: TEST_NOW } });
    if (r.status !== 0) throw new Error('build failed');
  }
  process.stdout.write(`… throwaway site with ${String(n)} synthetic products\n`);
  const site = await startThrowawaySite({ port, env: { LOG_REQUESTS: 'false' } });
  try {
    // The new content: N products, committed as a developer would (the site still serves the demo).
    writeSyntheticProducts(site.contentDir, n);
    const marker = path.join(site.contentDir, 'products', 'bench', 'san-pham-moi-xuat-ban.md');
    writeFileSync(marker, readFileSync(path.join(site.contentDir, 'products', 'bench', 'san-pham-thu-00001.md'), 'utf8').replace(/^name: .*$/m, 'name: Sản phẩm mới xuất bản'));
    execFileSync('git', ['-c', 'user.name=Bench', '-c', 'user.email=bench@example.vn', 'add', '-A'], { cwd: site.repoDir ?? site.contentDir });
    execFileSync('git', ['-c', 'user.name=Bench', '-c', 'user.email=bench@example.vn', 'commit', '--quiet', '-m', `${String(n)} sản phẩm thử`], { cwd: site.repoDir ?? site.contentDir });
    const cookie = await signIn(site.url, EDITOR);

    const paths = ['/', '/hoi-cho', '/hoi-cho/hoi-cho-cnnt-lai-chau-2027', '/san-pham/sam-ngoc-linh-tuoi', '/co-so/htx-sam-ngoc-linh-tra-linh', '/api/fairs/hoi-cho-cnnt-lai-chau-2027/availability'];
    process.stdout.write(`… load: ${String(connections)} connections on ${String(paths.length)} pages, ${rate ? `${String(rate)} requests/s` : 'as fast as they go'}; publishing\n`);
    const load = startLoad(site.url, paths, connections, rate || undefined);
    await new Promise((r) => setTimeout(r, 3000));
    const t0 = performance.now();
    const res = await fetch(`${site.url}/api/console/publish`, { method: 'POST', headers: { Cookie: cookie, Origin: site.url } });
    const { id } = (await res.json()) as { id: string };
    let liveMs = 0;
    let state = 'queued';
    while (state !== 'live') {
      await new Promise((r) => setTimeout(r, 250));
      const p = (await (await fetch(`${site.url}/api/console/publish/${id}`, { headers: { Cookie: cookie } })).json()) as { state: string; message: string };
      state = p.state;
      if (state === 'failed') throw new Error(`publication failed: ${p.message}`);
      if (state === 'live') liveMs = performance.now() - t0;
    }
    while ((await fetch(`${site.url}/san-pham/san-pham-moi-xuat-ban`)).status !== 200) await new Promise((r) => setTimeout(r, 100));
    const servedMs = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 3000));
    const report = await load.stop();

    const current = JSON.parse(readFileSync(path.join(site.buildsDir, 'current.json'), 'utf8')) as { id: string };
    const info = JSON.parse(readFileSync(path.join(site.buildsDir, current.id, 'build.json'), 'utf8')) as { durationMs: number };
    const pages = countHtml(path.join(site.buildsDir, current.id, 'client'));
    await site.stop();

    process.stdout.write(`… ${String(pages)} bare Astro pages (same count, same run)\n`);
    const work = mkdtempSync(path.join(os.tmpdir(), 'kc-bench-publish-bare-'));
    const bare = path.join(work, 'bare');
    mkdirSync(bare);
    writeBareProject(bare, root, pages);
    const b0 = performance.now();
    const r = spawnSync('npx', ['astro', 'build', '--root', bare], { encoding: 'utf8' });
    const bareMs = performance.now() - b0;
    rmSync(work, { recursive: true, force: true });
    if (r.status !== 0) throw new Error(`bare build failed: ${r.stderr}`);

    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    process.stdout.write(
      [
        '',
        `bench:publish — ${String(n)} synthetic products + demo content, ${String(os.cpus().length)} CPU(s), Node ${process.version}`,
        `publish request → live (API):          ${s(liveMs)}`,
        `publish request → new content served:  ${s(servedMs)}`,
        `  of which the build (niced, under load): ${s(info.durationMs)} for ${String(pages)} HTML pages`,
        `bare Astro build, ${String(pages)} pages (idle): ${s(bareMs)}`,
        `build time ratio (publication / bare): ${(info.durationMs / bareMs).toFixed(1)}×`,
        `load during the publication: ${String(report.requests)} requests (${rate ? `${String(rate)}/s` : 'unlimited rate'}), ${String(connections)} connections, p99 ${String(report.p99)} ms, max ${String(report.max)} ms`,
        `failed requests: ${String(report.errors)} (timeouts ${String(report.timeouts)}), non-2xx: ${String(report.non2xx)}, status codes: ${JSON.stringify(report.statusCodes)}`,
        report.errors + report.non2xx === 0 ? 'no request dropped' : `DROPPED REQUESTS: ${report.errorSamples.join('; ')}`,
        '',
      ].join('\n'),
    );
    if (report.errors + report.non2xx > 0) process.exitCode = 1;
  } finally {
    await site.cleanup();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
