/** Which request paths name a built static file (so a POST to them gets 405, not Astro). */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isStaticPath, listStaticFiles, resolveStaticFile } from '../../src/lib/server/static-files';

const dir = mkdtempSync(path.join(os.tmpdir(), 'khuyen-cong-static-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
for (const file of ['index.html', 'robots.txt', '.env', '.well-known/security.txt', 'a.css', 'gioi-thieu/index.html', 'san-pham/che-shan-tuyet/index.html', '_astro/app.abc.css']) {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), 'x');
}
mkdirSync(path.join(dir, 'empty-folder'));

describe('static files', () => {
  const files = listStaticFiles(dir);

  it('lists every file with "/" separators, and no folders', () => {
    expect([...files].sort()).toEqual(['.env', '.well-known/security.txt', '_astro/app.abc.css', 'a.css', 'gioi-thieu/index.html', 'index.html', 'robots.txt', 'san-pham/che-shan-tuyet/index.html']);
  });

  it('matches a file, or a folder by its index.html, with or without the trailing slash, ignoring the query', () => {
    for (const url of ['/', '/?a=1', '/robots.txt', '/gioi-thieu', '/gioi-thieu/', '/gioi-thieu/?x#y', '/san-pham/che-shan-tuyet', '/_astro/app.abc.css', '/%67ioi-thieu/', '/x/../gioi-thieu', '/x/%2e%2e/gioi-thieu/', '/san-pham/./che-shan-tuyet']) {
      expect(isStaticPath(files, url), url).toBe(true);
    }
  });

  it('does not match on-demand routes, unknown paths, folders without index.html or malformed escapes', () => {
    for (const url of ['/api/fairs/x/registrations', '/san-pham', '/empty-folder', '/gioi-thieu/index', '/%E0%A4%A']) {
      expect(isStaticPath(files, url), url).toBe(false);
    }
  });

  it('resolves the file to send, never a dot-file outside .well-known, never a file named with a trailing slash', () => {
    expect(resolveStaticFile(files, '/')).toBe('index.html');
    expect(resolveStaticFile(files, '/gioi-thieu')).toBe('gioi-thieu/index.html');
    expect(resolveStaticFile(files, '/a.css')).toBe('a.css');
    expect(resolveStaticFile(files, '/a.css/')).toBeNull();
    expect(resolveStaticFile(files, '/.env')).toBeNull();
    // Not a host: Astro routes "//keystatic" as the path "//keystatic", so it is no static file.
    expect(resolveStaticFile(files, '//keystatic')).toBeNull();
    expect(resolveStaticFile(files, '//robots.txt')).toBe('robots.txt');
    expect(resolveStaticFile(files, '/%2eenv')).toBeNull();
    expect(resolveStaticFile(files, '/.well-known/security.txt')).toBe('.well-known/security.txt');
  });

  it('never reads "//name" as a host: "//keystatic" is not the home page', () => {
    expect(resolveStaticFile(files, '//keystatic')).toBeNull();
    expect(resolveStaticFile(files, '//keystatic/')).toBeNull();
    expect(resolveStaticFile(files, '//evil.example/')).toBeNull();
    expect(resolveStaticFile(files, '//gioi-thieu')).toBe('gioi-thieu/index.html');
  });

  it('is empty for a missing folder', () => {
    expect(listStaticFiles(path.join(dir, 'missing')).size).toBe(0);
  });
});
