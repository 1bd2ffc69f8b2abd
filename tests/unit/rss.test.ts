/** The RSS feeds' document, written by @astrojs/rss with the channel elements the site adds. */
import { describe, expect, it } from 'vitest';
import { escapeXml, renderRss } from '../../src/lib/rss';

describe('renderRss', () => {
  it('writes RSS 2.0 with language, lastBuildDate, atom:link self, escaped text and each guid', async () => {
    const xml = await renderRss({
      title: 'Hội chợ <sắp> & \u0001diễn ra',
      description: 'Các hội chợ',
      link: 'http://localhost:4321/hoi-cho',
      self: 'http://localhost:4321/rss/hoi-cho.xml',
      updated: new Date('2026-12-01T02:00:00Z'),
      items: [
        { title: 'A & B', link: 'http://localhost:4321/hoi-cho/a', guid: 'http://localhost:4321/hoi-cho/a', pubDate: new Date('2026-11-01T00:00:00Z'), description: 'x <b>y</b>' },
        { title: 'C', link: 'http://localhost:4321/san-pham/c', guid: 'http://localhost:4321/san-pham/c#12', pubDate: new Date('2026-11-02T00:00:00Z'), description: 'z' },
      ],
    });
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><rss version="2.0" xmlns:atom="http:\/\/www.w3.org\/2005\/Atom"><channel>/);
    expect(xml).toContain('<title>Hội chợ &lt;sắp&gt; &amp; diễn ra</title>');
    expect(xml).toContain('<link>http://localhost:4321/hoi-cho</link>');
    expect(xml).toContain('<language>vi-VN</language><lastBuildDate>Tue, 01 Dec 2026 02:00:00 GMT</lastBuildDate>');
    expect(xml).toContain('<atom:link href="http://localhost:4321/rss/hoi-cho.xml" rel="self" type="application/rss+xml"/>');
    expect(xml).toContain('<guid isPermaLink="true">http://localhost:4321/hoi-cho/a</guid><description>x &lt;b&gt;y&lt;/b&gt;</description><pubDate>Sun, 01 Nov 2026 00:00:00 GMT</pubDate>');
    expect(xml).toContain('<guid isPermaLink="true">http://localhost:4321/san-pham/c#12</guid>');
    expect(xml).not.toContain('\u0001');
  });

  it('escapes for the sitemap too', () => {
    expect(escapeXml(`a&b<c>"d"'e'\u0000`)).toBe('a&amp;b&lt;c&gt;&quot;d&quot;&apos;e&apos;');
  });
});
