/**
 * POST /api/contests/{contest}/entries — a new entry (multipart/form-data, same origin): 201
 * `{ code, status: "draft" | "submitted", manageUrl }`; 400 with `fields` per field and file,
 * 404 without online intake, 409 outside the entry window, 413, 415.
 */
import { auditActor } from '~/lib/server/audit';
import { apiRoute, json, requireSameOrigin } from '~/lib/server/http';
import { receiveNewEntry } from '~/lib/server/contests/entries';
import { requireContestDef } from '~/lib/server/contests/web';

export const prerender = false;

export const POST = apiRoute(async (context) => {
  requireSameOrigin(context);
  const def = await requireContestDef(context.params['contest']);
  const made = await receiveNewEntry(def, context.request, auditActor(context));
  return json({ code: made.code, status: made.status, manageUrl: made.manageUrl }, 201);
});
