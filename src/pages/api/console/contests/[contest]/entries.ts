/** GET /api/console/contests/{contest}/entries[?status=&group=&province=&q=] (organiser, admin) → `{ entries }`. */
import { requireRole } from '~/lib/server/auth/guard';
import { apiRoute, json } from '~/lib/server/http';
import { EntryFilterSchema, listContestEntries } from '~/lib/server/contests/entries';
import { requireContestDef } from '~/lib/server/contests/web';

export const prerender = false;

export const GET = apiRoute(async (context) => {
  requireRole(context, ['organiser', 'admin']);
  const def = await requireContestDef(context.params['contest']);
  return json({ entries: listContestEntries(def, EntryFilterSchema.parse(Object.fromEntries(context.url.searchParams))) });
});
