/**
 * `npm test`: builds the site into .test-build with the test clock, runs the unit and
 * integration tests (Vitest, real SQLite files), then the browser journeys (Playwright with
 * the system Chromium). Extra arguments go to both runners' filters, e.g. `npm test -- fairs`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CHROMIUM_PATH, TEST_BASE_URL, TEST_BUILD_DIR, TEST_NOW } from '../../tests/test-env';

const args = process.argv.slice(2);
const env = { ...process.env, CLOCK_NOW: TEST_NOW, BUILD_DIR: TEST_BUILD_DIR, SITE_URL: TEST_BASE_URL };

function run(label: string, command: string, commandArgs: string[]): void {
  process.stdout.write(`\n== ${label} ==\n`);
  const result = spawnSync(command, commandArgs, { stdio: 'inherit', env });
  if (result.status !== 0) {
    process.stderr.write(`\n${label}: thất bại (mã ${String(result.status ?? result.signal)})\n`);
    process.exit(result.status ?? 1);
  }
}

if (!existsSync(CHROMIUM_PATH)) {
  process.stderr.write(
    `Không tìm thấy Chromium tại ${CHROMIUM_PATH}. Cài bằng "apt-get install -y chromium" hoặc đặt CHROMIUM_PATH.\n`,
  );
  process.exit(1);
}

run('Build (test clock)', 'npx', ['astro', 'build', '--silent']);
run('Unit and integration tests', 'npx', ['vitest', 'run', ...args]);
run('Browser tests', 'npx', ['playwright', 'test', ...args]);
