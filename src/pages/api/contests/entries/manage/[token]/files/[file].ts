/** GET …/manage/{token}/files/{file}[?v=large|small] — the applicant's own file (404 otherwise). */
import { apiRoute } from '~/lib/server/http';
import { fileResponse, findFile, parseVariant, requireEntryByToken } from '~/lib/server/contests/entries';

export const prerender = false;

export const GET = apiRoute(({ params, url }) => {
  const entry = requireEntryByToken(params['token'] ?? '');
  const id = /^\d{1,12}$/.test(params['file'] ?? '') ? Number(params['file']) : 0;
  return fileResponse({ kind: 'applicant' }, entry, findFile(entry.id, id), parseVariant(url.searchParams.get('v')));
});
