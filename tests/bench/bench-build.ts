/**
 * The build a benchmark runs against: BENCH_BUILD_DIR (or TEST_BUILD_DIR) when it holds one,
 * otherwise a build with the test clock in a temporary folder named after the benchmark (kept,
 * so the next run reuses it).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TEST_NOW } from '../test-env';

export function benchBuildDir(name: string, port: number): string {
  const given = process.env['BENCH_BUILD_DIR'] ?? process.env['TEST_BUILD_DIR'];
  if (given && existsSync(path.join(given, 'server', 'entry.mjs'))) return path.resolve(given);
  const dir = path.join(os.tmpdir(), `khuyen-cong-bench-${name}-build`);
  if (!existsSync(path.join(dir, 'server', 'entry.mjs'))) {
    process.stdout.write(`Building into ${dir}…\n`);
    const r = spawnSync('npx', ['astro', 'build'], { stdio: 'inherit', env: { ...process.env, BUILD_DIR: dir, CLOCK_NOW: TEST_NOW, SITE_URL: `http://localhost:${String(port)}` } });
    if (r.status !== 0) throw new Error('build failed');
  }
  return dir;
}
