// @ts-check
/**
 * What the build adds to its own output (astro.config.mjs, `astro:build:done`). Plain JavaScript:
 * Astro loads its config without Vite only when every import is JavaScript, and a config loaded
 * through Vite cannot import in its hooks.
 *
 * Precompression (brotli and gzip copies of every compressible client file) is in
 * precompress.mjs, its levels in compression-levels.mjs; `compressData` here compresses one
 * file the same way on the main thread (the content editor's cached bundle).
 *
 * The sharing card: `/og/the-khuyen-cong.png`, 1200 × 630, the site's emblem on its colours,
 * rasterised with sharp — the og:image of every page that has no picture of its own (social
 * networks do not render SVG). No text: the build machine's fonts are not the reader's, and the
 * preview shows the page's title beside the image anyway.
 *
 * Sharing images: pages link `/og/<asset>-<cat|tron>.jpg` (src/lib/content/og-image.ts), named
 * after the hashed file of their picture in `_astro/`; each linked one is drawn here from that
 * file, 1200 × 630, cropped (`cat`) or whole on white (`tron`, logos). SVG is drawn at a density
 * that makes it at least that large, so it is not enlarged from its nominal size. Drawings are
 * kept across builds (ogImageDrawer says how).
 *
 * Build info: `build-info.json` beside the server entry records the SITE_URL the pages were
 * built with (build-info.ts warns when a server starts with another).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { copyFile, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import sharp from 'sharp';
import { brotliParams, gzipLevel } from './compression-levels.mjs';

export { COMPRESSIBLE_EXTENSIONS, MIN_COMPRESS_BYTES } from './compression-levels.mjs';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

export const BUILD_INFO_FILE = 'build-info.json';

/**
 * The brotli and gzip copies of a file's bytes, at the levels of compression-levels.mjs.
 * @param {Buffer} data
 * @param {boolean} shared a shared asset (`_astro/`), not a page
 * @returns {Promise<{ br: Buffer, gz: Buffer }>}
 */
export async function compressData(data, shared) {
  const [br, gz] = await Promise.all([brotli(data, { params: brotliParams(data.length, shared) }), gzip(data, { level: gzipLevel(shared) })]);
  return { br, gz };
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

const OG_SOURCE_EXTENSIONS = ['svg', 'png', 'jpg', 'jpeg', 'webp', 'avif', 'gif'];

/**
 * What every sharing JPEG is drawn with. The cache key (ogImageDrawer) holds it, sharp's
 * libraries, this file (the drawing code) and the source's bytes. libjpeg's own encoder, not
 * mozjpeg's: 21 against 78 ms an image for 17.3 against 14.0 KB (what a social network's crawler
 * fetches once per share), and drawn while the pages are prerendered mozjpeg's drawings took the
 * second core from the compression worker, which then had 1.8–2.6 s of pages left after the last
 * one (0.2–0.3 s with libjpeg; README "Figures").
 */
const OG_DRAWING = { width: 1200, height: 630, background: '#ffffff', jpeg: { quality: 82 } };

/** Cached drawings unused for this long are deleted (pictures replaced long ago). */
const OG_CACHE_DAYS = 30;

/**
 * Where the sharing images drawn by earlier builds are kept by default, beside the content
 * editor's bundle (editor-bundle.mjs): every publication is a build of the same pictures.
 * @param {string} root the project
 */
export const ogCacheDir = (root) => path.join(root, 'node_modules', '.cache', 'khuyen-cong', 'og');

/** @param {Buffer | string} data */
const sha256 = (data) => createHash('sha256').update(data).digest('hex');

/**
 * The sharing JPEGs of one build, drawn while the links are still being found (the
 * precompression workers report them page by page, so drawing overlaps compressing), several
 * at a time — one sharp pipeline runs on one libvips thread here (sharp.concurrency() is 1 on
 * this machine), so one after another they used one core: 2.8 s of CPU in 2.7 s at 89 images —
 * and each taken from `cacheDir` when a build drew it before from the same bytes with the same
 * code. Cache files are written beside and renamed into place, so a build running at the same
 * time never reads half of one.
 * @param {string} clientDir
 * @param {{ cacheDir?: string, concurrency?: number, sourceDirs?: readonly string[] }} [options] no cacheDir: no
 *   cache; `sourceDirs`: where the pictures are (default `<clientDir>/_astro`) — while the pages are
 *   prerendered Astro keeps them in the server folder's `_astro/` and moves them after
 */
export function ogImageDrawer(clientDir, options = {}) {
  const { cacheDir } = options;
  const sourceDirs = options.sourceDirs ?? [path.join(clientDir, '_astro')];
  const concurrency = Math.max(1, options.concurrency ?? os.availableParallelism());
  mkdirSync(path.join(clientDir, 'og'), { recursive: true });
  if (cacheDir) mkdirSync(cacheDir, { recursive: true });
  const codeKey = sha256(Buffer.concat([readFileSync(fileURLToPath(import.meta.url)), Buffer.from(JSON.stringify([OG_DRAWING, sharp.versions]))]));
  /** @type {Set<string>} */
  const seen = new Set();
  /** @type {[string, 'cover' | 'contain'][]} */
  const queue = [];
  /** @type {Promise<void>[]} */
  const running = [];
  let drawn = 0;
  let reused = 0;
  /** @type {unknown} */
  let failure;

  /** @param {string} key @param {'cover' | 'contain'} fit */
  const one = async (key, fit) => {
    const input = await readOgSource(sourceDirs, key);
    const target = path.join(clientDir, 'og', `${key}.jpg`);
    const cached = cacheDir ? path.join(cacheDir, `${sha256(Buffer.concat([Buffer.from(`${codeKey}\n${fit}\n`), input])).slice(0, 32)}.jpg`) : '';
    if (cached) {
      try {
        await copyFile(cached, target);
        const now = new Date();
        await utimes(cached, now, now);
        reused++;
        return;
      } catch {
        // not drawn before
      }
    }
    const jpeg = await drawOg(input, fit);
    await writeFile(target, jpeg);
    drawn++;
    if (cached) {
      const tmp = `${cached}.${String(process.pid)}.${String(drawn)}.tmp`;
      await writeFile(tmp, jpeg);
      await rename(tmp, cached);
    }
  };

  const pump = () => {
    while (running.length < concurrency && queue.length) {
      const [key, fit] = /** @type {[string, 'cover' | 'contain']} */ (queue.shift());
      const job = one(key, fit).then(
        () => {
          running.splice(running.indexOf(job), 1);
          pump();
        },
        (/** @type {unknown} */ error) => {
          running.splice(running.indexOf(job), 1);
          failure ??= error;
          queue.length = 0;
        },
      );
      running.push(job);
    }
  };

  return {
    /**
     * One linked sharing image (key `<asset>-<cat|tron>`); links seen already are ignored.
     * @param {string} key
     * @param {'cover' | 'contain'} fit
     */
    add(key, fit) {
      if (seen.has(key) || failure) return;
      seen.add(key);
      queue.push([key, fit]);
      pump();
    },
    /**
     * Waits for every drawing; the first error, if any, after they have all stopped.
     * @returns {Promise<{ drawn: number, reused: number }>}
     */
    async done() {
      while (running.length) await Promise.all([...running]);
      if (failure) throw failure;
      if (cacheDir) await pruneOgCache(cacheDir);
      return { drawn, reused };
    },
  };
}

/**
 * The source of a sharing image: the hashed picture it is named after, in the first of `dirs`
 * that has it. Looked for twice, so a picture Astro moves from one folder to the other meanwhile
 * (a rename: it is always in one of them) is found.
 * @param {readonly string[]} dirs
 * @param {string} key
 */
async function readOgSource(dirs, key) {
  const name = key.replace(/-(cat|tron)$/, '');
  for (let round = 0; round < 2; round++) {
    for (const dir of dirs) {
      for (const ext of OG_SOURCE_EXTENSIONS) {
        try {
          return await readFile(path.join(dir, `${name}.${ext}`));
        } catch (error) {
          if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'ENOENT') throw error;
        }
      }
    }
  }
  throw new Error(`Ảnh chia sẻ /og/${key}.jpg: không thấy ảnh gốc _astro/${name}.*`);
}

/**
 * One sharing JPEG from a picture's bytes.
 * @param {Buffer} input
 * @param {'cover' | 'contain'} fit
 */
async function drawOg(input, fit) {
  const { width, height, background, jpeg } = OG_DRAWING;
  const meta = await sharp(input).metadata();
  const scale = Math.max(width / (meta.width || width), height / (meta.height || height), 1);
  const density = meta.format === 'svg' ? Math.min(72 * scale, 2400) : undefined;
  return sharp(input, density ? { density } : {}).resize(width, height, { fit, background }).flatten({ background }).jpeg(jpeg).toBuffer();
}

/**
 * Deletes the cached drawings no build has used for OG_CACHE_DAYS (reading one touches it).
 * @param {string} cacheDir
 */
async function pruneOgCache(cacheDir) {
  const before = Date.now() - OG_CACHE_DAYS * 24 * 3600 * 1000;
  for (const name of await readdir(cacheDir)) {
    const file = path.join(cacheDir, name);
    try {
      if ((await stat(file)).mtimeMs < before) await rm(file, { force: true });
    } catch {
      // deleted by another build meanwhile
    }
  }
}

/**
 * Draws the sharing JPEGs of `linked` (their links, as the precompression workers collect them
 * from the pages' heads), from their sources in `_astro/`, and waits for them all.
 * @param {string} clientDir
 * @param {ReadonlyMap<string, 'cover' | 'contain'>} linked
 * @param {{ cacheDir?: string, concurrency?: number }} [options] as ogImageDrawer's
 * @returns {Promise<{ drawn: number, reused: number }>} how many were drawn, how many copied from the cache
 */
export async function writeOgImages(clientDir, linked, options = {}) {
  const drawer = ogImageDrawer(clientDir, options);
  for (const [key, fit] of linked) drawer.add(key, fit);
  return drawer.done();
}
