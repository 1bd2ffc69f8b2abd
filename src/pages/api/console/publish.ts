/**
 * POST /api/console/publish (editor or admin, same origin; the body is ignored) → 202
 * `{ id, state, joined }`: the saved content will be checked, built and put live. A request
 * while another waits joins it (`joined: true`, the same id). Follow it with
 * GET /api/console/publish/{id}.
 */
import { auditActor } from '~/lib/server/audit';
import { requireRole } from '~/lib/server/auth/guard';
import { EDITOR_ROLES } from '~/lib/server/cms/guard';
import { apiRoute, json, requireSameOrigin } from '~/lib/server/http';
import { requestPublish } from '~/lib/server/publishing';

export const prerender = false;

export const POST = apiRoute((context) => {
  requireRole(context, EDITOR_ROLES);
  requireSameOrigin(context);
  const { publication, joined } = requestPublish(auditActor(context));
  return json({ id: publication.id, state: publication.state, joined }, 202, { Location: `/api/console/publish/${publication.id}` });
});
