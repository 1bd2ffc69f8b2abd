import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: [
      { find: '~', replacement: fileURLToPath(new URL('./src', import.meta.url)) },
      { find: '@db', replacement: fileURLToPath(new URL('./db', import.meta.url)) },
      // The build's content schemas (src/content.config.ts) in tests, and the content editor's
      // fields as its browser build has them (the Node build stubs the Markdown editor).
      { find: 'astro:content', replacement: fileURLToPath(new URL('./tests/helpers/astro-content.ts', import.meta.url)) },
      { find: /^@keystatic\/core$/, replacement: fileURLToPath(new URL('./node_modules/@keystatic/core/dist/keystatic-core.js', import.meta.url)) },
    ],
  },
  test: {
    include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // A fixed MESSAGE_KEY: tests never create a key file in the working tree.
    env: { CLOCK_NOW: '2026-12-01T09:00:00+07:00', LOG_REQUESTS: 'false', MESSAGE_KEY: '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef' },
  },
});
