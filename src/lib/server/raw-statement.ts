/**
 * Raw better-sqlite3 statements for the hottest write path (a booth registration runs seven),
 * each prepared once per connection. drizzle's prepared queries are the default everywhere
 * else; on this path their placeholder filling and row mapping cost about 3 µs a call, 13 % of
 * the writer thread's work per registration (measured). The SQL is written from the schema's
 * constants (status lists, column names), never typed twice.
 */
import type Database from 'better-sqlite3';
import { preparedOnce, sessionOf, type DbLike } from './db';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- better-sqlite3 binds named or positional parameters
export type RawStatement = Database.Statement<any[]>;

/** The better-sqlite3 connection under a drizzle handle or transaction (drizzle's session keeps it as `client`). */
export function connectionOf(db: DbLike): Database.Database {
  return (sessionOf(db) as { client: Database.Database }).client;
}

/** A statement of `sql` prepared on first use with each connection; `pluck` returns the first column only. */
export function rawStatementOnce(sql: string, options: { pluck?: boolean } = {}): (db: DbLike) => RawStatement {
  return preparedOnce((db) => {
    const statement = connectionOf(db).prepare(sql);
    return options.pluck ? statement.pluck() : statement;
  });
}
