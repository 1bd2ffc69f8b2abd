/** Content-coding negotiation (q-values, "*", identity) and the types worth compressing. */
import { describe, expect, it } from 'vitest';
import { isCompressibleType, negotiateEncoding, varyAcceptEncoding } from '../../src/lib/server/encoding';

describe('negotiateEncoding', () => {
  const both = ['br', 'gzip'] as const;
  it.each([
    [undefined, both, 'identity'],
    ['', both, 'identity'],
    ['br', both, 'br'],
    ['gzip, deflate, br, zstd', both, 'br'],
    ['gzip', both, 'gzip'],
    ['x-gzip', both, 'gzip'],
    ['GZIP;Q=0.8', both, 'gzip'],
    ['gzip;q=1, br;q=0.5', both, 'gzip'],
    ['br;q=0.5, gzip;q=0.5', both, 'br'],
    ['br;q=0, gzip', both, 'gzip'],
    ['br;q=0, gzip;q=0', both, 'identity'],
    ['*', both, 'br'],
    ['*;q=0.5, br;q=0', both, 'gzip'],
    ['identity', both, 'identity'],
    ['identity;q=0, gzip;q=0.1', both, 'gzip'],
    ['deflate', both, 'identity'],
    ['br', ['gzip'], 'identity'],
    ['br, gzip;q=0.2', ['gzip'], 'gzip'],
    ['gzip;q=abc', both, 'gzip'],
    ['gzip;q=0.001, identity;q=0.5', both, 'identity'],
  ] as const)('%s with %j → %s', (header, offered, expected) => {
    expect(negotiateEncoding(header, offered)).toBe(expected);
  });
});

describe('isCompressibleType', () => {
  it.each([
    ['text/html; charset=utf-8', true],
    ['application/json', true],
    ['application/ld+json', true],
    ['application/rss+xml; charset=utf-8', true],
    ['text/calendar', true],
    ['image/svg+xml', true],
    ['text/javascript', true],
    ['image/png', false],
    ['image/webp', false],
    ['application/zip', false],
    ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', false],
    ['application/octet-stream', false],
    [undefined, false],
  ] as const)('%s → %s', (type, expected) => {
    expect(isCompressibleType(type)).toBe(expected);
  });
});

describe('varyAcceptEncoding', () => {
  it.each([
    [undefined, 'Accept-Encoding'],
    ['Origin', 'Origin, Accept-Encoding'],
    ['accept-encoding', 'accept-encoding'],
    ['*', '*'],
    [['Origin', 'Cookie'], 'Origin, Cookie, Accept-Encoding'],
  ] as const)('%j → %s', (existing, expected) => {
    expect(varyAcceptEncoding(existing)).toBe(expected);
  });
});
