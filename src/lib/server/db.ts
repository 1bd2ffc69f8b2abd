/**
 * The only place that opens the SQLite database.
 *
 * Pragmas, and why:
 * - `journal_mode = WAL`: readers never block the writer and vice versa.
 * - `synchronous = FULL` (default; `DATABASE_SYNCHRONOUS=NORMAL` allowed): in WAL mode NORMAL
 *   already survives a crash of the process, but a power cut or kernel panic can roll back the
 *   last commits. We promise booths and record judges' scores; an answer we gave must survive
 *   the machine losing power, and our write rate (people filling in forms) is far below what
 *   an fsync per commit allows.
 * - `foreign_keys = ON`: SQLite leaves them off by default.
 * - `busy_timeout = 5000`: another connection (the registration writer thread, a CLI, a backup)
 *   holding the write lock makes us wait instead of failing at once with SQLITE_BUSY. For that
 *   wait to happen, transactions begin IMMEDIATE (see below).
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import * as schema from '../../../db/schema';
import { getEnv } from './env';
import { createPrivateFile, ensurePrivateDir } from './files';
import { applyMigrations } from './migrations';

export { schema };
export type AppDb = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** A transaction handle, as passed to `db.transaction((tx) => …)`. */
export type Tx = Parameters<Parameters<AppDb['transaction']>[0]>[0];
/** Either the database or a transaction: functions that write take this so callers can compose. */
export type DbLike = AppDb | Tx;

export interface OpenOptions {
  synchronous?: 'FULL' | 'NORMAL';
  /** Apply pending migrations (default true). */
  migrate?: boolean;
  readonly?: boolean;
}

/**
 * Opens (creating when missing) the database file at `file`, sets the pragmas, migrates. A new
 * file is created 0600 in folders created 0700 (files.ts), before SQLite opens it, so that its
 * -wal and -shm get the same mode; an existing file keeps its own.
 */
export function openDatabase(file: string, options: OpenOptions = {}): AppDb {
  if (file !== ':memory:' && !options.readonly) {
    ensurePrivateDir(path.dirname(path.resolve(file)));
    createPrivateFile(file);
  }
  const sqlite = new Database(file, {
    readonly: options.readonly ?? false,
    fileMustExist: options.readonly ?? false,
  });
  try {
    if (!options.readonly) sqlite.pragma('journal_mode = WAL');
    sqlite.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    if (options.migrate !== false && !options.readonly) applyMigrations(sqlite);
  } catch (error) {
    sqlite.close();
    throw error;
  }
  const db = drizzle(sqlite, { schema });
  if (!options.readonly) {
    // Every transaction takes the write lock at BEGIN (IMMEDIATE), waiting up to busy_timeout.
    // A deferred one that reads and then writes fails at once with SQLITE_BUSY when another
    // connection — the registration writer thread, a CLI — has written meanwhile.
    const begin = db.transaction.bind(db);
    db.transaction = (fn, config) => begin(fn, { behavior: 'immediate', ...config });
  }
  return db;
}

let current: AppDb | null = null;

/**
 * The process-wide database. The server opens it at boot (`bootServer`); tests install their
 * own with `installDatabase`. Under `astro dev` (no boot) it is opened on first use.
 */
export function getDb(): AppDb {
  if (current) return current;
  const env = getEnv();
  current = openDatabase(env.DATABASE_PATH, { synchronous: env.DATABASE_SYNCHRONOUS });
  return current;
}

/** Makes `db` the process-wide database (boot and tests). Returns the previous one. */
export function installDatabase(db: AppDb | null): AppDb | null {
  const previous = current;
  current = db;
  return previous;
}

/** Closes the process-wide database (shutdown). Checkpoints the WAL so the file stands alone. */
export function closeDatabase(): void {
  if (!current) return;
  const db = current;
  current = null;
  try {
    db.$client.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.$client.close();
  }
}

/**
 * The connection-level session a handle or transaction runs on (drizzle's transactions and
 * savepoints share their database's session). Statements prepared on it stay valid inside any
 * transaction of that connection, so hot paths cache them per session, not per handle.
 */
export function sessionOf(db: DbLike): object {
  return (db as unknown as { session: object }).session;
}

/**
 * A statement prepared once per connection for a hot path: `prepare` runs on first use with
 * that connection (or any transaction of it); later calls return the cached statement.
 */
export function preparedOnce<T>(prepare: (db: DbLike) => T): (db: DbLike) => T {
  const cache = new WeakMap<object, T>();
  return (db) => {
    const key = sessionOf(db);
    let statement = cache.get(key);
    if (statement === undefined) {
      statement = prepare(db);
      cache.set(key, statement);
    }
    return statement;
  };
}
