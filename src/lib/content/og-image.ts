/**
 * The picture a page is shared with (og:image, twitter:image): a 1200 × 630 JPEG made at build
 * from the page's own picture — social networks render no SVG, every picture of the content is
 * SVG today, and Astro's image pipeline refuses to rasterise SVG — or the site's sharing card
 * for pages without one. Pages link `/og/<the source's hashed asset name>-<cat|tron>.jpg`; after
 * the build, build-output.mjs draws each JPEG linked from the built pages from that asset in
 * `_astro/` (with sharp) — one per distinct picture, so 5,000 products sharing one photo cost
 * one image.
 */
import type { ImageMetadata } from 'astro';

export interface OgImage {
  /** Site-relative or absolute URL. */
  src: string;
  width: number;
  height: number;
  type: string;
  alt: string;
}

export type OgFit = 'cover' | 'contain';

export const OG_WIDTH = 1200;
export const OG_HEIGHT = 630;

/** Same path as OG_CARD_PATH in src/lib/server/build-output.mjs. */
const CARD_PATH = '/og/the-khuyen-cong.png';

/** The site's card, for pages without a picture of their own. */
export function siteCard(siteName: string): OgImage {
  return { src: CARD_PATH, width: OG_WIDTH, height: OG_HEIGHT, type: 'image/png', alt: `Biểu tượng ${siteName}` };
}

/** "anh-1.C5_2-0m9" from "/_astro/anh-1.C5_2-0m9.svg": Astro's content-hashed name of the file. */
function ogName(src: ImageMetadata, fit: OgFit): string {
  const base = (src.src.split('?')[0] ?? '').split('/').pop() ?? 'anh';
  const name = base.replace(/\.[a-z0-9]+$/i, '').replace(/[^A-Za-z0-9_.-]+/g, '-');
  return `${name}-${fit === 'contain' ? 'tron' : 'cat'}`;
}

/**
 * A page's picture as its sharing image: cropped to 1200 × 630 (`cover`), or, for a logo, the
 * whole of it on white (`contain`).
 */
export function ogImageOf(picture: { src: ImageMetadata; alt: string }, fit: OgFit = 'cover'): OgImage {
  return { src: `/og/${ogName(picture.src, fit)}.jpg`, width: OG_WIDTH, height: OG_HEIGHT, type: 'image/jpeg', alt: picture.alt };
}
