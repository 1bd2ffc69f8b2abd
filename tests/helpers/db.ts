/**
 * A real, migrated SQLite file per test file (no mocks). `useTestDatabase()` in a test file
 * opens one in a fresh temp directory before the tests and installs it as the process-wide
 * database (`getDb()`), then closes and removes it afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { closeDatabase, installDatabase, openDatabase, type AppDb } from '../../src/lib/server/db';

export interface TestDatabase {
  db: AppDb;
  /** The SQLite file's path. */
  file: string;
  dir: string;
  close(): void;
}

/** Opens a new migrated database file in a temp directory (not installed process-wide). */
export function createTestDatabase(name = 'test'): TestDatabase {
  const dir = mkdtempSync(path.join(os.tmpdir(), `khuyen-cong-${name}-`));
  const file = path.join(dir, 'test.sqlite');
  const db = openDatabase(file);
  return {
    db,
    file,
    dir,
    close() {
      if (db.$client.open) db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * For a test file: a migrated temp database, installed as `getDb()` for the file's tests.
 * Returns a getter (the database exists only once `beforeAll` has run).
 */
export function useTestDatabase(name = 'test'): () => TestDatabase {
  let current: TestDatabase | null = null;
  beforeAll(() => {
    current = createTestDatabase(name);
    installDatabase(current.db);
  });
  afterAll(() => {
    closeDatabase();
    current?.close();
    current = null;
  });
  return () => {
    if (!current) throw new Error('useTestDatabase: the database is opened in beforeAll');
    return current;
  };
}
