/**
 * POST /api/fairs/{slug}/registrations — a booth registration (JSON, same origin).
 * 201 `{ code, status, manageUrl, heldQuantity, message }`; 200 `{ duplicate: true, message }` for
 * the same phone or tax code (never the other registration's code or status); 400 `{ error, fields }`; 404 unknown fair; 409 window closed or fair
 * cancelled; 413; 415; 422 Idempotency-Key reused with another body; 429 rate-limited.
 *
 * The built server answers most of these posts before Astro (registrations/fast-path.ts) with
 * the same answerRegistrationPost; this route answers under `astro dev` and whatever the fast
 * path leaves to it (a session cookie, a form-like or missing content type, another Origin…).
 */
import type { APIRoute } from 'astro';
import { auditActor } from '~/lib/server/audit';
import { requestBody, toResponse } from '~/lib/server/http';
import { answerRegistrationPost } from '~/lib/server/registrations/api';

export const prerender = false;

export const POST: APIRoute = async (context) =>
  toResponse(
    await answerRegistrationPost({
      slug: context.params.slug,
      origin: context.request.headers.get('origin'),
      ownOrigin: context.url.origin,
      actor: auditActor(context),
      idempotencyKey: context.request.headers.get('idempotency-key'),
      body: requestBody(context.request),
    }),
  );
