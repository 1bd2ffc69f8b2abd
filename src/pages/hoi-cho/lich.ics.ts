/** Subscription feed of every fair, past and upcoming, prerendered. */
import type { APIRoute } from 'astro';
import { getFairs } from '~/lib/content/fairs';
import { now } from '~/lib/clock';
import { ICAL_PRODID, calendarHeaders, fairEvent, renderCalendar } from '~/lib/ical';
import { provinceLabel, requireProvince } from '~/lib/provinces';

export const GET: APIRoute = async ({ site, url }) => {
  const origin = site ?? new URL(url.origin);
  const body = renderCalendar({
    prodId: ICAL_PRODID,
    name: 'Lịch hội chợ khuyến công',
    stamp: now(),
    events: (await getFairs()).map((fair) =>
      fairEvent(fair, origin, provinceLabel(requireProvince(fair.data.province))),
    ),
  });
  return new Response(body, { headers: calendarHeaders('lich-hoi-cho.ics') });
};
