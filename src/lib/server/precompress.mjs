// @ts-check
/**
 * Precompression after the build (astro.config.mjs): every compressible file of the client
 * folder (pages, scripts, styles, feeds, calendars, SVG) gets a brotli (`.br`) and a gzip
 * (`.gz`) copy beside it, which the static file server (static-files.ts) or nginx
 * (`brotli_static`, `gzip_static`) sends as it is — levels in compression-levels.mjs.
 *
 * One worker thread per core (precompress-worker.mjs) compresses batches of files it is handed
 * as it finishes the last, largest files first so no worker is left with a long one at the end.
 * With zlib's asynchronous calls from the main thread every file cost two thread-pool trips,
 * promises and buffer copies, and the main thread's own work (reading, writing, scheduling) kept
 * the phase on about one core: 15.7 s of CPU in 17.5 s at 10,000 products. The workers also
 * return the sharing images the pages link (they read every page anyway), so drawing them does
 * not read every page a second time.
 */
import { readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { COMPRESSIBLE_EXTENSIONS } from './compression-levels.mjs';

/** @typedef {{ files: number, bytes: number, brotliBytes: number, gzipBytes: number }} PrecompressStats */

const BATCH = 32;

/**
 * Writes `.br` and `.gz` beside every compressible file of `dir` (≥ 1 KB, when the copy is
 * smaller). `.br`/`.gz` files are never compressed again, nor the files of `skip` (absolute
 * paths: their copies were put beside them already).
 * @param {string} dir
 * @param {{ workers?: number, skip?: ReadonlySet<string> }} [options]
 * @returns {Promise<{ stats: PrecompressStats, og: Map<string, 'cover' | 'contain'> }>} the totals, and the
 *   sharing images the pages link (key `<asset>-<cat|tron>`)
 */
export async function precompressDir(dir, options = {}) {
  const skip = options.skip ?? new Set();
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile() && COMPRESSIBLE_EXTENSIONS.has(path.extname(e.name).toLowerCase()))
    .map((e) => path.join(e.parentPath, e.name))
    .map((file) => ({
      file,
      shared: path.relative(dir, file).split(path.sep)[0] === '_astro',
      // Already compressed: still read for its sharing image if it is a page.
      compress: !skip.has(file),
      size: statSync(file).size,
    }))
    .filter((f) => f.compress || f.file.endsWith('.html'))
    .sort((a, b) => b.size - a.size);
  const count = Math.max(1, Math.min(options.workers ?? os.availableParallelism(), Math.ceil(files.length / BATCH)));
  let next = 0;
  /** @type {PrecompressStats} */
  const stats = { files: 0, bytes: 0, brotliBytes: 0, gzipBytes: 0 };
  /** @type {Map<string, 'cover' | 'contain'>} */
  const og = new Map();
  const run = () =>
    new Promise((resolve, reject) => {
      const worker = new Worker(new URL('./precompress-worker.mjs', import.meta.url));
      worker.on('error', reject);
      worker.on('message', (/** @type {{ next?: true, error?: string, stats?: PrecompressStats, og?: [string, 'cover' | 'contain'][] }} */ m) => {
        if (m.error) {
          reject(new Error(`precompression: ${m.error}`));
          void worker.terminate();
        } else if (m.next) {
          const batch = files.slice(next, next + BATCH).map(({ file, shared, compress }) => ({ file, shared, compress }));
          next += batch.length;
          worker.postMessage(batch.length ? { batch } : { done: true });
        } else if (m.stats) {
          stats.files += m.stats.files;
          stats.bytes += m.stats.bytes;
          stats.brotliBytes += m.stats.brotliBytes;
          stats.gzipBytes += m.stats.gzipBytes;
          for (const [key, fit] of m.og ?? []) og.set(key, fit);
          void worker.terminate().then(resolve, reject);
        }
      });
    });
  await Promise.all(Array.from({ length: count }, run));
  return { stats, og };
}
