/** GET /api/auth/me — the signed-in user `{ user: { id, email, name, role } }`, or 401. */
import { ANY_ROLE, requireRole } from '~/lib/server/auth/guard';
import { apiRoute, json } from '~/lib/server/http';

export const prerender = false;

export const GET = apiRoute((context) => json({ user: requireRole(context, ANY_ROLE).user }));
