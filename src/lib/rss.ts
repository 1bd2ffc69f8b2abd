/**
 * RSS 2.0 as pure functions: XML escaping, RFC 822 dates and a whole feed. Shared by the
 * fairs feed and the products feed.
 */

/** Escapes text for XML element content and attribute values. */
export function escapeXml(value: string): string {
  return (
    value
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
      // Control characters other than tab and newlines are not allowed in XML 1.0.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '')
  );
}

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

function element(name: string, value: string): string {
  return `<${name}>${escapeXml(value)}</${name}>`;
}

/** A complete RSS 2.0 document. */
export function renderRss(feed: RssFeed): string {
  const newest = feed.items.reduce<Date | undefined>(
    (latest, item) => (!latest || item.pubDate > latest ? item.pubDate : latest),
    undefined,
  );
  const updated = feed.updated ?? newest;
  const channel = [
    element('title', feed.title),
    element('link', feed.link),
    element('description', feed.description),
    element('language', feed.language ?? 'vi-VN'),
    ...(updated ? [element('lastBuildDate', rfc822Date(updated))] : []),
    ...(feed.self
      ? [`<atom:link href="${escapeXml(feed.self)}" rel="self" type="application/rss+xml"/>`]
      : []),
    ...feed.items.map((item) => {
      const permalink = /^https?:\/\//.test(item.guid) ? 'true' : 'false';
      return [
        '<item>',
        element('title', item.title),
        element('link', item.link),
        element('description', item.description),
        element('pubDate', rfc822Date(item.pubDate)),
        `<guid isPermaLink="${permalink}">${escapeXml(item.guid)}</guid>`,
        '</item>',
      ].join('');
    }),
  ];
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">\n<channel>\n' +
    channel.join('\n') +
    '\n</channel>\n</rss>\n'
  );
}

/** Response headers for a feed. */
export const RSS_HEADERS = { 'Content-Type': 'application/rss+xml; charset=utf-8' } as const;
