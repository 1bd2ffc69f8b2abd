/**
 * Saving content: the one way the editor (and a restore from history) changes the content
 * folder. Under the content lock it
 *
 * 1. refuses the change when a file it touches is no longer the version the editor started
 *    from (`base`: the blob hashes the editor's page last read) — two editors saving one file:
 *    the second is refused with who saved before, never silently overwritten;
 * 2. normalises the editor's YAML (empty groups, lib/cms/normalise.ts) and checks every entry
 *    it touches with the build's schemas (validate.ts), images by their bytes, and that no
 *    deleted entry is still referred to;
 * 3. writes the files atomically, removes emptied folders;
 * 4. commits the files to git with the editor as author (one commit per save), and audits it.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { audit, type AuditActor } from '../audit';
import { commitPaths, historyOf, repoState } from '../history/git';
import { pushInBackground } from '../history';
import { getPublishingSettings } from '../publishing/settings';
import { normaliseEntryFile } from '../../cms/normalise';
import { formatDateTime } from '../../format';
import { CmsError } from './errors';
import { imageProblem } from './images';
import { entryKey, entryOfPath, entryRef, listEntries, type EntryRef } from './layout';
import { withContentLock } from './lock';
import { diskView, formatIssues, overlayView, validateEntry, type ContentIssue } from './validate';

/** Git's blob hash of a file's bytes (what Keystatic's tree names files by). */
export function blobSha(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${String(bytes.byteLength)}\0`).update(bytes).digest('hex');
}

export interface Editor {
  id: string;
  name: string;
  email: string;
}

export interface ContentChange {
  /** Files to write, relative to the content folder. */
  written: Map<string, Uint8Array>;
  /** Files to delete. */
  deleted: Set<string>;
  /** The version each touched file had when the editor read it (null: it did not exist); absent: not checked. */
  base?: ReadonlyMap<string, string | null>;
  editor: Editor;
  actor: AuditActor;
  /** The commit message's first line; made from what changed when absent. */
  message?: string;
  /** The audit action (`content.save`, `content.restore`). */
  action?: string;
}

export interface SaveResult {
  entries: string[];
  commit: string | null;
  /** The issues found (empty: saved). */
  issues: ContentIssue[];
}

const SAFE_PATH = /^(?!.*(?:^|\/)\.\.?(?:\/|$))[a-z0-9._-]+(?:\/[a-z0-9._-]+)*$/i;

/** A path the editor may write: inside an entry, no `..`, no backslash, no leading slash. */
export function checkPath(rel: string): EntryRef {
  const ref = SAFE_PATH.test(rel) ? entryOfPath(rel) : null;
  if (!ref) throw new CmsError('invalid_path', { message: `Không lưu được tệp "${rel}": tệp nằm ngoài các thư mục nội dung mà trình biên tập được phép ghi.` });
  return ref;
}

function titleOf(bytes: Uint8Array | null, format: EntryRef['format']): string | null {
  if (!bytes) return null;
  try {
    const text = new TextDecoder().decode(bytes);
    const yamlText = format === 'yaml' ? text : /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? '';
    const data = load(yamlText) as Record<string, unknown> | null;
    const title = data?.['name'] ?? data?.['title'] ?? data?.['siteName'];
    return typeof title === 'string' ? title : null;
  } catch {
    return null;
  }
}

/** The entry's name as staff know it (its name or title field), or null when it has none. */
export function entryTitle(contentDir: string, ref: EntryRef): string | null {
  const file = path.join(contentDir, ref.dataFile);
  return titleOf(existsSync(file) ? readFileSync(file) : null, ref.format);
}

const NOUNS: Record<string, string> = {
  products: 'sản phẩm',
  producers: 'cơ sở sản xuất',
  craftVillages: 'làng nghề',
  fairs: 'hội chợ',
  contests: 'cuộc bình chọn',
  pages: 'trang',
  settings: 'cài đặt trang',
};

const REFERRERS: Partial<Record<string, { from: string; key: string }>> = {
  producers: { from: 'products', key: 'producer' },
  products: { from: 'contests', key: 'entries' },
  craftVillages: { from: 'producers', key: 'village' },
};

/** Entries that refer to `ref` (a producer's products, a product's contests). */
function referrers(contentDir: string, ref: EntryRef, view: ReturnType<typeof diskView>): string[] {
  const wanted = REFERRERS[ref.collection] ?? null;
  if (!wanted || !ref.slug) return [];
  const out: string[] = [];
  for (const other of listEntries(contentDir)) {
    if (other.collection !== wanted.from) continue;
    const bytes = view.read(other.dataFile);
    if (!bytes) continue;
    try {
      const data = load(/^---\r?\n([\s\S]*?)\r?\n---/.exec(new TextDecoder().decode(bytes))?.[1] ?? '') as Record<string, unknown> | null;
      const value = data?.[wanted.key];
      if (value === ref.slug || (Array.isArray(value) && value.includes(ref.slug))) out.push(titleOf(bytes, 'markdown') ?? other.slug ?? '');
    } catch {
      // An unreadable entry refers to nothing.
    }
  }
  return out;
}

function writeAtomically(file: string, bytes: Uint8Array): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${String(process.pid)}.kc-tmp`;
  const fd = openSync(tmp, 'w', 0o644);
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

/** Removes folders a deletion emptied, up to (not including) the collection's folder. */
function removeEmptyFolders(contentDir: string, rel: string): void {
  let dir = path.posix.dirname(rel);
  while (dir.includes('/')) {
    const full = path.join(contentDir, dir);
    if (!existsSync(full) || readdirSync(full).length) return;
    rmdirSync(full);
    dir = path.posix.dirname(dir);
  }
}

async function conflictMessage(contentDir: string, ref: EntryRef, file: string): Promise<string> {
  const name = titleOf(diskView(contentDir).read(ref.dataFile), ref.format) ?? entryKey(ref);
  let who = 'người khác';
  try {
    if ((await repoState(contentDir)).kind === 'repo') {
      const [last] = await historyOf(contentDir, [file], 1);
      if (last) who = `${last.authorName} (lúc ${formatDateTime(last.date)})`;
    }
  } catch {
    // Without history the message names nobody.
  }
  return `Chưa lưu: "${name}" vừa được ${who} thay đổi sau khi bạn mở trang này (tệp ${file}). Để không ghi đè thay đổi của họ, bản của bạn chưa được ghi. Hãy chép lại phần bạn vừa sửa, tải lại trang (F5) để xem bản mới nhất, rồi sửa lại.`;
}

/** Applies a change (see the module's comment). Throws CmsError for every refusal. */
export async function applyContentChange(change: ContentChange): Promise<SaveResult> {
  const settings = getPublishingSettings();
  const { contentDir } = settings;
  const touched = new Map<string, EntryRef>();
  for (const rel of [...change.written.keys(), ...change.deleted]) {
    const ref = checkPath(rel);
    touched.set(entryKey(ref), ref);
  }
  return withContentLock(settings.lockFile, async () => {
    const disk = diskView(contentDir);
    if (change.base) {
      for (const rel of [...change.written.keys(), ...change.deleted]) {
        if (!change.base.has(rel)) throw new CmsError('base_required');
        const bytes = disk.read(rel);
        const now = bytes ? blobSha(bytes) : null;
        if (now !== change.base.get(rel)) {
          const ref = checkPath(rel);
          throw new CmsError('conflict', { message: await conflictMessage(contentDir, ref, rel) });
        }
      }
    }
    const written = new Map(change.written);
    for (const [rel, bytes] of written) {
      const ref = checkPath(rel);
      if (rel === ref.dataFile) {
        written.set(rel, new TextEncoder().encode(normaliseEntryFile(new TextDecoder().decode(bytes), ref.collection, ref.format)));
        continue;
      }
      const problem = imageProblem(path.posix.basename(rel), bytes);
      if (problem) throw new CmsError('invalid_image', { message: `Chưa lưu: ${problem}.` });
    }
    const view = overlayView(disk, written, change.deleted);
    const issues: ContentIssue[] = [];
    for (const ref of touched.values()) {
      if (view.read(ref.dataFile)) {
        issues.push(...(await validateEntry(ref, view)));
      } else if (disk.read(ref.dataFile)) {
        const users = referrers(contentDir, ref, view);
        if (users.length) {
          throw new CmsError('referenced', {
            message: `Chưa xóa "${titleOf(disk.read(ref.dataFile), ref.format) ?? entryKey(ref)}": còn được dùng ở ${users.slice(0, 5).map((u) => `"${u}"`).join(', ')}${users.length > 5 ? ` và ${String(users.length - 5)} mục khác` : ''}. Hãy bỏ liên kết ở các mục đó trước.`,
          });
        }
      }
    }
    if (issues.length) {
      throw new CmsError('invalid_entry', { message: `Chưa lưu: nội dung còn ${String(issues.length)} lỗi cần sửa:\n${formatIssues(issues)}` });
    }
    // What each entry was before (the disk view reads lazily), for the commit message.
    const before = new Map([...touched.values()].map((ref) => [entryKey(ref), disk.read(ref.dataFile)]));
    for (const [rel, bytes] of written) writeAtomically(path.join(contentDir, rel), bytes);
    for (const rel of change.deleted) {
      rmSync(path.join(contentDir, rel), { force: true });
      removeEmptyFolders(contentDir, rel);
    }
    const entries = [...touched.values()];
    const verb = (ref: EntryRef) => (!before.get(entryKey(ref)) ? 'Thêm' : !view.read(ref.dataFile) ? 'Xóa' : 'Sửa');
    const describe = (ref: EntryRef) => `${verb(ref)} ${NOUNS[ref.collection] ?? ref.collection}: ${titleOf(view.read(ref.dataFile) ?? before.get(entryKey(ref)) ?? null, ref.format) ?? entryKey(ref)}`;
    const subject = change.message ?? (entries.length === 1 && entries[0] ? describe(entries[0]) : `Sửa ${String(entries.length)} mục nội dung`);
    const files = [...written.keys(), ...change.deleted].sort();
    const body = [
      ...(entries.length > 1 ? entries.map(describe) : []),
      ...files.map((f) => `Tệp: ${f}`),
      `Người sửa: ${change.editor.name} <${change.editor.email}>, qua trình biên tập của cổng.`,
    ].join('\n');
    let commit: string | null = null;
    try {
      const repo = await repoState(contentDir);
      if (repo.kind === 'repo') {
        commit = await commitPaths(contentDir, files, change.editor, `${subject}\n\n${body}`);
        if (commit && settings.gitRemote) void pushInBackground();
      }
    } catch (error) {
      process.stderr.write(`Cảnh báo: đã lưu nhưng không ghi được lịch sử git: ${error instanceof Error ? error.message : String(error)}\n`);
    }
    for (const ref of entries) {
      audit(change.actor, {
        action: change.action ?? 'content.save',
        target: `content:${entryKey(ref)}`,
        details: { change: verb(ref), files: files.filter((f) => entryKey(checkPath(f)) === entryKey(ref)), commit },
      });
    }
    return { entries: entries.map(entryKey), commit, issues: [] };
  });
}

/** The files of an entry on disk, relative to the content folder, with their bytes. */
export function readEntryFiles(contentDir: string, ref: EntryRef): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const files = ref.folder ? walk(contentDir, ref.folder) : existsSync(path.join(contentDir, ref.dataFile)) ? [ref.dataFile] : [];
  for (const rel of files) out.set(rel, readFileSync(path.join(contentDir, rel)));
  return out;
}

function walk(contentDir: string, rel: string): string[] {
  const full = path.join(contentDir, rel);
  if (!existsSync(full)) return [];
  return readdirSync(full, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(contentDir, `${rel}/${d.name}`) : d.isFile() ? [`${rel}/${d.name}`] : []));
}

export { entryRef };
