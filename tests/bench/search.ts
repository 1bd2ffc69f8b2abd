/**
 * `npm run bench:search [-- --products 10000 --build dist]`: the embedded search engine over N
 * synthetic products (plus producers), a fixed list of 1,000 queries (seeded, the same every
 * run): index build time; p50/p95 in process; p50/p95 through HTTP against the built server
 * (GET /api/search) beside a bare on-demand endpoint (GET /api/bench/search-bare, enabled by
 * BENCH_BARE=1) measured in the same run. A script, not a timed test.
 *
 * The build must be current (`npx astro build`, or point --build at another build folder).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FORMER_PROVINCES, PROVINCES, getFormerProvince } from '../../src/lib/provinces';
import { parseSearchQuery, searchParamsOf, type SearchQuery } from '../../src/lib/search-query';
import { buildDocuments } from '../../src/lib/server/search/documents';
import { EmbeddedSearchEngine, searchIndexPath } from '../../src/lib/server/search/embedded';
import type { SearchSource } from '../../src/lib/server/search/types';
import { CNNT_GROUPS, ESTABLISHMENT_TYPES, OCOP_GROUPS, RECOGNITION_LEVELS } from '../../src/lib/vocabulary';

const { values } = parseArgs({
  options: {
    products: { type: 'string', default: '10000' },
    queries: { type: 'string', default: '1000' },
    build: { type: 'string', default: 'dist' },
    port: { type: 'string', default: '4391' },
    /** Print the slowest queries in process, and skip the HTTP part. */
    slowest: { type: 'boolean', default: false },
  },
});
const N = Number(values.products);
const Q = Number(values.queries);
const TODAY = '2026-12-01';

/** A small deterministic PRNG (mulberry32), so products and queries are the same every run. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = prng(20261123);
function pick<T>(list: readonly T[]): T {
  const v = list[Math.floor(rand() * list.length)];
  if (v === undefined) throw new Error('empty list');
  return v;
}

const KINDS = ['Nước mắm cá cơm', 'Chè Shan tuyết', 'Sâm Ngọc Linh', 'Bình gốm', 'Mật ong rừng', 'Cà phê Robusta', 'Chiếu cói', 'Đèn lồng lụa', 'Khăn lụa tơ tằm', 'Rượu ngô men lá', 'Miến dong', 'Tinh dầu quế', 'Dao rèn', 'Máy tách hạt ngô', 'Bánh tráng', 'Mắm ruốc', 'Hồ tiêu', 'Túi thổ cẩm', 'Giỏ mây tre đan', 'Tủ gỗ mỹ nghệ', 'Đậu phụ', 'Tinh dầu sả', 'Bánh đậu xanh', 'Lụa Mã Châu'];
const QUALITIES = ['truyền thống', 'đặc biệt', 'hữu cơ', 'cao cấp', 'thủ công', 'sấy khô', 'túi lọc', 'rang mộc', 'nguyên chất', 'xuất khẩu', 'làng nghề', 'đóng chai'];
const VILLAGES = ['Nam Ô', 'Sa Huỳnh', 'Thanh Hà', 'Tà Xùa', 'Sin Suối Hồ', 'Phúc Sen', 'La Xuyên', 'Kim Sơn', 'Mã Châu', 'Đồng Văn', 'Văn Yên', 'Đakrông', 'Buôn Ma Thuột', 'Ea Kar', 'Phú Vinh', 'Hội An'];

function synthetic(n: number): SearchSource {
  const producers = Array.from({ length: Math.ceil(n / 10) }, (_, i) => {
    const province = pick(PROVINCES);
    const former = pick(province.formedFrom);
    return {
      id: `co-so-thu-${String(i)}`,
      name: `${pick(['Hợp tác xã', 'Tổ hợp tác', 'Công ty TNHH', 'Hộ kinh doanh'])} ${pick(KINDS)} ${pick(VILLAGES)} ${String(i)}`,
      type: pick(ESTABLISHMENT_TYPES.ids),
      craftVillage: rand() < 0.5 ? `Làng nghề ${pick(VILLAGES)}` : null,
      commune: `xã ${pick(VILLAGES)}`,
      province: province.slug,
      formerProvince: former,
      district: null,
      address: `Thôn ${String(i % 20)}, xã ${pick(VILLAGES)}`,
      body: `Cơ sở sản xuất ${pick(KINDS).toLowerCase()} ${pick(QUALITIES)} tại ${pick(VILLAGES)}.`,
    };
  });
  const products = Array.from({ length: n }, (_, i) => {
    const producer = producers[i % producers.length];
    if (!producer) throw new Error('no producer');
    const ocop = rand() < 0.5;
    const year = 2021 + Math.floor(rand() * 5);
    const issued = `${String(year)}-0${String(1 + Math.floor(rand() * 9))}-15`;
    const validUntil = ocop ? `${String(year + 3)}-01-14` : `${String(year + 2)}-12-31`;
    const kind = pick(KINDS);
    const village = pick(VILLAGES);
    return {
      row: {
        id: `san-pham-thu-${String(i)}`,
        name: `${kind} ${pick(QUALITIES)} ${village} số ${String(i)}`,
        province: producer.province,
        formerProvince: producer.formerProvince,
        cnntGroup: pick(CNNT_GROUPS.ids),
        ocopGroup: ocop ? pick(OCOP_GROUPS.ids) : null,
        stars: ocop ? 3 + Math.floor(rand() * 3) : null,
        ocopValidUntil: ocop ? validUntil : null,
        levels: [pick(RECOGNITION_LEVELS.ids)],
        validUntil,
        latestIssued: issued,
        producerType: producer.type,
      },
      commune: producer.commune,
      district: null,
      summary: `${kind} ${pick(QUALITIES)} của ${producer.name}, làm theo cách ${pick(QUALITIES)} ở ${village}, ${getFormerProvince(producer.formerProvince)?.name ?? ''}.`,
      body: `Sản phẩm ${kind.toLowerCase()} được công nhận năm ${String(year)}. Nguyên liệu ${pick(QUALITIES)}, đóng gói ${pick(QUALITIES)}.`,
      producerName: producer.name,
      craftVillage: producer.craftVillage,
      years: [year],
    };
  });
  return { products, producers, villages: [], fairs: [] };
}

/** Typed by people: without diacritics, partial words, typos, place names old and new. */
function queries(n: number): SearchQuery[] {
  const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
  const typo = (s: string) => {
    const words = s.split(' ');
    const i = words.findIndex((w) => w.length >= 4);
    if (i < 0) return s;
    const w = words[i] ?? '';
    const j = 1 + Math.floor(rand() * (w.length - 2));
    words[i] = w.slice(0, j) + (w[j + 1] ?? '') + (w[j] ?? '') + w.slice(j + 2);
    return words.join(' ');
  };
  const out: SearchQuery[] = [];
  for (let i = 0; i < n; i++) {
    const r = rand();
    let q: string;
    if (r < 0.25) q = fold(pick(KINDS));
    else if (r < 0.4) q = pick(KINDS);
    else if (r < 0.5) q = fold(pick(KINDS)).slice(0, 3 + Math.floor(rand() * 5));
    else if (r < 0.6) q = typo(fold(pick(KINDS)));
    else if (r < 0.7) q = fold(pick(FORMER_PROVINCES).name);
    else if (r < 0.78) q = `${fold(pick(KINDS))} ${fold(pick(VILLAGES))}`;
    else if (r < 0.84) q = pick(VILLAGES);
    else if (r < 0.88) q = pick(['"', '*', 'NEAR(', 'AND', '-', '()', 'x'.repeat(300), '']);
    else q = pick(QUALITIES);
    const params = new URLSearchParams({ q });
    if (rand() < 0.2) params.set('tinh', pick(PROVINCES).slug);
    if (rand() < 0.1) params.set('hieuluc', '1');
    if (rand() < 0.1) params.set('kieu', 'san-pham');
    out.push(parseSearchQuery(params));
  }
  return out;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
function summary(label: string, times: number[]): string {
  const s = [...times].sort((a, b) => a - b);
  return `${label.padEnd(40)} p50 ${percentile(s, 50).toFixed(2).padStart(6)} ms   p95 ${percentile(s, 95).toFixed(2).padStart(6)} ms   max ${(s.at(-1) ?? NaN).toFixed(2).padStart(6)} ms`;
}

async function waitFor(url: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      const r = await fetch(url);
      await r.arrayBuffer();
      if (r.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > until) throw new Error(`máy chủ không trả lời ${url}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function timeRequests(urls: string[]): Promise<number[]> {
  const times: number[] = [];
  for (const url of urls) {
    const t0 = performance.now();
    const r = await fetch(url);
    await r.arrayBuffer();
    if (r.status >= 500) throw new Error(`${url} → ${String(r.status)}`);
    times.push(performance.now() - t0);
  }
  return times;
}

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'kc-bench-search-'));
  const databasePath = path.join(work, 'bench.sqlite');
  try {
    const docs = buildDocuments(synthetic(N));
    const list = queries(Q);

    // 1. Index build (the file the server will serve).
    // No result cache in process: every query is computed (the server keeps its cache).
    const engine = EmbeddedSearchEngine.open(searchIndexPath(databasePath), { cacheSize: 0 });
    const report = await engine.index(docs);

    // 2. In process: one warm-up pass, then the measured pass.
    for (const q of list.slice(0, 100)) await engine.search(q, TODAY);
    const inProcess: number[] = [];
    let totalHits = 0;
    for (const q of list) {
      const t0 = performance.now();
      const r = await engine.search(q, TODAY);
      inProcess.push(performance.now() - t0);
      totalHits += r.total;
    }
    await engine.close();
    if (values.slowest) {
      const slow = list.map((q, i) => ({ q: searchParamsOf(q), ms: inProcess[i] ?? 0 })).sort((a, b) => b.ms - a.ms).slice(0, 25);
      for (const s of slow) process.stdout.write(`${s.ms.toFixed(2).padStart(7)} ms  ${decodeURIComponent(s.q).slice(0, 80)}\n`);
      process.stdout.write(`${summary('In process, uncached', inProcess)}\n`);
      return;
    }

    // 3. Through HTTP against the built server, beside the bare endpoint: once as served (with
    // the server's result cache), once with the cache off (SEARCH_CACHE_SIZE=0).
    const entry = path.resolve(values.build, 'server', 'entry.mjs');
    if (!existsSync(entry)) throw new Error(`không thấy ${entry}: chạy "npx astro build" trước (hoặc --build <thư mục build>)`);
    const base = `http://localhost:${values.port}`;
    const lines: string[] = [];
    // The last pass sends /api/search through Astro (SEARCH_FAST_PATH=0): what the fast path saves.
    const passes = [
      { cache: '500', fast: '1', label: 'server cache' },
      { cache: '0', fast: '1', label: 'no cache' },
      { cache: '0', fast: '0', label: 'no cache, through Astro' },
    ];
    for (const { cache, fast, label } of passes) {
      const server = spawn(process.execPath, [entry], {
        stdio: ['ignore', 'ignore', 'inherit'],
        env: {
          ...process.env,
          PORT: values.port,
          HOST: 'localhost',
          DATABASE_PATH: databasePath,
          DATABASE_SYNCHRONOUS: 'NORMAL',
          SEARCH_INDEX_FROZEN: '1',
          SEARCH_CACHE_SIZE: cache,
          SEARCH_FAST_PATH: fast,
          BENCH_BARE: '1',
          LOG_REQUESTS: 'false',
          DEMO: 'false',
          SITE_URL: base,
        },
      });
      try {
        await waitFor(`${base}/api/bench/search-bare`, 30_000);
        const probe = (await (await fetch(`${base}/api/search`)).json()) as { total: number; engine: string };
        if (probe.total !== docs.length) throw new Error(`máy chủ có ${String(probe.total)} mục, cần ${String(docs.length)}`);
        const searchUrls = list.map((q) => `${base}/api/search?${searchParamsOf(q)}`);
        const bareUrls = list.map(() => `${base}/api/bench/search-bare`);
        await timeRequests([...bareUrls.slice(0, 100)]); // warm-up (not the measured queries)
        // Interleave the two in blocks so both see the same machine load.
        const http: number[] = [];
        const bare: number[] = [];
        for (let i = 0; i < list.length; i += 100) {
          http.push(...(await timeRequests(searchUrls.slice(i, i + 100))));
          bare.push(...(await timeRequests(bareUrls.slice(i, i + 100))));
        }
        const p95 = (t: number[]) => percentile([...t].sort((a, b) => a - b), 95);
        lines.push(
          summary(`HTTP GET /api/search (${label})`, http),
          summary(`HTTP bare endpoint (same pass)`, bare),
          `  ratio of p95s ${(p95(http) / p95(bare)).toFixed(2)}×`,
        );
      } finally {
        server.kill('SIGTERM');
        await new Promise((r) => server.once('exit', r));
      }
    }
    process.stdout.write(
      [
        '',
        `Documents:                         ${String(docs.length)} (${String(N)} synthetic products + producers)`,
        `Queries:                           ${String(list.length)} fixed (seeded), ${String(new Set(list.map((q) => searchParamsOf(q))).size)} distinct, ${String(Math.round(totalHits / list.length))} matches on average`,
        `Index build:                       ${(report.ms / 1000).toFixed(2)} s`,
        summary('In process, uncached', inProcess),
        ...lines,
        `Node ${process.version}, ${String(os.cpus().length)} CPU, ${os.cpus()[0]?.model ?? ''}, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`,
        '',
      ].join('\n'),
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
