/**
 * Files that hold people's data are private to the server's user: the database with its -wal
 * and -shm, backups and the search index are created 0600, in folders created 0700 (whatever
 * the umask allows more). An existing file keeps its mode; the server warns about it at start.
 */
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backupDatabase } from '../../src/lib/server/backup';
import { openDatabase } from '../../src/lib/server/db';
import { createPrivateFile, ensurePrivateDir, looseModeWarning } from '../../src/lib/server/files';
import { EmbeddedSearchEngine, searchIndexPath } from '../../src/lib/server/search/embedded';

const root = mkdtempSync(path.join(os.tmpdir(), 'khuyen-cong-modes-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const modeOf = (p: string) => statSync(p).mode & 0o777;

/** Every file in `dir` (the database and its companions) with its mode. */
function modes(dir: string): Record<string, number> {
  return Object.fromEntries(readdirSync(dir).map((f) => [f, modeOf(path.join(dir, f))]));
}

describe('private files', () => {
  it('openDatabase creates the file 0600 (and so its -wal and -shm) and missing folders 0700', () => {
    const dir = path.join(root, 'var', 'lib', 'khuyen-cong');
    const file = path.join(dir, 'db.sqlite');
    const db = openDatabase(file);
    try {
      db.$client.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
      expect(modes(dir)).toEqual({ 'db.sqlite': 0o600, 'db.sqlite-wal': 0o600, 'db.sqlite-shm': 0o600 });
      for (const d of [path.join(root, 'var'), path.join(root, 'var', 'lib'), dir]) expect(modeOf(d), d).toBe(0o700);
    } finally {
      db.$client.close();
    }
  });

  it('leaves the mode of an existing database alone, and says so', () => {
    const file = path.join(root, 'shared.sqlite');
    writeFileSync(file, '');
    chmodSync(file, 0o644);
    const db = openDatabase(file);
    db.$client.close();
    expect(modeOf(file)).toBe(0o644);
    expect(looseModeWarning(file)).toMatch(/shared\.sqlite.*0644.*chmod 600/);
    chmodSync(file, 0o600);
    expect(looseModeWarning(file)).toBeNull();
    expect(looseModeWarning(path.join(root, 'missing.sqlite'))).toBeNull();
  });

  it('a backup is created 0600, in a folder created 0700', async () => {
    const source = path.join(root, 'live', 'db.sqlite');
    const db = openDatabase(source);
    try {
      const target = path.join(root, 'backup', 'nightly', 'copy.sqlite');
      await backupDatabase(source, target);
      for (const [name, mode] of Object.entries(modes(path.dirname(target)))) expect(mode, name).toBe(0o600);
      expect(modes(path.dirname(target))).toHaveProperty(['copy.sqlite']);
      expect(modeOf(path.join(root, 'backup'))).toBe(0o700);
      expect(modeOf(path.dirname(target))).toBe(0o700);
    } finally {
      db.$client.close();
    }
  });

  it('the search index is created 0600', async () => {
    const file = searchIndexPath(path.join(root, 'search', 'db.sqlite'));
    const engine = EmbeddedSearchEngine.open(file);
    await engine.close();
    for (const [name, mode] of Object.entries(modes(path.dirname(file)))) expect(mode, name).toBe(0o600);
    expect(modeOf(path.dirname(file))).toBe(0o700);
  });

  it('createPrivateFile never touches an existing file; ensurePrivateDir never an existing folder', () => {
    const file = path.join(root, 'mine.txt');
    expect(createPrivateFile(file)).toBe(true);
    expect(modeOf(file)).toBe(0o600);
    chmodSync(file, 0o640);
    expect(createPrivateFile(file)).toBe(false);
    expect(modeOf(file)).toBe(0o640);
    const dir = path.join(root, 'open-folder');
    ensurePrivateDir(dir);
    chmodSync(dir, 0o755);
    ensurePrivateDir(path.join(dir, 'inner'));
    expect(modeOf(dir)).toBe(0o755);
    expect(modeOf(path.join(dir, 'inner'))).toBe(0o700);
  });
});
