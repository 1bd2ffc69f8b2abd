/**
 * Keystatic's local-mode API, behind our guard, limited to the content folder:
 *
 * - `GET tree`: the content folder's files and their blob hashes (Keystatic reads only the
 *   folder it is given — the content folder, never the project with its .env and database);
 * - `GET blob/<sha>/<path>`: one file, if it is still that version (Keystatic's own check of
 *   the path against the editor's collections applies);
 * - `POST update`: a save, done by `applyContentChange` (save.ts) instead of Keystatic's
 *   handler, which writes whatever it gets with no version check. The editor's page sends the
 *   version each file had when it read it (`base`, added by lib/cms/save-base.ts), and a
 *   save of a file someone else changed since is refused.
 *
 * Anything else is 404. Every answer is `no-store`; refusals are plain Vietnamese text, which
 * Keystatic's editor shows as is.
 */
import type { APIContext } from 'astro';
import { makeGenericAPIRouteHandler } from '@keystatic/core/api/generic';
import { z } from 'zod';
import editorConfig from '../../cms/config';
import { auditActor } from '../audit';
import { HttpError } from '../errors';
import { readLimitedBytes } from '../http';
import { getPublishingSettings } from '../publishing/settings';
import { CmsError, cmsErrorResponse } from './errors';
import { EDITOR_ROLES, isSameOrigin } from './guard';
import { applyContentChange } from './save';

/** A save: the files of one entry (its text and its images, base64) — at most this many bytes. */
export const SAVE_BODY_LIMIT = 30 * 1024 * 1024;

type Keystatic = (request: Request) => Promise<{ status: number; body: string | Uint8Array | null; headers?: [string, string][] | Record<string, string> | Headers }>;

let keystatic: Keystatic | null = null;

function keystaticHandler(): Keystatic {
  keystatic ??= makeGenericAPIRouteHandler({ config: editorConfig, localBaseDirectory: getPublishingSettings().contentDir }) as unknown as Keystatic;
  return keystatic;
}

/** Calls Keystatic's handler for `rest` (what follows /api/keystatic/), with the request's headers. */
async function callKeystatic(rest: string, request: Request): Promise<Response> {
  const inner = new Request(`http://keystatic.local/api/keystatic/${rest}`, { method: 'GET', headers: request.headers });
  const answer = await keystaticHandler()(inner);
  const headers = new Headers(answer.headers);
  headers.set('Cache-Control', 'no-store');
  if (answer.status >= 400) {
    headers.set('Content-Type', 'text/plain; charset=utf-8');
    const text = answer.status === 404 ? 'Không tìm thấy tệp này (có thể vừa được người khác sửa). Hãy tải lại trang.' : 'Yêu cầu không hợp lệ.';
    return new Response(text, { status: answer.status, headers });
  }
  return new Response(answer.body as BodyInit | null, { status: answer.status, headers });
}

const UpdateSchema = z.object({
  additions: z.array(z.object({ path: z.string().min(1).max(500), contents: z.string() })).max(500),
  deletions: z.array(z.object({ path: z.string().min(1).max(500) })).max(500),
  base: z.record(z.string().regex(/^[0-9a-f]{40}$/).nullable()).optional(),
});

/** The save's body, bounded like every other body; too large is the editor's own 413 message. */
async function readBody(request: Request): Promise<Buffer> {
  try {
    return await readLimitedBytes(request, SAVE_BODY_LIMIT);
  } catch (error) {
    if (error instanceof HttpError && error.code === 'payload_too_large') throw new CmsError('payload_too_large');
    throw error;
  }
}

async function update(context: APIContext): Promise<Response> {
  const request = context.request;
  if (request.headers.get('no-cors') !== '1' || !(request.headers.get('content-type') ?? '').startsWith('application/json')) {
    throw new CmsError('bad_request');
  }
  let parsed: z.infer<typeof UpdateSchema>;
  try {
    parsed = UpdateSchema.parse(JSON.parse((await readBody(request)).toString('utf8')));
  } catch (error) {
    if (error instanceof CmsError) throw error;
    throw new CmsError('bad_request');
  }
  if (!parsed.base) throw new CmsError('base_required');
  const user = context.locals.user;
  if (!user) throw new CmsError('unauthenticated');
  const written = new Map<string, Uint8Array>();
  for (const a of parsed.additions) {
    if (written.has(a.path)) throw new CmsError('invalid_image', { message: `Chưa lưu: hai tệp cùng tên "${a.path}". Hãy đổi tên một ảnh rồi tải lên lại.` });
    written.set(a.path, Buffer.from(a.contents, 'base64'));
  }
  const deleted = new Set(parsed.deletions.map((d) => d.path).filter((p) => !written.has(p)));
  await applyContentChange({
    written,
    deleted,
    base: new Map(Object.entries(parsed.base)),
    editor: { id: user.id, name: user.name, email: user.email },
    actor: auditActor(context),
  });
  return callKeystatic('tree', request);
}

/** The `ALL` handler of /api/keystatic/[...params]. */
export async function handleKeystaticApi(context: APIContext): Promise<Response> {
  try {
    const user = context.locals.user;
    if (!user) throw new CmsError('unauthenticated');
    if (!EDITOR_ROLES.includes(user.role)) throw new CmsError('forbidden');
    const method = context.request.method;
    if (method !== 'GET' && method !== 'HEAD' && !isSameOrigin(context)) throw new CmsError('cross_origin');
    const rest = context.url.pathname.replace(/^\/api\/keystatic\/?/, '');
    if (method === 'GET' && rest === 'tree') return await callKeystatic('tree', context.request);
    if (method === 'GET' && rest.startsWith('blob/')) return await callKeystatic(rest, context.request);
    if (method === 'POST' && rest === 'update') return await update(context);
    throw new CmsError('not_found');
  } catch (error) {
    return cmsErrorResponse(error);
  }
}
