// @ts-check
/**
 * One precompression worker (precompress.mjs starts one per core): asks for batches of files,
 * writes each one's `.br` and `.gz` copies with zlib's synchronous calls — the worker is the
 * thread, so there are no thread-pool hops and no promise per file — and, for pages, reports the
 * sharing images their head links (writeOgImages draws them), since it has read the page anyway.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import zlib from 'node:zlib';
import { OG_LINK, brotliParams, gzipLevel, MIN_COMPRESS_BYTES } from './compression-levels.mjs';

if (!parentPort) throw new Error('precompress-worker.mjs runs as a worker thread');
const port = parentPort;

/** @type {{ files: number, bytes: number, brotliBytes: number, gzipBytes: number }} */
const stats = { files: 0, bytes: 0, brotliBytes: 0, gzipBytes: 0 };
/** @type {Map<string, 'cover' | 'contain'>} */
const og = new Map();

/**
 * @param {string} file
 * @param {boolean} shared
 * @param {boolean} compress
 */
function one(file, shared, compress) {
  const data = readFileSync(file);
  if (file.endsWith('.html')) {
    const text = data.toString('utf8');
    const head = text.slice(0, text.indexOf('</head>') + 1 || text.length);
    for (const m of head.matchAll(OG_LINK)) og.set(`${m[1] ?? ''}-${m[2] ?? ''}`, m[2] === 'tron' ? 'contain' : 'cover');
  }
  if (!compress || data.length < MIN_COMPRESS_BYTES) return;
  const br = zlib.brotliCompressSync(data, { params: brotliParams(data.length, shared) });
  const gz = zlib.gzipSync(data, { level: gzipLevel(shared) });
  // A copy that saves under 5 % is not worth a second representation.
  /** @param {Buffer} c */
  const worth = (c) => c.length < data.length * 0.95;
  if (worth(br)) writeFileSync(`${file}.br`, br);
  if (worth(gz)) writeFileSync(`${file}.gz`, gz);
  stats.files++;
  stats.bytes += data.length;
  stats.brotliBytes += worth(br) ? br.length : data.length;
  stats.gzipBytes += worth(gz) ? gz.length : data.length;
}

port.on('message', (/** @type {{ batch: { file: string, shared: boolean, compress: boolean }[] } | { done: true }} */ message) => {
  if ('done' in message) {
    port.postMessage({ stats, og: [...og] });
    return;
  }
  try {
    for (const f of message.batch) one(f.file, f.shared, f.compress);
    port.postMessage({ next: true });
  } catch (error) {
    port.postMessage({ error: error instanceof Error ? `${error.message}` : String(error) });
  }
});
port.postMessage({ next: true });
