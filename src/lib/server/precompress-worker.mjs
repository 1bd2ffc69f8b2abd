// @ts-check
/**
 * One precompression worker (precompress.mjs starts one per core): asks for batches of files,
 * writes each one's `.br` and `.gz` copies with zlib's synchronous calls — the worker is the
 * thread, so there are no thread-pool hops and no promise per file — and, for pages, reports the
 * sharing images their head links with each batch done (the main thread draws them meanwhile,
 * ogImageDrawer in build-output.mjs), since it has read the page anyway.
 */
import { readFileSync, readlinkSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import zlib from 'node:zlib';
import { OG_LINK, brotliParams, gzipLevel, MIN_COMPRESS_BYTES } from './compression-levels.mjs';

if (!parentPort) throw new Error('precompress-worker.mjs runs as a worker thread');
const port = parentPort;

// While the pages are prerendered (precompressAsWritten): the lowest priority, for this thread
// alone (on Linux a thread's id is a process id to setpriority), so the main thread keeps its core.
const options = /** @type {{ lowPriority?: boolean, halt?: Int32Array } | null} */ (workerData);
if (options?.lowPriority) {
  try {
    os.setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), 19);
  } catch {
    // no /proc: the normal priority
  }
}

/** @typedef {{ files: number, bytes: number, brotliBytes: number, gzipBytes: number }} Stats */
/** @type {Stats} the totals of this worker, and of the batch it is compressing */
const stats = { files: 0, bytes: 0, brotliBytes: 0, gzipBytes: 0 };
/** @type {Stats} */
let batchStats = { ...stats };
/** Every sharing image this worker has reported. */
const og = new Set();
/** @type {[string, 'cover' | 'contain'][]} found since the last report */
let found = [];

/** @type {[string, number, number][]} the size and time of the files asked `stat`, since the last report */
let statted = [];

/**
 * @param {string} file
 * @param {boolean} shared
 * @param {boolean} compress
 * @param {Uint8Array} [bytes] the file's bytes, when given (precompressAsWritten)
 * @param {boolean} [stat] report the file's size and time (precompressAsWritten: the main thread, which renders the pages, need not stat it)
 */
function one(file, shared, compress, bytes, stat) {
  if (stat) {
    try {
      const { size, mtimeMs } = statSync(file);
      statted.push([file, size, mtimeMs]);
    } catch {
      return; // gone: left, unstatted, for the end
    }
  }
  const data = bytes ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : readFileSync(file);
  if (file.endsWith('.html')) {
    const text = data.toString('utf8');
    const head = text.slice(0, text.indexOf('</head>') + 1 || text.length);
    for (const m of head.matchAll(OG_LINK)) {
      const key = `${m[1] ?? ''}-${m[2] ?? ''}`;
      if (og.has(key)) continue;
      og.add(key);
      found.push([key, m[2] === 'tron' ? 'contain' : 'cover']);
    }
  }
  if (!compress || data.length < MIN_COMPRESS_BYTES) return;
  const br = zlib.brotliCompressSync(data, { params: brotliParams(data.length, shared) });
  const gz = zlib.gzipSync(data, { level: gzipLevel(shared) });
  // A copy that saves under 5 % is not worth a second representation.
  /** @param {Buffer} c */
  const worth = (c) => c.length < data.length * 0.95;
  if (worth(br)) writeFileSync(`${file}.br`, br);
  if (worth(gz)) writeFileSync(`${file}.gz`, gz);
  for (const totals of [stats, batchStats]) {
    totals.files++;
    totals.bytes += data.length;
    totals.brotliBytes += worth(br) ? br.length : data.length;
    totals.gzipBytes += worth(gz) ? gz.length : data.length;
  }
}

port.on('message', (/** @type {{ batch: { file: string, shared: boolean, compress: boolean, data?: Uint8Array, stat?: boolean }[] } | { done: true }} */ message) => {
  if ('done' in message) {
    port.postMessage({ stats });
    return;
  }
  // Halted (precompressAsWritten's stop): the batches still queued are passed over, unanswered,
  // and left for the end; a worker terminated in the middle of a zlib call aborts the whole
  // process (Node's "close before init" assertion).
  if (options?.halt && Atomics.load(options.halt, 0) === 1) return;
  try {
    batchStats = { files: 0, bytes: 0, brotliBytes: 0, gzipBytes: 0 };
    for (const f of message.batch) one(f.file, f.shared, f.compress, f.data, f.stat);
    port.postMessage({ next: true, og: found, statted, compressed: message.batch.map((f) => f.file), added: batchStats });
    found = [];
    statted = [];
  } catch (error) {
    port.postMessage({ error: error instanceof Error ? `${error.message}` : String(error) });
  }
});
port.postMessage({ next: true });
