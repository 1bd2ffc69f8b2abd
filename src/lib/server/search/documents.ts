/**
 * Search documents from content: one per product, producer, craft village and fair. Pure, so the server (fed
 * by astro:content) and the CLI and tests (fed by the Markdown files) build identical documents.
 */
import { createHash } from 'node:crypto';
import { fold } from '../../fold';
import { formerProvinceLabel, getFormerProvince, placeLabel, provinceLabel, requireProvince } from '../../provinces';
import { CNNT_GROUPS, ESTABLISHMENT_TYPES, OCOP_GROUPS, type CnntGroup, type EstablishmentType, type OcopGroup } from '../../vocabulary';
import type { SearchDocument, SearchSource } from './types';

/** Bump when documents or the index layout change, so every index is rebuilt once. */
export const DOCUMENT_VERSION = 4; // 4: the words as typed are stored by exactKey (one tone position)

/** Body text is searchable but capped: the summary and the first paragraphs say what a thing is. */
const BODY_CHARS = 2000;

function plain(markdown: string): string {
  return markdown
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[#>*_`|~-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, BODY_CHARS);
}

function where(province: string, formerProvince: string | null, commune: string, district: string | null): { label: string; places: string } {
  const unit = requireProvince(province);
  const former = formerProvince ? getFormerProvince(formerProvince) : null;
  const label = placeLabel({ commune, province, former: formerProvince ? { province: formerProvince, district: district ?? undefined } : undefined });
  const places = [commune, district, provinceLabel(unit), former ? formerProvinceLabel(former) : null].filter(Boolean).join(' · ');
  return { label, places };
}

const byName = new Intl.Collator('vi').compare;
const dateNum = (iso: string | null) => (iso ? Number(iso.replaceAll('-', '')) : null);

/** A producer or a village has none of a product's facets (fresh arrays per document). */
function noProductFacets() {
  return { cnntGroup: null, ocopGroup: null, stars: null, levels: [] as string[], years: [] as number[], validUntil: null, validUntilNum: null };
}

export function buildDocuments(source: SearchSource): SearchDocument[] {
  const docs: SearchDocument[] = [];
  for (const p of source.products) {
    const r = p.row;
    const { label, places } = where(r.province, r.formerProvince, p.commune, p.district);
    docs.push({
      id: `san-pham--${r.id}`,
      kind: 'san-pham',
      url: `/san-pham/${r.id}`,
      title: r.name,
      subtitle: `${p.producerName} · ${label}`,
      summary: p.summary,
      places,
      text: [
        p.producerName,
        p.craftVillage,
        CNNT_GROUPS.label(r.cnntGroup as CnntGroup),
        r.ocopGroup ? `OCOP ${OCOP_GROUPS.label(r.ocopGroup as OcopGroup)}` : null,
        plain(p.body),
      ]
        .filter(Boolean)
        .join(' · '),
      province: r.province,
      formerProvince: r.formerProvince,
      cnntGroup: r.cnntGroup,
      ocopGroup: r.ocopGroup,
      stars: r.stars,
      levels: [...r.levels].sort(),
      years: [...new Set(p.years)].sort(),
      validUntil: r.validUntil,
      validUntilNum: dateNum(r.validUntil),
      producerType: r.producerType,
      titleSort: fold(r.name),
    });
  }
  for (const p of source.producers) {
    const { label, places } = where(p.province, p.formerProvince, p.commune, p.district);
    docs.push({
      id: `co-so--${p.id}`,
      kind: 'co-so',
      url: `/co-so/${p.id}`,
      title: p.name,
      subtitle: `${ESTABLISHMENT_TYPES.label(p.type as EstablishmentType)} · ${label}`,
      summary: p.craftVillage ? `${p.craftVillage}. ${p.address}` : p.address,
      places,
      text: [p.craftVillage, plain(p.body)].filter(Boolean).join(' · '),
      province: p.province,
      formerProvince: p.formerProvince,
      ...noProductFacets(),
      producerType: p.type,
      titleSort: fold(p.name),
    });
  }
  for (const v of source.villages) {
    const { label, places } = where(v.province, v.formerProvince, v.commune, v.district);
    docs.push({
      id: `lang-nghe--${v.id}`,
      kind: 'lang-nghe',
      url: `/lang-nghe/${v.id}`,
      title: v.name,
      subtitle: `${v.craft} · ${label}`,
      summary: plain(v.body).slice(0, 300),
      places,
      text: [v.craft, ...[...v.producerNames].sort(byName), plain(v.body)].filter(Boolean).join(' · '),
      province: v.province,
      formerProvince: v.formerProvince,
      ...noProductFacets(),
      producerType: null,
      titleSort: fold(v.name),
    });
  }
  for (const f of source.fairs) {
    const unit = requireProvince(f.province);
    const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(f.start));
    docs.push({
      id: `hoi-cho--${f.id}`,
      kind: 'hoi-cho',
      url: `/hoi-cho/${f.id}`,
      title: f.name,
      subtitle: `${f.venue} · ${provinceLabel(unit)}`,
      summary: f.summary,
      places: [f.address, provinceLabel(unit)].join(' · '),
      text: [f.organiser, plain(f.body)].join(' · '),
      province: f.province,
      formerProvince: null,
      cnntGroup: null,
      ocopGroup: null,
      stars: null,
      levels: [],
      years: [year],
      validUntil: null,
      validUntilNum: null,
      producerType: null,
      titleSort: fold(f.name),
    });
  }
  return docs;
}

/** A hash of the documents (and the layout version): same hash, same index. */
export function documentsHash(docs: readonly SearchDocument[]): string {
  return createHash('sha256').update(String(DOCUMENT_VERSION)).update(JSON.stringify(docs)).digest('hex');
}
