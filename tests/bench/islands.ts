/**
 * `npm run bench:islands` — the JavaScript a page makes the browser load, in gzipped bytes
 * (zlib level 9, what a precompressed asset or nginx's gzip_static would send), in three moments:
 * at load (nothing scrolled), after scrolling every island into view, and after submitting the
 * registration form empty (client-side validation). Measured with the system Chromium on the BUILT
 * server (every script response counted once), then per island from the build's files: the
 * island's own modules (its static import closure, without what the React renderer's closure
 * already holds) and what it imports only when needed (dynamic imports), and each plain script
 * the page loads (with its static imports).
 *
 * `-- --page /hoi-cho/…` measures another page (default: a fair page with a registration form).
 * Uses the build in BENCH_BUILD_DIR (or TEST_BUILD_DIR) when it exists, like the other benchmarks.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_PATH } from '../test-env';
import { benchBuildDir } from './bench-build';
import { bundles } from '../helpers/bundles';
import { startBuiltServer } from '../helpers/registration-server';

const PORT = Number(process.env['BENCH_PORT'] ?? 4393);
const { values } = parseArgs({ options: { page: { type: 'string', default: '/hoi-cho/hoi-cho-cnnt-lai-chau-2027' } } });

const gz = (bytes: Buffer) => gzipSync(bytes, { level: 9 }).length;
const kb = (n: number) => `${(n / 1000).toFixed(1)} KB`;

const bytesOf = (b: ReturnType<typeof bundles>, files: Iterable<string>) => [...files].reduce((sum, f) => sum + gz(Buffer.from(b.source(f))), 0);

/** Every script response the page gets from now on, gzipped, by URL (counted once). */
function recordScripts(page: Page): Map<string, number> {
  const seen = new Map<string, number>();
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    void response.body().then((body) => seen.set(new URL(response.url()).pathname, gz(body)), () => undefined);
  });
  return seen;
}

const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
}

async function main(): Promise<void> {
  const buildDir = benchBuildDir('islands', PORT);
  const built = bundles(path.join(buildDir, 'client'));
  const dbDir = mkdtempSync(path.join(os.tmpdir(), 'khuyen-cong-bench-islands-'));
  const server = await startBuiltServer({ port: PORT, databasePath: path.join(dbDir, 'islands.sqlite'), buildDir });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox', '--disable-gpu', `--explicitly-allowed-ports=${String(PORT)}`] });
  try {
    // Lighthouse's mobile viewport: what "at load" means on a phone.
    const context = await browser.newContext({ viewport: { width: 412, height: 823 }, locale: 'vi-VN' });
    const page = await context.newPage();
    const scripts = recordScripts(page);
    await page.goto(`${server.url}${values.page}`);
    await settle(page);
    const atLoad = new Map(scripts);
    const pageScripts = await page.locator('script[src]').evaluateAll((els) => els.map((el) => el.getAttribute('src') ?? ''));
    const islands = await page.locator('astro-island').evaluateAll((els) =>
      els.map((el) => ({ component: el.getAttribute('component-url') ?? '', renderer: el.getAttribute('renderer-url') ?? '', client: el.getAttribute('client') ?? '', name: (JSON.parse(el.getAttribute('opts') ?? '{}') as { name?: string }).name ?? '?' })),
    );
    for (const island of await page.locator('astro-island').all()) {
      // An astro-island is `display: contents`: scroll to what it shows, then wait for hydration.
      await island.locator(':scope > *').first().scrollIntoViewIfNeeded();
      await page.waitForFunction((el) => !el.hasAttribute('ssr'), await island.elementHandle());
      await settle(page);
    }
    const afterScroll = new Map(scripts);
    const submit = page.locator('form.registration-form button[type="submit"]');
    if (await submit.count()) {
      await submit.click();
      await settle(page);
    }
    const afterSubmit = new Map(scripts);

    process.stdout.write(`\nJavaScript of ${values.page} (gzip -9, Chromium, 412 × 823 viewport)\n`);
    process.stdout.write(`| moment | scripts | gzipped |\n|---|---|---|\n`);
    process.stdout.write(`| at load | ${String(atLoad.size)} | ${kb(total(atLoad))} |\n`);
    process.stdout.write(`| after scrolling every island into view | ${String(afterScroll.size)} | ${kb(total(afterScroll))} |\n`);
    process.stdout.write(`| after submitting the form empty (validation) | ${String(afterSubmit.size)} | ${kb(total(afterSubmit))} |\n`);

    const renderers = new Set<string>();
    for (const i of islands) if (i.renderer) for (const f of built.closure(i.renderer)) renderers.add(f);
    process.stdout.write(`\n| island | client: | own modules (static) | on demand (dynamic imports) |\n|---|---|---|---|\n`);
    process.stdout.write(`| React renderer (shared by every island) | — | ${kb(bytesOf(built, renderers))} | — |\n`);
    // The page's plain scripts (no framework): loaded at once, they start their parts when seen.
    for (const src of pageScripts.filter((u) => u.startsWith('/_astro/'))) {
      process.stdout.write(`| script ${path.posix.basename(src)} (plain, no React) | — | ${kb(bytesOf(built, built.closure(src)))} | — |\n`);
    }
    for (const i of islands) {
      const own = new Set([...built.closure(i.component)].filter((f) => !renderers.has(f)));
      const lazy = built.onDemand(own);
      process.stdout.write(`| ${i.name} | ${i.client} | ${kb(bytesOf(built, own))} | ${lazy.size ? kb(bytesOf(built, lazy)) : '—'} |\n`);
    }
    process.stdout.write(`\nScripts loaded (gzipped): ${[...afterSubmit].map(([url, n]) => `${path.posix.basename(url)} ${kb(n)}`).join(', ')}\n`);
    await context.close();
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
