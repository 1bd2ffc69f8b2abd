/**
 * iCalendar (RFC 5545) generation as pure functions: TEXT escaping, 75-octet line folding,
 * Vietnam wall-clock date-times with a VTIMEZONE, and whole VCALENDAR documents.
 * Vietnam has had no daylight saving time since 1975, so one STANDARD rule at +07:00 is exact.
 */

import { fold } from './fold';

export const ICAL_TZID = 'Asia/Ho_Chi_Minh';
const VN_OFFSET_MS = 7 * 60 * 60 * 1000;
const CRLF = '\r\n';
const MAX_OCTETS = 75;

export type IcsStatus = 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';

export interface IcsEvent {
  uid: string;
  /** Bumped whenever a published event changes. */
  sequence: number;
  start: Date;
  end: Date;
  summary: string;
  location?: string;
  description?: string;
  url?: string;
  status: IcsStatus;
}

export interface IcsCalendar {
  prodId: string;
  /** X-WR-CALNAME, the name a calendar app shows for a subscription. */
  name?: string;
  /** METHOD:PUBLISH for a single downloadable event. */
  method?: 'PUBLISH';
  /** DTSTAMP of every event: when this file was generated. */
  stamp: Date;
  events: readonly IcsEvent[];
}

/** Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

const encoder = new TextEncoder();

/**
 * Folds one content line so that no physical line exceeds 75 octets (RFC 5545 §3.1),
 * continuation lines starting with a space. Splits only between code points, so a
 * multi-byte UTF-8 character (every Vietnamese letter with a diacritic) is never cut.
 */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= MAX_OCTETS) return line;
  const parts: string[] = [];
  let current = '';
  let size = 0;
  // The first line holds 75 octets; continuation lines hold 74 after their leading space.
  let limit = MAX_OCTETS;
  for (const char of line) {
    const octets = encoder.encode(char).length;
    if (size + octets > limit) {
      parts.push(current);
      current = '';
      size = 0;
      limit = MAX_OCTETS - 1;
    }
    current += char;
    size += octets;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** "20261201T020000Z" — a UTC DATE-TIME. */
export function formatUtcDateTime(date: Date): string {
  return (
    `${pad(date.getUTCFullYear(), 4)}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}` +
    `T${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}Z`
  );
}

/** "20261210T080000" — the local DATE-TIME in Vietnam (used with TZID=Asia/Ho_Chi_Minh). */
export function formatVietnamDateTime(date: Date): string {
  return formatUtcDateTime(new Date(date.getTime() + VN_OFFSET_MS)).slice(0, -1);
}

/** "2026-12-10T08:00:00+07:00" — ISO 8601 in Vietnam time, for schema.org and <time>. */
export function toVietnamIso(date: Date): string {
  const local = new Date(date.getTime() + VN_OFFSET_MS).toISOString().slice(0, 19);
  return `${local}+07:00`;
}

const VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  `TZID:${ICAL_TZID}`,
  'BEGIN:STANDARD',
  'DTSTART:19700101T000000',
  'TZOFFSETFROM:+0700',
  'TZOFFSETTO:+0700',
  'TZNAME:+07',
  'END:STANDARD',
  'END:VTIMEZONE',
];

function eventLines(event: IcsEvent, stamp: Date): string[] {
  const lines = [
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `DTSTAMP:${formatUtcDateTime(stamp)}`,
    `DTSTART;TZID=${ICAL_TZID}:${formatVietnamDateTime(event.start)}`,
    `DTEND;TZID=${ICAL_TZID}:${formatVietnamDateTime(event.end)}`,
    `SEQUENCE:${String(event.sequence)}`,
    `STATUS:${event.status}`,
    `SUMMARY:${escapeText(event.summary)}`,
  ];
  if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
  if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  // URL is a URI value, not TEXT: it is not escaped.
  if (event.url) lines.push(`URL:${event.url}`);
  lines.push('END:VEVENT');
  return lines;
}

/** A complete VCALENDAR: CRLF line endings, folded lines, ending with CRLF. */
export function renderCalendar(calendar: IcsCalendar): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${calendar.prodId}`,
    'CALSCALE:GREGORIAN',
  ];
  if (calendar.method) lines.push(`METHOD:${calendar.method}`);
  if (calendar.name) {
    lines.push(`X-WR-CALNAME:${escapeText(calendar.name)}`);
    lines.push(`X-WR-TIMEZONE:${ICAL_TZID}`);
  }
  lines.push(...VTIMEZONE);
  for (const event of calendar.events) lines.push(...eventLines(event, calendar.stamp));
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}

/** The fields of a fair an event needs (structural, so this module stays free of astro:content). */
export interface FairLike {
  id: string;
  data: {
    name: string;
    venue: string;
    address: string;
    start: Date;
    end: Date;
    status: 'scheduled' | 'postponed' | 'cancelled';
    summary: string;
    revision: number;
  };
}

/** A fair's status as an iCalendar STATUS: a postponed fair is TENTATIVE until it has new dates. */
export function fairStatus(status: FairLike['data']['status']): IcsStatus {
  if (status === 'cancelled') return 'CANCELLED';
  if (status === 'postponed') return 'TENTATIVE';
  return 'CONFIRMED';
}

/** "tp ", "tinh ", "thanh pho " — administrative prefixes, folded. */
const UNIT_PREFIX = /^(tp\.? |tinh |thanh pho )/;

/**
 * Venue, address and province joined with ", ", leaving out a part the text before it already
 * ends with ("…, TP Đà Nẵng" then "TP Đà Nẵng"; "…, Đà Nẵng" then "TP Đà Nẵng"), compared
 * without diacritics or case.
 */
export function placeLine(parts: readonly string[]): string {
  const kept: string[] = [];
  for (const raw of parts) {
    const part = raw.trim();
    if (!part) continue;
    const sofar = fold(kept.join(', ')).replace(/[.\s]+$/, '');
    const folded = fold(part);
    if (kept.length > 0 && (sofar.endsWith(folded) || sofar.endsWith(folded.replace(UNIT_PREFIX, '')))) continue;
    kept.push(part);
  }
  return kept.join(', ');
}

/** The VEVENT of a fair. `site` is the site's origin; the UID is `<fair id>@<site host>`. */
export function fairEvent(fair: FairLike, site: URL, provinceName: string): IcsEvent {
  const prefix =
    fair.data.status === 'cancelled' ? 'ĐÃ HỦY: ' : fair.data.status === 'postponed' ? 'TẠM HOÃN: ' : '';
  return {
    uid: `${fair.id}@${site.hostname}`,
    sequence: fair.data.revision,
    start: fair.data.start,
    end: fair.data.end,
    summary: `${prefix}${fair.data.name}`,
    location: placeLine([fair.data.venue, fair.data.address, provinceName]),
    description: fair.data.summary,
    url: new URL(`/hoi-cho/${fair.id}`, site).href,
    status: fairStatus(fair.data.status),
  };
}

/** ASCII on purpose: some calendar apps mangle a non-ASCII PRODID. */
export const ICAL_PRODID = '-//Khuyen cong//Lich hoi cho//VI';

/** Response headers for a calendar file. */
export function calendarHeaders(filename: string): Record<string, string> {
  return {
    'Content-Type': 'text/calendar; charset=utf-8',
    'Content-Disposition': `attachment; filename="${filename}"`,
  };
}
