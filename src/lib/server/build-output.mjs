// @ts-check
/**
 * What the build adds to its own output (astro.config.mjs, `astro:build:done`). Plain JavaScript:
 * Astro loads its config without Vite only when every import is JavaScript, and a config loaded
 * through Vite cannot import in its hooks.
 *
 * Precompression: every compressible file of the client folder (pages, scripts, styles, feeds,
 * calendars, SVG) gets a brotli (`.br`) and a gzip (`.gz`) copy beside it, which the static file
 * server (static-files.ts) or nginx (`brotli_static`, `gzip_static`) sends as it is. Levels: the
 * few shared assets (`_astro/`, fetched by every visitor and cached for a year) get brotli's best
 * (11) and gzip 9 — up to 512 KB: brotli 11 takes 1.3 s for the 211 KB React runtime but 13.6 s for
 * the 2.8 MB content editor (which staff alone load), so larger files get 5 (0.3 s); pages, thousands of them at every publication, get brotli 5 and gzip 6: on a
 * 20 KB product page brotli 5 takes 0.5 ms for 7.1 KB where 9 takes 30 ms for 7.0 KB and 11
 * takes 36 ms for 6.5 KB. zlib's asynchronous calls run on libuv's thread pool, so both cores work.
 *
 * Build info: `build-info.json` beside the server entry records the SITE_URL the pages were
 * built with (build-info.ts warns when a server starts with another).
 */
import { writeFileSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** Extensions worth compressing (text); images, woff2 fonts and archives are compressed already. */
export const COMPRESSIBLE_EXTENSIONS = new Set(['.html', '.css', '.js', '.mjs', '.json', '.svg', '.xml', '.txt', '.ics', '.webmanifest', '.map']);

/** Below this a compressed body saves less than a packet's worth and costs a header. */
export const MIN_COMPRESS_BYTES = 1024;

/** Largest file compressed with brotli 11 (slow: about 6 s a megabyte on this machine). */
const BEST_BROTLI_MAX_BYTES = 512 * 1024;

export const BUILD_INFO_FILE = 'build-info.json';

/** @typedef {{ files: number, bytes: number, brotliBytes: number, gzipBytes: number }} PrecompressStats */

/**
 * @param {string} file
 * @param {boolean} shared
 * @param {PrecompressStats} stats
 */
async function compressOne(file, shared, stats) {
  const data = await readFile(file);
  if (data.length < MIN_COMPRESS_BYTES) return;
  const [br, gz] = await Promise.all([
    brotli(data, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: shared && data.length <= BEST_BROTLI_MAX_BYTES ? 11 : 5,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
      },
    }),
    gzip(data, { level: shared ? 9 : 6 }),
  ]);
  // A copy that saves under 5 % is not worth a second representation.
  /** @param {Buffer} c */
  const worth = (c) => c.length < data.length * 0.95;
  /** @type {Promise<void>[]} */
  const writes = [];
  if (worth(br)) writes.push(writeFile(`${file}.br`, br));
  if (worth(gz)) writes.push(writeFile(`${file}.gz`, gz));
  await Promise.all(writes);
  stats.files++;
  stats.bytes += data.length;
  stats.brotliBytes += worth(br) ? br.length : data.length;
  stats.gzipBytes += worth(gz) ? gz.length : data.length;
}

/**
 * Writes `.br` and `.gz` beside every compressible file of `dir` (≥ 1 KB, when the copy is
 * smaller), `concurrency` files at a time. `.br`/`.gz` files are never compressed again.
 * @param {string} dir
 * @param {number} [concurrency]
 * @returns {Promise<PrecompressStats>}
 */
export async function precompressDir(dir, concurrency = 8) {
  /** @type {PrecompressStats} */
  const stats = { files: 0, bytes: 0, brotliBytes: 0, gzipBytes: 0 };
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile() && COMPRESSIBLE_EXTENSIONS.has(path.extname(e.name).toLowerCase()))
    .map((e) => path.join(e.parentPath, e.name));
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const file = files[next++];
      if (file === undefined) break;
      const shared = path.relative(dir, file).split(path.sep)[0] === '_astro';
      await compressOne(file, shared, stats);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return stats;
}

/**
 * @param {string} serverDir
 * @param {string} siteUrl
 * @param {Date} [now]
 */
export function writeBuildInfo(serverDir, siteUrl, now = new Date()) {
  writeFileSync(path.join(serverDir, BUILD_INFO_FILE), `${JSON.stringify({ siteUrl, builtAt: now.toISOString() }, null, 2)}\n`);
}
