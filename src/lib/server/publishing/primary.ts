/**
 * The cluster's primary process: what `node dist/server/entry.mjs` runs (cluster.ts says why).
 *
 * - At start: validates the environment, opens the database and applies migrations — once,
 *   before any worker — and the other once-per-start tasks (boot.ts); then forks a worker on
 *   the build to serve (the last published one, `builds.ts`).
 * - Keeps the listening socket (the workers' `listen` goes through it) and replaces a worker
 *   that dies.
 * - Works through publications one at a time (`store.ts`): snapshot the content, check every
 *   entry with the build's schemas, build it in a niced child process, and only if that
 *   succeeds switch: a worker on the new build listens, then the old one drains and exits.
 *   A failure leaves the site as it was and records the content errors for the editor.
 * - On SIGTERM/SIGINT: stops a running build, drains the workers, closes the database.
 */
import cluster from 'node:cluster';
import { cpSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Env } from '../env';
import { bootServer, stopServer } from '../boot';
import { withContentLock } from '../cms/lock';
import { validateContentTree, type ContentIssue } from '../cms/validate';
import { headCommit, repoState, tagCommit, uncommittedPaths } from '../history/git';
import { pushInBackground } from '../history';
import { parseBuildErrors, runBuild } from './builder';
import {
  buildEntry,
  listBuilds,
  newBuildId,
  pruneBuilds,
  readBuildInfo,
  readCurrent,
  servedAtStart,
  writeBuildInfo,
  writeCurrent,
  type BuildAuthor,
} from './builds';
import type { ClusterMessage } from './cluster';
import type { PublishingSettings } from './settings';
import { failInterruptedPublications, finishPublication, notePublication, startNextPublication, type Publication } from './store';
import { WorkerPool } from './workers';

const log = (fields: Record<string, unknown>) => process.stdout.write(`${JSON.stringify({ t: new Date().toISOString(), ...fields })}\n`);
const warn = (message: string) => process.stderr.write(`${message}\n`);

export class Primary {
  private readonly workers: WorkerPool;
  private working = false;
  private stopping = false;
  private stopBuild: (() => void) | null = null;
  private poll: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly env: Env,
    private readonly settings: PublishingSettings,
    /** The deployment's own build (dist/server/entry.mjs): served until something is published. */
    private readonly ownEntry: string,
  ) {
    // A draining worker finishes its longest request (an upload) within REQUEST_TIMEOUT_SECONDS.
    this.workers = new WorkerPool((env.REQUEST_TIMEOUT_SECONDS + 15) * 1000, () => void this.work());
  }

  async start(): Promise<void> {
    await bootServer(this.env, 'primary');
    const interrupted = failInterruptedPublications();
    if (interrupted) warn(`Cảnh báo: ${String(interrupted)} lần xuất bản bị dừng giữa chừng khi máy chủ dừng; đã ghi là không thành công.`);
    mkdirSync(this.settings.buildsDir, { recursive: true });
    const served = servedAtStart(this.settings.buildsDir, this.ownEntry);
    if (!served.id && readCurrent(this.settings.buildsDir)) {
      warn('Bản dựng dist/ mới hơn bản xuất bản cuối cùng (mã nguồn vừa được cập nhật): phục vụ dist/.');
    }
    cluster.on('message', (_worker, message: ClusterMessage) => {
      if (message.kc === 'publish') void this.work();
    });
    await this.workers.serve(served.entry, served.id);
    for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void this.shutdown(signal));
    // Requests also arrive from a CLI or another process: look for them now and then.
    this.poll = setInterval(() => void this.work(), 5000);
    this.poll.unref();
    void this.work();
  }

  /** False once shutting down (a method: a field read would stay narrowed across awaits). */
  private running(): boolean {
    return !this.stopping;
  }

  /** Works through queued publications, one at a time. */
  private async work(): Promise<void> {
    if (this.working || this.stopping || !this.workers.serving) return;
    this.working = true;
    try {
      while (this.running()) {
        const next = startNextPublication();
        if (!next) break;
        log({ publication: next.id, kind: next.kind, state: 'building' });
        try {
          if (next.kind === 'rollback') await this.rollBack(next);
          else await this.publish(next);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          warn(`Xuất bản ${next.id} lỗi: ${message}`);
          finishPublication(next.id, { state: 'failed', message: `Xuất bản không thành công: ${message}` });
        }
      }
    } finally {
      this.working = false;
    }
  }

  private author(publication: Publication): BuildAuthor | null {
    const who = publication.requestedBy;
    return who ? { id: who.id, name: who.name, email: who.email } : null;
  }

  private async publish(publication: Publication): Promise<void> {
    const { buildsDir, contentDir } = this.settings;
    const id = newBuildId(new Date());
    const snapshot = path.join(buildsDir, `${id}.content.partial`);
    const outDir = path.join(buildsDir, `${id}.partial`);
    try {
      const { commit, uncommitted } = await this.snapshot(snapshot);
      notePublication(publication.id, { buildId: id, commit });
      const invalid = await validateContentTree(snapshot);
      if (invalid.length) {
        this.fail(publication, invalid, `Chưa xuất bản: ${String(invalid.length)} lỗi nội dung cần sửa trước. Trang web vẫn giữ bản đang chạy.`);
        return;
      }
      const run = await runBuild({
        sourceDir: this.settings.sourceDir,
        contentDir: snapshot,
        outDir,
        nice: this.settings.nice,
        timeoutMs: this.settings.timeoutMs,
        onSpawn: (stop) => {
          this.stopBuild = stop;
        },
      });
      this.stopBuild = null;
      if (!run.ok || !existsSync(path.join(outDir, 'server', 'entry.mjs'))) {
        const errors = run.timedOut
          ? [{ file: '', field: null, label: null, message: `Dựng trang quá ${String(Math.round(this.settings.timeoutMs / 60_000))} phút nên đã dừng.` }]
          : parseBuildErrors(run.output, snapshot);
        if (this.stopping) return;
        this.fail(publication, errors, 'Dựng trang không thành công. Trang web vẫn giữ bản đang chạy.');
        return;
      }
      renameSync(outDir, path.join(buildsDir, id));
      const by = this.author(publication);
      writeBuildInfo(buildsDir, { id, builtAt: new Date().toISOString(), durationMs: Math.round(run.durationMs), by, commit, uncommitted, publicationId: publication.id });
      try {
        await this.workers.switchTo(buildEntry(buildsDir, id), id);
      } catch (error) {
        rmSync(path.join(buildsDir, id), { recursive: true, force: true });
        throw new Error(`bản dựng mới không khởi động được (${error instanceof Error ? error.message : String(error)}); trang web vẫn giữ bản đang chạy`);
      }
      writeCurrent(buildsDir, { id, since: new Date().toISOString(), by, action: 'publish' });
      finishPublication(publication.id, { state: 'live', buildId: id, message: `Đã xuất bản sau ${String(Math.round(run.durationMs / 1000))} giây dựng trang.` });
      log({ publication: publication.id, state: 'live', build: id, buildMs: Math.round(run.durationMs) });
      if (commit && !uncommitted) await this.tagAndPush(`xuat-ban/${id}`, commit, contentDir);
      this.prune();
    } finally {
      rmSync(snapshot, { recursive: true, force: true });
      rmSync(outDir, { recursive: true, force: true });
    }
  }

  /**
   * Copies the content as it is now (no save half-written: under the content lock), and says
   * which commit that is and how many files differ from it (changed outside the editor: they
   * are built as they are, never committed on someone's behalf).
   */
  private snapshot(into: string): Promise<{ commit: string | null; uncommitted: number }> {
    const { contentDir, lockFile } = this.settings;
    return withContentLock(
      lockFile,
      async () => {
        const repo = await repoState(contentDir);
        const uncommitted = repo.kind === 'repo' ? (await uncommittedPaths(contentDir)).length : 0;
        rmSync(into, { recursive: true, force: true });
        cpSync(contentDir, into, { recursive: true, filter: (source) => path.basename(source) !== '.git' });
        return { commit: repo.kind === 'repo' ? await headCommit(contentDir) : null, uncommitted };
      },
      { timeoutMs: 60_000 },
    );
  }

  private async rollBack(publication: Publication): Promise<void> {
    const { buildsDir } = this.settings;
    const current = readCurrent(buildsDir);
    const liveId = this.workers.servedBuild ?? null;
    const target = publication.targetBuild ?? listBuilds(buildsDir).find((b) => liveId === null || b.id < liveId)?.id ?? null;
    const info = target ? readBuildInfo(buildsDir, target) : null;
    if (!target || !info || target === liveId) {
      this.fail(publication, [], target === liveId && target ? 'Bản dựng này đang được phục vụ.' : 'Không còn bản dựng cũ hơn để quay lại.');
      return;
    }
    await this.workers.switchTo(buildEntry(buildsDir, target), target);
    writeCurrent(buildsDir, { id: target, since: new Date().toISOString(), by: this.author(publication), action: 'rollback' });
    notePublication(publication.id, { buildId: target, commit: info.commit });
    finishPublication(publication.id, { state: 'live', buildId: target, message: `Đã quay lại bản dựng ${target}${current ? ` (trước đó: ${current.id})` : ''}.` });
    log({ publication: publication.id, state: 'live', rollback: target });
  }

  private fail(publication: Publication, errors: ContentIssue[], message: string): void {
    finishPublication(publication.id, { state: 'failed', message, errors });
    log({ publication: publication.id, state: 'failed', errors: errors.length });
  }

  private async tagAndPush(tag: string, commit: string, contentDir: string): Promise<void> {
    try {
      await tagCommit(contentDir, tag, commit);
      if (this.settings.gitRemote) void pushInBackground([tag]);
    } catch (error) {
      warn(`Cảnh báo: không gắn được nhãn ${tag}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private prune(): void {
    const protect = this.workers.inUse();
    const current = readCurrent(this.settings.buildsDir);
    if (current) protect.add(current.id);
    pruneBuilds(this.settings.buildsDir, this.settings.keep, protect);
  }

  private async shutdown(signal: string): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    if (this.poll) clearInterval(this.poll);
    process.stdout.write(`Nhận ${signal}: dừng nhận yêu cầu mới, chờ các yêu cầu đang xử lý…\n`);
    this.stopBuild?.();
    await this.workers.stopAll();
    stopServer();
    process.exit(0);
  }
}

/** Starts the primary (entrypoint.ts, when `shouldRunPrimary()`). Exits the process on a start-up error. */
export function startPrimary(env: Env, settings: PublishingSettings, ownEntry: string): void {
  new Primary(env, settings, ownEntry).start().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
