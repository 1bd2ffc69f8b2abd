import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { getContests } from '~/lib/content/contests';
import { getFairs } from '~/lib/content/fairs';
import { getProducers, getProducts } from '~/lib/content/products';
import { getVillages } from '~/lib/content/villages';
import { PROVINCES } from '~/lib/provinces';
import { escapeXml } from '~/lib/rss';

export const GET: APIRoute = async ({ site }) => {
  const paths = [
    '/', '/san-pham', '/ocop', '/co-so', '/lang-nghe', '/tinh', '/hoi-cho', '/binh-chon',
    // Sorted: the collection lists entries in the order their files finished loading, which
    // differs between two syncs of the same content (a build's output should not).
    ...(await getCollection('pages')).filter((p) => p.id !== 'binh-chon').map((p) => `/${p.id}`).sort(),
    ...(await getProducts()).map((p) => `/san-pham/${p.id}`),
    ...(await getProducers()).map((p) => `/co-so/${p.id}`),
    ...(await getVillages()).map((v) => `/lang-nghe/${v.id}`),
    ...PROVINCES.map((p) => `/tinh/${p.slug}`),
    ...(await getFairs()).map((f) => `/hoi-cho/${f.id}`),
    ...(await getContests()).map((c) => `/binh-chon/${c.id}`),
  ];
  const body = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...paths.map((p) => `  <url><loc>${escapeXml(new URL(p, site).href)}</loc></url>`),
    '</urlset>',
    '',
  ].join('\n');
  return new Response(body, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
};
