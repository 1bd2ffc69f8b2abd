/**
 * The files of the built client folder (prerendered pages, assets), listed once at start, and
 * the server that sends them.
 *
 * GET and HEAD of a listed file are answered here with `send` (ETag, Last-Modified, 304, ranges,
 * HEAD), choosing the precompressed `.br` or `.gz` copy the build wrote beside it
 * (precompress.ts) by the request's Accept-Encoding, with `Content-Encoding` and
 * `Vary: Accept-Encoding`. Everything else goes to Astro without a file-system lookup.
 * A POST to a prerendered page must not reach Astro either — Astro has no handler for it and
 * fails — so such a request gets 405, from this list.
 */
import { readdirSync } from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { contentType } from 'mime-types';
import send from 'send';
import { negotiateEncoding, varyAcceptEncoding } from './encoding';

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

/**
 * The listed file a request URL names — the file itself or a folder's index.html — or null.
 * Dot-files are never served (except under `.well-known/`), as the adapter did.
 */
export function resolveStaticFile(files: ReadonlySet<string>, url: string): string | null {
  let pathname: string;
  try {
    // Resolved as Astro resolves it ("/x/../gioi-thieu", "%2e%2e"; "//keystatic" is a path, not
    // a host), then decoded.
    pathname = decodeURIComponent(new URL(url.startsWith('/') ? `http://localhost${url}` : url, 'http://localhost').pathname);
  } catch {
    return null;
  }
  const p = pathname.replace(/^\/+/, '').replace(/\/+$/, '');
  if (p.split('/').some((segment, i) => segment.startsWith('.') && !(i === 0 && segment === '.well-known'))) return null;
  const index = p === '' ? 'index.html' : `${p}/index.html`;
  // "/a.css/" is not the file a.css; "/gioi-thieu" and "/gioi-thieu/" are its index.html.
  if (!pathname.endsWith('/') && files.has(p)) return p;
  return files.has(index) ? index : null;
}

/** Whether the request URL names a static file: the file itself or a folder's index.html. */
export function isStaticPath(files: ReadonlySet<string>, url: string): boolean {
  return resolveStaticFile(files, url) !== null;
}

export interface StaticServer {
  /** Answers GET/HEAD of a listed file and returns true; false when the URL names none. */
  serve(req: http.IncomingMessage, res: http.ServerResponse, fallback: () => void): boolean;
  files: ReadonlySet<string>;
}

/** Hashed build assets never change under their name. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

export function createStaticServer(clientDir: string, files: ReadonlySet<string> = listStaticFiles(clientDir)): StaticServer {
  return {
    files,
    serve(req, res, fallback) {
      const file = resolveStaticFile(files, req.url ?? '/');
      if (file === null) return false;
      const offered: ('br' | 'gzip')[] = [];
      if (files.has(`${file}.br`)) offered.push('br');
      if (files.has(`${file}.gz`)) offered.push('gzip');
      // A range is asked of the file's own bytes (a resumed download): send those.
      const coding = offered.length === 0 || req.headers.range !== undefined ? 'identity' : negotiateEncoding(req.headers['accept-encoding'], offered);
      const sent = coding === 'br' ? `${file}.br` : coding === 'gzip' ? `${file}.gz` : file;
      // What send adds for the file (type, validators, encoding) must not reach another answer.
      const before = res.getHeaders();
      const stream = send(req, `/${sent}`, { root: clientDir, dotfiles: 'allow', index: false });
      let started = false;
      stream.on('headers', (r: http.ServerResponse) => {
        if (offered.length > 0) r.setHeader('Vary', varyAcceptEncoding(r.getHeader('Vary')));
        if (coding !== 'identity') {
          r.setHeader('Content-Encoding', coding);
          r.setHeader('Content-Type', contentType(path.extname(file)) || 'application/octet-stream');
        }
        if (file.startsWith('_astro/')) r.setHeader('Cache-Control', IMMUTABLE);
      });
      stream.on('file', () => {
        started = true;
      });
      stream.on('error', (err: Error & { status?: number; headers?: Record<string, string> }) => {
        if (res.headersSent) {
          res.destroy(err);
          return;
        }
        // 412 and 416 are answers about this file (send has read it); anything else (it vanished
        // since the listing) goes on to Astro with the headers as they were.
        const status = err.status ?? 500;
        if (status >= 400 && status < 500 && status !== 404 && started) {
          for (const name of ['content-encoding', 'content-length', 'content-type']) res.removeHeader(name);
          for (const [name, value] of Object.entries(err.headers ?? {})) res.setHeader(name, value);
          res.statusCode = status;
          res.end();
          return;
        }
        for (const name of res.getHeaderNames()) res.removeHeader(name);
        for (const [name, value] of Object.entries(before)) if (value !== undefined) res.setHeader(name, value);
        res.statusCode = 200;
        fallback();
      });
      stream.pipe(res);
      return true;
    },
  };
}
