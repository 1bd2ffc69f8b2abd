/**
 * Builds on disk: `<BUILDS_DIR>/<id>/` (Astro's `client/` and `server/`, and `build.json`
 * saying who published what and when), `current.json` naming the build the site serves —
 * written atomically and synced, so a restart serves the last published build — and a
 * `current` symlink to it, for nginx to serve its static files. Old builds are pruned; the
 * newest few stay for rolling back.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeSync } from 'node:fs';
import path from 'node:path';

export interface BuildAuthor {
  id: string | null;
  name: string;
  email: string;
}

export interface BuildInfo {
  id: string;
  /** When the build finished (ISO). */
  builtAt: string;
  durationMs: number;
  by: BuildAuthor | null;
  /** The content commit built, when the content is in git. */
  commit: string | null;
  /** Content files that differed from that commit (changed outside the editor). */
  uncommitted?: number;
  publicationId: string | null;
}

export interface CurrentRecord {
  id: string;
  /** When the site switched to it (ISO). */
  since: string;
  by: BuildAuthor | null;
  action: 'publish' | 'rollback';
}

const ID = /^\d{8}-\d{6}-[a-z0-9]{4}$/;

/** A new build id: sortable by time (UTC), `20261201-020305-k3f9`. */
export function newBuildId(at: Date): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const bytes = new Uint8Array(4);
  crypto.getRandomValues(bytes);
  return `${stamp}-${[...bytes].map((b) => (b % 36).toString(36)).join('')}`;
}

export const isBuildId = (id: string): boolean => ID.test(id);

/** The server entry of a build. */
export function buildEntry(buildsDir: string, id: string): string {
  return path.join(buildsDir, id, 'server', 'entry.mjs');
}

/** Writes a file so that a crash leaves the old one or the new one, never half of either. */
export function writeFileDurably(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${String(process.pid)}.tmp`;
  const fd = openSync(tmp, 'w', 0o644);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  const dir = openSync(path.dirname(file), 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

export function readBuildInfo(buildsDir: string, id: string): BuildInfo | null {
  if (!isBuildId(id) || !existsSync(buildEntry(buildsDir, id))) return null;
  return readJson(path.join(buildsDir, id, 'build.json')) as BuildInfo | null;
}

export function writeBuildInfo(buildsDir: string, info: BuildInfo): void {
  writeFileDurably(path.join(buildsDir, info.id, 'build.json'), `${JSON.stringify(info, null, 2)}\n`);
}

/** Complete builds, newest first. */
export function listBuilds(buildsDir: string): BuildInfo[] {
  if (!existsSync(buildsDir)) return [];
  return readdirSync(buildsDir)
    .filter(isBuildId)
    .map((id) => readBuildInfo(buildsDir, id))
    .filter((b): b is BuildInfo => b !== null)
    .sort((a, b) => b.id.localeCompare(a.id));
}

export function readCurrent(buildsDir: string): CurrentRecord | null {
  const record = readJson(path.join(buildsDir, 'current.json')) as CurrentRecord | null;
  return record && isBuildId(record.id) ? record : null;
}

/** Records the build the site serves (durably), and points the `current` symlink at it. */
export function writeCurrent(buildsDir: string, record: CurrentRecord): void {
  writeFileDurably(path.join(buildsDir, 'current.json'), `${JSON.stringify(record, null, 2)}\n`);
  const link = path.join(buildsDir, 'current');
  const tmp = `${link}.${String(process.pid)}.tmp`;
  rmSync(tmp, { force: true });
  symlinkSync(record.id, tmp, 'dir');
  renameSync(tmp, link);
}

/**
 * The build to serve at start: the last published one — unless the deployment's own build
 * (`ownEntry`, dist/server/entry.mjs) was made after it (the code was upgraded and rebuilt
 * since: its content is the saved content, and an older build would run older code).
 */
export function servedAtStart(buildsDir: string, ownEntry: string): { entry: string; id: string | null } {
  const current = readCurrent(buildsDir);
  const info = current ? readBuildInfo(buildsDir, current.id) : null;
  if (!current || !info) return { entry: ownEntry, id: null };
  const ownBuiltAt = existsSync(ownEntry) ? statSync(ownEntry).mtimeMs : 0;
  if (ownBuiltAt > Date.parse(info.builtAt)) return { entry: ownEntry, id: null };
  return { entry: buildEntry(buildsDir, current.id), id: current.id };
}

/** Removes builds beyond the newest `keep`, never one in `protect`, and unfinished build folders. */
export function pruneBuilds(buildsDir: string, keep: number, protect: ReadonlySet<string>): string[] {
  const removed: string[] = [];
  for (const [i, build] of listBuilds(buildsDir).entries()) {
    if (i < keep || protect.has(build.id)) continue;
    rmSync(path.join(buildsDir, build.id), { recursive: true, force: true });
    removed.push(build.id);
  }
  if (existsSync(buildsDir)) {
    for (const name of readdirSync(buildsDir)) {
      if (/\.(tmp|partial)$/.test(name) && !protect.has(name)) {
        rmSync(path.join(buildsDir, name), { recursive: true, force: true });
      }
    }
  }
  return removed;
}
