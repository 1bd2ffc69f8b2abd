/** GET /quan-tri/binh-chon/{contest}/phieu-cham.csv — every sheet (drafts included), one column per criterion. */
import type { APIRoute } from 'astro';
import { requireRole } from '~/lib/server/auth/guard';
import { apiRoute } from '~/lib/server/http';
import { getEntryTitles } from '~/lib/server/contests/content';
import { csvResponse, sheetsCsv } from '~/lib/server/contests/csv';
import { listSheets } from '~/lib/server/contests/scoring';
import { requireContestDef } from '~/lib/server/contests/web';

export const prerender = false;

export const GET: APIRoute = apiRoute(async (context) => {
  requireRole(context, ['organiser', 'admin']);
  const def = await requireContestDef(context.params['contest']);
  return csvResponse(sheetsCsv(def, listSheets(def.id), await getEntryTitles(def)), `phieu-cham-${def.id}.csv`);
});
