/**
 * GET /api/registrations/{code}?phone=… → `{ code, fair, status, statusLabel, …, history }`;
 * 404 when code and phone do not match (the same answer whether the code exists or not);
 * 429 `lookup_rate_limited` with Retry-After past 20 lookups per 10 minutes per IP or per code.
 */
import { LookupSchema } from '~/lib/registration-schema';
import { apiRoute, json, parseInput } from '~/lib/server/http';
import { clientIp } from '~/lib/server/request';
import { checkLookupRate, lookupRegistration } from '~/lib/server/registrations';
import { fairResolver } from '~/lib/server/registrations/fairs';

export const prerender = false;

export const GET = apiRoute(async (context) => {
  const { params, url } = context;
  const { code, phone } = parseInput(LookupSchema, { code: params.code, phone: url.searchParams.get('phone') ?? '' });
  checkLookupRate(clientIp(context), code);
  return json(lookupRegistration(code, phone, await fairResolver()));
});
