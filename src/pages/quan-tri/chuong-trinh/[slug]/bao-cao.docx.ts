/**
 * GET /quan-tri/chuong-trinh/{slug}/bao-cao.docx — the programme's period report (Word), in the
 * administrative report order, figures counted now. Organiser or admin; audited.
 */
import { now } from '~/lib/clock';
import { toCalendarDate } from '~/lib/format';
import { audit, auditActor } from '~/lib/server/audit';
import { requireRole } from '~/lib/server/auth/guard';
import { apiRoute } from '~/lib/server/http';
import { docxResponse, programmeDocx } from '~/lib/server/programmes/reports';
import { requireProgrammeResults } from '~/lib/server/programmes/results';

export const prerender = false;

export const GET = apiRoute(async (context) => {
  requireRole(context, ['organiser', 'admin']);
  const at = now();
  const results = await requireProgrammeResults(context.params.slug, at);
  audit(auditActor(context), { action: 'programme.report', target: `programme:${results.slug}`, details: { format: 'docx' } });
  return docxResponse(await programmeDocx(results, at), `bao-cao-${results.slug}-${toCalendarDate(at)}.docx`);
});
