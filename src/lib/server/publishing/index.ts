/**
 * Publishing, as the console and its API see it: ask for a publication or a roll back (the
 * primary process does the work, primary.ts), follow one, and the overview of builds and
 * history for the console's page.
 */
import { defineErrors } from '../errors';
import type { AuditActor } from '../audit';
import { PUBLICATION_STATE } from '../../vocabulary';
import { contentRepository, readPushState, recentHistory, type PushResult, type RepoState, type Revision } from '../history';
import { isBuildId, listBuilds, readBuildInfo, readCurrent, type BuildInfo, type CurrentRecord } from './builds';
import { isClusterWorker, notifyPrimary, servedBuildId } from './cluster';
import { getPublishingSettings } from './settings';
import { getPublication, listPublications, requestPublication, type Publication } from './store';

export const PublishError = defineErrors({
  not_clustered: {
    status: 503,
    message: 'Máy chủ đang chạy một tiến trình (CLUSTER=false hoặc astro dev) nên không xuất bản được. Hãy khởi động bằng npm start hoặc node dist/server/entry.mjs.',
  },
  not_found: { status: 404, message: 'Không có lần xuất bản này.' },
  unknown_build: { status: 404, message: 'Không có bản dựng này (có thể đã được dọn khi chỉ giữ các bản mới nhất).' },
  no_previous: { status: 409, message: 'Không còn bản dựng cũ hơn để quay lại.' },
});

/** A publication as the API answers it. */
export interface PublicationView {
  id: string;
  kind: Publication['kind'];
  state: Publication['state'];
  stateLabel: string;
  requestedAt: string;
  requestedBy: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  buildId: string | null;
  commit: string | null;
  message: string | null;
  errors?: Publication['errors'];
}

export function toView(p: Publication): PublicationView {
  return {
    id: p.id,
    kind: p.kind,
    state: p.state,
    stateLabel: PUBLICATION_STATE.label(p.state),
    requestedAt: p.requestedAt.toISOString(),
    requestedBy: p.requestedBy?.name ?? null,
    startedAt: p.startedAt?.toISOString() ?? null,
    finishedAt: p.finishedAt?.toISOString() ?? null,
    buildId: p.buildId,
    commit: p.commit,
    message: p.message,
    ...(p.state === 'failed' ? { errors: p.errors } : {}),
  };
}

function requireCluster(): void {
  if (!isClusterWorker()) throw new PublishError('not_clustered');
}

/** Queues a publication (or joins the one waiting) and wakes the primary. */
export function requestPublish(actor: AuditActor): { publication: PublicationView; joined: boolean } {
  requireCluster();
  const { publication, joined } = requestPublication('publish', actor);
  notifyPrimary({ kc: 'publish' });
  return { publication: toView(publication), joined };
}

/** Queues a roll back to `buildId`, or to the build before the live one. */
export function requestRollback(actor: AuditActor, buildId: string | null): PublicationView {
  requireCluster();
  const { buildsDir } = getPublishingSettings();
  if (buildId !== null && (!isBuildId(buildId) || !readBuildInfo(buildsDir, buildId))) throw new PublishError('unknown_build');
  if (buildId === null && !previousBuild()) throw new PublishError('no_previous');
  const { publication } = requestPublication('rollback', actor, buildId);
  notifyPrimary({ kc: 'publish' });
  return toView(publication);
}

/** A publication by id; 404 `not_found`. */
export function requirePublication(id: string): PublicationView {
  const p = /^[a-z0-9]{8,20}$/.test(id) ? getPublication(id) : null;
  if (!p) throw new PublishError('not_found');
  return toView(p);
}

/** The build a roll back goes to: the newest kept build older than the live one. */
export function previousBuild(): BuildInfo | null {
  const { buildsDir } = getPublishingSettings();
  const live = readCurrent(buildsDir)?.id ?? null;
  return listBuilds(buildsDir).find((b) => live === null || b.id < live) ?? null;
}

export interface PublishingOverview {
  clustered: boolean;
  current: (CurrentRecord & { info: BuildInfo | null }) | null;
  /** The build this process serves (null: the deployment's own build). */
  servedHere: string | null;
  builds: BuildInfo[];
  previous: BuildInfo | null;
  publications: PublicationView[];
  repository: RepoState;
  /** Saves since the live build's commit (when both are known). */
  unpublished: Revision[] | null;
  recent: Revision[];
  push: PushResult | null;
  remote: string | null;
}

/** Everything the console's publishing page shows. */
export async function publishingOverview(): Promise<PublishingOverview> {
  const settings = getPublishingSettings();
  const current = readCurrent(settings.buildsDir);
  const info = current ? readBuildInfo(settings.buildsDir, current.id) : null;
  const repository = await contentRepository();
  let unpublished: Revision[] | null = null;
  let recent: Revision[] = [];
  if (repository.kind === 'repo') {
    recent = await recentHistory(15);
    if (info?.commit) {
      try {
        unpublished = await recentHistory(50, `${info.commit}..HEAD`);
      } catch {
        unpublished = null;
      }
    }
  }
  return {
    clustered: isClusterWorker(),
    current: current ? { ...current, info } : null,
    servedHere: servedBuildId(),
    builds: listBuilds(settings.buildsDir),
    previous: previousBuild(),
    publications: listPublications(10).map(toView),
    repository,
    unpublished,
    recent,
    push: readPushState(),
    remote: settings.gitRemote,
  };
}
