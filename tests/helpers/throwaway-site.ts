/**
 * A throwaway copy of the site for tests that edit and publish: the demo content copied into
 * a temporary folder (by default inside a fresh git repository, as in a clone, optionally with a
 * bare "remote" to push to), a temporary database and builds folder, and the BUILT server
 * (TEST_BUILD_DIR) started on it as the documented way starts it (`node …/server/entry.mjs`:
 * the cluster primary). Publications build the real project (this worktree's src/) with the
 * copy's content. The worktree's own content/ is never touched.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TEST_BUILD_DIR, TEST_NOW } from '../test-env';

export interface ThrowawaySite {
  url: string;
  port: number;
  root: string;
  /** The copy's content folder. */
  contentDir: string;
  /** The repository holding it (null: none). */
  repoDir: string | null;
  /** A bare repository the content is pushed to (null: no remote). */
  remoteDir: string | null;
  buildsDir: string;
  databasePath: string;
  child: ChildProcess;
  /** Everything the server printed so far. */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts the server again on the same folders (after `stop`). */
  restart(): Promise<void>;
  cleanup(): Promise<void>;
}

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=Kho thử nghiệm', '-c', 'user.email=kho@example.vn', '-c', 'init.defaultBranch=main', ...args], { cwd, stdio: 'pipe' }).toString();

export interface ThrowawayOptions {
  port: number;
  /** The content in a git repository (default true). */
  git?: boolean;
  /** A bare repository as CONTENT_GIT_REMOTE (default false). */
  remote?: boolean;
  env?: Record<string, string>;
}

export async function startThrowawaySite(options: ThrowawayOptions): Promise<ThrowawaySite> {
  const entry = path.join(TEST_BUILD_DIR, 'server', 'entry.mjs');
  if (!existsSync(entry)) throw new Error(`No build at ${TEST_BUILD_DIR}: build first`);
  const root = mkdtempSync(path.join(os.tmpdir(), 'kc-site-'));
  const site = path.join(root, 'site');
  const contentDir = path.join(site, 'content');
  mkdirSync(site, { recursive: true });
  cpSync(path.resolve('content'), contentDir, { recursive: true });
  // Beside the content, as in a real checkout: files the editor must never see.
  writeFileSync(path.join(site, '.env'), 'SMTP_URL=smtp://bi-mat:mat-khau@example.vn\n');
  mkdirSync(path.join(site, 'db', 'data'), { recursive: true });
  writeFileSync(path.join(site, 'db', 'data', 'secret.txt'), 'không được đọc\n');
  let repoDir: string | null = null;
  let remoteDir: string | null = null;
  if (options.git ?? true) {
    repoDir = site;
    git(site, 'init', '--quiet');
    writeFileSync(path.join(site, '.gitignore'), '.env\ndb/data/\n');
    git(site, 'add', '-A');
    git(site, 'commit', '--quiet', '-m', 'Nội dung mẫu');
    if (options.remote) {
      remoteDir = path.join(root, 'remote.git');
      git(root, 'init', '--quiet', '--bare', remoteDir);
      git(site, 'remote', 'add', 'origin', remoteDir);
      git(site, 'push', '--quiet', 'origin', 'HEAD:refs/heads/main');
    }
  }
  const data = path.join(root, 'data');
  const url = `http://localhost:${String(options.port)}`;
  const env = {
    ...process.env,
    PORT: String(options.port),
    HOST: 'localhost',
    SITE_URL: url,
    DATABASE_PATH: path.join(data, 'db.sqlite'),
    CONTENT_DIR: contentDir,
    BUILDS_DIR: path.join(data, 'builds'),
    PUBLISH_SOURCE_DIR: process.cwd(),
    DEMO: 'true',
    CLOCK_NOW: TEST_NOW,
    LOG_REQUESTS: 'false',
    REGISTRATION_RATE_LIMIT: '0',
    MESSAGE_HOURLY_LIMIT: '0',
    ...(remoteDir ? { CONTENT_GIT_REMOTE: 'origin' } : {}),
    ...options.env,
  };
  let child!: ChildProcess;
  let output = '';
  let exited!: Promise<void>;
  const launch = async () => {
    child = spawn(process.execPath, [entry], { cwd: process.cwd(), env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
      try {
        if ((await fetch(`${url}/healthz`)).ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`server did not start: ${output}`);
      await new Promise((r) => setTimeout(r, 150));
    }
  };
  await launch();
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    url,
    port: options.port,
    root,
    contentDir,
    repoDir,
    remoteDir,
    buildsDir: env.BUILDS_DIR,
    databasePath: env.DATABASE_PATH,
    get child() {
      return child;
    },
    output: () => output,
    stop,
    restart: launch,
    async cleanup() {
      await stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Runs git in the site's repository (for assertions). */
export function gitIn(dir: string, ...args: string[]): string {
  return git(dir, ...args);
}

export const EDITOR = { email: 'bientap@demo.khuyencong.example', password: 'bientap-demo-2026' };
export const ADMIN = { email: 'quantri@demo.khuyencong.example', password: 'quantri-demo-2026' };
export const ORGANISER = { email: 'bantochuc@demo.khuyencong.example', password: 'bantochuc-demo-2026' };
export const JUDGE = { email: 'giamkhao1@demo.khuyencong.example', password: 'giamkhao1-demo-2026' };

/** Signs in and returns the session cookie header. */
export async function signIn(url: string, who: { email: string; password: string }): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: url }, body: JSON.stringify(who) });
  if (res.status !== 200) throw new Error(`sign in ${who.email}: ${String(res.status)}`);
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]);
  return cookies.join('; ');
}
