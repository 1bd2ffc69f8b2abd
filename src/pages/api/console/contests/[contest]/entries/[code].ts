/**
 * POST /api/console/contests/{contest}/entries/{code} (organiser, admin; JSON, same origin)
 * `{ action: "accept" | "reject" | "request-changes", reason?, checklist? }` → the entry's
 * new status; 400 `reason_required`, 404, 409 `transition_not_allowed`. GET → the dossier.
 */
import { auditActor } from '~/lib/server/audit';
import { requireRole } from '~/lib/server/auth/guard';
import { apiRoute, json, readJson, requireSameOrigin } from '~/lib/server/http';
import { DecisionSchema, decideEntry, getDossier } from '~/lib/server/contests/entries';
import { requireContestDef } from '~/lib/server/contests/web';

export const prerender = false;

export const GET = apiRoute(async (context) => {
  requireRole(context, ['organiser', 'admin']);
  const def = await requireContestDef(context.params['contest']);
  const d = getDossier(def, context.params['code'] ?? '');
  return json({ code: d.row.code, status: d.row.status, fields: d.fields, missing: d.missing, checklist: d.checklist, files: d.files.map((f) => ({ id: f.id, kind: f.kind, angle: f.angle, name: f.name, mime: f.mime, bytes: f.bytes })) });
});

export const POST = apiRoute(async (context) => {
  requireSameOrigin(context);
  requireRole(context, ['organiser', 'admin']);
  const def = await requireContestDef(context.params['contest']);
  const decision = await readJson(context.request, DecisionSchema);
  const row = decideEntry(def, context.params['code'] ?? '', decision, auditActor(context));
  return json({ code: row.code, status: row.status });
});
