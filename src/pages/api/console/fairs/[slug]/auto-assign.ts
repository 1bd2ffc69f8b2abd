/**
 * POST /api/console/fairs/{slug}/auto-assign — fill the booths still missing for the fair's
 * pending and approved registrations from the free booths on the floor plan, in registration
 * order, with the booth features each asked for first (organiser or admin). Form (`confirm=on`)
 * → 303 to the plan page; JSON `{ confirm: true }` → `{ assigned: [{ code, booths }] }`.
 * 409 `no_floor_plan` for a fair without a plan.
 */
import { z } from 'zod';
import { auditActor } from '~/lib/server/audit';
import { requireRole } from '~/lib/server/auth/guard';
import { AppError } from '~/lib/server/errors';
import { apiRoute, isFormPost, json, readJsonOrForm, requireSameOrigin } from '~/lib/server/http';
import { autoAssignBooths } from '~/lib/server/registrations';
import { requireFairInfo } from '~/lib/server/registrations/fairs';

export const prerender = false;

const ConfirmSchema = z.object({
  confirm: z.preprocess((v) => v === true || v === 'on', z.literal(true, { errorMap: () => ({ message: 'Hãy đánh dấu xác nhận trước khi tự động bố trí gian.' }) })),
});

export const POST = apiRoute(async (context) => {
  requireRole(context, ['organiser', 'admin']);
  const form = isFormPost(context.request);
  if (!form) requireSameOrigin(context);
  const fair = await requireFairInfo(context.params.slug);
  const back = (params: string) => context.redirect(`/quan-tri/hoi-cho/${fair.slug}/so-do?${params}`, 303);
  try {
    await readJsonOrForm(context.request, ConfirmSchema);
    const assigned = autoAssignBooths(fair, auditActor(context));
    return form ? back(`tu-dong=${String(assigned.length)}`) : json({ assigned });
  } catch (error) {
    if (form && error instanceof AppError) return back(`loi=${encodeURIComponent((error as AppError).code === 'invalid_input' ? 'auto_unconfirmed' : (error as AppError).code)}`);
    throw error;
  }
});
