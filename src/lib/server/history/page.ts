/**
 * Page data of /quan-tri/lich-su (editors and admins): an entry's versions, newest first, and
 * "Khôi phục phiên bản này" — written back through the same checks as a save
 * (lib/server/cms/save.ts), as a new version, answered 303 back to the entry. Without ?muc= the
 * page lists a collection's entries to choose from. A body that is not a plain form (415), too
 * large (413) or broken (400) is shown on the page with its status.
 */
import type { AstroGlobal } from 'astro';
import { auditActor } from '../audit';
import { requirePageRole } from '../auth/guard';
import { EDITOR_ROLES } from '../cms/guard';
import { entryFromKey, entryKey, listEntries, type CollectionName, type EntryRef } from '../cms/layout';
import { applyContentChange, entryTitle, readEntryFiles } from '../cms/save';
import { AppError, HttpError } from '../errors';
import { readFormObject } from '../http';
import { getPublishingSettings } from '../publishing/settings';
import { contentRepository, entryHistory, versionFiles, type RepoState, type Revision } from './index';

export const HISTORY_COLLECTIONS: readonly (readonly [CollectionName, string])[] = [
  ['products', 'Sản phẩm'],
  ['producers', 'Cơ sở sản xuất'],
  ['craftVillages', 'Làng nghề'],
  ['fairs', 'Hội chợ'],
  ['contests', 'Cuộc bình chọn'],
  ['pages', 'Trang thông tin'],
  ['settings', 'Cài đặt trang'],
];

export interface HistoryPage {
  /** The entry shown, or null for the list of a collection's entries. */
  ref: EntryRef | null;
  repository: RepoState;
  versions: Revision[];
  /** The entry's name (its key when it has none). */
  title: string;
  kind: CollectionName;
  /** The collection's entries by name, each with the key its link carries. */
  entries: { key: string; title: string }[];
  problem: string | null;
  restored: string | null;
}

type Editor = { id: string; name: string; email: string };

async function restore(astro: AstroGlobal, editor: Editor, form: Record<string, string>): Promise<Response | string> {
  const ref = entryFromKey(form['muc'] ?? '');
  const sha = form['phien-ban'] ?? '';
  if (form['action'] !== 'restore' || !ref || !/^[0-9a-f]{40}$/.test(sha)) {
    astro.response.status = 400;
    return 'Yêu cầu không rõ: hãy dùng nút "Khôi phục phiên bản này" trên trang.';
  }
  const back = (query: string) => astro.redirect(`/quan-tri/lich-su?muc=${encodeURIComponent(entryKey(ref))}&${query}`, 303);
  try {
    const { written, deleted } = await versionFiles(ref, sha, readEntryFiles(getPublishingSettings().contentDir, ref));
    await applyContentChange({
      written,
      deleted,
      editor,
      actor: auditActor(astro),
      message: `Khôi phục ${entryKey(ref)} về phiên bản ${sha.slice(0, 7)}`,
      action: 'content.restore',
    });
    return back(`da-khoi-phuc=${sha.slice(0, 7)}`);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return back(`loi=${encodeURIComponent(error.message)}`);
  }
}

export async function prepareHistoryPage(astro: AstroGlobal): Promise<Response | HistoryPage> {
  const auth = await requirePageRole(astro, EDITOR_ROLES);
  if (auth instanceof Response) return auth;
  let refused: string | null = null;
  if (astro.request.method === 'POST') {
    let form: Record<string, string> | null = null;
    try {
      form = await readFormObject(astro.request);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      astro.response.status = error.status;
      refused = error.message;
    }
    if (form) {
      const outcome = await restore(astro, { id: auth.user.id, name: auth.user.name, email: auth.user.email }, form);
      if (outcome instanceof Response) return outcome;
      refused = outcome;
    }
  }
  const params = astro.url.searchParams;
  const ref = params.get('muc') ? entryFromKey(params.get('muc') ?? '') : null;
  const repository = await contentRepository();
  const kind = (params.get('loai') ?? 'products') as CollectionName;
  const { contentDir } = getPublishingSettings();
  const named = (e: EntryRef) => ({ key: entryKey(e), title: entryTitle(contentDir, e) ?? entryKey(e) });
  return {
    ref,
    repository,
    versions: ref && repository.kind === 'repo' ? await entryHistory(ref) : [],
    title: ref ? named(ref).title : '',
    kind,
    entries: ref
      ? []
      : listEntries(contentDir)
          .filter((e) => e.collection === kind)
          .map(named)
          .sort((a, b) => a.title.localeCompare(b.title, 'vi')),
    problem: refused ?? params.get('loi'),
    restored: params.get('da-khoi-phuc'),
  };
}
