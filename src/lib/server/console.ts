/** Figures for the console's dashboard. */
import { count } from 'drizzle-orm';
import { getDb, schema } from './db';
import { countOutbox } from './messaging';

function tableExists(name: string): boolean {
  return getDb().$client.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/**
 * Counts from the database. Registrations are 0 until the registration work creates its
 * `registrations` table.
 */
export function getDashboardCounts(): { registrations: number; users: number; outboxPending: number } {
  const db = getDb();
  const registrations = tableExists('registrations')
    ? (db.$client.prepare('SELECT count(*) AS n FROM registrations').get() as { n: number }).n
    : 0;
  const users = db.select({ n: count() }).from(schema.users).get()?.n ?? 0;
  return { registrations, users, outboxPending: countOutbox().pending };
}
