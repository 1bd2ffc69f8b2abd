/** One fair as a downloadable iCalendar file (METHOD:PUBLISH), prerendered. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getFairs, type FairEntry } from '~/lib/content/fairs';
import { now } from '~/lib/clock';
import { ICAL_PRODID, calendarHeaders, fairEvent, renderCalendar } from '~/lib/ical';
import { provinceLabel, requireProvince } from '~/lib/provinces';

export const getStaticPaths = (async () =>
  (await getFairs()).map((fair) => ({ params: { id: fair.id }, props: { fair } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props, site, url }) => {
  const { fair } = props as { fair: FairEntry };
  const body = renderCalendar({
    prodId: ICAL_PRODID,
    method: 'PUBLISH',
    stamp: now(),
    events: [fairEvent(fair, site ?? new URL(url.origin), provinceLabel(requireProvince(fair.data.province)))],
  });
  return new Response(body, { headers: calendarHeaders(`${fair.id}.ics`) });
};
