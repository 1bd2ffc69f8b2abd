/** RSS 2.0 of the fairs that had not ended when the site was built. */
import type { APIRoute } from 'astro';
import { getUpcomingFairs } from '~/lib/content/fairs';
import { now } from '~/lib/clock';
import { getSiteSettings } from '~/lib/content/site';
import { formatDateRange } from '~/lib/format';
import { provinceLabel, requireProvince } from '~/lib/provinces';
import { RSS_HEADERS, renderRss } from '~/lib/rss';
import { FAIR_STATUSES } from '~/lib/vocabulary';

export const GET: APIRoute = async ({ site, url }) => {
  const origin = site ?? new URL(url.origin);
  const at = now();
  const fairs = await getUpcomingFairs(at);
  const { siteName } = await getSiteSettings();
  const body = await renderRss({
    title: `Hội chợ sắp diễn ra – ${siteName}`,
    description: 'Các hội chợ triển lãm sản phẩm công nghiệp nông thôn sắp diễn ra.',
    link: new URL('/hoi-cho', origin).href,
    self: new URL('/rss/hoi-cho.xml', origin).href,
    updated: at,
    items: fairs.map((fair) => {
      const link = new URL(`/hoi-cho/${fair.id}`, origin).href;
      const status = fair.data.status === 'scheduled' ? '' : ` (${FAIR_STATUSES.label(fair.data.status)})`;
      // A fair is "published" when its registration opens (or now, if that is still ahead):
      // readers hide items dated in the future.
      const announced = fair.data.registration?.opens ?? at;
      return {
        title: `${fair.data.name}${status}`,
        link,
        guid: link,
        pubDate: announced < at ? announced : at,
        description: `${formatDateRange(fair.data.start, fair.data.end)} tại ${fair.data.venue}, ${provinceLabel(requireProvince(fair.data.province))}. ${fair.data.summary}`,
      };
    }),
  });
  return new Response(body, { headers: RSS_HEADERS });
};
