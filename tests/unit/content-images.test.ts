/**
 * Content pictures are transformed once per picture and width in a build (lib/content/images.ts):
 * a product's card is on many pages, and Astro's getImage per rendering cost 1.6 s of a
 * 5,000-product build. Astro's getImage stands in for itself here, counting its calls.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ImageMetadata } from 'astro';

const calls: { src: string; width: number }[] = [];
vi.mock('astro:assets', () => ({
  getImage: (options: { src: ImageMetadata; width: number }) => {
    calls.push({ src: options.src.src, width: options.width });
    const height = Math.round((options.width * options.src.height) / options.src.width);
    const name = options.src.src.replace(/\.svg$/, `_${String(options.width)}.svg`);
    return Promise.resolve({ src: name, srcSet: { values: [], attribute: '' }, attributes: { loading: 'lazy', decoding: 'async', fetchpriority: 'auto', width: options.width, height } });
  },
}));

const picture = (src: string): ImageMetadata => ({ src, width: 400, height: 300, format: 'svg' });

describe('imageAt', () => {
  beforeEach(() => {
    calls.length = 0;
    vi.resetModules();
  });
  afterEach(() => vi.unstubAllEnvs());

  it('asks for each picture at each width once in a build, whatever entry object holds it', async () => {
    vi.stubEnv('DEV', false);
    const { imageAt, imageUrlAt } = await import('~/lib/content/images');
    const first = await imageAt(picture('/_astro/anh.AbC123.svg'), 480);
    // The same file read again from another entry (a new object with the same hashed URL).
    const again = await imageAt(picture('/_astro/anh.AbC123.svg'), 480);
    expect(again).toBe(first);
    expect(first.attributes).toMatchObject({ width: 480, height: 360 });
    await imageAt(picture('/_astro/anh.AbC123.svg'), 640);
    await imageAt(picture('/_astro/khac.XyZ789.svg'), 480);
    expect(await imageUrlAt(picture('/_astro/anh.AbC123.svg'), 640, new URL('https://khuyencong.example'))).toBe('https://khuyencong.example/_astro/anh.AbC123_640.svg');
    expect(calls).toEqual([
      { src: '/_astro/anh.AbC123.svg', width: 480 },
      { src: '/_astro/anh.AbC123.svg', width: 640 },
      { src: '/_astro/khac.XyZ789.svg', width: 480 },
    ]);
  });

  it('asks every time on the dev server, where pictures change while it runs', async () => {
    vi.stubEnv('DEV', true);
    const { imageAt } = await import('~/lib/content/images');
    await imageAt(picture('/_astro/anh.AbC123.svg'), 480);
    await imageAt(picture('/_astro/anh.AbC123.svg'), 480);
    expect(calls).toHaveLength(2);
  });
});
