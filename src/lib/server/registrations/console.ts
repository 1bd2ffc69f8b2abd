/**
 * The registration console's pages as data (organiser, admin): the fairs overview, one fair's
 * list with its counts and filters, and the printable list. Reads fairs from content, so only
 * pages import this (like fairs.ts).
 */
import { getProvince } from '../../provinces';
import { ESTABLISHMENT_TYPES, type EstablishmentType } from '../../vocabulary';
import { HttpError } from '../errors';
import { countsForFair } from './capacity';
import { RegistrationError } from './errors';
import { getAllFairInfos, getFairInfo } from './fairs';
import { listFilterFrom } from './forms';
import { listRegistrations } from './review';
import type { TypeCounts } from './rules';
import type { FairInfo } from './types';

/** Every fair that takes registrations, with its booths summed over its types. */
export async function consoleOverview() {
  return (await getAllFairInfos())
    .filter((f) => f.registration)
    .map((fair) => {
      const counts = [...countsForFair(fair).values()];
      const sum = (k: keyof TypeCounts) => counts.reduce((s, c) => s + c[k], 0);
      return { fair, total: sum('total'), held: sum('held'), approved: sum('approved'), waitlisted: sum('waitlisted'), overbooked: sum('overbooked') };
    });
}

const CONSOLE_MESSAGES: Record<string, { message: string }> = { ...RegistrationError.catalogue, ...HttpError.catalogue };

function establishmentLabel(id: string): string {
  return (ESTABLISHMENT_TYPES.ids as readonly string[]).includes(id) ? ESTABLISHMENT_TYPES.label(id as EstablishmentType) : id;
}

function names(fair: FairInfo | null) {
  return {
    boothType: (id: string) => fair?.boothTypes.find((b) => b.id === id)?.name ?? id,
    province: (slug: string) => getProvince(slug)?.name ?? slug,
    establishment: establishmentLabel,
  };
}

/**
 * One fair's console page for the query `params`: its registrations (filtered), counts per
 * booth type, and the notice of the last action (`?da-xu-ly=<code>`, `?loi=<code>` shown with
 * the catalogue's message — the console API redirects here with them).
 */
export async function consoleFairPage(slug: string, params: URLSearchParams) {
  const fair = await getFairInfo(slug);
  const filter = listFilterFrom(params);
  const errCode = params.get('loi') ?? '';
  const query = params.toString();
  return {
    fair,
    status: fair ? 200 : 404,
    filter,
    rows: fair ? listRegistrations(fair.slug, filter) : [],
    counts: fair ? countsForFair(fair) : new Map<string, TypeCounts>(),
    done: params.get('da-xu-ly'),
    errorText: errCode ? (CONSOLE_MESSAGES[errCode]?.message ?? 'Không thực hiện được thao tác.') : null,
    suffix: query ? `?${query}` : '',
    names: names(fair),
  };
}

/** The printable list of one fair (same filters as its console page). */
export async function consolePrintPage(slug: string, params: URLSearchParams) {
  const fair = await getFairInfo(slug);
  return { fair, status: fair ? 200 : 404, rows: fair ? listRegistrations(fair.slug, listFilterFrom(params)) : [], names: names(fair) };
}
