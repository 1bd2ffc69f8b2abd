/**
 * The entry's management link (the token is the secret; only its hash is stored).
 * GET → the dossier as its owner sees it. POST multipart (same origin): edit a draft or
 * requested changes — fields, files added, `remove` (file ids), `action=submit` to submit;
 * POST JSON `{ action: "submit" | "withdraw", version? }`. 404 unknown token, 409 read-only.
 */
import { auditActor } from '~/lib/server/audit';
import { apiRoute, isFormPost, json, readJson, requireSameOrigin } from '~/lib/server/http';
import { ManageCommandSchema, managedEntryView, receiveEntryChange, requireEntryByToken, runManageCommand } from '~/lib/server/contests/entries';
import { requireContestDef } from '~/lib/server/contests/web';

export const prerender = false;

async function contestOf(token: string) {
  return await requireContestDef(requireEntryByToken(token).contestId);
}

export const GET = apiRoute(async ({ params }) => {
  const token = params['token'] ?? '';
  return json(managedEntryView(await contestOf(token), token));
});

export const POST = apiRoute(async (context) => {
  requireSameOrigin(context);
  const token = context.params['token'] ?? '';
  const def = await contestOf(token);
  const actor = auditActor(context);
  if (isFormPost(context.request)) await receiveEntryChange(def, token, context.request, actor);
  else runManageCommand(def, token, await readJson(context.request, ManageCommandSchema), actor);
  return json(managedEntryView(def, token));
});
