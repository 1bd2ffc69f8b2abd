/**
 * A second connection to a test database in a worker thread — what the server's registration
 * writer thread, a CLI or a second process is in production. It takes the write lock (BEGIN
 * IMMEDIATE), says so, runs its SQL after `holdMs`, and commits: a race window that a check
 * made outside the other side's transaction falls into, deterministically.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
db.exec('BEGIN IMMEDIATE');
parentPort.postMessage('locked');
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.holdMs);
for (const [sql, params] of workerData.statements) db.prepare(sql).run(...params);
db.exec('COMMIT');
db.close();
parentPort.postMessage('committed');
`;

export interface HeldWrite {
  /** Settles once the second connection has committed. */
  committed: Promise<void>;
}

/**
 * Starts the second connection; resolves once it holds the write lock. The statements run
 * `holdMs` later, then commit.
 */
export async function holdWriteLock(file: string, statements: [string, unknown[]][], holdMs = 300): Promise<HeldWrite> {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER, { eval: true, workerData: { file, statements, holdMs, driver } });
  let committed!: () => void;
  let failed!: (e: unknown) => void;
  const done = new Promise<void>((resolve, reject) => {
    committed = resolve;
    failed = reject;
  });
  await new Promise<void>((resolve, reject) => {
    worker.on('message', (m) => (m === 'locked' ? resolve() : committed()));
    worker.on('error', (e) => {
      reject(e);
      failed(e);
    });
  });
  return { committed: done };
}
