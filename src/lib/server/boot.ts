/**
 * What the server does once before it listens, and once after it stops: open the database and
 * apply migrations, create (demo mode) or refuse (otherwise) the demo accounts, tidy expired
 * sessions, start the outbox worker when SMTP is configured; on stop, close the database.
 * Demo data is seeded here and only here (never from a route): the returned promise settles
 * once it is in place, and the server listens only then, so no request sees a demo contest
 * without its judges.
 *
 * As a cluster (publishing/cluster.ts) the work is split: the primary migrates and does the
 * once-per-start tasks before any worker runs; each worker opens the migrated database and
 * starts what serves requests (search index of its build, demo assignments, outbox worker).
 */
import type { Env } from './env';
import { closeDatabase, installDatabase, openDatabase } from './db';
import { looseModeWarning } from './files';
import { refuseDemoAccounts, seedDemoAccounts } from './demo';
import { deleteExpiredSessions } from './auth/session';
import { pruneThrottle } from './auth/throttle';
import { pruneSignInSources } from './auth/known-sources';
import { sealLegacySecrets, startOutboxWorker, transportsFromEnv } from './messaging';
import { onRegistrationMessageSent } from './registrations/waitlist';
import { sweepEntries } from './contests/entries/sweep';

let stopOutbox: (() => Promise<void>) | null = null;
let sweepTimer: NodeJS.Timeout | null = null;

/** The entries' sweep (old drafts, unreferenced blobs, partial uploads): at start, then hourly. A failure only warns. */
function startEntrySweep(): void {
  const run = () => {
    try {
      sweepEntries();
    } catch (error) {
      process.stderr.write(`Cảnh báo: dọn tệp hồ sơ dự thi thất bại: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  };
  run();
  sweepTimer = setInterval(run, 3600_000);
  sweepTimer.unref();
}

/** `single`: one process does everything; `primary` and `worker`: the two sides of the cluster. */
export type BootRole = 'single' | 'primary' | 'worker';

export function bootServer(env: Env, role: BootRole = 'single'): Promise<void> {
  const db = openDatabase(env.DATABASE_PATH, { synchronous: env.DATABASE_SYNCHRONOUS, migrate: role !== 'worker' });
  if (role !== 'worker') {
    const loose = env.DATABASE_PATH === ':memory:' ? null : looseModeWarning(env.DATABASE_PATH);
    if (loose) process.stderr.write(`${loose}\n`);
  }
  installDatabase(db);
  if (role === 'worker') return bootWorker(env, true);
  try {
    if (env.DEMO) seedDemoAccounts(db);
    else refuseDemoAccounts(env.DATABASE_PATH, db);
    deleteExpiredSessions(db);
    pruneThrottle(db);
    pruneSignInSources(db);
    sealLegacySecrets(db);
    if (env.DATABASE_PATH !== ':memory:') startEntrySweep();
  } catch (error) {
    closeDatabase();
    throw error;
  }
  return role === 'single' ? bootWorker(env, false) : Promise.resolve();
}

/**
 * What each process that serves requests starts; resolves when requests may come (demo judges
 * assigned) — and, for a cluster worker (`withSearch`), once the search index is ready too: a
 * worker that takes over from another waits for it (publishing/warm-up.ts).
 */
function bootWorker(env: Env, withSearch: boolean): Promise<void> {
  // Search index, built (or found unchanged) from content in the background; a failure only
  // warns — the site serves without search. Imported lazily: it reads astro:content.
  const search = import('./search')
    .then((engine) => engine.indexSearchAtStart())
    .catch((error: unknown) => {
      process.stderr.write(`Cảnh báo: không khởi động được tìm kiếm: ${error instanceof Error ? error.message : String(error)}\n`);
    });
  // Demo mode: the demo judges are assigned to the contests open for judging (idempotent).
  // Imported lazily: it reads astro:content. A failure warns; the site serves without them.
  const ready = env.DEMO
    ? import('./contests/web')
        .then(async (contests) => {
          await contests.assignDemoJudges();
        })
        .catch((error: unknown) => {
          process.stderr.write(`Cảnh báo: không phân công được giám khảo mẫu: ${error instanceof Error ? error.message : String(error)}\n`);
        })
    : Promise.resolve();
  if (env.SMTP_URL || env.SMS_SMPP_URL) {
    transportsFromEnv(env)
      .then((transports) => {
        // An offer's clock starts when its message is sent.
        stopOutbox = startOutboxWorker(transports, 15_000, (message, sentAt) => onRegistrationMessageSent(message, sentAt));
      })
      .catch((error: unknown) => {
        process.stderr.write(`Không khởi động được việc gửi tin nhắn: ${error instanceof Error ? error.message : String(error)}\n`);
      });
  }
  return withSearch ? Promise.all([ready, search]).then(() => undefined) : ready;
}

export function stopServer(): void {
  if (sweepTimer) clearInterval(sweepTimer);
  sweepTimer = null;
  void stopOutbox?.();
  stopOutbox = null;
  closeDatabase();
}
