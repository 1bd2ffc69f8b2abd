/**
 * GET /api/console/publish/{id} (editor or admin) → `{ id, kind, state: "queued" | "building" |
 * "live" | "failed", stateLabel, requestedAt, requestedBy, startedAt, finishedAt, buildId,
 * commit, message, errors? }`; `errors` (failed only): `[{ file, field, label, message }]`.
 */
import { requireRole } from '~/lib/server/auth/guard';
import { EDITOR_ROLES } from '~/lib/server/cms/guard';
import { apiRoute, json } from '~/lib/server/http';
import { requirePublication } from '~/lib/server/publishing';

export const prerender = false;

export const GET = apiRoute((context) => {
  requireRole(context, EDITOR_ROLES);
  return json(requirePublication(context.params.id ?? ''));
});
