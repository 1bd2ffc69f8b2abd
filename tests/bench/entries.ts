/**
 * `npm run bench:entries` — contest entries against the BUILT server on a temporary database
 * and DATA_DIR: rounds of 20 concurrent submissions, each 3 photos of about 4 MB (generated
 * JPEGs) and a 2 MB PDF, and in the same run the same bodies to a bare multipart endpoint that
 * only discards the bytes (/api/bench/upload-bare, served only with BENCH_BARE=1). Prints
 * throughput, p50/p95, and the server's peak RSS against its idle RSS (sampled from /proc),
 * beside the bytes in flight, and the ratios to the bare endpoint.
 *
 * Uses the build in BENCH_BUILD_DIR (or TEST_BUILD_DIR) when it exists. BENCH_ROUNDS sets the
 * rounds (default 3), BENCH_CONCURRENCY the submissions per round (default 20).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startBuiltServer, tempDatabasePath } from '../helpers/registration-server';
import { entryFields, entryForm, pdf, photo, type EntryFile } from '../helpers/entry-files';

const C = 'binh-chon-cnnt-tieu-bieu-cap-tinh-tuyen-quang-2027';
const PORT = Number(process.env['BENCH_PORT'] ?? 4395);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 20);
const MB = 1024 * 1024;

/** The resident memory of the server process and its children (a cluster's workers), from /proc. */
function rssOf(pid: number): number {
  const kb = (p: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${String(p)}/status`, 'utf8'))?.[1] ?? '0');
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${String(pid)}/task/${String(pid)}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    // no children file
  }
  return [pid, ...children].reduce((s, p) => s + kb(p), 0) * 1024;
}

/** A JPEG of about `target` bytes: noise at a size that compresses to it. */
async function photoOfSize(target: number, seed: number): Promise<Buffer> {
  let side = 2200;
  for (let i = 0; i < 6; i++) {
    const b = await photo({ width: side, height: Math.round(side * 0.75), quality: 92, seed });
    if (Math.abs(b.length - target) < target * 0.08) return b;
    side = Math.round(side * Math.sqrt(target / b.length));
  }
  return await photo({ width: side, height: Math.round(side * 0.75), quality: 92, seed });
}

function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}

interface Phase {
  name: string;
  seconds: number;
  latencies: number[];
  failures: number;
  peakRss: number;
}

async function phase(name: string, pid: number, send: (i: number) => Promise<Response>): Promise<Phase> {
  const latencies: number[] = [];
  let failures = 0;
  let peakRss = rssOf(pid);
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, rssOf(pid));
  }, 20);
  const started = performance.now();
  for (let r = 0; r < ROUNDS; r++) {
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, i) => {
        const t = performance.now();
        const res = await send(r * CONCURRENCY + i);
        await res.arrayBuffer();
        if (res.status !== 201) failures++;
        latencies.push(performance.now() - t);
      }),
    );
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, rssOf(pid));
  return { name, seconds, latencies, failures, peakRss };
}

async function main(): Promise<void> {
  const buildDir = path.resolve(process.env['BENCH_BUILD_DIR'] ?? process.env['TEST_BUILD_DIR'] ?? '.test-build');
  if (!existsSync(path.join(buildDir, 'server', 'entry.mjs'))) throw new Error(`No build at ${buildDir}: run npm test once, or build with BUILD_DIR=${buildDir}`);
  process.stdout.write('Generating files…\n');
  const photos = await Promise.all([1, 2, 3].map((s) => photoOfSize(4 * MB, s)));
  const doc = pdf(2 * MB);
  const files: EntryFile[] = [
    { field: 'photos', name: 'a.jpg', type: 'image/jpeg', data: photos[0] ?? Buffer.alloc(0), angle: 'front' },
    { field: 'photos', name: 'b.jpg', type: 'image/jpeg', data: photos[1] ?? Buffer.alloc(0), angle: 'side' },
    { field: 'photos', name: 'c.jpg', type: 'image/jpeg', data: photos[2] ?? Buffer.alloc(0), angle: 'back' },
    { field: 'businessRegistration', name: 'd.pdf', type: 'application/pdf', data: doc },
  ];
  const bodyBytes = files.reduce((s, f) => s + f.data.length, 0);
  const db = tempDatabasePath('bench-entries');
  const server = await startBuiltServer({ port: PORT, databasePath: db.file, buildDir, env: { BENCH_BARE: '1', MESSAGE_HOURLY_LIMIT: '0' } });
  const pid = server.child.pid ?? 0;
  try {
    await new Promise((r) => setTimeout(r, 1000));
    const idle = rssOf(pid);
    const phone = (i: number) => `09${String(20_000_000 + i).padStart(8, '0')}`;
    const headers = { Origin: server.url };
    // Warm up both routes (first requests load modules and sharp).
    await (await fetch(`${server.url}/api/bench/upload-bare`, { method: 'POST', headers, body: entryForm(entryFields(phone(99_999)), files) })).arrayBuffer();
    await (await fetch(`${server.url}/api/contests/${C}/entries`, { method: 'POST', headers, body: entryForm(entryFields(phone(99_998)), files, { submit: 'true' }) })).arrayBuffer();
    const idleAfterWarm = rssOf(pid);
    const bare = await phase('bare multipart (discard)', pid, (i) => fetch(`${server.url}/api/bench/upload-bare`, { method: 'POST', headers, body: entryForm(entryFields(phone(i)), files) }));
    const entries = await phase('entries (store + sharp)', pid, (i) => fetch(`${server.url}/api/contests/${C}/entries`, { method: 'POST', headers, body: entryForm(entryFields(phone(10_000 + i)), files, { submit: 'true' }) }));
    const n = ROUNDS * CONCURRENCY;
    const line = (p: Phase) =>
      `${p.name.padEnd(26)} ${(n / p.seconds).toFixed(2).padStart(7)} subm/s  p50 ${percentile(p.latencies, 50).toFixed(0).padStart(6)} ms  p95 ${percentile(p.latencies, 95).toFixed(0).padStart(6)} ms  peak RSS ${(p.peakRss / MB).toFixed(0)} MB (+${((p.peakRss - idleAfterWarm) / MB).toFixed(0)} MB over idle)  failures ${String(p.failures)}`;
    process.stdout.write(`\n${String(ROUNDS)} rounds × ${String(CONCURRENCY)} concurrent submissions, ${(bodyBytes / MB).toFixed(1)} MB of files each (${(photos.map((p) => p.length / MB).map((x) => x.toFixed(1)).join(' + '))} MB photos + ${(doc.length / MB).toFixed(1)} MB PDF); ${((bodyBytes * CONCURRENCY) / MB).toFixed(0)} MB in flight per round\n`);
    process.stdout.write(`idle RSS ${(idle / MB).toFixed(0)} MB, after warm-up ${(idleAfterWarm / MB).toFixed(0)} MB\n`);
    process.stdout.write(`${line(bare)}\n${line(entries)}\n`);
    process.stdout.write(
      `ratio entries / bare: throughput ${((n / entries.seconds) / (n / bare.seconds)).toFixed(3)}, p95 ${(percentile(entries.latencies, 95) / percentile(bare.latencies, 95)).toFixed(2)}×; RSS increase ${((entries.peakRss - idleAfterWarm) / MB).toFixed(0)} MB = ${(((entries.peakRss - idleAfterWarm) / (bodyBytes * CONCURRENCY)) * 100).toFixed(0)} % of the bytes in flight\n`,
    );
  } finally {
    await server.stop();
    db.cleanup();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
