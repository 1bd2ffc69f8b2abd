/**
 * The one home of the site's JSON-LD (schema.org): what a product, producer or fair page says
 * to search engines is built here from what the page shows — the producer's logo, the
 * organiser's address on the web — and serialised safely for a <script> element.
 */
import { toVietnamIso } from './ical';
import { provinceLabel, requireProvince } from './provinces';
import { CNNT_GROUPS, OCOP_GROUPS, PROGRAMMES, RECOGNITION_LEVELS, type Programme, type RecognitionLevel } from './vocabulary';

type Ld = Record<string, unknown>;

/**
 * JSON-LD serialisation safe to place inside <script type="application/ld+json">: "<" is
 * escaped so no text can close the script element.
 */
export function jsonLd(data: unknown): string {
  return JSON.stringify(data).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

const abs = (path: string, site: URL) => new URL(path, site).href;

export interface ProducerLdInput {
  id: string;
  data: { name: string; address: string; phone?: string | undefined; website?: string | undefined };
}

/** schema.org Organization of a producer; `logo` is the absolute URL of the logo the page shows. */
export function producerJsonLd(producer: ProducerLdInput, site: URL, logo?: string): Ld {
  const d = producer.data;
  return {
    '@context': 'https://schema.org',
    '@type': 'Organization',
    name: d.name,
    url: abs(`/co-so/${producer.id}`, site),
    ...(logo ? { logo } : {}),
    address: { '@type': 'PostalAddress', streetAddress: d.address, addressCountry: 'VN' },
    ...(d.phone ? { telephone: d.phone } : {}),
    ...(d.website ? { sameAs: [d.website] } : {}),
  };
}

export interface ProductLdInput {
  id: string;
  data: {
    name: string;
    summary: string;
    cnntGroup: Parameters<typeof CNNT_GROUPS.label>[0];
    ocopGroup?: Parameters<typeof OCOP_GROUPS.label>[0] | undefined;
    price?: { min: number; max: number } | undefined;
    whereToBuy: readonly unknown[];
  };
}

/** schema.org Product of a product page; `images` and `producerLogo` are absolute URLs. */
export function productJsonLd(
  product: ProductLdInput,
  extra: {
    site: URL;
    images: string[];
    producer: ProducerLdInput;
    producerLogo?: string | undefined;
    stars: number | null;
    origin: string;
    recognitions: readonly { programme: Programme; level: RecognitionLevel; stars: number | undefined; year: number; number?: string | undefined }[];
  },
): Ld {
  const d = product.data;
  const { site, producer } = extra;
  return {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: d.name,
    description: d.summary,
    image: extra.images,
    url: abs(`/san-pham/${product.id}`, site),
    category: CNNT_GROUPS.label(d.cnntGroup),
    manufacturer: {
      '@type': 'Organization',
      name: producer.data.name,
      url: abs(`/co-so/${producer.id}`, site),
      ...(extra.producerLogo ? { logo: extra.producerLogo } : {}),
    },
    brand: { '@type': 'Brand', name: producer.data.name, ...(extra.producerLogo ? { logo: extra.producerLogo } : {}) },
    countryOfOrigin: { '@type': 'Country', name: 'Việt Nam' },
    award: extra.recognitions.map(
      (r) => `${PROGRAMMES.label(r.programme)}${r.stars ? ` ${String(r.stars)} sao` : ''} ${RECOGNITION_LEVELS.label(r.level)} năm ${String(r.year)}${r.number ? ` (${r.number})` : ''}`,
    ),
    additionalProperty: [
      ...(extra.stars ? [{ '@type': 'PropertyValue', name: 'Hạng sao OCOP', value: extra.stars, maxValue: 5 }] : []),
      ...(d.ocopGroup ? [{ '@type': 'PropertyValue', name: 'Nhóm sản phẩm OCOP', value: OCOP_GROUPS.label(d.ocopGroup) }] : []),
      { '@type': 'PropertyValue', name: 'Nơi sản xuất', value: extra.origin },
    ],
    ...(d.price
      ? { offers: { '@type': 'AggregateOffer', priceCurrency: 'VND', lowPrice: d.price.min, highPrice: d.price.max, offerCount: Math.max(1, d.whereToBuy.length) } }
      : {}),
  };
}

const EVENT_STATUS = {
  scheduled: 'https://schema.org/EventScheduled',
  postponed: 'https://schema.org/EventPostponed',
  cancelled: 'https://schema.org/EventCancelled',
} as const;

export interface FairLdInput {
  id: string;
  data: {
    name: string;
    summary: string;
    start: Date;
    end: Date;
    status: keyof typeof EVENT_STATUS;
    venue: string;
    address: string;
    province: string;
    organiser: string;
    organiserUrl?: string | undefined;
  };
}

/** schema.org ExhibitionEvent of a fair. `image` is an absolute URL. */
export function fairJsonLd(fair: FairLdInput, site: URL, image: string): Ld {
  const d = fair.data;
  return {
    '@context': 'https://schema.org',
    '@type': 'ExhibitionEvent',
    name: d.name,
    description: d.summary,
    url: abs(`/hoi-cho/${fair.id}`, site),
    startDate: toVietnamIso(d.start),
    endDate: toVietnamIso(d.end),
    eventStatus: EVENT_STATUS[d.status],
    eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
    image: [image],
    location: {
      '@type': 'Place',
      name: d.venue,
      address: {
        '@type': 'PostalAddress',
        streetAddress: d.address,
        addressRegion: provinceLabel(requireProvince(d.province)),
        addressCountry: 'VN',
      },
    },
    organizer: { '@type': 'Organization', name: d.organiser, ...(d.organiserUrl ? { url: d.organiserUrl } : {}) },
  };
}
