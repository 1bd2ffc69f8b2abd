// @ts-check
/**
 * What the build compresses and how hard (build-output.mjs and the precompression workers):
 * the few shared assets (`_astro/`, fetched by every visitor and cached for a year) get brotli's
 * best (11) and gzip 9 — up to 512 KB: brotli 11 takes 1.3 s for the 211 KB React runtime but
 * 13.6 s for the 2.8 MB content editor (which staff alone load), so larger files get 5 (0.3 s);
 * pages, thousands of them at every publication, get brotli 5 and gzip 6: on a 20 KB product
 * page brotli 5 takes 0.5 ms for 7.1 KB where 9 takes 30 ms for 7.0 KB and 11 takes 36 ms for
 * 6.5 KB (brotli 4 saves a fifth of the time for 6 % more bytes; 3 is larger than gzip 6).
 */
import zlib from 'node:zlib';

/** Extensions worth compressing (text); images, woff2 fonts and archives are compressed already. */
export const COMPRESSIBLE_EXTENSIONS = new Set(['.html', '.css', '.js', '.mjs', '.json', '.svg', '.xml', '.txt', '.ics', '.webmanifest', '.map']);

/** Below this a compressed body saves less than a packet's worth and costs a header. */
export const MIN_COMPRESS_BYTES = 1024;

/** Largest file compressed with brotli 11 (slow: about 6 s a megabyte on this machine). */
const BEST_BROTLI_MAX_BYTES = 512 * 1024;

/** A page's sharing image link (src/lib/content/og-image.ts): `/og/<asset>-<cat|tron>.jpg`. */
export const OG_LINK = /\/og\/([A-Za-z0-9_.-]+)-(cat|tron)\.jpg/g;

/**
 * @param {number} length
 * @param {boolean} shared
 */
export function brotliParams(length, shared) {
  return {
    [zlib.constants.BROTLI_PARAM_QUALITY]: shared && length <= BEST_BROTLI_MAX_BYTES ? 11 : 5,
    [zlib.constants.BROTLI_PARAM_SIZE_HINT]: length,
    [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
  };
}

/** @param {boolean} shared */
export function gzipLevel(shared) {
  return shared ? 9 : 6;
}
