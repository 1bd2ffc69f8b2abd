/**
 * Online backup: SQLite's backup API copies the live database page by page while other
 * connections keep writing, giving a consistent snapshot. The copy
 * is checked with `PRAGMA integrity_check` before it is reported as done.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { createPrivateFile, ensurePrivateDir } from './files';

/**
 * Copies the database at `source` to `target`. A new target is created 0600, in folders created
 * 0700 (files.ts): a backup holds the same personal data as the database. An existing target
 * file is overwritten and keeps its mode.
 */
export async function backupDatabase(source: string, target: string): Promise<{ pages: number; ms: number }> {
  const started = Date.now();
  ensurePrivateDir(path.dirname(path.resolve(target)));
  createPrivateFile(target);
  // Not through openDatabase: a backup must not migrate or change the live file.
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    // SQLite restarts a backup whenever another connection writes between two steps, so under
    // steady writes a page-by-page copy may never finish. After the first step, copy all
    // remaining pages in one step: in WAL mode that holds only a read snapshot, writers go on.
    const { totalPages } = await db.backup(target, { progress: ({ totalPages: total }) => Math.max(total, 100) });
    const copy = new Database(target, { readonly: true });
    try {
      const check = copy.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new Error(`bản sao không toàn vẹn: ${String(check)}`);
    } finally {
      copy.close();
    }
    return { pages: totalPages, ms: Date.now() - started };
  } finally {
    db.close();
  }
}
