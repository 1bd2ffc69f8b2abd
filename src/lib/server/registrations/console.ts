/**
 * The registration console's pages as data (organiser, admin): the fairs overview, one fair's
 * list with its counts and filters, and the printable list. Reads fairs from content, so only
 * pages import this (like fairs.ts).
 */
import { getProvince } from '../../provinces';
import { ESTABLISHMENT_TYPES, type EstablishmentType } from '../../vocabulary';
import { HttpError } from '../errors';
import { countsForFair } from './capacity';
import { getEnv } from '../env';
import { configuredChannels } from '../messaging';
import { offersWaitingForMessage } from './waitlist';
import { supportForFair } from './support';
import { RegistrationError } from './errors';
import { getAllFairInfos, getFairInfo, getFairPlanContent } from './fairs';
import { planBooths } from './availability';
import { assignmentsOf } from './booths';
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
export const CONSOLE_PAGE_SIZE = 50;

export async function consoleFairPage(slug: string, params: URLSearchParams) {
  const fair = await getFairInfo(slug);
  const filter = listFilterFrom(params);
  const errCode = params.get('loi') ?? '';
  // The filters (without paging and notices), for the export links and the pages.
  const kept = new URLSearchParams([...params].filter(([k]) => ['trang-thai', 'loai-gian', 'tinh', 'ho-tro', 'q'].includes(k) && k));
  const query = kept.toString();
  const all = fair ? listRegistrations(fair.slug, filter) : [];
  const pages = Math.max(1, Math.ceil(all.length / CONSOLE_PAGE_SIZE));
  const page = Math.min(pages, Math.max(1, Number.parseInt(params.get('trang') ?? '1', 10) || 1));
  const channels = configuredChannels(getEnv());
  const unsent = fair ? offersWaitingForMessage(fair.slug) : [];
  return {
    fair,
    status: fair ? 200 : 404,
    filter,
    total: all.length,
    page,
    pages,
    rows: all.slice((page - 1) * CONSOLE_PAGE_SIZE, page * CONSOLE_PAGE_SIZE),
    counts: fair ? countsForFair(fair) : new Map<string, TypeCounts>(),
    support: fair ? supportForFair(fair) : null,
    /** Offers whose message has not gone out: their clock waits; unreachable when their channel is not configured. */
    unsentOffers: unsent.map((r) => ({ code: r.code, channel: r.email ? ('email' as const) : ('sms' as const) })).map((o) => ({ ...o, unreachable: !channels[o.channel] })),
    channels,
    bulk: { approved: params.get('da-duyet'), skipped: params.get('bo-qua') },
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

/**
 * The organiser's floor plan of a fair: every booth with its state and registration, the
 * booth selected (`?gian=A01`) with what can be done to it — give a free booth to a holder of
 * its type still missing booths, move its registration to a free booth of the type, take it back.
 */
export async function consolePlanPage(slug: string, params: URLSearchParams) {
  const fair = await getFairInfo(slug);
  const content = fair?.plan ? await getFairPlanContent(fair.slug) : null;
  if (!fair || !content || !fair.plan) return { fair, content: null, status: 404 } as const;
  const assignments = assignmentsOf(fair.slug);
  const states = new Map(planBooths(fair).map((b) => [b.code, b.state]));
  const labels = new Map([...assignments].map(([code, r]) => [code, `${r.code} · ${r.establishmentName}`]));
  const raw = (params.get('gian') ?? '').toUpperCase();
  const booth = fair.plan.booths.find((b) => b.code === raw) ?? null;
  const holder = booth ? (assignments.get(booth.code) ?? null) : null;
  const holders = booth && !holder
    ? listRegistrations(fair.slug, { boothTypeId: booth.typeId })
        .filter((r) => (r.status === 'pending' || r.status === 'approved') && (r.boothNumbers ? r.boothNumbers.split(', ').length : 0) < r.heldQuantity)
    : [];
  const freeOfType = booth ? fair.plan.booths.filter((b) => b.typeId === booth.typeId && !assignments.has(b.code)).map((b) => b.code) : [];
  const missing = listRegistrations(fair.slug)
    .filter((r) => r.status === 'pending' || r.status === 'approved')
    .reduce((n, r) => n + Math.max(0, r.heldQuantity - (r.boothNumbers ? r.boothNumbers.split(', ').length : 0)), 0);
  const errCode = params.get('loi') ?? '';
  return {
    fair,
    content,
    status: 200,
    states,
    labels,
    booth,
    holder,
    holders,
    freeOfType,
    missing,
    done: params.get('da-xu-ly'),
    auto: params.get('tu-dong'),
    errorText: errCode ? (CONSOLE_MESSAGES[errCode]?.message ?? 'Không thực hiện được thao tác.') : null,
    names: names(fair),
  } as const;
}

/** The printable plan (A3 landscape): codes and exhibitors' names in the booths. */
export async function consolePrintPlanPage(slug: string) {
  const fair = await getFairInfo(slug);
  const content = fair?.plan ? await getFairPlanContent(fair.slug) : null;
  if (!fair || !content) return { fair, content: null, status: 404, labels: new Map<string, string>(), states: new Map<string, 'free' | 'held' | 'confirmed'>() };
  const assignments = assignmentsOf(fair.slug);
  return {
    fair,
    content,
    status: 200,
    labels: new Map([...assignments].map(([code, r]) => [code, r.establishmentName])),
    states: new Map(planBooths(fair).map((b) => [b.code, b.state])),
  };
}
