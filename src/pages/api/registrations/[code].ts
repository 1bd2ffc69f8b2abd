/**
 * GET /api/registrations/{code}?phone=… → `{ code, fair, status, statusLabel, …, history }`;
 * 404 when code and phone do not match (the same answer whether the code exists or not).
 */
import { LookupSchema } from '~/lib/registration-schema';
import { apiRoute, json, parseInput } from '~/lib/server/http';
import { lookupRegistration } from '~/lib/server/registrations';
import { fairResolver } from '~/lib/server/registrations/fairs';

export const prerender = false;

export const GET = apiRoute(async ({ params, url }) => {
  const { code, phone } = parseInput(LookupSchema, { code: params.code, phone: url.searchParams.get('phone') ?? '' });
  return json(lookupRegistration(code, phone, await fairResolver()));
});
