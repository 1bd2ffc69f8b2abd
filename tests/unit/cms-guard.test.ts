/** Which paths belong to the content editor, however they are spelled (lib/server/cms/guard.ts). */
import { describe, expect, it } from 'vitest';
import { cmsArea, editorPolicy } from '~/lib/server/cms/guard';

describe('cmsArea', () => {
  const api = [
    '/api/keystatic',
    '/api/keystatic/',
    '/api/keystatic/tree',
    '/api/keystatic/tree/',
    '/API/Keystatic/tree',
    '/api//keystatic/tree',
    '//api/keystatic/tree',
    '/api/keystatic/./tree',
    '/api/x/../keystatic/tree',
    '/api/keystatic%2ftree',
    '/api%2Fkeystatic%2Ftree',
    '/api/%6beystatic/tree',
    '/api/keystatic%252ftree',
    '/api\\keystatic\\tree',
    '/api/keystatic/blob/abc/products%2f..%2f..%2f.env',
    '/api/keystatic/%E0%A4%A',
  ];
  const page = ['/keystatic', '/keystatic/', '/KEYSTATIC', '/keystatic/collection/products', '//keystatic', '/keystatic%2fcollection', '/x/../keystatic', '/keystatic/./'];
  const neither = ['/', '/api/keystatics', '/keystatically', '/api/search', '/quan-tri/xuat-ban', '/san-pham/keystatic', '/api/console/publish'];
  for (const p of api) it(`${p} → api`, () => expect(cmsArea(p)).toBe('api'));
  for (const p of page) it(`${p} → page`, () => expect(cmsArea(p)).toBe('page'));
  for (const p of neither) it(`${p} → not the editor`, () => expect(cmsArea(p)).toBeNull());
});

describe('editorPolicy', () => {
  it("allows Keystatic's runtime styles and blob: previews, keeps scripts to Astro's hashes", () => {
    const policy = editorPolicy("default-src 'self';img-src 'self' data:;connect-src 'self'; script-src 'self' 'sha256-abc'; style-src 'self' 'sha256-def'; frame-ancestors 'none'");
    expect(policy).toContain("script-src 'self' 'sha256-abc'");
    expect(policy).toContain("style-src 'self' 'unsafe-inline'");
    expect(policy).not.toContain('sha256-def');
    expect(policy).toContain("img-src 'self' data: blob:");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("connect-src 'self'");
  });
});
