/**
 * What the server does once before it listens, and once after it stops.
 * (Database, migrations and demo accounts are added by the server-foundation work.)
 */
import type { Env } from './env';

export function bootServer(_env: Env): void {
  // Filled in by the database layer: open, migrate, seed demo accounts.
}

export function stopServer(): void {
  // Filled in by the database layer: close the database.
}
