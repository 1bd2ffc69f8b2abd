// @ts-check
/**
 * Precompression after the build (astro.config.mjs): every compressible file of the client
 * folder (pages, scripts, styles, feeds, calendars, SVG) gets a brotli (`.br`) and a gzip
 * (`.gz`) copy beside it, which the static file server (static-files.ts) or nginx
 * (`brotli_static`, `gzip_static`) sends as it is — levels in compression-levels.mjs.
 *
 * One worker thread per core (precompress-worker.mjs) compresses batches of files it is handed
 * as it finishes the last, largest files first so no worker is left with a long one at the end.
 * With zlib's asynchronous calls from the main thread every file cost two thread-pool trips,
 * promises and buffer copies, and the main thread's own work (reading, writing, scheduling) kept
 * the phase on about one core: 15.7 s of CPU in 17.5 s at 10,000 products. The workers also
 * report the sharing images the pages link as they find them (they read every page anyway), so
 * drawing them neither reads every page a second time nor waits for the last page.
 */
import fs, { readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { COMPRESSIBLE_EXTENSIONS } from './compression-levels.mjs';

/** @typedef {{ files: number, bytes: number, brotliBytes: number, gzipBytes: number }} PrecompressStats */

/**
 * Files compressed while they were written (precompressAsWritten), by path, with the size and
 * modification time they had then: a file changed since is compressed again.
 * @typedef {Map<string, { size: number, mtimeMs: number }>} WrittenFiles
 */

const BATCH = 32;

/** @param {string} dir @param {string} file a shared asset (`_astro/`), not a page */
const isShared = (dir, file) => path.relative(dir, file).split(path.sep)[0] === '_astro';

/**
 * Writes `.br` and `.gz` beside every compressible file of `dir` (≥ 1 KB, when the copy is
 * smaller). `.br`/`.gz` files are never compressed again, nor the files of `skip` (absolute
 * paths: their copies were put beside them already), nor those of `written` still as they were
 * (compressed and read while being written).
 * @param {string} dir
 * @param {{ workers?: number, skip?: ReadonlySet<string>, written?: WrittenFiles | undefined, onOg?: (key: string, fit: 'cover' | 'contain') => void }} [options]
 *   `onOg`: called with each sharing image the pages link (key `<asset>-<cat|tron>`) as soon as a
 *   worker has found it, once per worker that does
 * @returns {Promise<{ stats: PrecompressStats, og: Map<string, 'cover' | 'contain'> }>} the totals, and every
 *   sharing image the pages link
 */
export async function precompressDir(dir, options = {}) {
  const skip = options.skip ?? new Set();
  const written = options.written ?? new Map();
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile() && COMPRESSIBLE_EXTENSIONS.has(path.extname(e.name).toLowerCase()))
    .map((e) => path.join(e.parentPath, e.name))
    .map((file) => {
      const { size, mtimeMs } = statSync(file);
      const then = written.get(file);
      // Already compressed: still read for its sharing image if it is a page.
      return { file, shared: isShared(dir, file), compress: !skip.has(file), size, done: then?.size === size && then.mtimeMs === mtimeMs };
    })
    .filter((f) => !f.done && (f.compress || f.file.endsWith('.html')))
    .sort((a, b) => b.size - a.size);
  const count = Math.max(1, Math.min(options.workers ?? os.availableParallelism(), Math.ceil(files.length / BATCH)));
  let next = 0;
  /** @type {PrecompressStats} */
  const stats = { files: 0, bytes: 0, brotliBytes: 0, gzipBytes: 0 };
  /** @type {Map<string, 'cover' | 'contain'>} */
  const og = new Map();
  const run = () =>
    new Promise((resolve, reject) => {
      const worker = new Worker(new URL('./precompress-worker.mjs', import.meta.url));
      worker.on('error', reject);
      worker.on('message', (/** @type {{ next?: true, error?: string, stats?: PrecompressStats, og?: [string, 'cover' | 'contain'][] }} */ m) => {
        for (const [key, fit] of m.og ?? []) {
          og.set(key, fit);
          options.onOg?.(key, fit);
        }
        if (m.error) {
          reject(new Error(`precompression: ${m.error}`));
          void worker.terminate();
        } else if (m.next) {
          const batch = files.slice(next, next + BATCH).map(({ file, shared, compress }) => ({ file, shared, compress }));
          next += batch.length;
          worker.postMessage(batch.length ? { batch } : { done: true });
        } else if (m.stats) {
          stats.files += m.stats.files;
          stats.bytes += m.stats.bytes;
          stats.brotliBytes += m.stats.brotliBytes;
          stats.gzipBytes += m.stats.gzipBytes;
          void worker.terminate().then(resolve, reject);
        }
      });
    });
  await Promise.all(Array.from({ length: count }, run));
  return { stats, og };
}

/**
 * Compresses the pages while Astro prerenders them, and the files already in `dir` before
 * them, in one worker thread at the lowest priority
 * (the thread alone, /proc/thread-self): prerendering runs on the main thread, one core, and
 * the others had nothing to do until the end, when precompression then cost 5.3 s of CPU in
 * 2.8 s at 5,000 products. Astro has no hook per page; it writes each one with
 * `fs.promises.writeFile`, which this wraps until `stop`: the files of `dir` are written
 * synchronously, and the bytes written are the bytes compressed (never a file read while it is
 * being written). Whatever this did not compress —
 * a file written another way, changed after (its size or time differ), still queued when the
 * worker was stopped — precompressDir does at the end, given `written`.
 * @param {string} dir the client folder
 * @param {{ onOg?: (key: string, fit: 'cover' | 'contain') => void }} [options] `onOg`: called with each
 *   sharing image the pages link as soon as the worker has found it (the drawer draws meanwhile)
 */
export function precompressAsWritten(dir, options = {}) {
  const utf8 = new TextEncoder();
  /** Set by `stop`: the worker passes over what is still queued (precompress-worker.mjs). */
  const halt = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(new URL('./precompress-worker.mjs', import.meta.url), { workerData: { lowPriority: true, halt } });
  /** Resolves once the worker has answered `{ done: true }` (it is idle then), or has stopped. */
  let finished = () => {};
  const ended = new Promise((resolve) => {
    finished = () => resolve(undefined);
  });
  worker.once('exit', finished);
  /** @type {WrittenFiles} written, not yet compressed */
  const queued = new Map();
  /** @type {WrittenFiles} */
  const written = new Map();
  /** @type {Map<string, 'cover' | 'contain'>} */
  const og = new Map();
  /** @type {PrecompressStats} */
  const stats = { files: 0, bytes: 0, brotliBytes: 0, gzipBytes: 0 };
  /** @type {Set<string>} files written more than once: their copies could be of an older write, so left for the end */
  const rewritten = new Set();
  let failed = false;
  /** @type {(() => void)[]} */
  const waiting = [];
  worker.on(
    'message',
    (/** @type {{ next?: true, error?: string, og?: [string, 'cover' | 'contain'][], statted?: [string, number, number][], compressed?: string[], added?: PrecompressStats, stats?: PrecompressStats }} */ m) => {
      if (m.compressed?.length === 0) waiting.shift()?.(); // the answer to drained()'s empty batch
      if (m.stats) finished(); // the answer to stop()'s `done`: nothing is being compressed
      if (m.error) failed = true; // what it did not finish is compressed at the end
      for (const [key, fit] of m.og ?? []) {
        og.set(key, fit);
        options.onOg?.(key, fit);
      }
      for (const [file, size, mtimeMs] of m.statted ?? []) if (queued.has(file)) queued.set(file, { size, mtimeMs });
      for (const file of m.compressed ?? []) {
        const then = queued.get(file);
        queued.delete(file);
        if (then && !rewritten.has(file)) written.set(file, then);
      }
      if (m.added) {
        stats.files += m.added.files;
        stats.bytes += m.added.bytes;
        stats.brotliBytes += m.added.brotliBytes;
        stats.gzipBytes += m.added.gzipBytes;
      }
    },
  );
  worker.on('error', () => {
    failed = true;
    for (const resolve of waiting.splice(0)) resolve();
    finished();
  });

  /**
   * The absolute path of a file or folder Astro names, when it is in `dir`; '' otherwise (or for a
   * file handle or a buffer path, which the wrappers pass on as they were asked).
   * @param {unknown} target
   */
  const inDir = (target) => {
    const name = target instanceof URL ? fileURLToPath(target) : typeof target === 'string' ? path.resolve(target) : '';
    return name && !path.relative(dir, name).startsWith('..') ? name : '';
  };

  const original = fs.promises.writeFile;
  /**
   * Astro awaits each page's write before it goes on with that page's route. A file in `dir`
   * is written here synchronously and handed to the worker, which stats and compresses it. The
   * asynchronous write's thread-pool trips (open, write, close) and the stat after it were about
   * 1 s of the rendering thread's time at 5,000 products (its profile); written synchronously,
   * into the page cache, the pages took 0.7 s less (README "Figures"). Anything else (another
   * folder, a file handle, an abort signal) is written as it was asked.
   * @type {typeof fs.promises.writeFile}
   */
  const writeFile = (file, data, options) => {
    const name = inDir(file);
    const signal = typeof options === 'object' && options !== null && 'signal' in options;
    if (!name || signal) return original.call(fs.promises, file, data, options);
    const again = queued.has(name) || written.has(name);
    const encoding = typeof options === 'string' ? options : options?.encoding;
    // A page (a UTF-8 string) is encoded once, into bytes of its own: written from them, then
    // moved to the worker, not copied. A caller's own bytes are copied (it may reuse them).
    const own = typeof data === 'string' && (!encoding || /^utf-?8$/i.test(encoding)) ? utf8.encode(data) : null;
    const bytes = own ?? (data instanceof Uint8Array ? data : null);
    try {
      fs.writeFileSync(name, /** @type {string | NodeJS.ArrayBufferView} */ (own ?? data), /** @type {fs.WriteFileOptions} */ (options));
    } catch (error) {
      if (again) rewritten.add(name); // its copies, if any, are of what it was
      return Promise.reject(error);
    }
    if (again) rewritten.add(name); // its copies could be of the first write: left for the end
    if (failed || again || !bytes || !COMPRESSIBLE_EXTENSIONS.has(path.extname(name).toLowerCase())) return Promise.resolve();
    queued.set(name, { size: -1, mtimeMs: -1 });
    // Handed over once the writes begun with it have been made (two at once: left for the end).
    return Promise.resolve().then(() => {
      if (failed || rewritten.has(name)) return;
      worker.postMessage({ batch: [{ file: name, shared: isShared(dir, name), compress: true, data: bytes, stat: true }] }, own ? [own.buffer] : []);
    });
  };
  fs.promises.writeFile = writeFile;

  const originalMkdir = fs.promises.mkdir;
  /**
   * Astro makes each page's folder (`{ recursive: true }`) before it writes the page: a folder
   * in `dir` is made here synchronously, as the page is written, without the thread-pool trip
   * (at 5,000 products 0.14 s of the rendering thread in a quiet profile, 1.1 s on a loaded machine). Anything else is made as asked.
   * @type {typeof fs.promises.mkdir}
   */
  const mkdir = /** @type {typeof fs.promises.mkdir} */ (
    (/** @type {fs.PathLike} */ folder, /** @type {fs.MakeDirectoryOptions | fs.Mode | null | undefined} */ options) => {
      const name = inDir(folder);
      if (!name) return originalMkdir.call(fs.promises, folder, options);
      try {
        return Promise.resolve(fs.mkdirSync(name, options));
      } catch (error) {
        return Promise.reject(error);
      }
    }
  );
  fs.promises.mkdir = mkdir;

  // What is in the folder already — the client build's scripts and styles, brotli 11 for the
  // shared ones (0.7 s of the end at 5,000 products) — is compressed first, in the same thread.
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile() || !COMPRESSIBLE_EXTENSIONS.has(path.extname(e.name).toLowerCase())) continue;
    const file = path.join(e.parentPath, e.name);
    queued.set(file, { size: -1, mtimeMs: -1 });
    worker.postMessage({ batch: [{ file, shared: isShared(dir, file), compress: true, stat: true }] });
  }

  return {
    /** Resolves when the worker has compressed every file written so far. */
    async drained() {
      await Promise.resolve(); // the hand-overs of writes begun before this call go first
      if (failed) return;
      await new Promise((resolve) => {
        waiting.push(() => resolve(undefined));
        worker.postMessage({ batch: [] });
      });
    },
    /**
     * Stops after the file being compressed (what is still queued precompressDir does at the end).
     * @returns {Promise<{ stats: PrecompressStats, og: Map<string, 'cover' | 'contain'>, written: WrittenFiles }>}
     */
    async stop() {
      if (fs.promises.writeFile === writeFile) fs.promises.writeFile = original;
      if (fs.promises.mkdir === mkdir) fs.promises.mkdir = originalMkdir;
      // The file being compressed is finished, the rest passed over; then the thread ends.
      Atomics.store(halt, 0, 1);
      worker.postMessage({ done: true });
      await ended;
      await worker.terminate();
      for (const file of rewritten) written.delete(file);
      return { stats, og, written };
    },
  };
}
