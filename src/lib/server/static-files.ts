/**
 * The files of the built client folder (prerendered pages, assets), listed once at start.
 *
 * The server sends methods other than GET and HEAD straight to Astro, without the adapter's
 * static-file lookup (a stat per request). A POST to a prerendered page must not reach Astro
 * either — Astro has no handler for it and fails — so such a request gets 405, from this list.
 */
import { readdirSync } from 'node:fs';

/** Paths relative to `dir`, with "/" separators (e.g. "gioi-thieu/index.html"). */
export function listStaticFiles(dir: string): Set<string> {
  try {
    const entries = readdirSync(dir, { recursive: true, withFileTypes: true });
    const files = new Set<string>();
    for (const e of entries) {
      if (!e.isFile()) continue;
      const parent = e.parentPath.slice(dir.length).replace(/^[\\/]+/, '').replaceAll('\\', '/');
      files.add(parent ? `${parent}/${e.name}` : e.name);
    }
    return files;
  } catch {
    return new Set();
  }
}

/** Whether the request URL names a static file: the file itself or a folder's index.html. */
export function isStaticPath(files: ReadonlySet<string>, url: string): boolean {
  let pathname: string;
  try {
    // Resolved as Astro resolves it ("/x/../gioi-thieu", "%2e%2e"), then decoded.
    pathname = decodeURIComponent(new URL(url, 'http://localhost').pathname);
  } catch {
    return false;
  }
  const p = pathname.replace(/^\/+/, '').replace(/\/+$/, '');
  return files.has(p) || files.has(p === '' ? 'index.html' : `${p}/index.html`);
}
