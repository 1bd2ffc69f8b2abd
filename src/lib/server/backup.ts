/**
 * Online backup: SQLite's backup API copies the live database page by page while other
 * connections keep writing, giving a consistent snapshot. The copy
 * is checked with `PRAGMA integrity_check` before it is reported as done.
 */
import { constants, copyFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createPrivateFile, ensurePrivateDir } from './files';

/**
 * Copies the dossier files the snapshot at `copyFile` names (contest_entry_files) from
 * `dataDir` into `targetDir` (same layout, 0600 in 0700 folders). Blobs are content-addressed
 * and never change, so copying after the snapshot gives exactly the files of its rows; a blob
 * written since is not named by the copy and not copied. Returns how many were copied, and the
 * names the snapshot has but the disk lacks (reported, never silently dropped).
 */
export function backupFiles(copyFile: string, dataDir: string, targetDir: string): { files: number; missing: string[] } {
  const copy = new Database(copyFile, { readonly: true });
  let names: string[];
  try {
    const hasTable = copy.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'contest_entry_files'").get();
    names = hasTable
      ? (copy.prepare('SELECT blob AS b FROM contest_entry_files UNION SELECT webp_large FROM contest_entry_files UNION SELECT webp_small FROM contest_entry_files').all() as { b: string | null }[])
          .map((r) => r.b)
          .filter((b): b is string => typeof b === 'string' && /^[0-9a-f]{64}$/.test(b))
      : [];
  } finally {
    copy.close();
  }
  const missing: string[] = [];
  let files = 0;
  for (const sha of names) {
    const from = path.join(dataDir, 'blobs', sha.slice(0, 2), sha);
    const to = path.join(targetDir, 'blobs', sha.slice(0, 2), sha);
    if (!existsSync(from)) {
      missing.push(sha);
      continue;
    }
    if (existsSync(to)) continue;
    ensurePrivateDir(path.dirname(to));
    createPrivateFile(to);
    copyFileSync(from, to, constants.COPYFILE_FICLONE);
    files++;
  }
  return { files, missing };
}

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
