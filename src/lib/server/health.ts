/** The facts /healthz reports. */
import { getDb } from './db';
import { migrationsCurrent } from './migrations';
import { activeWriter } from './registrations/writer';

export interface Health {
  ok: boolean;
  database: 'ok' | 'unreachable';
  migrations: 'current' | 'pending' | 'unknown';
  /** Where booth registrations are written: the writer thread (built server) or this thread. */
  registrationWriter: 'thread' | 'main';
}

export function checkHealth(): Health {
  const registrationWriter = activeWriter() ? 'thread' : 'main';
  try {
    const sqlite = getDb().$client;
    sqlite.prepare('SELECT 1').get();
    const current = migrationsCurrent(sqlite);
    return { ok: current, database: 'ok', migrations: current ? 'current' : 'pending', registrationWriter };
  } catch {
    return { ok: false, database: 'unreachable', migrations: 'unknown', registrationWriter };
  }
}
