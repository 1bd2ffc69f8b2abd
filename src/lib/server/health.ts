/** The facts /healthz reports. */
import { getDb } from './db';
import { migrationsCurrent } from './migrations';

export interface Health {
  ok: boolean;
  database: 'ok' | 'unreachable';
  migrations: 'current' | 'pending' | 'unknown';
}

export function checkHealth(): Health {
  try {
    const sqlite = getDb().$client;
    sqlite.prepare('SELECT 1').get();
    const current = migrationsCurrent(sqlite);
    return { ok: current, database: 'ok', migrations: current ? 'current' : 'pending' };
  } catch {
    return { ok: false, database: 'unreachable', migrations: 'unknown' };
  }
}
