/** The content editor's API (Keystatic, local mode), guarded: see lib/server/cms/api.ts. */
import type { APIRoute } from 'astro';
import { handleKeystaticApi } from '~/lib/server/cms/api';

export const prerender = false;

export const ALL: APIRoute = (context) => handleKeystaticApi(context);
