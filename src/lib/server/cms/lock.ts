/**
 * One writer of the content folder at a time. A save reads what is on disk (to compare with
 * the version the editor started from), writes, and commits; two saves of one file must not
 * interleave — in this process (a queue) nor across processes (during a switch of builds two
 * server processes run for a moment, and the CLI may write too): a lock file created with
 * O_EXCL. A lock left by a process that died is taken over once it is older than `staleMs`.
 */
import { closeSync, mkdirSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { CmsError } from './errors';

let queue: Promise<unknown> = Promise.resolve();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function acquire(file: string, timeoutMs: number, staleMs: number): Promise<() => void> {
  mkdirSync(path.dirname(file), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (let wait = 10; ; wait = Math.min(wait * 2, 200)) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, `${String(process.pid)}\n`);
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      try {
        if (Date.now() - statSync(file).mtimeMs > staleMs) rmSync(file, { force: true });
      } catch {
        // Removed meanwhile: try again.
      }
      if (Date.now() > deadline) throw new CmsError('busy', { retryAfterSeconds: 5 });
      await sleep(wait);
    }
  }
}

/** Runs `work` while holding the content lock (`lockFile`); refused with 503 `busy` after `timeoutMs`. */
export function withContentLock<T>(lockFile: string, work: () => Promise<T>, options: { timeoutMs?: number; staleMs?: number } = {}): Promise<T> {
  const run = async () => {
    const release = await acquire(lockFile, options.timeoutMs ?? 15_000, options.staleMs ?? 120_000);
    try {
      return await work();
    } finally {
      release();
    }
  };
  const result = queue.then(run, run);
  queue = result.catch(() => undefined);
  return result;
}
