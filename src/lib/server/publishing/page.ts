/**
 * Page data of /quan-tri/xuat-ban (editors and admins): the plain-form intents (publish, roll
 * back, create the content repository), answered 303 back to the page, and what the page shows.
 * A body that is not a plain form (415), too large (413) or broken (400) is shown on the page
 * with its status; an AppError of a command comes back as ?loi=.
 */
import type { AstroGlobal } from 'astro';
import { auditActor } from '../audit';
import { requirePageRole } from '../auth/guard';
import { EDITOR_ROLES } from '../cms/guard';
import { AppError, HttpError } from '../errors';
import { createContentRepository } from '../history';
import { readFormObject } from '../http';
import { publishingOverview, requestPublish, requestRollback, requirePublication, type PublicationView } from './index';

export interface PublishingPage {
  overview: Awaited<ReturnType<typeof publishingOverview>>;
  /** The publication the page follows (?yeu-cau=), with its live status island. */
  followed: PublicationView | null;
  problem: string | null;
  repositoryCreated: boolean;
}

const PAGE = '/quan-tri/xuat-ban';

async function runIntent(astro: AstroGlobal, user: { name: string; email: string }): Promise<Response | string> {
  const form = await readFormObject(astro.request);
  if (form['action'] === 'publish') {
    const { publication } = requestPublish(auditActor(astro));
    return astro.redirect(`${PAGE}?yeu-cau=${publication.id}`, 303);
  }
  if (form['action'] === 'rollback') {
    const publication = requestRollback(auditActor(astro), form['buildId'] || null);
    return astro.redirect(`${PAGE}?yeu-cau=${publication.id}`, 303);
  }
  if (form['action'] === 'init-repo') {
    await createContentRepository(user, auditActor(astro));
    return astro.redirect(`${PAGE}?da-tao-kho=1`, 303);
  }
  astro.response.status = 400;
  return 'Yêu cầu không rõ: hãy dùng các nút trên trang này.';
}

export async function preparePublishingPage(astro: AstroGlobal): Promise<Response | PublishingPage> {
  const auth = await requirePageRole(astro, EDITOR_ROLES);
  if (auth instanceof Response) return auth;
  let refused: string | null = null;
  if (astro.request.method === 'POST') {
    try {
      const outcome = await runIntent(astro, { name: auth.user.name, email: auth.user.email });
      if (outcome instanceof Response) return outcome;
      refused = outcome;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (!(error instanceof HttpError)) return astro.redirect(`${PAGE}?loi=${encodeURIComponent(error.message)}`, 303);
      astro.response.status = error.status;
      refused = error.message;
    }
  }
  const params = astro.url.searchParams;
  let followed: PublicationView | null = null;
  try {
    followed = params.get('yeu-cau') ? requirePublication(params.get('yeu-cau') ?? '') : null;
  } catch {
    followed = null;
  }
  return {
    overview: await publishingOverview(),
    followed,
    problem: refused ?? params.get('loi'),
    repositoryCreated: params.has('da-tao-kho'),
  };
}
