/**
 * The history of content for the console: an entry's versions, restoring one, pushing
 * commits to the remote (when CONTENT_GIT_REMOTE is set) so that the repository stays the
 * source of truth, and making a repository when the content folder has none.
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import type { AuditActor } from '../audit';
import { audit } from '../audit';
import { CmsError } from '../cms/errors';
import { entryKey, type EntryRef } from '../cms/layout';
import { getPublishingSettings } from '../publishing/settings';
import { writeFileDurably } from '../publishing/builds';
import { filesAt, historyOf, initRepository, pushTo, repoState, type PushResult, type RepoState, type Revision } from './git';

export type { Revision, RepoState, PushResult };

let pushing: Promise<unknown> = Promise.resolve();
const pendingTags = new Set<string>();

const pushStateFile = () => path.join(getPublishingSettings().buildsDir, 'push-state.json');

/** The last push's outcome (any process), or null when none was tried. */
export function readPushState(): PushResult | null {
  try {
    return JSON.parse(readFileSync(pushStateFile(), 'utf8')) as PushResult;
  } catch {
    return null;
  }
}

/**
 * Pushes to CONTENT_GIT_REMOTE after the current push (if any) ends; pushes made while one
 * runs are folded into the next. Never blocks a save: its outcome is kept for the console.
 */
export function pushInBackground(tags: readonly string[] = []): Promise<void> {
  const { gitRemote, contentDir } = getPublishingSettings();
  if (!gitRemote) return Promise.resolve();
  for (const t of tags) pendingTags.add(t);
  const run = async () => {
    const taking = [...pendingTags];
    pendingTags.clear();
    const result = await pushTo(contentDir, gitRemote, taking);
    if (!result.ok) for (const t of taking) pendingTags.add(t);
    try {
      writeFileDurably(pushStateFile(), `${JSON.stringify(result)}\n`);
    } catch {
      // The console then shows no push state; the next push writes it again.
    }
    if (!result.ok) process.stderr.write(`Cảnh báo: ${result.message}\n`);
  };
  const next = pushing.then(run, run);
  pushing = next.catch(() => undefined);
  return next;
}

/** Whether the content folder is in a repository. */
export function contentRepository(): Promise<RepoState> {
  return repoState(getPublishingSettings().contentDir);
}

/** The versions of an entry, newest first ([] without a repository). */
export async function entryHistory(ref: EntryRef, limit = 30): Promise<Revision[]> {
  const { contentDir } = getPublishingSettings();
  if ((await repoState(contentDir)).kind !== 'repo') return [];
  return historyOf(contentDir, [ref.folder ?? ref.dataFile], limit);
}

/** Recent saves across the content, newest first. */
export async function recentHistory(limit = 20, range?: string): Promise<Revision[]> {
  const { contentDir } = getPublishingSettings();
  if ((await repoState(contentDir)).kind !== 'repo') return [];
  return historyOf(contentDir, [], limit, range);
}

/**
 * The entry's files as they were at `sha`, for restoring: what to write and what to delete so
 * that the entry is exactly that version again.
 */
export async function versionFiles(ref: EntryRef, sha: string, current: ReadonlyMap<string, unknown>): Promise<{ written: Map<string, Uint8Array>; deleted: Set<string> }> {
  const { contentDir } = getPublishingSettings();
  const files = await filesAt(contentDir, sha, ref.folder ?? ref.dataFile);
  if (!files.has(ref.dataFile)) throw new CmsError('version_not_found', { message: `Phiên bản ${sha.slice(0, 7)} không có mục ${entryKey(ref)}.` });
  const written = new Map<string, Uint8Array>(files);
  const deleted = new Set([...current.keys()].filter((rel) => !files.has(rel)));
  return { written, deleted };
}

/** Makes the content folder a repository of its own (a deployment without one), audited. */
export async function createContentRepository(author: { name: string; email: string }, actor: AuditActor): Promise<string> {
  const { contentDir } = getPublishingSettings();
  const sha = await initRepository(contentDir, author);
  audit(actor, { action: 'content.history.init', target: 'content', details: { commit: sha } });
  if (getPublishingSettings().gitRemote) void pushInBackground();
  return sha;
}
