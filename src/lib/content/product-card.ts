/**
 * A product's card — the catalogue, the home page, a producer's, province's and craft village's
 * pages, the related products under each product — and the OCOP star badge it carries, as HTML.
 *
 * A build shows each product's card on about seven pages (35,000 cards at 5,000 products), and
 * as three nested Astro components (card, picture, badge) they were a quarter of the
 * prerendering (4.7 of 17.7 s, measured by leaving them out, README "Figures"). What a card
 * shows depends only on its catalog entry, which is built once per process (`getCatalogRows`),
 * and on whether its badge is lapsed, so it is made once per entry and badge state and reused,
 * as `imageAt` keeps pictures. The markup is the components' own, byte for byte (a build before
 * and after compared), written with Astro's own escaping and attribute functions.
 * The dev server makes it every time, as it re-reads content.
 */
import { addAttribute, escapeHTML } from 'astro/runtime/server/index.js';
import { now } from '../clock';
import { formatDate, toCalendarDate } from '../format';
import { provinceLabel, requireProvince } from '../provinces';
import { isValidOn } from '../validity';
import { CNNT_GROUPS } from '../vocabulary';
import { imageAt, imageTagHtml } from './images';
import type { CatalogEntry } from './products';

export interface ProductCardOptions {
  /** Whether the certificate has lapsed today (on-demand pages); otherwise the badge judges by the page's date. */
  expired?: boolean | undefined;
}

/**
 * The OCOP star badge (Stars.astro shows it): with `until`, the certificate's last valid day
 * beside it. Lapsed when the page is made is marked so (a static page states the date; "lapsed"
 * can never go stale, "valid" could, so a static page never claims it).
 */
export function starsBadgeHtml(stars: number, until: string | null | undefined, expired?: boolean): string {
  const lapsed = expired ?? (until ? !isValidOn(until, toCalendarDate(now())) : false);
  const badge = `<span${String(addAttribute(`badge ${lapsed ? 'expired' : 'stars'}`, 'class'))}><span aria-hidden="true">${'★'.repeat(stars)}</span><span class="visually-hidden">OCOP ${String(stars)} sao</span><span aria-hidden="true"> OCOP</span>${lapsed ? ' · hết hiệu lực' : ''}</span>`;
  return until ? `${badge}<span class="meta">${lapsed ? ' sau ngày ' : ' hiệu lực đến '}${escapeHTML(formatDate(until))}</span>` : badge;
}

async function makeCard(entry: CatalogEntry, expired: boolean | undefined): Promise<string> {
  const { product, producer, row } = entry;
  const photo = product.data.photos[0];
  const img = photo ? imageTagHtml(await imageAt(photo.src, 480), photo.alt, 'lazy') : '';
  const link = `<a${String(addAttribute(`/san-pham/${product.id}`, 'href'))}>${escapeHTML(product.data.name)}</a>`;
  const badge = row.stars !== null ? `<p>${starsBadgeHtml(row.stars, row.ocopValidUntil, expired)}</p>` : '';
  return (
    `<article class="card"> ${img} <div class="body"> <h3>${link}</h3> ` +
    `<p class="meta">${escapeHTML(producer.data.name)} · ${escapeHTML(provinceLabel(requireProvince(product.data.province)))}</p> ` +
    `<p class="meta">${escapeHTML(CNNT_GROUPS.label(product.data.cnntGroup))}</p> ${badge} </div> </article>`
  );
}

/** An entry's cards: lapsed and valid as the page says, and the one judged by the date, for its day only. */
interface Made {
  lapsed?: Promise<string>;
  valid?: Promise<string>;
  ofDay?: { day: string; card: Promise<string> };
}
const made = new WeakMap<CatalogEntry, Made>();

/**
 * The card of `entry`, made once per entry and badge state. Judged by the date, a badge can
 * change at midnight: that card is kept for its day only (a server running for months keeps at
 * most three cards per product).
 */
export function productCardHtml(entry: CatalogEntry, options: ProductCardOptions = {}): Promise<string> {
  if (import.meta.env.DEV) return makeCard(entry, options.expired);
  let cards = made.get(entry);
  if (!cards) made.set(entry, (cards = {}));
  if (options.expired === true) return (cards.lapsed ??= makeCard(entry, true));
  if (options.expired === false) return (cards.valid ??= makeCard(entry, false));
  const day = toCalendarDate(now());
  if (cards.ofDay?.day !== day) cards.ofDay = { day, card: makeCard(entry, undefined) };
  return cards.ofDay.card;
}

/**
 * A list's items: `<li>` and its card for each entry, as a grid of cards writes them. Without
 * `expired`, each badge is judged by today's date, on-demand pages included.
 */
export async function productCardItemsHtml(entries: readonly CatalogEntry[], options: ProductCardOptions = {}): Promise<string> {
  const cards = await Promise.all(entries.map((entry) => productCardHtml(entry, options)));
  return cards.map((card) => `<li>${card}</li>`).join('');
}
