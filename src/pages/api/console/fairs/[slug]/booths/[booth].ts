/**
 * POST /api/console/fairs/{slug}/booths/{booth} — the organiser's plan, one booth at a time
 * (organiser or admin): `{ action: "assign", registration: "K7M2QX" }` gives the free booth to a
 * registration (besides the booths it has), `{ action: "move", to: "B04" }` moves the booth's
 * registration to another free booth, `{ action: "vacate" }` takes the booth back (the
 * registration keeps its place and its held booths). Each is the registration's audited
 * action (`registration.assign` / `.move` / `.vacate`). Form → 303 to the plan; JSON → the
 * registration's `{ code, status, boothNumbers }`. A booth not on the plan: 400.
 */
import { z } from 'zod';
import { auditActor } from '~/lib/server/audit';
import { requireRole } from '~/lib/server/auth/guard';
import { AppError } from '~/lib/server/errors';
import { apiRoute, isFormPost, json, readJsonOrForm, requireSameOrigin } from '~/lib/server/http';
import { RegistrationError, actOnBooth } from '~/lib/server/registrations';
import { requireFairInfo } from '~/lib/server/registrations/fairs';

export const prerender = false;

const BoothCommandSchema = z.discriminatedUnion(
  'action',
  [
    z.object({ action: z.literal('assign'), registration: z.string().trim().toUpperCase().regex(/^[2-9A-HJ-NP-Z]{6}$/, 'Vui lòng chọn đơn.') }),
    z.object({ action: z.literal('move'), to: z.string().trim().toUpperCase().regex(/^[A-Z0-9-]{1,12}$/, 'Vui lòng chọn gian chuyển đến.') }),
    z.object({ action: z.literal('vacate') }),
  ],
  { errorMap: () => ({ message: 'Thao tác không hợp lệ.' }) },
);

export const POST = apiRoute(async (context) => {
  requireRole(context, ['organiser', 'admin']);
  const form = isFormPost(context.request);
  if (!form) requireSameOrigin(context);
  const fair = await requireFairInfo(context.params.slug);
  const booth = (context.params.booth ?? '').toUpperCase();
  const back = (params: string, at = booth) => context.redirect(`/quan-tri/hoi-cho/${fair.slug}/so-do?${params}&gian=${encodeURIComponent(at)}`, 303);
  try {
    if (!fair.plan?.booths.some((b) => b.code === booth)) throw new RegistrationError('booth_not_on_plan', { message: `Gian ${booth} không có trên sơ đồ hội chợ.` });
    const { data } = await readJsonOrForm(context.request, BoothCommandSchema);
    const reg = actOnBooth(fair, booth, data, auditActor(context));
    return form ? back(`da-xu-ly=${encodeURIComponent(reg.code)}`, data.action === 'move' ? data.to : booth) : json({ code: reg.code, status: reg.status, boothNumbers: reg.boothNumbers });
  } catch (error) {
    if (form && error instanceof AppError) return back(`loi=${encodeURIComponent((error as AppError).code)}`);
    throw error;
  }
});
