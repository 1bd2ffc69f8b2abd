/**
 * Content history in git, through the system's `git` (execFile, never a shell). Why not
 * isomorphic-git: it pushes only over HTTP(S), not over SSH (what servers push with) nor to a
 * path, and the system git is what administrators already run.
 *
 * The content folder may be part of the project's clone (the usual deployment) or a repository
 * of its own; commits only ever touch paths under it. Repository hooks are switched off (a
 * developer's pre-commit hook must not run on a save) and commits are never signed.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { CmsError } from '../cms/errors';

export interface GitIdentity {
  name: string;
  email: string;
}

export interface Revision {
  sha: string;
  short: string;
  authorName: string;
  authorEmail: string;
  date: Date;
  subject: string;
}

export type RepoState =
  | { kind: 'repo'; root: string; /** The content folder relative to the root ('' when it is the root). */ prefix: string; branch: string | null }
  | { kind: 'none' }
  | { kind: 'git-missing' };

interface GitResult {
  stdout: Buffer;
  stderr: string;
  code: number;
}

/** The system identity that commits on editors' behalf (the author is the editor). */
let committer: GitIdentity = { name: 'Cổng Khuyến công', email: 'no-reply@localhost' };

/** Sets the committer (at start: `no-reply@<SITE_URL host>`). */
export function setCommitter(identity: GitIdentity): void {
  committer = identity;
}

function run(cwd: string, args: string[], options: { env?: Record<string, string>; timeoutMs?: number; input?: string } = {}): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      ['-c', 'core.hooksPath=/dev/null', '-c', 'commit.gpgSign=false', '-c', 'tag.gpgSign=false', '-c', 'core.quotePath=false', ...args],
      {
        cwd,
        encoding: 'buffer',
        maxBuffer: 64 * 1024 * 1024,
        timeout: options.timeoutMs ?? 30_000,
        env: { ...process.env, LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', ...options.env },
      },
      (error, stdout, stderr) => {
        if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
          reject(new CmsError('git_missing'));
          return;
        }
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ stdout, stderr: stderr.toString('utf8'), code });
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

async function git(cwd: string, args: string[], options: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<string> {
  const result = await run(cwd, args, options);
  if (result.code !== 0) throw new Error(`git ${args[0] ?? ''}: ${result.stderr.trim() || `mã ${String(result.code)}`}`);
  return result.stdout.toString('utf8');
}

/** Whether the content folder is in a repository, and where. */
export async function repoState(contentDir: string): Promise<RepoState> {
  if (!existsSync(contentDir)) return { kind: 'none' };
  let result: GitResult;
  try {
    result = await run(contentDir, ['rev-parse', '--show-toplevel', '--show-prefix']);
  } catch (error) {
    if (error instanceof CmsError && error.code === 'git_missing') return { kind: 'git-missing' };
    throw error;
  }
  if (result.code !== 0) return { kind: 'none' };
  const [root = '', prefix = ''] = result.stdout.toString('utf8').split('\n');
  const branch = await run(contentDir, ['symbolic-ref', '--quiet', '--short', 'HEAD']);
  return { kind: 'repo', root, prefix: prefix.replace(/\/$/, ''), branch: branch.code === 0 ? branch.stdout.toString('utf8').trim() : null };
}

/** The repository, or the error that says why there is none. */
async function requireRepo(contentDir: string): Promise<Extract<RepoState, { kind: 'repo' }>> {
  const state = await repoState(contentDir);
  if (state.kind === 'git-missing') throw new CmsError('git_missing');
  if (state.kind === 'none') throw new CmsError('not_a_repository');
  return state;
}

const inRepo = (state: { prefix: string }, rel: string) => (state.prefix ? `${state.prefix}/${rel}` : rel);

function identityEnv(author: GitIdentity): Record<string, string> {
  return {
    GIT_AUTHOR_NAME: author.name,
    GIT_AUTHOR_EMAIL: author.email,
    GIT_COMMITTER_NAME: committer.name,
    GIT_COMMITTER_EMAIL: committer.email,
  };
}

/**
 * Commits the current state of these paths (relative to the content folder; written or
 * deleted), and nothing else of the index. Returns the commit, or null when nothing changed.
 * Retries while another git command holds the index lock.
 */
export async function commitPaths(contentDir: string, paths: readonly string[], author: GitIdentity, message: string): Promise<string | null> {
  const state = await requireRepo(contentDir);
  const targets = [...new Set(paths)].map((p) => inRepo(state, p));
  if (!targets.length) return null;
  for (let attempt = 0; ; attempt++) {
    try {
      const tracked = new Set((await git(state.root, ['ls-files', '-z', '--', ...targets])).split('\0').filter(Boolean));
      const present = targets.filter((t) => existsSync(path.join(state.root, t)) || tracked.has(t));
      if (!present.length) return null;
      await git(state.root, ['add', '-A', '--', ...present]);
      const staged = await run(state.root, ['diff', '--cached', '--quiet', '--', ...present]);
      if (staged.code === 0) return null;
      await git(state.root, ['commit', '--quiet', '--no-verify', '-m', message, '--', ...present], { env: identityEnv(author) });
      return (await git(state.root, ['rev-parse', 'HEAD'])).trim();
    } catch (error) {
      if (attempt < 20 && error instanceof Error && /index\.lock|Unable to create .*\.lock/.test(error.message)) {
        await new Promise((resolve) => setTimeout(resolve, 50 + attempt * 50));
        continue;
      }
      throw error;
    }
  }
}

const LOG_FORMAT = '%H%x1f%h%x1f%an%x1f%ae%x1f%aI%x1f%s%x1e';

function parseLog(text: string): Revision[] {
  return text
    .split('\x1e')
    .map((r) => r.trim())
    .filter(Boolean)
    .map((r) => {
      const [sha = '', short = '', authorName = '', authorEmail = '', date = '', subject = ''] = r.split('\x1f');
      return { sha, short, authorName, authorEmail, date: new Date(date), subject };
    });
}

/** The commits that touched these paths (relative to the content folder), newest first. */
export async function historyOf(contentDir: string, paths: readonly string[], limit = 50, range?: string): Promise<Revision[]> {
  const state = await requireRepo(contentDir);
  const head = await run(state.root, ['rev-parse', '--verify', '--quiet', 'HEAD']);
  if (head.code !== 0) return [];
  const args = ['log', `--max-count=${String(limit)}`, `--format=${LOG_FORMAT}`];
  if (range) args.push(range);
  return parseLog(await git(state.root, [...args, '--', ...(paths.length ? paths.map((p) => inRepo(state, p)) : [state.prefix || '.'])]));
}

/** The files under `rel` (a folder or a file, relative to the content folder) as they were at `sha`. */
export async function filesAt(contentDir: string, sha: string, rel: string): Promise<Map<string, Buffer>> {
  const state = await requireRepo(contentDir);
  if (!/^[0-9a-f]{7,40}$/.test(sha)) throw new CmsError('version_not_found');
  const exists = await run(state.root, ['cat-file', '-e', `${sha}^{commit}`]);
  if (exists.code !== 0) throw new CmsError('version_not_found');
  const listing = await git(state.root, ['ls-tree', '-r', '-z', '--name-only', sha, '--', inRepo(state, rel)]);
  const out = new Map<string, Buffer>();
  for (const file of listing.split('\0').filter(Boolean)) {
    const blob = await run(state.root, ['show', `${sha}:${file}`]);
    if (blob.code !== 0) throw new Error(`git show ${file}: ${blob.stderr}`);
    out.set(state.prefix ? file.slice(state.prefix.length + 1) : file, blob.stdout);
  }
  return out;
}

/** HEAD's commit, or null (no repository, or no commit yet). */
export async function headCommit(contentDir: string): Promise<string | null> {
  const state = await repoState(contentDir);
  if (state.kind !== 'repo') return null;
  const head = await run(state.root, ['rev-parse', '--verify', '--quiet', 'HEAD']);
  return head.code === 0 ? head.stdout.toString('utf8').trim() : null;
}

/** Content paths with changes not committed (edited outside the editor), relative to the content folder. */
export async function uncommittedPaths(contentDir: string): Promise<string[]> {
  const state = await requireRepo(contentDir);
  const out = await git(state.root, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', state.prefix || '.']);
  return out
    .split('\0')
    .filter((line) => line.length > 3)
    .map((line) => line.slice(3))
    .filter((file) => !state.prefix || file.startsWith(`${state.prefix}/`))
    .map((file) => (state.prefix ? file.slice(state.prefix.length + 1) : file));
}

/**
 * Makes the content folder a repository of its own and commits what it holds (a deployment
 * from a tarball has no history). Refused when it already is in a repository.
 */
export async function initRepository(contentDir: string, author: GitIdentity): Promise<string> {
  const state = await repoState(contentDir);
  if (state.kind === 'git-missing') throw new CmsError('git_missing');
  if (state.kind === 'repo') throw new Error('already a repository');
  await git(contentDir, ['init', '--quiet', '--initial-branch=main']);
  await git(contentDir, ['add', '-A', '--', '.']);
  await git(contentDir, ['commit', '--quiet', '--no-verify', '--allow-empty', '-m', 'Khởi tạo lịch sử nội dung', '-m', 'Tạo từ trang Xuất bản của cổng: nội dung lúc này là phiên bản đầu tiên.'], { env: identityEnv(author) });
  return (await git(contentDir, ['rev-parse', 'HEAD'])).trim();
}

/** Marks a commit (a publication) with a lightweight tag. */
export async function tagCommit(contentDir: string, name: string, sha: string): Promise<void> {
  const state = await requireRepo(contentDir);
  await git(state.root, ['tag', '--force', name, sha]);
}

export interface PushResult {
  ok: boolean;
  at: string;
  /** Vietnamese, for the console. */
  message: string;
}

/** Pushes the current branch (and `tags`) to `remote`. Never throws: the result says what happened. */
export async function pushTo(contentDir: string, remote: string, tags: readonly string[] = []): Promise<PushResult> {
  const at = new Date().toISOString();
  try {
    const state = await requireRepo(contentDir);
    if (!state.branch) return { ok: false, at, message: 'Kho đang không ở nhánh nào (detached HEAD): không đẩy được.' };
    const refs = [`HEAD:refs/heads/${state.branch}`, ...tags.map((t) => `refs/tags/${t}:refs/tags/${t}`)];
    const result = await run(state.root, ['push', '--porcelain', remote, ...refs], { timeoutMs: 120_000 });
    if (result.code === 0) return { ok: true, at, message: `Đã đẩy nhánh ${state.branch} lên ${remote}.` };
    const reason = result.stderr.trim().split('\n').slice(-3).join(' ');
    const rejected = /rejected|non-fast-forward|fetch first/.test(result.stderr);
    return {
      ok: false,
      at,
      message: rejected
        ? `Kho ${remote} có thay đổi mới hơn trên máy chủ: người quản trị cần hợp nhất (git pull) rồi đẩy lại. (${reason})`
        : `Không đẩy được lên ${remote}: ${reason}`,
    };
  } catch (error) {
    return { ok: false, at, message: error instanceof Error ? error.message : String(error) };
  }
}
