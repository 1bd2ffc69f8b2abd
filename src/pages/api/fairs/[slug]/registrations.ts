/**
 * POST /api/fairs/{slug}/registrations — a booth registration (JSON, same origin).
 * 201 `{ code, status, manageUrl, heldQuantity, message }`; 200 `{ duplicate: true, message }` for
 * the same phone or tax code (never the other registration's code or status); 400 `{ error, fields }`; 404 unknown fair; 409 window closed or fair
 * cancelled; 413; 415; 422 Idempotency-Key reused with another body; 429 rate-limited.
 */
import { registrationSchemaFor } from '~/lib/registration-schema';
import { auditActor } from '~/lib/server/audit';
import { apiRoute, json, readJson, requireSameOrigin } from '~/lib/server/http';
import { clientIp } from '~/lib/server/request';
import { checkRegistrationRate, idempotencyKeyOf, publicAnswer, registerBoothsQueued, requireOpenWindow } from '~/lib/server/registrations';
import { requireFairInfo } from '~/lib/server/registrations/fairs';

export const prerender = false;

export const POST = apiRoute(async (context) => {
  requireSameOrigin(context);
  checkRegistrationRate(clientIp(context));
  const fair = await requireFairInfo(context.params.slug);
  requireOpenWindow(fair);
  const idempotencyKey = idempotencyKeyOf(context.request);
  const input = await readJson(context.request, registrationSchemaFor(fair));
  const { httpStatus, ...answer } = publicAnswer(await registerBoothsQueued(fair, input, { idempotencyKey, actor: auditActor(context) }));
  return json(answer, httpStatus);
});
