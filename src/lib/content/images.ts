/**
 * Content pictures at the sizes pages show them: Astro's `getImage` once per picture and width.
 * A build renders the same picture at the same width on many pages (a product's card on its
 * neighbours' pages, on its producer's and its province's), and every `getImage` validates the
 * options, hashes the transform (deterministic-object-hash) and registers the output file again
 * — 1.6 s of the 14 s a 5,000-product build spent prerendering (V8 profile, README "Build"). The
 * result depends only on the source file and the transform, so it is kept for the process, as
 * `once` keeps what is computed from content; the dev server asks every time.
 */
import { getImage } from 'astro:assets';
import type { ImageMetadata } from 'astro';
import { addAttribute, spreadAttributes } from 'astro/runtime/server/index.js';

export type ContentImage = Awaited<ReturnType<typeof getImage>>;

const made = new Map<string, Promise<ContentImage>>();

/** The picture `src` transformed to `width` pixels wide (height by its aspect ratio). */
export function imageAt(src: ImageMetadata, width: number): Promise<ContentImage> {
  if (import.meta.env.DEV) return getImage({ src, width });
  // `src.src` is the source's content-hashed output URL: one key per file, whatever entry holds it.
  const key = `${src.src} ${String(width)}`;
  let image = made.get(key);
  if (!image) {
    image = getImage({ src, width });
    made.set(key, image);
  }
  return image;
}

/** The absolute URL of `src` at `width` (JSON-LD, which names the pictures a page shows). */
export async function imageUrlAt(src: ImageMetadata, width: number, site: URL): Promise<string> {
  return new URL((await imageAt(src, width)).src, site).href;
}

/**
 * The `<img>` of a content picture as Astro's <Image> writes it (the same attributes in the same
 * order): <Image> hands its props to getImage, whose attributes keep their order and add the
 * defaults after them; `rest` holds any other attribute (a parent's scoped-style attribute).
 * ContentImage.astro and the product card (product-card.ts) write it.
 */
export function imageTagHtml(image: ContentImage, alt: string, loading?: 'eager' | 'lazy', rest: Record<string, unknown> = {}): string {
  const srcset = image.srcSet.values.length > 0 ? image.srcSet.attribute : undefined;
  const given = loading ? { loading } : {};
  const attributes = { alt, ...given, ...rest, ...image.attributes, ...given };
  return `<img${String(addAttribute(image.src, 'src'))}${String(addAttribute(srcset, 'srcset'))}${String(spreadAttributes(attributes))}>`;
}
