/**
 * POST /api/console/publish/rollback (editor or admin, same origin) `{ buildId? }` → 202
 * `{ id, state }`: the site goes back to that build, or to the one before the live build.
 * 404 `unknown_build`, 409 `no_previous`.
 */
import { z } from 'zod';
import { auditActor } from '~/lib/server/audit';
import { requireRole } from '~/lib/server/auth/guard';
import { EDITOR_ROLES } from '~/lib/server/cms/guard';
import { apiRoute, json, readJson, requireSameOrigin } from '~/lib/server/http';
import { requestRollback } from '~/lib/server/publishing';

export const prerender = false;

const RollbackSchema = z.object({ buildId: z.string().max(40).optional() });

export const POST = apiRoute(async (context) => {
  requireRole(context, EDITOR_ROLES);
  requireSameOrigin(context);
  const body = await readJson(context.request, RollbackSchema);
  const publication = requestRollback(auditActor(context), body.buildId ?? null);
  return json({ id: publication.id, state: publication.state }, 202, { Location: `/api/console/publish/${publication.id}` });
});
