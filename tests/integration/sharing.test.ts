/**
 * What social networks and search engines read from the built pages: a raster 1200 × 630
 * og:image that exists in the build, its alt text, Twitter/X card tags on every shared page
 * type, the producer's logo and the organiser's web address in JSON-LD where the page shows
 * them, and iCalendar locations that do not repeat the province. Reads the test build.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { testBuildDir } from '../test-env';

const client = path.join(testBuildDir(), 'client');
const hasBuild = existsSync(path.join(client, 'index.html'));

function firstUnder(folder: string): string {
  const name = readdirSync(path.join(client, folder), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()[0];
  return `${folder}/${name ?? ''}/index.html`;
}

function meta(html: string, key: string): string | undefined {
  const re = new RegExp(`<meta (?:property|name)="${key.replace(/[.:]/g, '\\$&')}" content="([^"]*)"`);
  return re.exec(html)?.[1];
}

function jsonLd(html: string): Record<string, unknown> {
  const m = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html);
  return JSON.parse(m?.[1] ?? '{}') as Record<string, unknown>;
}

describe.skipIf(!hasBuild)('sharing tags of the built pages', () => {
  // Shared page types that are prerendered (catalog, OCOP, fairs and results are on demand and
  // use the same layout; the browser tests see those).
  const pages = ['index.html', 'binh-chon/index.html', firstUnder('san-pham'), firstUnder('co-so'), firstUnder('tinh'), firstUnder('hoi-cho'), firstUnder('binh-chon')];

  it.each(pages)('%s has a raster 1200 × 630 og:image in the build, its alt and a large Twitter card', async (page) => {
    const html = readFileSync(path.join(client, page), 'utf8');
    const image = meta(html, 'og:image');
    expect(image).toMatch(/^http:\/\/localhost:\d+\/og\/[^"]+\.(jpg|png)$/);
    const file = path.join(client, new URL(image ?? '').pathname);
    expect(existsSync(file), file).toBe(true);
    const info = await sharp(file).metadata();
    expect([info.format, info.width, info.height]).toEqual([image?.endsWith('.png') ? 'png' : 'jpeg', 1200, 630]);
    expect(meta(html, 'og:image:width')).toBe('1200');
    expect(meta(html, 'og:image:height')).toBe('630');
    expect(meta(html, 'og:image:alt')?.length).toBeGreaterThan(3);
    expect(meta(html, 'twitter:card')).toBe('summary_large_image');
    expect(meta(html, 'twitter:image')).toBe(image);
    expect(meta(html, 'twitter:title')).toBe(meta(html, 'og:title'));
  });

  it('uses the product photo (cropped) for a product and the logo (whole) for a producer', () => {
    const product = readFileSync(path.join(client, firstUnder('san-pham')), 'utf8');
    expect(meta(product, 'og:image')).toMatch(/\/og\/anh[^"]*-cat\.jpg$/);
    const producer = readFileSync(path.join(client, 'co-so/cong-ty-ca-phe-buon-ma-thuot/index.html'), 'utf8');
    expect(meta(producer, 'og:image')).toMatch(/\/og\/logo[^"]*-tron\.jpg$/);
  });

  it("puts the logo the producer page shows into its JSON-LD and the product's manufacturer", () => {
    const html = readFileSync(path.join(client, 'co-so/cong-ty-ca-phe-buon-ma-thuot/index.html'), 'utf8');
    const ld = jsonLd(html);
    expect(ld['@type']).toBe('Organization');
    const logo = new URL(String(ld['logo'])).pathname;
    expect(html).toContain(`src="${logo}"`);
    expect(existsSync(path.join(client, logo))).toBe(true);
    const productDir = readdirSync(path.join(client, 'san-pham'), { withFileTypes: true }).find((e) => {
      if (!e.isDirectory()) return false;
      const p = path.join(client, 'san-pham', e.name, 'index.html');
      return existsSync(p) && readFileSync(p, 'utf8').includes('/co-so/cong-ty-ca-phe-buon-ma-thuot"');
    });
    expect(productDir).toBeDefined();
    const product = jsonLd(readFileSync(path.join(client, 'san-pham', productDir?.name ?? '', 'index.html'), 'utf8'));
    expect((product['manufacturer'] as Record<string, unknown>)['logo']).toBe(ld['logo']);
  });

  it("puts the organiser's web address the fair page links into its JSON-LD", () => {
    const html = readFileSync(path.join(client, 'hoi-cho/hoi-cho-cnnt-ocop-da-nang-2027/index.html'), 'utf8');
    const organizer = jsonLd(html)['organizer'] as Record<string, unknown>;
    expect(organizer['url']).toBe('https://socongthuong.danang.gov.vn');
    expect(html).toContain('href="https://socongthuong.danang.gov.vn"');
  });

  it('never repeats the province in an iCalendar LOCATION', () => {
    const files = readdirSync(path.join(client, 'hoi-cho')).filter((n) => n.endsWith('.ics'));
    expect(files.length).toBeGreaterThan(3);
    for (const name of files) {
      const ics = readFileSync(path.join(client, 'hoi-cho', name), 'utf8').replace(/\r\n[ \t]/g, '');
      const location = /^LOCATION:(.*)$/m.exec(ics)?.[1]?.replace(/\\,/g, ',') ?? '';
      const parts = location.split(', ');
      expect(new Set(parts).size, location).toBe(parts.length);
      expect(location, name).not.toMatch(/(TP [^,]+|tỉnh [^,]+), \1$/);
    }
  });
});
