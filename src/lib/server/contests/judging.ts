/**
 * The opening every judging route shares — the judge's pages (`/cham-diem/…`) and the JSON
 * API (`/api/judging/…`): a signed-in judge, the contest named in the URL, the judge's
 * assignment to it and, for an entry's routes, the entry (in the contest, and the judge's to
 * score). The domain functions check again inside their transactions; this is what lets a
 * route refuse early with the right status and hand the domain a typed context.
 */
import type { APIContext, AstroGlobal } from 'astro';
import { requirePageRole, requireRole } from '../auth/guard';
import type { SessionUser } from '../auth/session';
import { AppError } from '../errors';
import { requireAssignedEntry, requireAssignment, type Assignment } from './assignments';
import { getContestDef } from './content';
import type { ContestDef } from './definition';
import { ContestError } from './errors';
import { notFoundPage, requireContestDef } from './web';

export interface JudgingContext {
  user: SessionUser;
  def: ContestDef;
  assignment: Assignment;
  /** The entry of an entry's route (`[entry]`), else null. */
  entryId: string | null;
}

export interface JudgingOptions {
  /** The route names an entry (`params.entry`): check it too. */
  entry?: boolean;
}

/**
 * The judging context of a request, or a typed refusal: 401 `unauthenticated` / 403
 * `forbidden` (not a judge), 404 `contest_not_found` / `entry_not_found`, 403 `not_assigned` /
 * `entry_not_assigned`.
 */
export async function requireJudgingContext(context: Pick<APIContext, 'locals' | 'params'>, options: JudgingOptions = {}): Promise<JudgingContext> {
  const { user } = requireRole(context, ['judge']);
  const def = await requireContestDef(context.params['contest']);
  const entryId = options.entry ? (context.params['entry'] ?? '') : null;
  if (entryId !== null && !def.entries.includes(entryId)) throw new ContestError('entry_not_found');
  const assignment = requireAssignment(def, user.id);
  if (entryId !== null) requireAssignedEntry(def, assignment, entryId);
  return { user, def, assignment, entryId };
}

/** A judge's page, opened: the context, or the contest with the reason the judge may not act (403). */
export type JudgingPageOpening =
  | { kind: 'open'; context: JudgingContext }
  | { kind: 'blocked'; def: ContestDef; user: SessionUser; entryId: string | null; message: string };

/**
 * `requireJudgingContext` for a page: anonymous visitors go to the sign-in page, other roles
 * get the 403 page, an unknown contest or entry a 404 page; a judge not assigned (to the
 * contest or the entry) sees the page with the reason, answered 403.
 */
export async function openJudgingPage(astro: AstroGlobal, options: JudgingOptions = {}): Promise<Response | JudgingPageOpening> {
  const auth = await requirePageRole(astro, ['judge']);
  if (auth instanceof Response) return auth;
  try {
    return { kind: 'open', context: await requireJudgingContext(astro, options) };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const e = error as AppError;
    if (e.code !== 'not_assigned' && e.code !== 'entry_not_assigned') return notFoundPage();
    const def = await getContestDef(astro.params['contest'] ?? '');
    if (!def) return notFoundPage();
    astro.response.status = 403;
    return { kind: 'blocked', def, user: auth.user, entryId: options.entry ? (astro.params['entry'] ?? '') : null, message: e.message };
  }
}
