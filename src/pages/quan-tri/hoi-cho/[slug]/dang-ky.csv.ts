/**
 * GET /quan-tri/hoi-cho/{slug}/dang-ky.csv — the fair's registrations (same filters as the
 * console page) as CSV: UTF-8 with BOM, formula cells neutralised. Organiser or admin.
 */
import { requireRole } from '~/lib/server/auth/guard';
import { csvResponse } from '~/lib/server/csv';
import { apiRoute } from '~/lib/server/http';
import { listFilterFrom, listRegistrations, registrationsCsv } from '~/lib/server/registrations';
import { requireFairInfo } from '~/lib/server/registrations/fairs';
import { audit, auditActor } from '~/lib/server/audit';
import { toCalendarDate } from '~/lib/format';
import { now } from '~/lib/clock';

export const prerender = false;

export const GET = apiRoute(async (context) => {
  requireRole(context, ['organiser', 'admin']);
  const fair = await requireFairInfo(context.params.slug);
  const rows = listRegistrations(fair.slug, listFilterFrom(context.url.searchParams));
  audit(auditActor(context), { action: 'registration.export', target: `fair:${fair.slug}`, details: { rows: rows.length } });
  return csvResponse(registrationsCsv(fair, rows), `dang-ky-${fair.slug}-${toCalendarDate(now())}.csv`);
});
