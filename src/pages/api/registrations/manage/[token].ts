/**
 * The management link's API (the token is the secret; only its hash is stored).
 * GET → the registration as its owner sees it. POST (JSON, same origin) `{ action:
 * "update-contact", representative, phone, email? }` | `{ action: "cancel" | "accept-offer" |
 * "decline-offer" }` | `{ action: "reduce", quantity }` (fewer booths, same place in line) |
 * `{ action: "update-products", products, directoryConsent }` → the updated registration.
 * 404 for an unknown token.
 */
import { ContactUpdateSchema } from '~/lib/registration-schema';
import { auditActor } from '~/lib/server/audit';
import { apiRoute, json, parseInput, readJson, requireSameOrigin } from '~/lib/server/http';
import {
  ManageCommandSchema,
  RegistrationError,
  answerOffer,
  cancelRegistration,
  getManagedRegistration,
  getRegistrationByToken,
  updateContact,
  reduceBooths,
  updateProducts,
  ReduceSchema,
  ProductsSchema,
} from '~/lib/server/registrations';
import { getFairInfo } from '~/lib/server/registrations/fairs';

export const prerender = false;

async function fairOf(token: string) {
  const reg = getRegistrationByToken(token);
  if (!reg) throw new RegistrationError('manage_not_found');
  return getFairInfo(reg.fairSlug);
}

export const GET = apiRoute(async ({ params }) => {
  const token = params.token ?? '';
  return json(getManagedRegistration(token, await fairOf(token)).view);
});

export const POST = apiRoute(async (context) => {
  requireSameOrigin(context);
  const token = context.params.token ?? '';
  const fair = await fairOf(token);
  const body = await readJson(context.request, ManageCommandSchema.passthrough());
  const actor = auditActor(context);
  if (body.action === 'update-contact') updateContact(token, parseInput(ContactUpdateSchema, body), actor);
  else if (body.action === 'cancel') cancelRegistration(token, fair, actor);
  else if (body.action === 'update-products') {
    const p = parseInput(ProductsSchema, body);
    updateProducts(token, p.products, p.directoryConsent, actor);
  } else if (!fair) throw new RegistrationError('fair_not_found');
  else if (body.action === 'reduce') reduceBooths(token, fair, parseInput(ReduceSchema, body).quantity, actor);
  else answerOffer(token, fair, body.action === 'accept-offer', actor);
  return json(getManagedRegistration(token, fair).view);
});
