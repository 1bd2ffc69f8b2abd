/**
 * Group commit: many small writes in ONE `BEGIN IMMEDIATE` transaction — one fsync under
 * `synchronous=FULL` instead of one per write — each in its own savepoint, in order.
 *
 * Why savepoints: the jobs of a group are independent requests. A job that throws (a refusal,
 * a bug) is rolled back alone; the others still commit. Why in order: each job sees what the
 * jobs before it wrote, so a rule checked inside a job (capacity, duplicates) holds for the
 * whole group exactly as it would one transaction at a time.
 *
 * Used by booth registrations (the writer thread calls `commitGroup` once per turn of its event
 * loop; the main thread queues through `GroupCommitQueue` when no writer thread runs), and
 * usable by any other write that arrives in bursts.
 */
import { preparedOnce, type AppDb, type DbLike, type Tx } from './db';
import { connectionOf } from './raw-statement';

/** What one job of a group came to: its value, or what it threw. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };
/** One write of a group, run inside the group's transaction (in its own savepoint). */
export type Job<T> = (tx: Tx) => T;

/**
 * The savepoint statements, prepared once per connection: drizzle's `sql\`SAVEPOINT …\`` would be
 * prepared again for every job, three times per job on the hottest write path.
 */
const savepoints = preparedOnce((db: DbLike) => {
  const client = connectionOf(db);
  return {
    begin: client.prepare('SAVEPOINT group_job'),
    release: client.prepare('RELEASE group_job'),
    rollback: client.prepare('ROLLBACK TO group_job'),
  };
});

/**
 * Runs `jobs` in one transaction (IMMEDIATE: the database module makes it the default, so the
 * write lock is taken before any job reads), each in a savepoint, in order. Returns one outcome
 * per job. Throws — and nothing is kept — when the transaction itself fails (BEGIN or COMMIT).
 */
export function commitGroup<T>(db: AppDb, jobs: readonly Job<T>[]): Outcome<T>[] {
  const outcomes: Outcome<T>[] = [];
  const sp = savepoints(db);
  db.transaction((tx) => {
    for (const job of jobs) {
      sp.begin.run();
      try {
        outcomes.push({ ok: true, value: job(tx) });
        sp.release.run();
      } catch (error) {
        sp.rollback.run();
        sp.release.run();
        outcomes.push({ ok: false, error });
      }
    }
  });
  return outcomes;
}

interface Queued<R, T> {
  db: AppDb;
  request: R;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

/**
 * Requests submitted in the same turn of the event loop are written by one `commitGroup` per
 * database. Each promise settles only after the commit, so an answer is never given for a
 * write that could still be lost.
 */
export class GroupCommitQueue<R, T> {
  private queue: Queued<R, T>[] = [];
  private scheduled = false;

  /** `jobOf` turns a request into its job (plain data in, so requests can come from anywhere). */
  constructor(private readonly jobOf: (request: R) => Job<T>) {}

  submit(db: AppDb, request: R): Promise<T> {
    return new Promise((resolve, reject) => {
      this.queue.push({ db, request, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    const byDb = new Map<AppDb, Queued<R, T>[]>();
    for (const q of batch) {
      const list = byDb.get(q.db);
      if (list) list.push(q);
      else byDb.set(q.db, [q]);
    }
    for (const [db, items] of byDb) {
      let outcomes: Outcome<T>[];
      try {
        outcomes = commitGroup(db, items.map((item) => this.jobOf(item.request)));
      } catch (error) {
        for (const item of items) item.reject(error);
        continue;
      }
      items.forEach((item, i) => {
        const o = outcomes[i];
        if (o?.ok) item.resolve(o.value);
        else item.reject(o ? o.error : new Error('group commit lost an outcome'));
      });
    }
  }
}
