/**
 * The workers of the cluster primary (primary.ts): the one serving the site, those draining
 * after a switch, and the replacement of a worker that dies. A switch starts the worker on the
 * new build and waits until it listens before the old one drains (no request is refused).
 */
import cluster, { type Worker } from 'node:cluster';
import type { ClusterMessage } from './cluster';

interface Served {
  worker: Worker;
  buildId: string | null;
  entry: string;
}

const warn = (message: string) => process.stderr.write(`${message}\n`);

export class WorkerPool {
  private active: Served | null = null;
  /** Workers draining after a switch, with the build each served. */
  private readonly retiring = new Map<Worker, string | null>();
  private crashes = 0;
  private stopping = false;

  constructor(
    /** How long a draining worker may take (its longest request: an upload) before it is killed. */
    private readonly drainMs: number,
    /** Called when a replacement worker serves again (the primary looks for queued work). */
    private readonly onReplaced: () => void,
  ) {}

  /** The build being served (null: the deployment's own dist/), or undefined with no worker. */
  get servedBuild(): string | null | undefined {
    return this.active ? this.active.buildId : undefined;
  }

  get serving(): boolean {
    return this.active !== null;
  }

  /** Builds a worker serves or drains: never pruned. */
  inUse(): Set<string> {
    const ids = new Set<string>();
    if (this.active?.buildId) ids.add(this.active.buildId);
    for (const id of this.retiring.values()) if (id) ids.add(id);
    return ids;
  }

  async serve(entry: string, buildId: string | null): Promise<void> {
    this.active = await this.startWorker(entry, buildId);
  }

  /** Switches the site to `entry`: the new worker listens before the old one drains. */
  async switchTo(entry: string, buildId: string): Promise<void> {
    const fresh = await this.startWorker(entry, buildId);
    const old = this.active;
    this.active = fresh;
    if (old) this.retire(old.worker, old.buildId);
  }

  /** Stops every worker (SIGTERM, then SIGKILL after 15 s). */
  async stopAll(): Promise<void> {
    this.stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            if (w.isDead()) {
              resolve();
              return;
            }
            w.once('exit', () => resolve());
            w.process.kill('SIGTERM');
            setTimeout(() => {
              w.process.kill('SIGKILL');
            }, 15_000).unref();
          }),
      ),
    );
  }

  /** Forks a worker on `entry` and resolves once it listens; rejects when it exits first or takes too long. */
  private startWorker(entry: string, buildId: string | null): Promise<Served> {
    cluster.setupPrimary({ exec: entry, args: [], silent: true });
    const worker = cluster.fork({ KC_BUILD_ID: buildId ?? '' });
    let tail = '';
    worker.process.stdout?.on('data', (chunk: Buffer) => process.stdout.write(chunk));
    worker.process.stderr?.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      tail = (tail + chunk.toString('utf8')).slice(-4000);
    });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        worker.process.kill('SIGKILL');
        reject(new Error('quá 60 giây mà bản dựng mới chưa nhận kết nối'));
      }, 60_000);
      const onExit = (code: number | null, signal: string | null) => {
        clearTimeout(timer);
        reject(new Error(`tiến trình dừng (${signal ?? `mã ${String(code)}`}) trước khi nhận kết nối${tail ? `: ${tail.trim().split('\n').slice(-3).join(' ')}` : ''}`));
      };
      worker.once('exit', onExit);
      worker.once('listening', () => {
        clearTimeout(timer);
        worker.off('exit', onExit);
        const served: Served = { worker, buildId, entry };
        worker.on('exit', (code, signal) => this.onWorkerExit(served, code, signal));
        resolve(served);
      });
    });
  }

  private onWorkerExit(served: Served, code: number | null, signal: string | null): void {
    this.retiring.delete(served.worker);
    if (this.stopping || this.active?.worker !== served.worker) return;
    this.active = null;
    warn(`Tiến trình phục vụ trang dừng bất thường (${signal ?? `mã ${String(code)}`}); đang khởi động lại.`);
    this.scheduleRestart(served);
  }

  /** Starts another worker on the same build after a pause that grows while it keeps dying. */
  private scheduleRestart(served: Served): void {
    this.crashes++;
    const wait = Math.min(30_000, 250 * 2 ** Math.min(this.crashes, 7));
    // Not unref'd: with no worker, this timer is what keeps the primary alive.
    setTimeout(() => {
      if (this.stopping) return;
      this.startWorker(served.entry, served.buildId)
        .then((fresh) => {
          this.active = fresh;
          setTimeout(() => {
            if (this.active === fresh) this.crashes = 0;
          }, 60_000).unref();
          this.onReplaced();
        })
        .catch((error: unknown) => {
          warn(`Không khởi động lại được: ${error instanceof Error ? error.message : String(error)}`);
          this.scheduleRestart(served);
        });
    }, wait);
  }

  private retire(worker: Worker, buildId: string | null): void {
    this.retiring.set(worker, buildId);
    worker.send({ kc: 'drain' } satisfies ClusterMessage);
    const timer = setTimeout(() => worker.process.kill('SIGKILL'), this.drainMs);
    timer.unref();
    worker.once('exit', () => clearTimeout(timer));
  }
}
