/**
 * The collections' schemas are built once (src/lib/content/friendly-errors.ts, `entryImage`):
 * Astro calls a schema function per entry, and each call now wraps the same zod tree, while
 * each entry's image fields still go through the `image()` Astro passed for that entry — also
 * when entries are parsed at the same time, as the content layer does.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z, type ZodTypeAny } from 'zod';
import { load } from 'js-yaml';
import { collections } from '~/content.config';
import { entryImage } from '~/lib/content/friendly-errors';

type SchemaFunction = (context: { image: () => ZodTypeAny }) => ZodTypeAny & { inner: ZodTypeAny };
const schemaOf = (name: keyof typeof collections) => (collections[name] as unknown as { schema: SchemaFunction }).schema;

/** An `image()` as Astro binds it to one entry: the path resolved against that entry's folder. */
const imageOf = (folder: string) => () => z.string().transform((src) => `${folder}/${src.replace(/^\.\//, '')}`);

const frontMatter = (file: string) => load(/^---\n([\s\S]*?)\n---/.exec(readFileSync(file, 'utf8'))?.[1] ?? '') as Record<string, unknown>;

describe('content schemas built once', () => {
  it('every call of a schema function wraps the same zod tree', () => {
    for (const name of Object.keys(collections) as (keyof typeof collections)[]) {
      const schema = schemaOf(name);
      expect(schema({ image: imageOf('a') }).inner, name).toBe(schema({ image: imageOf('b') }).inner);
    }
  });

  it("each entry's images go through its own image(), also when entries are parsed together", async () => {
    const product = frontMatter('content/products/bach-tra-shan-tuyet-ta-xua/index.md');
    const producer = frontMatter('content/producers/htx-che-ta-xua/index.md');
    const parses = Array.from({ length: 20 }, (_, i) =>
      i % 2 === 0
        ? schemaOf('products')({ image: imageOf(`san-pham-${String(i)}`) }).safeParseAsync({ ...product, photos: [{ src: './anh-1.svg', alt: 'ảnh' }, { src: 'anh-2.svg', alt: 'ảnh' }] })
        : schemaOf('producers')({ image: imageOf(`co-so-${String(i)}`) }).safeParseAsync(producer),
    );
    const results = await Promise.all(parses);
    results.forEach((result, i) => {
      expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
      const data = result.data as { photos?: { src: string }[]; logo?: { src: string } };
      if (i % 2 === 0) expect(data.photos?.map((p) => p.src)).toEqual([`san-pham-${String(i)}/anh-1.svg`, `san-pham-${String(i)}/anh-2.svg`]);
      else expect(data.logo?.src).toBe(`co-so-${String(i)}/logo.svg`);
    });
  });

  it("an entry's image() reports its own problems at the field, in the entry's messages", async () => {
    const product = frontMatter('content/products/bach-tra-shan-tuyet-ta-xua/index.md');
    const missing = () => z.string().transform((src, ctx) => {
      ctx.addIssue({ code: 'custom', message: `không thấy tệp ảnh "${src}" cạnh mục này` });
      return z.NEVER;
    });
    const result = await schemaOf('products')({ image: missing }).safeParseAsync({ ...product, name: '' });
    expect(result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual(['name: không được để trống', 'photos.0.src: không thấy tệp ảnh "./anh-1.svg" cạnh mục này']);
  });

  it('an image field reached outside an entry\'s parse throws instead of using another entry\'s image()', () => {
    expect(() => z.object({ src: entryImage() }).safeParse({ src: './anh.svg' })).toThrow(/outside an entry/);
  });
});
