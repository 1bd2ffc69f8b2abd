/**
 * `npm run bench:registration` — registrations against the BUILT server on a temporary
 * database, with autocannon at 50 connections, and in the same run a bare Astro on-demand
 * endpoint (/api/bench/bare, served only with BENCH_BARE=1, GET and a POST with the same JSON
 * body) as the yardsticks. Prints req/s, p50 and p99 for each, the ratios, and the final held
 * count against capacity, and the server's CPU per request in each run (every process and thread
 * of the server, from /proc: unlike req/s and p99 this hardly moves when other work loads the
 * machine, so a change's cost shows in it on a shared machine).
 *
 * Uses the build in BENCH_BUILD_DIR (or TEST_BUILD_DIR) when it exists; otherwise builds into
 * a temporary folder with the test clock. BENCH_SECONDS sets each run's length (default 10).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { TEST_NOW } from '../test-env';
import { registrationBody, startBuiltServer } from '../helpers/registration-server';
import { cpuMsOf } from './build-phases';

/** The part of autocannon's API used here (the package ships no types). */
interface Result {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}
interface Options {
  url: string;
  connections: number;
  duration: number;
  requests?: { method: string; setupRequest: (req: Record<string, unknown>) => Record<string, unknown> }[];
}
const autocannon = createRequire(import.meta.url)('autocannon') as (opts: Options, cb: (error: Error | null, result: Result) => void) => unknown;

const FAIR = 'hoi-cho-cnnt-lai-chau-2027';
const PORT = Number(process.env['BENCH_PORT'] ?? 4391);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 10);
const CONNECTIONS = 50;

function buildDir(): string {
  const given = process.env['BENCH_BUILD_DIR'] ?? process.env['TEST_BUILD_DIR'];
  if (given && existsSync(path.join(given, 'server', 'entry.mjs'))) return path.resolve(given);
  const dir = path.join(os.tmpdir(), 'khuyen-cong-bench-registration-build');
  if (!existsSync(path.join(dir, 'server', 'entry.mjs'))) {
    process.stdout.write(`Building into ${dir}…\n`);
    const r = spawnSync('npx', ['astro', 'build'], {
      stdio: 'inherit',
      env: { ...process.env, BUILD_DIR: dir, CLOCK_NOW: TEST_NOW, SITE_URL: `http://localhost:${String(PORT)}` },
    });
    if (r.status !== 0) throw new Error('build failed');
  }
  return dir;
}

async function run(opts: Options): Promise<Result> {
  return new Promise((resolve, reject) => {
    autocannon(opts, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

/** A run with the server's CPU time per answered request (µs, all its processes and threads). */
async function measured(pid: number | undefined, opts: Options): Promise<Result & { cpuUs: number }> {
  const before = cpuMsOf(pid);
  const result = await run(opts);
  const cpuMs = cpuMsOf(pid) - before;
  return { ...result, cpuUs: result.requests.total > 0 ? (cpuMs * 1000) / result.requests.total : 0 };
}

async function main(): Promise<void> {
  const dbDir = mkdtempSync(path.join(os.tmpdir(), 'khuyen-cong-bench-db-'));
  // The build folder is passed, not set in the environment: test-env.ts has already been read.
  const server = await startBuiltServer({ port: PORT, databasePath: path.join(dbDir, 'bench.sqlite'), env: { BENCH_BARE: '1' }, buildDir: buildDir() });
  try {
    const url = server.url;
    // Warm the route (JIT, content store) before measuring.
    await run({ url: `${url}/api/bench/bare`, connections: 10, duration: 2 });
    const pid = server.child.pid;
    const bare = await measured(pid, { url: `${url}/api/bench/bare`, connections: CONNECTIONS, duration: SECONDS });

    let n = 0;
    /** The same JSON body as a registration, with a new phone each time. */
    const posting = (target: string, duration: number, connections = CONNECTIONS): Options => ({
      url: `${url}${target}`,
      connections,
      duration,
      requests: [
        {
          method: 'POST',
          setupRequest: (req) => {
            n++;
            return {
              ...req,
              headers: { 'content-type': 'application/json', origin: url },
              body: JSON.stringify(registrationBody(`09${String(n).padStart(8, '0')}`, { establishmentName: `Cơ sở ${String(n)}` })),
            };
          },
        },
      ],
    });
    const registrations = (duration: number, connections = CONNECTIONS) => posting(`/api/fairs/${FAIR}/registrations`, duration, connections);
    // A second yardstick: a bare POST that reads the same JSON body. The server sends every
    // method but GET and HEAD straight to Astro (no static-file lookup), so a POST costs less
    // than the bare GET; this keeps that out of the registration's figure.
    await run(posting('/api/bench/bare', 2, 10));
    const barePost = await measured(pid, posting('/api/bench/bare', SECONDS));
    // Warm the registration route the same way (these are real registrations: they count below).
    await run(registrations(2, 10));
    const registration = await measured(pid, registrations(SECONDS));
    const availability = (await (await fetch(`${url}/api/fairs/${FAIR}/availability`)).json()) as {
      boothTypes: { total: number; held: number; waitlisted: number }[];
    };
    const type = availability.boothTypes[0] ?? { total: 0, held: 0, waitlisted: 0 };
    const row = (name: string, r: Result & { cpuUs: number }) =>
      `${name.padEnd(28)} ${r.requests.average.toFixed(0).padStart(8)} req/s   p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(4)} ms   CPU ${r.cpuUs.toFixed(0).padStart(4)} µs/req   non-2xx ${String(r.non2xx)}   errors ${String(r.errors)}`;
    process.stdout.write(
      [
        '',
        `autocannon, ${String(CONNECTIONS)} connections, ${String(SECONDS)} s each, ${os.cpus().length} CPU(s), Node ${process.version}`,
        row('bare Astro endpoint (GET)', bare),
        row('bare POST, same JSON body', barePost),
        row('POST registrations', registration),
        `ratio (registrations / bare GET): ${((registration.requests.average / bare.requests.average) * 100).toFixed(1)}%`,
        `ratio (registrations / bare POST): ${((registration.requests.average / barePost.requests.average) * 100).toFixed(1)}%`,
        `p99 (registrations / bare GET): ${(registration.latency.p99 / bare.latency.p99).toFixed(2)}×`,
        `CPU per request (registrations / bare GET): ${(registration.cpuUs / bare.cpuUs).toFixed(2)}×, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`,
        `held ${String(type.held)} of capacity ${String(type.total)} (waitlisted ${String(type.waitlisted)}) — ${type.held <= type.total ? 'not oversold' : 'OVERSOLD'}`,
        '',
      ].join('\n'),
    );
    if (type.held > type.total) process.exitCode = 1;
  } finally {
    await server.stop();
    rmSync(dbDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
