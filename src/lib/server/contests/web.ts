/**
 * What contest routes and pages share: the contest from the URL (404 when unknown), the voter
 * cookie, a plain 404 page; and the demo judges' assignments, which only the server's boot
 * makes (boot.ts). Imports astro:content — routes, pages and the boot only.
 */
import type { AstroCookies } from 'astro';
import { now } from '../../clock';
import { getEnv } from '../env';
import { seedDemoAssignments } from './assignments';
import { getAllContestDefs, getContestDef } from './content';
import type { ContestDef } from './definition';
import { ContestError } from './errors';

/** The contest named by a route parameter, or 404. */
export async function requireContestDef(id: string | undefined): Promise<ContestDef> {
  const def = id ? await getContestDef(id) : null;
  if (!def) throw new ContestError('contest_not_found');
  return def;
}

/**
 * Demo mode: assigns the demo judges to the contests open for judging (idempotent). Called by
 * the boot before the server listens — never from a route.
 */
export async function assignDemoJudges(): Promise<number> {
  if (!getEnv().DEMO) return 0;
  return seedDemoAssignments(await getAllContestDefs(), now());
}

const cookieName = (contestId: string) => `voter_${contestId.replace(/[^a-z0-9-]/g, '')}`;

export function getVoterToken(cookies: AstroCookies, contestId: string): string | undefined {
  return cookies.get(cookieName(contestId))?.value;
}

export function setVoterToken(cookies: AstroCookies, contestId: string, token: string, secure: boolean, expires: Date): void {
  cookies.set(cookieName(contestId), token, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires });
}

/**
 * A plain 404 for on-demand contest pages (the site's 404 page is prerendered and cannot be
 * rewritten to from a server-rendered route).
 */
export function notFoundPage(message = 'Không tìm thấy trang này.'): Response {
  const body = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Không tìm thấy</title></head><body><main><h1>Không tìm thấy</h1><p>${message.replace(/[&<>"]/g, (c) => `&#${String(c.charCodeAt(0))};`)}</p><p><a href="/">Về trang chủ</a></p></main></body></html>`;
  return new Response(body, { status: 404, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } });
}
