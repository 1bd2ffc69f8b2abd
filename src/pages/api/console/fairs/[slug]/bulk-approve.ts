/**
 * POST /api/console/fairs/{slug}/bulk-approve — approve several pending registrations at once
 * (organiser or admin). Form: `codes` (repeated), `confirm=on` (the console asks first);
 * JSON: `{ codes: [...], confirm: true }`. Each approval is its own audited action; codes no
 * longer pending are skipped. Form → 303 to the console page; JSON → `{ approved, skipped }`.
 */
import { z } from 'zod';
import { auditActor } from '~/lib/server/audit';
import { requireRole } from '~/lib/server/auth/guard';
import { HttpError } from '~/lib/server/errors';
import { apiRoute, isFormPost, json, readForm, readJson, requireSameOrigin } from '~/lib/server/http';
import { approveMany } from '~/lib/server/registrations';
import { requireFairInfo } from '~/lib/server/registrations/fairs';

export const prerender = false;

const BulkSchema = z.object({
  codes: z.array(z.string().regex(/^[2-9A-HJ-NP-Z]{6}$/, 'Mã đăng ký không hợp lệ.')).min(1, 'Chọn ít nhất một đơn để duyệt.').max(500, 'Tối đa 500 đơn một lần.'),
  confirm: z.literal(true, { errorMap: () => ({ message: 'Hãy đánh dấu xác nhận trước khi duyệt nhiều đơn.' }) }),
});

export const POST = apiRoute(async (context) => {
  requireRole(context, ['organiser', 'admin']);
  const form = isFormPost(context.request);
  if (!form) requireSameOrigin(context);
  const fair = await requireFairInfo(context.params.slug);
  let body: z.output<typeof BulkSchema>;
  if (form) {
    const params = await readForm(context.request);
    const parsed = BulkSchema.safeParse({ codes: params.getAll('codes'), confirm: params.get('confirm') === 'on' || undefined });
    if (!parsed.success) {
      const problem = parsed.error.issues[0]?.path[0] === 'confirm' ? 'bulk_unconfirmed' : 'bulk_empty';
      return context.redirect(`/quan-tri/hoi-cho/${fair.slug}?loi=${problem}`, 303);
    }
    body = parsed.data;
  } else {
    body = await readJson(context.request, BulkSchema);
  }
  if (!body.codes.length) throw new HttpError('invalid_input');
  const result = approveMany(fair, body.codes, auditActor(context));
  if (form) return context.redirect(`/quan-tri/hoi-cho/${fair.slug}?da-duyet=${String(result.approved.length)}&bo-qua=${String(result.skipped.length)}`, 303);
  return json(result);
});
