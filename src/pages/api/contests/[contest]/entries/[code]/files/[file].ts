/**
 * GET /api/contests/{contest}/entries/{code}/files/{file}[?v=large|small] — a dossier's file:
 * organisers and admins any; judges assigned to the contest those of accepted entries; everyone
 * else only the WebP photos of accepted entries. 404 otherwise (nothing revealed).
 */
import { apiRoute } from '~/lib/server/http';
import { EntryError, fileResponse, findFile, getEntryByCode, parseVariant, viewerOf } from '~/lib/server/contests/entries';
import { requireContestDef } from '~/lib/server/contests/web';

export const prerender = false;

export const GET = apiRoute(async ({ params, url, locals }) => {
  const def = await requireContestDef(params['contest']);
  const entry = getEntryByCode(def.id, params['code'] ?? '');
  if (!entry) throw new EntryError('file_not_found');
  const id = /^\d{1,12}$/.test(params['file'] ?? '') ? Number(params['file']) : 0;
  return fileResponse(viewerOf(def, entry, locals.user ?? null), entry, findFile(entry.id, id), parseVariant(url.searchParams.get('v')));
});
