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
 * The sharing card: `/og/the-khuyen-cong.png`, 1200 × 630, the site's emblem on its colours,
 * rasterised with sharp — the og:image of every page that has no picture of its own (social
 * networks do not render SVG). No text: the build machine's fonts are not the reader's, and the
 * preview shows the page's title beside the image anyway.
 *
 * Sharing images: pages link `/og/<asset>-<cat|tron>.jpg` (src/lib/content/og-image.ts), named
 * after the hashed file of their picture in `_astro/`; each linked one is drawn here from that
 * file, 1200 × 630, cropped (`cat`) or whole on white (`tron`, logos). SVG is drawn at a density
 * that makes it at least that large, so it is not enlarged from its nominal size.
 *
 * Build info: `build-info.json` beside the server entry records the SITE_URL the pages were
 * built with (build-info.ts warns when a server starts with another).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { access, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import sharp from 'sharp';

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
 * The brotli and gzip copies of a file's bytes: best levels for a shared asset (`_astro/`) up to
 * 512 KB, brotli 5 and gzip 6 for pages, brotli 5 and gzip 9 for larger assets.
 * @param {Buffer} data
 * @param {boolean} shared
 * @returns {Promise<{ br: Buffer, gz: Buffer }>}
 */
export async function compressData(data, shared) {
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
  return { br, gz };
}

/**
 * @param {string} file
 * @param {boolean} shared
 * @param {PrecompressStats} stats
 */
async function compressOne(file, shared, stats) {
  const data = await readFile(file);
  if (data.length < MIN_COMPRESS_BYTES) return;
  const { br, gz } = await compressData(data, shared);
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
 * smaller), `concurrency` files at a time. `.br`/`.gz` files are never compressed again, nor the
 * files of `skip` (absolute paths: their copies were put beside them already).
 * @param {string} dir
 * @param {number} [concurrency]
 * @param {ReadonlySet<string>} [skip]
 * @returns {Promise<PrecompressStats>}
 */
export async function precompressDir(dir, concurrency = 8, skip = new Set()) {
  /** @type {PrecompressStats} */
  const stats = { files: 0, bytes: 0, brotliBytes: 0, gzipBytes: 0 };
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile() && COMPRESSIBLE_EXTENSIONS.has(path.extname(e.name).toLowerCase()))
    .map((e) => path.join(e.parentPath, e.name))
    .filter((file) => !skip.has(file));
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

/** Where the sharing card is written, relative to the client folder (BaseLayout links it). */
export const OG_CARD_PATH = 'og/the-khuyen-cong.png';

const OG_CARD_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630" viewBox="0 0 1200 630">
<rect width="1200" height="630" fill="#1d5b3c"/>
<rect y="470" width="1200" height="160" fill="#174a31"/>
<circle cx="1040" cy="120" r="260" fill="#f3e7c9" opacity="0.12"/>
<g transform="translate(420 95) scale(10)" stroke="#fff" stroke-width="2.4" fill="none" stroke-linejoin="round" stroke-linecap="round">
<path d="M8 26h20M11 26V14l7-5 7 5v12M16 26v-6h4v6"/></g>
<rect x="360" y="520" width="480" height="14" rx="7" fill="#f3e7c9"/>
</svg>`;

/**
 * Writes the sharing card into the client folder.
 * @param {string} clientDir
 */
export async function writeOgCard(clientDir) {
  const file = path.join(clientDir, OG_CARD_PATH);
  mkdirSync(path.dirname(file), { recursive: true });
  await sharp(Buffer.from(OG_CARD_SVG)).png({ compressionLevel: 9 }).toFile(file);
}

const OG_LINK = /\/og\/([A-Za-z0-9_.-]+)-(cat|tron)\.jpg/g;
const OG_SOURCE_EXTENSIONS = ['svg', 'png', 'jpg', 'jpeg', 'webp', 'avif', 'gif'];

/**
 * Draws every sharing JPEG the built pages link, from its source in `_astro/`.
 * @param {string} clientDir
 * @returns {Promise<number>} how many were written
 */
export async function writeOgImages(clientDir) {
  const entries = await readdir(clientDir, { recursive: true, withFileTypes: true });
  /** @type {Map<string, 'cover' | 'contain'>} */
  const wanted = new Map();
  for (const e of entries) {
    if (!e.isFile() || !e.name.endsWith('.html')) continue;
    const html = await readFile(path.join(e.parentPath, e.name), 'utf8');
    const head = html.slice(0, html.indexOf('</head>') + 1 || html.length);
    for (const m of head.matchAll(OG_LINK)) wanted.set(`${m[1] ?? ''}-${m[2] ?? ''}`, m[2] === 'tron' ? 'contain' : 'cover');
  }
  mkdirSync(path.join(clientDir, 'og'), { recursive: true });
  let written = 0;
  for (const [key, fit] of wanted) {
    const name = key.replace(/-(cat|tron)$/, '');
    let source = '';
    for (const ext of OG_SOURCE_EXTENSIONS) {
      const candidate = path.join(clientDir, '_astro', `${name}.${ext}`);
      try {
        await access(candidate);
        source = candidate;
        break;
      } catch {
        // not this extension
      }
    }
    if (!source) throw new Error(`Ảnh chia sẻ /og/${key}.jpg: không thấy ảnh gốc _astro/${name}.*`);
    const input = await readFile(source);
    const meta = await sharp(input).metadata();
    const scale = Math.max(1200 / (meta.width || 1200), 630 / (meta.height || 630), 1);
    const density = meta.format === 'svg' ? Math.min(72 * scale, 2400) : undefined;
    await sharp(input, density ? { density } : {})
      .resize(1200, 630, { fit, background: '#ffffff' })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 82, mozjpeg: true })
      .toFile(path.join(clientDir, 'og', `${key}.jpg`));
    written++;
  }
  return written;
}
