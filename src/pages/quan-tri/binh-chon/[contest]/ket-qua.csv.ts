/**
 * GET /quan-tri/binh-chon/{contest}/ket-qua.csv — the results (live) as CSV; ?chuan-hoa=1 adds
 * z-scores. Organiser or admin; written to the audit log.
 */
import type { APIRoute } from 'astro';
import { auditActor } from '~/lib/server/audit';
import { requireRole } from '~/lib/server/auth/guard';
import { apiRoute } from '~/lib/server/http';
import { exportResultsCsv } from '~/lib/server/contests/exports';
import { requireContestDef } from '~/lib/server/contests/web';

export const prerender = false;

export const GET: APIRoute = apiRoute(async (context) => {
  requireRole(context, ['organiser', 'admin']);
  const def = await requireContestDef(context.params['contest']);
  return exportResultsCsv(def, { normalise: context.url.searchParams.get('chuan-hoa') === '1' }, auditActor(context));
});
