import { describe, expect, it } from 'vitest';
import {
  escapeText,
  fairEvent,
  fairStatus,
  foldLine,
  placeLine,
  formatUtcDateTime,
  formatVietnamDateTime,
  renderCalendar,
  toVietnamIso,
  type FairLike,
} from '~/lib/ical';

const octets = (s: string) => new TextEncoder().encode(s).length;

/** Unfolds an iCalendar text (RFC 5545 §3.1) into content lines. */
function unfold(text: string): string[] {
  return text.replace(/\r\n[ \t]/g, '').split('\r\n').filter((l) => l !== '');
}

/** Reads a content line into name, parameters and the raw value. */
function parseLine(line: string): { name: string; params: Record<string, string>; value: string } {
  const colon = line.indexOf(':');
  const [name = '', ...params] = line.slice(0, colon).split(';');
  return {
    name,
    params: Object.fromEntries(params.map((p) => p.split('=') as [string, string])),
    value: line.slice(colon + 1),
  };
}

/** Undoes TEXT escaping. */
function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

const fair = (over: Partial<FairLike['data']> = {}, id = 'hoi-cho-lai-chau-2026'): FairLike => ({
  id,
  data: {
    name: 'Hội chợ triển lãm sản phẩm công nghiệp nông thôn tiêu biểu tỉnh Lai Châu năm 2026',
    venue: 'Quảng trường Nhân dân',
    address: 'Đại lộ Lê Lợi, phường Tân Phong',
    start: new Date('2026-12-10T08:00:00+07:00'),
    end: new Date('2026-12-14T21:00:00+07:00'),
    status: 'scheduled',
    summary: 'Gian hàng; sản phẩm, OCOP\\ và "đặc sản"\ncủa 240 gian tiêu chuẩn',
    revision: 3,
    ...over,
  },
});

const site = new URL('https://khuyencong.example.vn');
const stamp = new Date('2026-12-01T02:00:00Z');

describe('escapeText', () => {
  it.each([
    ['a,b', 'a\\,b'],
    ['a;b', 'a\\;b'],
    ['a\\b', 'a\\\\b'],
    ['dòng 1\ndòng 2', 'dòng 1\\ndòng 2'],
    ['dòng 1\r\ndòng 2', 'dòng 1\\ndòng 2'],
    ['Hội chợ: "OCOP"', 'Hội chợ: "OCOP"'],
  ])('%j → %j', (input, expected) => {
    expect(escapeText(input)).toBe(expected);
    expect(unescapeText(escapeText(input))).toBe(input.replace(/\r\n/g, '\n'));
  });
});

describe('foldLine', () => {
  it('leaves a line of 75 octets alone', () => {
    const line = 'X'.repeat(75);
    expect(foldLine(line)).toBe(line);
  });

  it('folds ASCII at 75 octets, continuation lines 74 + a space', () => {
    const line = 'A'.repeat(200);
    const parts = foldLine(line).split('\r\n');
    expect(parts[0]).toHaveLength(75);
    expect(parts.slice(1).every((p) => p.startsWith(' ') && octets(p) <= 75)).toBe(true);
    expect(parts.join('').replace(/ /g, '')).toBe(line);
  });

  it('never splits a multi-byte UTF-8 character', () => {
    const line = `SUMMARY:${'Hội chợ sản phẩm công nghiệp nông thôn tiêu biểu '.repeat(6)}`;
    const folded = foldLine(line);
    for (const part of folded.split('\r\n')) {
      expect(octets(part)).toBeLessThanOrEqual(75);
      // A cut character would decode to U+FFFD.
      expect(new TextDecoder().decode(new TextEncoder().encode(part))).not.toContain('\uFFFD');
    }
    expect(unfold(folded)).toEqual([line]);
  });

  it('folds 4-byte characters', () => {
    const line = `X:${'😀'.repeat(40)}`;
    const parts = foldLine(line).split('\r\n');
    expect(parts.every((p) => octets(p) <= 75)).toBe(true);
    expect(unfold(parts.join('\r\n'))).toEqual([line]);
  });
});

describe('date-times', () => {
  it('formats UTC and Vietnam wall-clock times', () => {
    const d = new Date('2026-12-10T08:00:00+07:00');
    expect(formatUtcDateTime(d)).toBe('20261210T010000Z');
    expect(formatVietnamDateTime(d)).toBe('20261210T080000');
    expect(toVietnamIso(d)).toBe('2026-12-10T08:00:00+07:00');
    // Across midnight UTC → next day in Vietnam.
    expect(formatVietnamDateTime(new Date('2026-12-31T20:30:00Z'))).toBe('20270101T033000');
  });
});

describe('fairStatus', () => {
  it.each([
    ['scheduled', 'CONFIRMED'],
    ['postponed', 'TENTATIVE'],
    ['cancelled', 'CANCELLED'],
  ] as const)('%s → %s', (status, expected) => {
    expect(fairStatus(status)).toBe(expected);
  });
});

describe('renderCalendar', () => {
  const single = renderCalendar({
    prodId: '-//Khuyen cong//Lich hoi cho//VI',
    method: 'PUBLISH',
    stamp,
    events: [fairEvent(fair(), site, 'tỉnh Lai Châu')],
  });

  it('uses CRLF only, ends with CRLF and keeps every line within 75 octets', () => {
    expect(single.endsWith('\r\n')).toBe(true);
    expect(single.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of single.split('\r\n')) expect(octets(line)).toBeLessThanOrEqual(75);
  });

  it('nests BEGIN/END properly', () => {
    const stack: string[] = [];
    const seen: string[] = [];
    for (const { name, value } of unfold(single).map(parseLine)) {
      if (name === 'BEGIN') {
        stack.push(value);
        seen.push(value);
      }
      if (name === 'END') expect(stack.pop()).toBe(value);
    }
    expect(stack).toEqual([]);
    expect(seen).toEqual(['VCALENDAR', 'VTIMEZONE', 'STANDARD', 'VEVENT']);
  });

  it('carries the calendar and event fields', () => {
    const lines = unfold(single).map(parseLine);
    const event = lines.slice(lines.findIndex((l) => l.name === 'BEGIN' && l.value === 'VEVENT'));
    // Calendar-level and VTIMEZONE properties come first; event properties from the VEVENT.
    const get = (name: string) => event.find((l) => l.name === name) ?? lines.find((l) => l.name === name);
    expect(get('VERSION')?.value).toBe('2.0');
    expect(get('PRODID')?.value).toBe('-//Khuyen cong//Lich hoi cho//VI');
    expect(get('CALSCALE')?.value).toBe('GREGORIAN');
    expect(get('METHOD')?.value).toBe('PUBLISH');
    expect(get('TZID')?.value).toBe('Asia/Ho_Chi_Minh');
    expect(get('TZOFFSETFROM')?.value).toBe('+0700');
    expect(get('TZOFFSETTO')?.value).toBe('+0700');
    expect(get('TZNAME')?.value).toBe('+07');
    expect(lines.find((l) => l.name === 'DTSTART')?.value).toBe('19700101T000000');
    expect(get('UID')?.value).toBe('hoi-cho-lai-chau-2026@khuyencong.example.vn');
    expect(get('DTSTAMP')?.value).toBe('20261201T020000Z');
    const start = get('DTSTART');
    expect(start?.params).toEqual({ TZID: 'Asia/Ho_Chi_Minh' });
    expect(start?.value).toBe('20261210T080000');
    expect(get('DTEND')?.value).toBe('20261214T210000');
    expect(get('SEQUENCE')?.value).toBe('3');
    expect(get('STATUS')?.value).toBe('CONFIRMED');
    expect(unescapeText(get('SUMMARY')?.value ?? '')).toBe(fair().data.name);
    expect(unescapeText(get('LOCATION')?.value ?? '')).toBe(
      'Quảng trường Nhân dân, Đại lộ Lê Lợi, phường Tân Phong, tỉnh Lai Châu',
    );
    expect(unescapeText(get('DESCRIPTION')?.value ?? '')).toBe(fair().data.summary);
    expect(get('URL')?.value).toBe('https://khuyencong.example.vn/hoi-cho/hoi-cho-lai-chau-2026');
  });

  it('marks cancelled and postponed fairs, and names a subscription feed', () => {
    const feed = renderCalendar({
      prodId: '-//x//y//VI',
      name: 'Lịch hội chợ, khuyến công',
      stamp,
      events: [
        fairEvent(fair({ status: 'cancelled' }, 'a'), site, 'TP Đà Nẵng'),
        fairEvent(fair({ status: 'postponed' }, 'b'), site, 'TP Đà Nẵng'),
      ],
    });
    const lines = unfold(feed).map(parseLine);
    expect(lines.find((l) => l.name === 'METHOD')).toBeUndefined();
    expect(lines.find((l) => l.name === 'X-WR-CALNAME')?.value).toBe('Lịch hội chợ\\, khuyến công');
    expect(lines.filter((l) => l.name === 'STATUS').map((l) => l.value)).toEqual(['CANCELLED', 'TENTATIVE']);
    expect(lines.filter((l) => l.name === 'UID').map((l) => l.value)).toEqual([
      'a@khuyencong.example.vn',
      'b@khuyencong.example.vn',
    ]);
    expect(unescapeText(lines.find((l) => l.name === 'SUMMARY')?.value ?? '')).toMatch(/^ĐÃ HỦY: /);
  });
});

describe('placeLine (the LOCATION of a fair)', () => {
  it.each([
    [['Cung Thể thao Tiên Sơn', 'Đường Phan Đăng Lưu, phường Hòa Cường, TP Đà Nẵng', 'TP Đà Nẵng'], 'Cung Thể thao Tiên Sơn, Đường Phan Đăng Lưu, phường Hòa Cường, TP Đà Nẵng'],
    [['Quảng trường', 'Phường Cẩm Thành, tỉnh Quảng Ngãi', 'tỉnh Quảng Ngãi'], 'Quảng trường, Phường Cẩm Thành, tỉnh Quảng Ngãi'],
    [['Nhà văn hóa', 'phường Hải Châu, Đà Nẵng.', 'TP Đà Nẵng'], 'Nhà văn hóa, phường Hải Châu, Đà Nẵng.'],
    [['Nhà văn hóa', 'đường Lê Lợi, phường Tân Phong', 'tỉnh Lai Châu'], 'Nhà văn hóa, đường Lê Lợi, phường Tân Phong, tỉnh Lai Châu'],
    [['Sân vận động', 'xã Đakrông, tinh Quang Tri', 'tỉnh Quảng Trị'], 'Sân vận động, xã Đakrông, tinh Quang Tri'],
    [['Chợ', '', 'tỉnh Lào Cai'], 'Chợ, tỉnh Lào Cai'],
  ])('%j → %s', (parts, expected) => {
    expect(placeLine(parts)).toBe(expected);
  });
});
