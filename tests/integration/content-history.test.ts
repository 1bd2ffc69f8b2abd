/**
 * Content history with the real system git, in temporary repositories: a commit per save
 * with the editor as author and only the saved paths, an entry's versions and its files at
 * one of them, a push to a (local, bare) remote and a push the remote refuses, and content
 * that is not in a repository at all (a deployment from a tarball) until one is made.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commitPaths, filesAt, historyOf, initRepository, pushTo, repoState, setCommitter, uncommittedPaths } from '~/lib/server/history/git';

const root = mkdtempSync(path.join(os.tmpdir(), 'kc-history-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=Dev', '-c', 'user.email=dev@example.vn', '-c', 'init.defaultBranch=main', ...args], { cwd }).toString().trim();
const lan = { name: 'Nguyễn Thị Lan', email: 'lan@example.vn' };
setCommitter({ name: 'Cổng Khuyến công', email: 'no-reply@khuyencong.example' });

function clone(name: string): { repo: string; content: string } {
  const repo = path.join(root, name);
  const content = path.join(repo, 'content');
  mkdirSync(path.join(content, 'fairs', 'hoi-cho-a'), { recursive: true });
  writeFileSync(path.join(content, 'fairs', 'hoi-cho-a', 'index.md'), '---\nname: A\n---\n');
  writeFileSync(path.join(repo, 'README.md'), 'mã nguồn\n');
  git(repo, 'init', '--quiet');
  git(repo, 'add', '-A');
  git(repo, 'commit', '--quiet', '-m', 'init');
  return { repo, content };
}

describe('content in a clone of the project', () => {
  const { repo, content } = clone('clone');

  it('knows where the content sits in the repository', async () => {
    expect(await repoState(content)).toEqual({ kind: 'repo', root: repo, prefix: 'content', branch: 'main' });
  });

  it('commits exactly the saved paths, with the editor as author', async () => {
    writeFileSync(path.join(content, 'fairs', 'hoi-cho-a', 'index.md'), '---\nname: A sửa\n---\n');
    writeFileSync(path.join(repo, 'README.md'), 'một thay đổi của lập trình viên, chưa commit\n');
    mkdirSync(path.join(content, 'fairs', 'hoi-cho-b'));
    writeFileSync(path.join(content, 'fairs', 'hoi-cho-b', 'index.md'), '---\nname: B\n---\n');
    const sha = await commitPaths(content, ['fairs/hoi-cho-a/index.md'], lan, 'Sửa hội chợ: A sửa\n\nNgười sửa: Lan');
    expect(sha).toMatch(/^[0-9a-f]{40}$/);
    expect(git(repo, 'log', '-1', '--format=%an <%ae>|%cn <%ce>|%s')).toBe('Nguyễn Thị Lan <lan@example.vn>|Cổng Khuyến công <no-reply@khuyencong.example>|Sửa hội chợ: A sửa');
    expect(git(repo, 'show', '--name-only', '--format=', 'HEAD')).toBe('content/fairs/hoi-cho-a/index.md');
    expect(git(repo, 'status', '--porcelain')).toMatch(/^ ?M README\.md/m);
    expect(await uncommittedPaths(content)).toEqual(['fairs/hoi-cho-b/index.md']);
    expect(await commitPaths(content, ['fairs/hoi-cho-a/index.md'], lan, 'không có gì')).toBeNull();
  });

  it('commits a deletion, lists an entry’s versions and reads an old one', async () => {
    await commitPaths(content, ['fairs/hoi-cho-b/index.md'], lan, 'Thêm hội chợ: B');
    rmSync(path.join(content, 'fairs', 'hoi-cho-b'), { recursive: true });
    await commitPaths(content, ['fairs/hoi-cho-b/index.md'], { name: 'Trần Văn Minh', email: 'minh@example.vn' }, 'Xóa hội chợ: B');
    const versions = await historyOf(content, ['fairs/hoi-cho-b'], 10);
    expect(versions.map((v) => [v.subject, v.authorName])).toEqual([
      ['Xóa hội chợ: B', 'Trần Văn Minh'],
      ['Thêm hội chợ: B', 'Nguyễn Thị Lan'],
    ]);
    const files = await filesAt(content, versions[1]?.sha ?? '', 'fairs/hoi-cho-b');
    expect([...files.keys()]).toEqual(['fairs/hoi-cho-b/index.md']);
    expect(files.get('fairs/hoi-cho-b/index.md')?.toString()).toBe('---\nname: B\n---\n');
    await expect(filesAt(content, 'deadbeef', 'fairs')).rejects.toMatchObject({ code: 'version_not_found' });
  });
});

describe('pushing to the remote', () => {
  const { repo, content } = clone('pushing');
  const remote = path.join(root, 'remote.git');
  git(root, 'init', '--quiet', '--bare', remote);
  git(repo, 'remote', 'add', 'origin', remote);

  it('pushes the branch and a publication tag to a bare repository', async () => {
    writeFileSync(path.join(content, 'fairs', 'hoi-cho-a', 'index.md'), '---\nname: A lần 2\n---\n');
    const sha = await commitPaths(content, ['fairs/hoi-cho-a/index.md'], lan, 'Sửa hội chợ: A lần 2');
    git(repo, 'tag', 'xuat-ban/20261201-020304-aaaa', sha ?? 'HEAD');
    const result = await pushTo(content, 'origin', ['xuat-ban/20261201-020304-aaaa']);
    expect(result).toMatchObject({ ok: true, message: 'Đã đẩy nhánh main lên origin.' });
    expect(git(remote, 'log', '-1', '--format=%H %an', 'main')).toBe(`${sha ?? ''} Nguyễn Thị Lan`);
    expect(git(remote, 'tag')).toBe('xuat-ban/20261201-020304-aaaa');
  });

  it('says in Vietnamese when the remote has moved on, and what to do', async () => {
    const other = path.join(root, 'other');
    git(root, 'clone', '--quiet', remote, other);
    writeFileSync(path.join(other, 'README.md'), 'đẩy từ máy khác\n');
    git(other, 'commit', '--quiet', '-am', 'từ máy khác');
    git(other, 'push', '--quiet', 'origin', 'main');
    writeFileSync(path.join(content, 'fairs', 'hoi-cho-a', 'index.md'), '---\nname: A lần 3\n---\n');
    await commitPaths(content, ['fairs/hoi-cho-a/index.md'], lan, 'Sửa hội chợ: A lần 3');
    const result = await pushTo(content, 'origin');
    expect(result.ok).toBe(false);
    expect(result.message).toContain('có thay đổi mới hơn trên máy chủ: người quản trị cần hợp nhất (git pull)');
  });
});

describe('content that is not in a repository', () => {
  const content = path.join(root, 'tarball', 'content');
  mkdirSync(path.join(content, 'pages'), { recursive: true });
  writeFileSync(path.join(content, 'pages', 'gioi-thieu.md'), '---\ntitle: Giới thiệu\n---\n');

  it('is reported as such, and a save cannot commit', async () => {
    expect(await repoState(content)).toEqual({ kind: 'none' });
    await expect(commitPaths(content, ['pages/gioi-thieu.md'], lan, 'x')).rejects.toMatchObject({ code: 'not_a_repository' });
  });

  it('gets a repository of its own, with the content as its first version', async () => {
    const sha = await initRepository(content, lan);
    expect(await repoState(content)).toMatchObject({ kind: 'repo', root: content, prefix: '', branch: 'main' });
    expect(git(content, 'log', '--format=%H %an %s')).toBe(`${sha} Nguyễn Thị Lan Khởi tạo lịch sử nội dung`);
    expect(git(content, 'ls-files')).toBe('pages/gioi-thieu.md');
    await expect(initRepository(content, lan)).rejects.toThrow();
  });
});
