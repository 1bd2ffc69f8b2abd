/**
 * The committed drizzle-kit migrations (db/migrations), applied at start-up and in tests.
 *
 * The built server must not depend on the working directory, so Vite embeds the SQL files
 * into the bundle (`import.meta.glob`). Outside Vite (the CLIs run by tsx) they are read
 * from disk next to this file. The bookkeeping table is drizzle's own
 * (`__drizzle_migrations`: hash, created_at = the journal's `when`), so drizzle-kit tools
 * still understand the database.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type BetterSqlite3 from 'better-sqlite3';

export interface Migration {
  tag: string;
  /** The journal's `when`: migrations are ordered and recorded by it. */
  when: number;
  hash: string;
  statements: string[];
}

interface Journal {
  entries: { tag: string; when: number }[];
}

function embeddedFiles(): { journal: Journal; sql: Record<string, string> } | null {
  try {
    const journal = import.meta.glob<Journal>('../../../db/migrations/meta/_journal.json', {
      eager: true,
      import: 'default',
    });
    const sql = import.meta.glob<string>('../../../db/migrations/*.sql', {
      eager: true,
      query: '?raw',
      import: 'default',
    });
    const j = Object.values(journal)[0];
    if (!j) return null;
    const byTag = Object.fromEntries(
      Object.entries(sql).map(([file, text]) => [file.replace(/^.*\/(.+)\.sql$/, '$1'), text]),
    );
    return { journal: j, sql: byTag };
  } catch {
    // Not running under Vite: import.meta.glob does not exist.
    return null;
  }
}

function filesOnDisk(): { journal: Journal; sql: Record<string, string> } {
  const dir = fileURLToPath(new URL('../../../db/migrations/', import.meta.url));
  const journal = JSON.parse(readFileSync(`${dir}meta/_journal.json`, 'utf8')) as Journal;
  const sql = Object.fromEntries(
    journal.entries.map((e) => [e.tag, readFileSync(`${dir}${e.tag}.sql`, 'utf8')]),
  );
  return { journal, sql };
}

let cached: Migration[] | null = null;

/** The migrations in journal order. */
export function loadMigrations(): Migration[] {
  if (cached) return cached;
  const { journal, sql } = embeddedFiles() ?? filesOnDisk();
  cached = journal.entries.map((entry) => {
    const text = sql[entry.tag];
    if (text === undefined) throw new Error(`Thiếu tệp migration db/migrations/${entry.tag}.sql`);
    return {
      tag: entry.tag,
      when: entry.when,
      hash: createHash('sha256').update(text).digest('hex'),
      statements: text.split('--> statement-breakpoint').filter((s) => s.trim() !== ''),
    };
  });
  return cached;
}

const TABLE = '__drizzle_migrations';

function lastApplied(sqlite: BetterSqlite3.Database): number | null {
  const row = sqlite
    .prepare(`SELECT created_at AS at FROM ${TABLE} ORDER BY created_at DESC LIMIT 1`)
    .get() as { at: number | string } | undefined;
  return row ? Number(row.at) : null;
}

/**
 * Applies the migrations not yet applied, in one IMMEDIATE transaction (a second process
 * starting at the same moment waits, then finds nothing left to do). Returns the tags applied.
 */
export function applyMigrations(sqlite: BetterSqlite3.Database, migrations = loadMigrations()): string[] {
  sqlite.exec(`CREATE TABLE IF NOT EXISTS ${TABLE} (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)`);
  const applied: string[] = [];
  sqlite
    .transaction(() => {
      const last = lastApplied(sqlite);
      const insert = sqlite.prepare(`INSERT INTO ${TABLE} (hash, created_at) VALUES (?, ?)`);
      for (const m of migrations) {
        if (last !== null && m.when <= last) continue;
        for (const statement of m.statements) sqlite.exec(statement);
        insert.run(m.hash, m.when);
        applied.push(m.tag);
      }
    })
    .immediate();
  return applied;
}

/** Whether every known migration has been applied (for /healthz). */
export function migrationsCurrent(sqlite: BetterSqlite3.Database, migrations = loadMigrations()): boolean {
  const latest = migrations.at(-1)?.when ?? null;
  try {
    const last = lastApplied(sqlite);
    return latest === null || (last !== null && last >= latest);
  } catch {
    return false;
  }
}
