/**
 * RSS 2.0 feeds (fairs, products) on Astro's own `@astrojs/rss`, which writes the document
 * (escaping, RFC 822 dates, guid); this module adds what both feeds need on top: the channel's
 * language, lastBuildDate and atom:link rel="self", a guid other than the link when an item asks
 * for one, and text cleared of characters XML 1.0 forbids. `escapeXml` also serves the sitemap.
 */
import { getRssString } from '@astrojs/rss';

/** Control characters other than tab and newlines, which XML 1.0 does not allow at all. */
// eslint-disable-next-line no-control-regex -- these are the characters being removed
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;

/** Escapes text for XML element content and attribute values. */
export function escapeXml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(XML_FORBIDDEN, '');
}

const clean = (text: string) => text.replace(XML_FORBIDDEN, '');

/** "Tue, 01 Dec 2026 02:00:00 GMT" — RFC 822 (with a four-digit year, as RSS 2.0 allows). */
export function rfc822Date(date: Date): string {
  return date.toUTCString();
}

export interface RssItem {
  title: string;
  link: string;
  description: string;
  pubDate: Date;
  /** A permanent identifier; when it is a URL, readers may open it. */
  guid: string;
}

export interface RssFeed {
  title: string;
  description: string;
  /** The site page the feed belongs to (absolute URL). */
  link: string;
  /** The feed's own absolute URL, announced with atom:link rel="self". */
  self?: string;
  language?: string;
  /** lastBuildDate; defaults to the newest item's date. */
  updated?: Date;
  items: readonly RssItem[];
}

/** A complete RSS 2.0 document. */
export async function renderRss(feed: RssFeed): Promise<string> {
  const newest = feed.items.reduce<Date | undefined>((latest, item) => (!latest || item.pubDate > latest ? item.pubDate : latest), undefined);
  const updated = feed.updated ?? newest;
  const channel = [
    `<language>${escapeXml(feed.language ?? 'vi-VN')}</language>`,
    updated ? `<lastBuildDate>${rfc822Date(updated)}</lastBuildDate>` : '',
    feed.self ? `<atom:link href="${escapeXml(feed.self)}" rel="self" type="application/rss+xml"/>` : '',
  ].join('');
  return getRssString({
    title: clean(feed.title),
    description: clean(feed.description),
    // The channel's link: the site page the feed belongs to, as the site writes it (no trailing slash).
    site: feed.link,
    trailingSlash: false,
    xmlns: { atom: 'http://www.w3.org/2005/Atom' },
    customData: channel,
    items: feed.items.map((item) => ({
      title: clean(item.title),
      link: item.link,
      description: clean(item.description),
      pubDate: item.pubDate,
      // @astrojs/rss uses the link as the guid; an item with its own identifier says so.
      ...(item.guid === item.link
        ? {}
        : { customData: `<guid isPermaLink="${/^https?:\/\//.test(item.guid) ? 'true' : 'false'}">${escapeXml(item.guid)}</guid>` }),
    })),
  });
}

/** Response headers for a feed. */
export const RSS_HEADERS = { 'Content-Type': 'application/rss+xml; charset=utf-8' } as const;
