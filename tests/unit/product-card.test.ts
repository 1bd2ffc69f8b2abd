/**
 * Product cards are made once per entry and badge state in a build (lib/content/product-card.ts):
 * each card is on about seven pages, and three components per card were a quarter of a
 * 5,000-product prerendering. The markup is the components' own byte for byte (a whole build
 * compared before and after); these check what a card holds, its escaping, and when it is made
 * again. Astro's getImage stands in for itself, as in content-images.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ImageMetadata } from 'astro';
import type { CatalogEntry } from '~/lib/content/products';

const imageCalls: string[] = [];
vi.mock('astro:assets', () => ({
  getImage: (options: { src: ImageMetadata; width: number }) => {
    imageCalls.push(options.src.src);
    const name = options.src.src.replace(/\.svg$/, `_${String(options.width)}.svg`);
    return Promise.resolve({ src: name, srcSet: { values: [], attribute: '' }, attributes: { loading: 'lazy', decoding: 'async', fetchpriority: 'auto', width: options.width, height: 360 } });
  },
}));

function entry(id: string, name: string, stars: number | null, ocopValidUntil: string | null, photo = true): CatalogEntry {
  return {
    product: {
      id,
      data: {
        name,
        province: 'da-nang',
        cnntGroup: 'thu-cong-my-nghe',
        photos: photo ? [{ src: { src: `/_astro/${id}.svg`, width: 400, height: 300, format: 'svg' }, alt: `Ảnh "${name}"` }] : [],
      },
    },
    producer: { id: 'co-so', data: { name: 'Hợp tác xã <Mây & Tre>' } },
    row: { stars, ocopValidUntil },
  } as unknown as CatalogEntry;
}

describe('product cards', () => {
  beforeEach(() => {
    imageCalls.length = 0;
    vi.resetModules();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-01T02:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllEnvs();
  });

  it('writes the card a list shows, every text escaped, the picture as <Image> writes it', async () => {
    vi.stubEnv('DEV', false);
    const { productCardItemsHtml } = await import('~/lib/content/product-card');
    const html = await productCardItemsHtml([entry('gio-may', 'Giỏ <mây> & "tre"', null, null), entry('khong-anh', 'Chiếu cói', 4, '2027-03-01', false)]);
    expect(html).toBe(
      '<li><article class="card"> <img src="/_astro/gio-may_480.svg" alt="Ảnh &#34;Giỏ <mây> &#38; &#34;tre&#34;&#34;" loading="lazy" decoding="async" fetchpriority="auto" width="480" height="360"> <div class="body"> ' +
        '<h3><a href="/san-pham/gio-may">Giỏ &lt;mây&gt; &amp; &quot;tre&quot;</a></h3> <p class="meta">Hợp tác xã &lt;Mây &amp; Tre&gt; · TP Đà Nẵng</p> <p class="meta">Thủ công mỹ nghệ</p>  </div> </article></li>' +
        '<li><article class="card">  <div class="body"> <h3><a href="/san-pham/khong-anh">Chiếu cói</a></h3> <p class="meta">Hợp tác xã &lt;Mây &amp; Tre&gt; · TP Đà Nẵng</p> <p class="meta">Thủ công mỹ nghệ</p> ' +
        '<p><span class="badge stars"><span aria-hidden="true">★★★★</span><span class="visually-hidden">OCOP 4 sao</span><span aria-hidden="true"> OCOP</span></span><span class="meta"> hiệu lực đến 01/03/2027</span></p> </div> </article></li>',
    );
  });

  it('marks a lapsed certificate by the page\'s date, or as the page says', async () => {
    vi.stubEnv('DEV', false);
    const { productCardHtml, starsBadgeHtml } = await import('~/lib/content/product-card');
    const lapsed = entry('het-han', 'Nón lá', 3, '2026-11-30');
    expect(await productCardHtml(lapsed)).toContain('<span class="badge expired"><span aria-hidden="true">★★★</span><span class="visually-hidden">OCOP 3 sao</span><span aria-hidden="true"> OCOP</span> · hết hiệu lực</span><span class="meta"> sau ngày 30/11/2026</span>');
    expect(await productCardHtml(entry('con-han', 'Nón lá', 3, '2026-12-01'))).toContain('class="badge stars"');
    expect(await productCardHtml(entry('con-han-2', 'Nón lá', 3, '2026-12-01'), { expired: true })).toContain('class="badge expired"');
    expect(starsBadgeHtml(5, undefined)).toBe('<span class="badge stars"><span aria-hidden="true">★★★★★</span><span class="visually-hidden">OCOP 5 sao</span><span aria-hidden="true"> OCOP</span></span>');
  });

  it('makes each entry\'s card once per badge state in a build, and again on the next day', async () => {
    vi.stubEnv('DEV', false);
    const { productCardHtml } = await import('~/lib/content/product-card');
    const e = entry('ca-phe', 'Cà phê', 4, '2026-12-01');
    const first = productCardHtml(e);
    expect(productCardHtml(e)).toBe(first);
    expect(productCardHtml(e, { expired: true })).not.toBe(first);
    expect(productCardHtml(e, { expired: true })).toBe(productCardHtml(e, { expired: true }));
    expect(productCardHtml(e, { expired: false })).toBe(productCardHtml(e, { expired: false }));
    expect(await first).toContain('hiệu lực đến 01/12/2026');
    expect(imageCalls).toEqual(['/_astro/ca-phe.svg']);
    // Midnight in Vietnam: the certificate of the 1st has lapsed on the 2nd.
    vi.setSystemTime(new Date('2026-12-01T17:00:00Z'));
    const nextDay = productCardHtml(e);
    expect(nextDay).not.toBe(first);
    expect(await nextDay).toContain('class="badge expired"');
    expect(productCardHtml(e)).toBe(nextDay);
    // The day before is not kept: back on it (a clock set back), its card is made again.
    vi.setSystemTime(new Date('2026-12-01T02:00:00Z'));
    expect(productCardHtml(e)).not.toBe(first);
  });

  it('makes the card every time on the dev server, where content changes while it runs', async () => {
    vi.stubEnv('DEV', true);
    const { productCardHtml } = await import('~/lib/content/product-card');
    const e = entry('ca-phe', 'Cà phê', null, null);
    expect(productCardHtml(e)).not.toBe(productCardHtml(e));
  });
});
