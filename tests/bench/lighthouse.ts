/**
 * `npm run bench:lighthouse` — Lighthouse 12.2.3 (mobile, its default throttling) with the
 * system Chromium against the BUILT server on a temporary database, one URL per page type.
 * Prints a table of the four categories and, per page, the audits that did not pass. A script,
 * not a test: run it on a quiet machine and quote it.
 *
 * Uses the build in BENCH_BUILD_DIR (or TEST_BUILD_DIR) when it exists; otherwise builds into a
 * temporary folder with the test clock. `-- --only fair,product` limits the page types;
 * `--runs 3` takes the median performance score of three runs per page; `--save DIR` writes each
 * run's report (JSON) there. The 404 page is audited as it is served (status 404: Lighthouse's
 * `ignoreStatusCode`). A page that asks not to be indexed (`<meta name="robots" content="noindex">`,
 * read from the page itself) is marked "(noindex)": SEO is targeted only where a page is indexed.
 * (The results page is audited unpublished, so not indexed: the bench's fresh database has no
 * judges' sheets, and results cannot be published without any.)
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM_PATH } from '../test-env';
import { benchBuildDir } from './bench-build';
import { startBuiltServer } from '../helpers/registration-server';

const PORT = Number(process.env['BENCH_PORT'] ?? 4392);
const { values } = parseArgs({ options: { only: { type: 'string' }, runs: { type: 'string', default: '1' }, save: { type: 'string' } } });

/** One URL per page type, as a visitor, an applicant or staff meets them. */
const PAGES: [string, string][] = [
  ['home', '/'],
  ['catalog', '/san-pham'],
  ['product', '/san-pham/nuoc-mam-ca-com-nam-o'],
  ['ocop', '/ocop'],
  ['producers', '/co-so'],
  ['producer', '/co-so/htx-sam-ngoc-linh-tra-linh'],
  ['provinces', '/tinh'],
  ['province', '/tinh/da-nang'],
  ['calendar', '/hoi-cho'],
  ['fair', '/hoi-cho/hoi-cho-cnnt-lai-chau-2027'],
  ['fair with a floor plan', '/hoi-cho/hoi-cho-cnnt-quang-ngai-2028'],
  ['booth directory', '/hoi-cho/hoi-cho-cnnt-ocop-da-nang-2027/gian-hang'],
  ['registration (no JavaScript)', '/hoi-cho/hoi-cho-cnnt-lai-chau-2027/dang-ky'],
  ['contests', '/binh-chon'],
  ['contest', '/binh-chon/binh-chon-cnnt-tieu-bieu-cap-tinh-lai-chau-2027'],
  ['results', '/binh-chon/binh-chon-cnnt-tieu-bieu-cap-tinh-da-nang-2025/ket-qua'],
  ['vote', '/binh-chon/binh-chon-cnnt-tieu-bieu-cap-tinh-lai-chau-2027/binh-chon-cong-chung'],
  ['entry form', '/binh-chon/binh-chon-cnnt-tieu-bieu-cap-tinh-tuyen-quang-2027/dang-ky'],
  ['programmes', '/chuong-trinh'],
  ['programme', '/chuong-trinh/chuong-trinh-khuyen-cong-quang-ngai-2026-2030'],
  ['search', '/tim-kiem?q=nuoc+mam'],
  ['search, no query', '/tim-kiem'],
  ['lookup', '/hoi-cho/tra-cuu'],
  ['login', '/dang-nhap'],
  ['content page', '/gioi-thieu'],
  ['404', '/khong-co-trang-nay'],
];

/** Whether the page asks not to be indexed (then SEO is reported, not targeted). */
async function isNoindex(url: string): Promise<boolean> {
  const html = await (await fetch(url)).text();
  return /<meta name="robots" content="[^"]*noindex/.test(html);
}


interface Row {
  type: string;
  scores: Record<'performance' | 'accessibility' | 'best-practices' | 'seo', number>;
  lcpMs: number;
  tbtMs: number;
  failing: string[];
  noindex: boolean;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function main(): Promise<void> {
  const only = values.only ? new Set(values.only.split(',').map((s) => s.trim())) : null;
  const runs = Math.max(1, Number(values.runs));
  const dbDir = mkdtempSync(path.join(os.tmpdir(), 'khuyen-cong-bench-lh-'));
  const server = await startBuiltServer({ port: PORT, databasePath: path.join(dbDir, 'lh.sqlite'), buildDir: benchBuildDir('lighthouse', PORT) });
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM_PATH,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage', '--no-first-run'],
  });
  const rows: Row[] = [];
  try {
    for (const [type, url] of PAGES) {
      if (only && !only.has(type)) continue;
      const results = [];
      for (let i = 0; i < runs; i++) {
        const r = await lighthouse(`${server.url}${url}`, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'], ignoreStatusCode: type === '404' });
        if (!r) throw new Error(`no Lighthouse result for ${url}`);
        if (r.lhr.runtimeError) throw new Error(`Lighthouse could not audit ${url}: ${r.lhr.runtimeError.message}`);
        if (values.save) {
          mkdirSync(values.save, { recursive: true });
          writeFileSync(path.join(values.save, `${type.replace(/\W+/g, '-')}-${String(i + 1)}.json`), JSON.stringify(r.lhr));
        }
        results.push(r.lhr);
      }
      const lhr = results.sort((a, b) => (a.categories['performance']?.score ?? 0) - (b.categories['performance']?.score ?? 0))[Math.floor(results.length / 2)];
      if (!lhr) continue;
      const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
      const failing = Object.values(lhr.audits)
        .filter((a) => a.score !== null && a.score < 1 && (a.scoreDisplayMode === 'binary' || a.scoreDisplayMode === 'numeric') && !['metric', 'informative', 'manual', 'notApplicable'].includes(a.scoreDisplayMode))
        .filter((a) => Object.values(lhr.categories).some((c) => c.auditRefs.some((ref) => ref.id === a.id && ref.weight > 0)))
        .map((a) => `${a.id}${a.displayValue ? ` (${a.displayValue})` : ''}`);
      rows.push({
        type,
        scores: { performance: score('performance'), accessibility: score('accessibility'), 'best-practices': score('best-practices'), seo: score('seo') },
        lcpMs: median(results.map((x) => x.audits['largest-contentful-paint']?.numericValue ?? 0)),
        tbtMs: median(results.map((x) => x.audits['total-blocking-time']?.numericValue ?? 0)),
        failing,
        noindex: await isNoindex(`${server.url}${url}`),
      });
      process.stdout.write(`… ${type}\n`);
    }
  } finally {
    chrome.kill();
    await server.stop();
  }
  process.stdout.write(`\nLighthouse 12.2.3, mobile (default throttling), ${String(runs)} run(s) a page, ${String(os.cpus().length)} CPU(s), load ${os.loadavg()[0]?.toFixed(1) ?? '?'}\n`);
  process.stdout.write(`| page | performance | accessibility | best practices | SEO | LCP | TBT |\n|---|---|---|---|---|---|---|\n`);
  for (const r of rows) {
    const seo = r.noindex ? `${String(r.scores.seo)} (noindex)` : String(r.scores.seo);
    process.stdout.write(`| ${r.type} | ${String(r.scores.performance)} | ${String(r.scores.accessibility)} | ${String(r.scores['best-practices'])} | ${seo} | ${(r.lcpMs / 1000).toFixed(1)} s | ${String(Math.round(r.tbtMs))} ms |\n`);
  }
  process.stdout.write('\nAudits that did not pass:\n');
  for (const r of rows) if (r.failing.length) process.stdout.write(`- ${r.type}: ${r.failing.join(', ')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
