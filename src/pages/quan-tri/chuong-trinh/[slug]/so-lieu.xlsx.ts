/**
 * GET /quan-tri/chuong-trinh/{slug}/so-lieu.xlsx — the programme's figures (Excel): per indicator
 * the period's target, actual and %, then each year's. Organiser or admin; audited.
 */
import { now } from '~/lib/clock';
import { toCalendarDate } from '~/lib/format';
import { audit, auditActor } from '~/lib/server/audit';
import { requireRole } from '~/lib/server/auth/guard';
import { apiRoute } from '~/lib/server/http';
import { programmeXlsx } from '~/lib/server/programmes/reports';
import { requireProgrammeResults } from '~/lib/server/programmes/results';
import { xlsxResponse } from '~/lib/server/xlsx';

export const prerender = false;

export const GET = apiRoute(async (context) => {
  requireRole(context, ['organiser', 'admin']);
  const at = now();
  const results = await requireProgrammeResults(context.params.slug, at);
  audit(auditActor(context), { action: 'programme.export', target: `programme:${results.slug}`, details: { format: 'xlsx' } });
  return xlsxResponse(await programmeXlsx(results), `so-lieu-${results.slug}-${toCalendarDate(at)}.xlsx`);
});
