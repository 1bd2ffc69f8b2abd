/**
 * GET /quan-tri/hoi-cho/{slug}/dang-ky.xlsx — the fair's registrations (same filters as the
 * console page) as an Excel workbook: numbers as numbers, dates as dates (Vietnam time), text
 * cells neutralised. Organiser or admin; audited like the CSV.
 */
import { requireRole } from '~/lib/server/auth/guard';
import { xlsxResponse } from '~/lib/server/xlsx';
import { apiRoute } from '~/lib/server/http';
import { listFilterFrom, listRegistrations, registrationsXlsx } from '~/lib/server/registrations';
import { requireFairInfo } from '~/lib/server/registrations/fairs';
import { audit, auditActor } from '~/lib/server/audit';
import { toCalendarDate } from '~/lib/format';
import { now } from '~/lib/clock';

export const prerender = false;

export const GET = apiRoute(async (context) => {
  requireRole(context, ['organiser', 'admin']);
  const fair = await requireFairInfo(context.params.slug);
  const rows = listRegistrations(fair.slug, listFilterFrom(context.url.searchParams));
  audit(auditActor(context), { action: 'registration.export', target: `fair:${fair.slug}`, details: { rows: rows.length, format: 'xlsx' } });
  return xlsxResponse(await registrationsXlsx(fair, rows), `dang-ky-${fair.slug}-${toCalendarDate(now())}.xlsx`);
});
