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
 * that makes it at least that large, so it is not enlarged from its nominal size.
 *
 * Build info: `build-info.json` beside the server entry records the SITE_URL the pages were
 * built with (build-info.ts warns when a server starts with another).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { access, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import sharp from 'sharp';
import { OG_LINK, brotliParams, gzipLevel } from './compression-levels.mjs';

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
 * The sharing images the built pages link (key `<asset>-<cat|tron>`), read from every page's
 * head (the precompression workers collect the same while they compress).
 * @param {string} clientDir
 * @returns {Promise<Map<string, 'cover' | 'contain'>>}
 */
export async function linkedOgImages(clientDir) {
  const entries = await readdir(clientDir, { recursive: true, withFileTypes: true });
  /** @type {Map<string, 'cover' | 'contain'>} */
  const wanted = new Map();
  for (const e of entries) {
    if (!e.isFile() || !e.name.endsWith('.html')) continue;
    const html = await readFile(path.join(e.parentPath, e.name), 'utf8');
    const head = html.slice(0, html.indexOf('</head>') + 1 || html.length);
    for (const m of head.matchAll(OG_LINK)) wanted.set(`${m[1] ?? ''}-${m[2] ?? ''}`, m[2] === 'tron' ? 'contain' : 'cover');
  }
  return wanted;
}

/**
 * Draws every sharing JPEG the built pages link, from its source in `_astro/`.
 * @param {string} clientDir
 * @param {Map<string, 'cover' | 'contain'>} [linked] the links, when collected already
 * @returns {Promise<number>} how many were written
 */
export async function writeOgImages(clientDir, linked) {
  const wanted = linked ?? (await linkedOgImages(clientDir));
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
