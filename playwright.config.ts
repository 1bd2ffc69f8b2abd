import os from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import {
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  TEST_BASE_URL,
  TEST_BUILD_DIR,
  TEST_NOW,
  TEST_PORT,
} from './tests/test-env';

const databasePath = path.join(os.tmpdir(), `khuyen-cong-e2e-${String(process.pid)}.sqlite`);
// This server never switches builds under the other tests: it has no project to build from, so
// a publication it is asked for fails at once. Publishing is tested on throwaway sites
// (tests/e2e/publishing.spec.ts).
const noProject = path.join(os.tmpdir(), `khuyen-cong-e2e-${String(process.pid)}-no-project`);

export default defineConfig({
  testDir: './tests/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env['CI'] ? [['list']] : [['list']],
  timeout: 60_000,
  use: {
    baseURL: TEST_BASE_URL,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    trace: 'off',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
  webServer: {
    command: `node ${path.join(TEST_BUILD_DIR, 'server', 'entry.mjs')}`,
    url: `${TEST_BASE_URL}/`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(TEST_PORT),
      HOST: 'localhost',
      DATABASE_PATH: databasePath,
      DEMO: 'true',
      CLOCK_NOW: TEST_NOW,
      LOG_REQUESTS: 'false',
      SITE_URL: TEST_BASE_URL,
      REGISTRATION_RATE_LIMIT: '0',
      PUBLISH_SOURCE_DIR: noProject,
      BUILDS_DIR: path.join(noProject, 'builds'),
    },
  },
});
