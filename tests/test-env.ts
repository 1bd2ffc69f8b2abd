/**
 * Shared settings for the test run: the injected clock, where the test build lives and the
 * port of the server the browser tests use. No test depends on today's date.
 */
import path from 'node:path';

/** The instant every test run pretends it is (Vietnam time). */
export const TEST_NOW = '2026-12-01T09:00:00+07:00';
/**
 * Where the test build lives, read when asked: a script (the benchmark) may choose the folder
 * after this module has loaded, so nothing that starts the built server should read the
 * constant below.
 */
export function testBuildDir(): string {
  return path.resolve(process.env['TEST_BUILD_DIR'] ?? '.test-build');
}
export const TEST_BUILD_DIR = testBuildDir();
export const TEST_PORT = Number(process.env['TEST_PORT'] ?? 4322);
export const TEST_BASE_URL = `http://localhost:${String(TEST_PORT)}`;
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
// Chromium refuses some ports as "unsafe" (6000 is X11's: ERR_UNSAFE_PORT); the test port is allowed explicitly.
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage', `--explicitly-allowed-ports=${String(TEST_PORT)}`];
