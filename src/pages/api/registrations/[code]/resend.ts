/**
 * POST /api/registrations/{code}/resend — send the management link again (JSON, same origin):
 * `{ phone, channel?: "sms" | "email" }` → 202 `{ channel }`. The link goes to the
 * registration's own phone or e-mail (never in the answer) and is a NEW link: the old one stops
 * working. 404 when code and phone do not match; 429 `resend_limited` (3 per registration in 24
 * hours), `recipient_limited` (per recipient) or `lookup_rate_limited`, each with Retry-After.
 */
import { z } from 'zod';
import { LookupSchema } from '~/lib/registration-schema';
import { auditActor } from '~/lib/server/audit';
import { apiRoute, json, parseInput, readJson, requireSameOrigin } from '~/lib/server/http';
import { clientIp } from '~/lib/server/request';
import { checkLookupRate, lookupRegistration, resendManageLink } from '~/lib/server/registrations';
import { fairResolver } from '~/lib/server/registrations/fairs';

export const prerender = false;

const ResendSchema = z.object({ phone: z.unknown(), channel: z.enum(['sms', 'email'], { errorMap: () => ({ message: 'Kênh gửi là "sms" hoặc "email".' }) }).optional() });

export const POST = apiRoute(async (context) => {
  requireSameOrigin(context);
  const body = await readJson(context.request, ResendSchema);
  const { code, phone } = parseInput(LookupSchema, { code: context.params.code, phone: body.phone });
  checkLookupRate(clientIp(context), code);
  const resolve = await fairResolver();
  const view = lookupRegistration(code, phone, resolve);
  return json(resendManageLink(code, phone, resolve(view.fair), body.channel ?? null, auditActor(context)), 202);
});
