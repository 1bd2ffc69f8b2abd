/**
 * GET /quan-tri/binh-chon/{contest}/phieu-cham.csv — every sheet (drafts included), one column
 * per criterion, with each judge's name and e-mail. Organiser or admin; written to the audit log.
 */
import type { APIRoute } from 'astro';
import { auditActor } from '~/lib/server/audit';
import { requireRole } from '~/lib/server/auth/guard';
import { apiRoute } from '~/lib/server/http';
import { exportSheetsCsv } from '~/lib/server/contests/exports';
import { requireContestDef } from '~/lib/server/contests/web';

export const prerender = false;

export const GET: APIRoute = apiRoute(async (context) => {
  requireRole(context, ['organiser', 'admin']);
  return exportSheetsCsv(await requireContestDef(context.params['contest']), auditActor(context));
});
