/**
 * POST /api/console/fairs/{slug}/registrations/{code} — an organiser's action (organiser or
 * admin): `{ action: "approve" }`, `{ action: "reject", reason }`, `{ action: "waitlist" }`,
 * `{ action: "assign", boothNumbers: "A01, A02" }`, `{ action: "move", from, to }`, `{ action: "vacate", from }`,
 * `{ action: "offer-notified" }` (staff told the applicant of an offer: its clock starts). JSON (same origin) → the registration's new
 * status; the console's plain forms → 303 back to the fair's console page with a notice.
 */
import { auditActor } from '~/lib/server/audit';
import { requireRole } from '~/lib/server/auth/guard';
import { AppError } from '~/lib/server/errors';
import { apiRoute, isFormPost, json, readJsonOrForm, requireSameOrigin } from '~/lib/server/http';
import { OrganiserCommandSchema, actOnRegistration } from '~/lib/server/registrations';
import { requireFairInfo } from '~/lib/server/registrations/fairs';

export const prerender = false;

export const POST = apiRoute(async (context) => {
  requireRole(context, ['organiser', 'admin']);
  const form = isFormPost(context.request);
  if (!form) requireSameOrigin(context);
  const fair = await requireFairInfo(context.params.slug);
  // The plan page's forms come back to the plan (`?ve=so-do&gian=A01`), the list's to the list.
  const toPlan = context.url.searchParams.get('ve') === 'so-do';
  const booth = (context.url.searchParams.get('gian') ?? '').replace(/[^A-Z0-9-]/gi, '').slice(0, 12);
  const back = (params: string) =>
    context.redirect(toPlan ? `/quan-tri/hoi-cho/${fair.slug}/so-do?${params}${booth ? `&gian=${booth}` : ''}` : `/quan-tri/hoi-cho/${fair.slug}?${params}#don-${context.params.code ?? ''}`, 303);
  try {
    const { data } = await readJsonOrForm(context.request, OrganiserCommandSchema);
    const reg = actOnRegistration(fair, context.params.code ?? '', data, auditActor(context));
    return form ? back(`da-xu-ly=${encodeURIComponent(reg.code)}`) : json({ code: reg.code, status: reg.status, boothNumbers: reg.boothNumbers });
  } catch (error) {
    if (form && error instanceof AppError) {
      return back(`loi=${encodeURIComponent((error as AppError).code)}`);
    }
    throw error;
  }
});
