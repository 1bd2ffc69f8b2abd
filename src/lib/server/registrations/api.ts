/**
 * `POST /api/fairs/{slug}/registrations` as data: the request's facts in, the JSON answer out.
 * One function for both ways in: the Astro route (src/pages/api/fairs/[slug]/registrations.ts:
 * `astro dev`, and whatever the fast path leaves to it) and the server entry's fast path
 * (fast-path.ts), which answers the public, cookie-less post straight from the socket. The
 * checks run in the route's order, so both refuse the same request the same way: same origin,
 * the per-IP rate limit, the fair, its window, the Idempotency-Key, then the body (415, 413,
 * 400 malformed or invalid), and only then the write.
 *
 * Reads content (fairs.ts): imported by the route and loaded by the fast path on first use.
 */
import { registrationSchemaFor } from '../../registration-schema';
import type { AuditActor } from '../audit';
import { errorAnswer, jsonAnswer, readJsonBody, requireOrigin, type JsonAnswer, type TextBody } from '../http';
import { requireOpenWindow } from './availability';
import { requireFairInfo, withSiteVillage } from './fairs';
import { idempotencyKeyOf } from './forms';
import { publicAnswer, registerBoothsQueued } from './holding';
import { checkRegistrationRate } from './rate-limit';

/** What the answer depends on, taken from the request by whoever received it. */
export interface RegistrationPost {
  /** The `{slug}` of the path, decoded. */
  slug: string | undefined;
  /** The Origin header. */
  origin: string | null;
  /** The request's own origin (scheme, host, port) as the server sees it. */
  ownOrigin: string;
  /** Who posts (a signed-in organiser, or nobody) and from which IP (the rate limit's key too). */
  actor: AuditActor;
  /** The Idempotency-Key header. */
  idempotencyKey: string | null;
  body: TextBody;
}

/** The answer to a registration post: 201, 200 duplicate, or the refusal (never throws). */
export async function answerRegistrationPost(post: RegistrationPost): Promise<JsonAnswer> {
  try {
    requireOrigin(post.origin, post.ownOrigin);
    checkRegistrationRate(post.actor.ip);
    const fair = await requireFairInfo(post.slug);
    requireOpenWindow(fair);
    const idempotencyKey = idempotencyKeyOf(post.idempotencyKey);
    const input = await withSiteVillage(await readJsonBody(post.body, registrationSchemaFor(fair)));
    const { httpStatus, ...answer } = publicAnswer(await registerBoothsQueued(fair, input, { idempotencyKey, actor: post.actor }));
    return jsonAnswer(answer, httpStatus);
  } catch (error) {
    return errorAnswer(error);
  }
}
