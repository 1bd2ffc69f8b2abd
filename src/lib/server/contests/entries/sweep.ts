/**
 * The sweep: drafts untouched for ENTRY_DRAFT_DAYS are removed with their rows; then every
 * stored blob no row names and every partial upload in `tmp/` older than
 * ENTRY_ORPHAN_GRACE_SECONDS is deleted (younger ones may belong to an upload in flight). Run
 * at boot and hourly; a crash or a SIGKILL during an upload leaves nothing behind after it.
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { and, eq, lt } from 'drizzle-orm';
import { now } from '../../../clock';
import { getDb, schema } from '../../db';
import { dataDir, getEnv } from '../../env';
import { blobsDir, tmpDir } from './storage';

export interface SweepResult {
  drafts: number;
  blobs: number;
  temps: number;
}

function referencedBlobs(): Set<string> {
  const rows = getDb()
    .select({ blob: schema.contestEntryFiles.blob, a: schema.contestEntryFiles.webpLarge, b: schema.contestEntryFiles.webpSmall })
    .from(schema.contestEntryFiles)
    .all();
  const set = new Set<string>();
  for (const r of rows) for (const v of [r.blob, r.a, r.b]) if (v) set.add(v);
  return set;
}

function listFiles(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? listFiles(path.join(dir, d.name)) : [path.join(dir, d.name)]));
  } catch {
    return [];
  }
}

export function sweepEntries(options: { root?: string; graceSeconds?: number; draftDays?: number } = {}): SweepResult {
  const env = getEnv();
  const root = options.root ?? dataDir();
  const grace = (options.graceSeconds ?? env.ENTRY_ORPHAN_GRACE_SECONDS) * 1000;
  const draftDays = options.draftDays ?? env.ENTRY_DRAFT_DAYS;
  const cutoff = new Date(now().getTime() - draftDays * 86_400_000);
  const old = getDb()
    .delete(schema.contestEntries)
    .where(and(eq(schema.contestEntries.status, 'draft'), lt(schema.contestEntries.updatedAt, cutoff)))
    .returning({ id: schema.contestEntries.id })
    .all();
  // Files older than the grace by the file system's clock (the blob was written by this machine).
  const before = Date.now() - grace;
  const isOld = (file: string) => {
    try {
      return statSync(file).mtimeMs <= before;
    } catch {
      return false;
    }
  };
  let temps = 0;
  for (const f of listFiles(tmpDir(root))) {
    if (isOld(f)) {
      rmSync(f, { force: true });
      temps++;
    }
  }
  // Read the references after the temp files: a blob renamed into place before its row commits is young.
  const keep = referencedBlobs();
  let blobs = 0;
  for (const f of listFiles(blobsDir(root))) {
    if (!keep.has(path.basename(f)) && isOld(f)) {
      rmSync(f, { force: true });
      blobs++;
    }
  }
  return { drafts: old.length, blobs, temps };
}
