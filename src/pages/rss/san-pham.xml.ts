import type { APIRoute } from 'astro';
import { getRecentlyRecognised, recognitionNumberText } from '~/lib/content/products';
import { formatDate } from '~/lib/format';
import { RSS_HEADERS, renderRss } from '~/lib/rss';
import { PROGRAMMES, RECOGNITION_LEVELS } from '~/lib/vocabulary';

/** Newly recognised products: each product once, at its latest certificate. */
export const GET: APIRoute = async ({ site }) => {
  const base = site ?? new URL('http://localhost:4321');
  const recent = await getRecentlyRecognised(30);
  const body = await renderRss({
    title: 'Sản phẩm mới được công nhận',
    description: 'Sản phẩm công nghiệp nông thôn tiêu biểu và OCOP mới được công nhận',
    link: new URL('/san-pham?sap=moi-nhat', base).href,
    self: new URL('/rss/san-pham.xml', base).href,
    language: 'vi',
    items: recent.map(({ product, recognition: r }) => ({
      title: product.data.name,
      link: new URL(`/san-pham/${product.id}`, base).href,
      guid: new URL(`/san-pham/${product.id}#${r.number ?? `${r.programme}-${r.level}-${String(r.year)}`}`, base).href,
      pubDate: new Date(`${r.issued}T00:00:00+07:00`),
      description: `${PROGRAMMES.label(r.programme)}${r.stars ? ` ${r.stars} sao` : ''} ${RECOGNITION_LEVELS.label(r.level)} năm ${r.year}, ${r.number ? `số ${r.number}` : recognitionNumberText(r)}, cấp ngày ${formatDate(r.issued)}. ${product.data.summary}`,
    })),
  });
  return new Response(body, { headers: RSS_HEADERS });
};
