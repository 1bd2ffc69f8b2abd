/**
 * How the build compresses its pages and draws the sharing images (precompress.mjs,
 * build-output.mjs): pages are compressed as they are written, and what was not (or changed
 * since) at the end; the precompression workers report each sharing image's link as they find
 * it, the drawer draws each linked JPEG once, several at a time, and a later build with the same
 * pictures copies them from the cache — the same bytes — while a changed picture is drawn again;
 * cache files unused for 30 days go. Real pages, real zlib and sharp, temporary folders.
 */
import fs, { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ogImageDrawer, writeOgImages } from '../../src/lib/server/build-output.mjs';
import { ogImageDrawerProcess } from '../../src/lib/server/og-drawer-process.mjs';
import { precompressAsWritten, precompressDir } from '../../src/lib/server/precompress.mjs';

const temp = mkdtempSync(path.join(os.tmpdir(), 'kc-og-drawing-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const svg = (fill: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"><rect width="400" height="300" fill="${fill}"/><circle cx="200" cy="150" r="90" fill="#fff"/></svg>`;

/** A client folder with two pictures in `_astro/`, as the build leaves it before drawing. */
function clientWith(name: string, pictures: Record<string, string>): string {
  const dir = path.join(temp, name);
  mkdirSync(path.join(dir, '_astro'), { recursive: true });
  for (const [file, body] of Object.entries(pictures)) writeFileSync(path.join(dir, '_astro', file), body);
  return dir;
}

const links = new Map<string, 'cover' | 'contain'>([
  ['anh.AAAA1111-cat', 'cover'],
  ['logo.BBBB2222-tron', 'contain'],
]);
const pictures = { 'anh.AAAA1111.svg': svg('#1d5b3c'), 'logo.BBBB2222.svg': svg('#a6262a') };

describe('drawing the sharing images', () => {
  const cacheDir = path.join(temp, 'cache');

  it('draws each linked JPEG at 1200 × 630, then a build with the same pictures copies the same bytes from the cache', async () => {
    const first = clientWith('first', pictures);
    expect(await writeOgImages(first, links, { cacheDir, concurrency: 2 })).toEqual({ drawn: 2, reused: 0 });
    for (const key of links.keys()) {
      const info = await sharp(path.join(first, 'og', `${key}.jpg`)).metadata();
      expect([info.format, info.width, info.height]).toEqual(['jpeg', 1200, 630]);
    }
    expect(readdirSync(cacheDir).filter((n) => n.endsWith('.jpg'))).toHaveLength(2);

    const second = clientWith('second', pictures);
    expect(await writeOgImages(second, links, { cacheDir })).toEqual({ drawn: 0, reused: 2 });
    for (const key of links.keys()) {
      expect(readFileSync(path.join(second, 'og', `${key}.jpg`)).equals(readFileSync(path.join(first, 'og', `${key}.jpg`)))).toBe(true);
    }
  });

  it('draws a picture again when its bytes changed under the same name, and crops or contains as linked', async () => {
    const changed = clientWith('changed', { ...pictures, 'anh.AAAA1111.svg': svg('#7a5300') });
    expect(await writeOgImages(changed, links, { cacheDir })).toEqual({ drawn: 1, reused: 1 });
    const { data } = await sharp(path.join(changed, 'og', 'anh.AAAA1111-cat.jpg')).raw().toBuffer({ resolveWithObject: true });
    // The new colour (#7a5300) at the corner of the cropped picture, not the cached green.
    expect(Math.abs((data[0] ?? 0) - 0x7a)).toBeLessThan(12);
    const logo = await sharp(path.join(changed, 'og', 'logo.BBBB2222-tron.jpg')).raw().toBuffer({ resolveWithObject: true });
    // Contained on white: the corner is white, not the logo's red.
    expect(logo.data[0]).toBeGreaterThan(245);
  });

  it('draws without a cache when given none', async () => {
    const dir = clientWith('uncached', pictures);
    expect(await writeOgImages(dir, links)).toEqual({ drawn: 2, reused: 0 });
  });

  it('fails with the missing picture named, after the other drawings stopped', async () => {
    const dir = clientWith('missing', { 'anh.AAAA1111.svg': pictures['anh.AAAA1111.svg'] });
    const drawer = ogImageDrawer(dir, { concurrency: 2 });
    for (const [key, fit] of links) drawer.add(key, fit);
    await expect(drawer.done()).rejects.toThrow('Ảnh chia sẻ /og/logo.BBBB2222-tron.jpg: không thấy ảnh gốc _astro/logo.BBBB2222.*');
  });

  it('deletes cached drawings no build has used for 30 days, keeps those it used', async () => {
    const old = path.join(cacheDir, 'cafe0000cafe0000cafe0000cafe0000.jpg');
    writeFileSync(old, 'old drawing');
    const longAgo = new Date(Date.now() - 31 * 24 * 3600 * 1000);
    utimesSync(old, longAgo, longAgo);
    for (const name of readdirSync(cacheDir)) if (name !== path.basename(old)) utimesSync(path.join(cacheDir, name), longAgo, longAgo);
    const dir = clientWith('prune', pictures);
    expect(await writeOgImages(dir, links, { cacheDir })).toEqual({ drawn: 0, reused: 2 });
    expect(existsSync(old)).toBe(false);
    // The two this build used were touched, the changed picture's drawing was not.
    expect(readdirSync(cacheDir).filter((n) => n.endsWith('.jpg'))).toHaveLength(2);
  });
});

describe('drawing them in a low-priority process while the pages are prerendered', () => {
  it('draws in a process whose every thread runs at the lowest priority, finding pictures still in the server folder', async () => {
    const client = clientWith('process', {});
    const server = path.join(temp, 'process-server', '_astro');
    mkdirSync(server, { recursive: true });
    for (const [file, body] of Object.entries(pictures)) writeFileSync(path.join(server, file), body);
    const drawer = ogImageDrawerProcess(client, { sourceDirs: [path.join(client, '_astro'), server] });
    for (const [key, fit] of links) drawer.add(key, fit);
    drawer.add('anh.AAAA1111-cat', 'cover'); // a link seen again: drawn once
    if (existsSync('/proc/self/task') && drawer.pid) {
      const tasks = `/proc/${String(drawer.pid)}/task`;
      // `nice` runs first, then is replaced by Node, which starts its threads.
      for (let i = 0; i < 100 && (readFileSync(`/proc/${String(drawer.pid)}/comm`, 'utf8').trim() === 'nice' || readdirSync(tasks).length < 5); i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      // A thread's priority is the 19th field of its stat, after the parenthesised name.
      const nice = readdirSync(tasks).map((t) => {
        const stat = readFileSync(`/proc/${String(drawer.pid)}/task/${t}/stat`, 'utf8');
        return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16];
      });
      expect(nice.length).toBeGreaterThanOrEqual(5);
      expect(new Set(nice)).toEqual(new Set(['19']));
    }
    expect(await drawer.done()).toEqual({ drawn: 2, reused: 0 });
    for (const key of links.keys()) {
      const info = await sharp(path.join(client, 'og', `${key}.jpg`)).metadata();
      expect([info.format, info.width, info.height]).toEqual(['jpeg', 1200, 630]);
    }
  });

  it('draws at the normal priority where there is no `nice`', async () => {
    const dir = clientWith('process-no-nice', pictures);
    const path0 = process.env['PATH'];
    process.env['PATH'] = path.join(temp, 'empty-path');
    try {
      const drawer = ogImageDrawerProcess(dir, {});
      for (const [key, fit] of links) drawer.add(key, fit);
      expect(await drawer.done()).toEqual({ drawn: 2, reused: 0 });
    } finally {
      process.env['PATH'] = path0;
    }
  });

  it('fails the build with the missing picture named', async () => {
    const dir = clientWith('process-missing', { 'anh.AAAA1111.svg': pictures['anh.AAAA1111.svg'] });
    const drawer = ogImageDrawerProcess(dir, {});
    for (const [key, fit] of links) drawer.add(key, fit);
    await expect(drawer.done()).rejects.toThrow('Ảnh chia sẻ /og/logo.BBBB2222-tron.jpg: không thấy ảnh gốc _astro/logo.BBBB2222.*');
  });
});

describe('the links the precompression workers report', () => {
  it('hands each linked sharing image to onOg while compressing, the same set it returns', async () => {
    const dir = path.join(temp, 'pages');
    const page = (key: string) =>
      `<!doctype html><html><head><meta property="og:image" content="http://localhost/og/${key}.jpg"></head><body>${'<p>Nội dung trang</p>'.repeat(200)}</body></html>`;
    // Enough pages for several batches: the links arrive with the batches, not only at the end.
    for (let i = 0; i < 200; i++) {
      mkdirSync(path.join(dir, `p${String(i)}`), { recursive: true });
      writeFileSync(path.join(dir, `p${String(i)}`, 'index.html'), page(i % 2 ? 'anh.AAAA1111-cat' : `logo.L${String(i % 10)}-tron`));
    }
    const seen: string[] = [];
    let compressedWhenFirstSeen = -1;
    const { og, stats } = await precompressDir(dir, {
      workers: 2,
      onOg: (key, fit) => {
        if (!seen.length) compressedWhenFirstSeen = readdirSync(dir, { recursive: true }).filter((n) => String(n).endsWith('.br')).length;
        seen.push(`${key} ${fit}`);
      },
    });
    expect(stats.files).toBe(200);
    expect(new Set(seen)).toEqual(new Set([...og].map(([key, fit]) => `${key} ${fit}`)));
    expect(og.get('anh.AAAA1111-cat')).toBe('cover');
    expect(og.get('logo.L4-tron')).toBe('contain');
    expect(og.size).toBe(6);
    expect(compressedWhenFirstSeen).toBeLessThan(200);
  });
});

describe('compressing the pages as they are written', () => {
  it('compresses what fs.promises.writeFile writes into the folder, and precompressDir the rest and what changed since', async () => {
    const dir = path.join(temp, 'as-written');
    mkdirSync(path.join(dir, 'a'), { recursive: true });
    const original = fs.promises.writeFile;
    const html = (n: number) => `<!doctype html><html><head><meta property="og:image" content="/og/anh.P${String(n)}-cat.jpg"></head><body>${'<p>Trang đã viết</p>'.repeat(100 + n)}</body></html>`;
    // There before the pages, as the client build leaves its scripts and styles: compressed first.
    mkdirSync(path.join(dir, '_astro'));
    const script = `export const a = ${JSON.stringify('mã nguồn '.repeat(400))};`;
    writeFileSync(path.join(dir, '_astro', 'app.js'), script);
    writeFileSync(path.join(dir, '_astro', 'tiny.css'), 'a{color:red}'); // under 1 KB: left as it is
    const reported: string[] = [];
    const asWritten = precompressAsWritten(dir, { onOg: (key) => reported.push(key) });
    expect(fs.promises.writeFile).not.toBe(original);
    await fs.promises.writeFile(path.join(dir, 'a', 'index.html'), Buffer.from(html(1)));
    await fs.promises.writeFile(pathToFileURL(path.join(dir, 'b.html')), html(2));
    await fs.promises.writeFile(path.join(dir, 'c.xml'), `<rss>${'<item>mục</item>'.repeat(200)}</rss>`);
    await fs.promises.writeFile(path.join(temp, 'outside.html'), html(3));
    // Written twice at once: which write its copies are of is unknown, so it is left for the end.
    await Promise.all([fs.promises.writeFile(path.join(dir, 'twice.html'), html(6)), fs.promises.writeFile(path.join(dir, 'twice.html'), html(7))]);
    writeFileSync(path.join(dir, 'sync.html'), html(4)); // not through fs.promises: left for the end
    await asWritten.drained();
    const early = await asWritten.stop();
    expect(fs.promises.writeFile).toBe(original);
    expect([...early.written.keys()].map((f) => path.relative(dir, f)).sort()).toEqual(['_astro/app.js', '_astro/tiny.css', 'a/index.html', 'b.html', 'c.xml']);
    expect(early.stats.files).toBe(4);
    expect(brotliDecompressSync(readFileSync(path.join(dir, '_astro', 'app.js.br'))).toString()).toBe(script);
    expect(existsSync(path.join(dir, '_astro', 'tiny.css.br'))).toBe(false);
    expect([...early.og.keys()].sort()).toEqual(['anh.P1-cat', 'anh.P2-cat']);
    expect(reported.sort()).toEqual(['anh.P1-cat', 'anh.P2-cat']); // handed to the drawer as found
    for (const file of ['a/index.html', 'b.html', 'c.xml']) {
      const data = readFileSync(path.join(dir, file));
      expect(brotliDecompressSync(readFileSync(path.join(dir, `${file}.br`))).equals(data)).toBe(true);
      expect(gunzipSync(readFileSync(path.join(dir, `${file}.gz`))).equals(data)).toBe(true);
    }
    expect(existsSync(path.join(temp, 'outside.html.br'))).toBe(false);
    expect(existsSync(path.join(dir, 'sync.html.br'))).toBe(false);

    // Changed after it was compressed (written again another way): compressed again at the end.
    writeFileSync(path.join(dir, 'b.html'), html(5));
    writeFileSync(path.join(dir, '_astro', 'app.js'), `${script}\nexport const b = 2;`);
    const { stats, og } = await precompressDir(dir, { written: early.written });
    expect(stats.files).toBe(4);
    expect(brotliDecompressSync(readFileSync(path.join(dir, '_astro', 'app.js.br'))).toString()).toBe(`${script}\nexport const b = 2;`);
    const last = /anh\.P[67]-cat/.exec(readFileSync(path.join(dir, 'twice.html'), 'utf8'))?.[0] ?? 'none';
    expect([...og.keys()].sort()).toEqual(['anh.P4-cat', 'anh.P5-cat', last]);
    for (const file of ['b.html', 'sync.html', 'twice.html']) {
      expect(brotliDecompressSync(readFileSync(path.join(dir, `${file}.br`))).equals(readFileSync(path.join(dir, file)))).toBe(true);
    }
  });

  it("writes the folder's files synchronously; anything else as it was asked", async () => {
    const dir = path.join(temp, 'as-written-sync');
    mkdirSync(dir, { recursive: true });
    const page = `<!doctype html><html><head></head><body>${'<p>Trang viết ngay</p>'.repeat(200)}</body></html>`;
    const asWritten = precompressAsWritten(dir);
    try {
      const given = Buffer.from(page);
      const inside = fs.promises.writeFile(path.join(dir, 'index.html'), given);
      // On the disk before the promise is awaited: no thread-pool trip.
      expect(readFileSync(path.join(dir, 'index.html'), 'utf8')).toBe(page);
      await inside;
      await asWritten.drained();
      // The caller's bytes were copied to the worker, not moved: still there, unchanged.
      expect(given.toString('utf8')).toBe(page);
      const outside = path.join(temp, 'outside-sync.html');
      // The asynchronous write, as asked (whether the thread pool has made the file yet is a race).
      const sync = vi.spyOn(fs, 'writeFileSync');
      const later = fs.promises.writeFile(outside, page);
      expect(sync).not.toHaveBeenCalled();
      sync.mockRestore();
      await later;
      expect(readFileSync(outside, 'utf8')).toBe(page);
      const aborted = new AbortController();
      aborted.abort();
      await expect(fs.promises.writeFile(path.join(dir, 'abort.html'), page, { signal: aborted.signal })).rejects.toMatchObject({ name: 'AbortError' });
      await expect(fs.promises.writeFile(path.join(dir, 'khong-co', 'index.html'), page)).rejects.toMatchObject({ code: 'ENOENT' });
      await asWritten.drained();
      // Written again after its copies were made: left for the end, which compresses the new bytes.
      await fs.promises.writeFile(path.join(dir, 'index.html'), `${page}<!-- lần hai -->`);
      const early = await asWritten.stop();
      expect(early.written.has(path.join(dir, 'index.html'))).toBe(false);
      expect(early.stats.files).toBe(1);
    } finally {
      await asWritten.stop(); // fs.promises.writeFile put back whatever failed above
    }
    await precompressDir(dir, { written: new Map() });
    expect(brotliDecompressSync(readFileSync(path.join(dir, 'index.html.br'))).toString()).toBe(`${page}<!-- lần hai -->`);
    expect(existsSync(path.join(dir, 'abort.html'))).toBe(false);
  });

  it("makes the folder's page folders synchronously; any other folder as it was asked", async () => {
    const dir = path.join(temp, 'as-written-mkdir');
    mkdirSync(dir, { recursive: true });
    const originalMkdir = fs.promises.mkdir;
    const asWritten = precompressAsWritten(dir);
    try {
      expect(fs.promises.mkdir).not.toBe(originalMkdir);
      const made = fs.promises.mkdir(path.join(dir, 'san-pham', 'mot'), { recursive: true });
      // There before the promise is awaited: no thread-pool trip.
      expect(existsSync(path.join(dir, 'san-pham', 'mot'))).toBe(true);
      await expect(made).resolves.toBe(path.join(dir, 'san-pham'));
      // Made already: a recursive mkdir resolves, a plain one rejects as Node's does.
      await expect(fs.promises.mkdir(path.join(dir, 'san-pham', 'mot'), { recursive: true })).resolves.toBeUndefined();
      await expect(fs.promises.mkdir(pathToFileURL(path.join(dir, 'san-pham')))).rejects.toMatchObject({ code: 'EEXIST' });
      writeFileSync(path.join(dir, 'tep'), 'không phải thư mục');
      await expect(fs.promises.mkdir(path.join(dir, 'tep', 'con'), { recursive: true })).rejects.toMatchObject({ code: 'ENOTDIR' });
      // Outside the folder: Node's own asynchronous mkdir.
      const sync = vi.spyOn(fs, 'mkdirSync');
      const outside = fs.promises.mkdir(path.join(temp, 'mkdir-outside', 'a'), { recursive: true });
      expect(sync).not.toHaveBeenCalled();
      sync.mockRestore();
      await outside;
      expect(existsSync(path.join(temp, 'mkdir-outside', 'a'))).toBe(true);
    } finally {
      await asWritten.stop(); // fs.promises.writeFile put back whatever failed above
    }
    expect(fs.promises.mkdir).toBe(originalMkdir);
  });

  it('stops in the middle of its work without aborting the process, and the end compresses the rest', async () => {
    const dir = path.join(temp, 'as-written-stop');
    mkdirSync(dir, { recursive: true });
    const page = (n: number) => `<!doctype html><html><head></head><body>${`<p>Trang số ${String(n)}</p>`.repeat(400)}</body></html>`;
    // Stopped at once, again and again, while it compresses: the file in hand is finished and the
    // rest passed over. (A worker terminated inside a zlib call aborted a CI build once, Node's
    // "close before init" assertion; 60 such rounds outside CI did not show it again, so this
    // checks the stop's outcome, not that race.)
    for (let round = 0; round < 40; round++) {
      const asWritten = precompressAsWritten(dir);
      for (let n = 0; n < 30; n++) await fs.promises.writeFile(path.join(dir, `p${String(n)}.html`), page(round * 100 + n));
      const early = await asWritten.stop();
      expect(early.stats.files).toBeLessThanOrEqual(30);
      const { stats } = await precompressDir(dir, { written: early.written });
      expect(early.stats.files + stats.files).toBeGreaterThanOrEqual(30);
    }
    for (let n = 0; n < 30; n++) {
      const file = path.join(dir, `p${String(n)}.html`);
      expect(brotliDecompressSync(readFileSync(`${file}.br`)).equals(readFileSync(file))).toBe(true);
      expect(gunzipSync(readFileSync(`${file}.gz`)).equals(readFileSync(file))).toBe(true);
    }
  });
});
