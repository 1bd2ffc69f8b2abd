/**
 * The registration writer thread (see writer.ts). Built on its own by the `registration-writer`
 * integration in astro.config.mjs into `dist/server/registration-writer.mjs`.
 *
 * Requests that arrive in one turn of this thread's event loop are written by one
 * `commitGroup`; each answer is posted after the commit.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { WriterData, WriterMessage, WriterReply, WriterRequest } from './writer';

const data = workerData as WriterData;
// The clock reads CLOCK_NOW when its module loads: set it to the main thread's "now" first.
if (data.clockNow) process.env['CLOCK_NOW'] = data.clockNow;

const { openDatabase, installDatabase } = await import('../db');
const { commitGroup } = await import('../group-commit');
const { registerJob } = await import('./holding');
const { serializeError } = await import('./writer');

const port = parentPort;
if (!port) throw new Error('writer-thread.ts runs only as a worker thread');

// The main thread migrated the database before starting this thread.
const db = openDatabase(data.databasePath, { synchronous: data.synchronous, migrate: false });
installDatabase(db);

let batch: WriterRequest[] = [];
let scheduled = false;
let stopping = false;

function flush(): void {
  scheduled = false;
  const items = batch;
  batch = [];
  let replies: WriterReply[];
  try {
    const outcomes = commitGroup(
      db,
      items.map((item) => registerJob(item.request)),
    );
    replies = items.map((item, i): WriterReply => {
      const o = outcomes[i];
      if (o?.ok) return { id: item.id, ok: true, value: o.value };
      return { id: item.id, ok: false, error: serializeError(o ? o.error : new Error('group commit lost an outcome')) };
    });
  } catch (error) {
    const e = serializeError(error);
    replies = items.map((item) => ({ id: item.id, ok: false, error: e }));
  }
  port?.postMessage(replies);
  if (stopping) finish();
}

function finish(): void {
  db.$client.close();
  port?.close();
}

port.on('message', (message: WriterMessage) => {
  if ('stop' in message) {
    stopping = true;
    if (!scheduled) finish();
    return;
  }
  batch.push(...message.requests);
  if (!scheduled && batch.length > 0) {
    scheduled = true;
    setImmediate(flush);
  }
});
