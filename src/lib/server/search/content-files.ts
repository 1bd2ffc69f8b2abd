/**
 * Reads the search source straight from the Markdown files in content/, for code that runs
 * outside Astro (the `search:index` CLI, tests, the benchmark). The server reads the same
 * content through astro:content (content-collections.ts); both yield a SearchSource with the
 * catalog's own rules for stars, levels and validity. Content is validated by the build, so
 * this reader only takes what it needs and skips drafts (files starting with "_").
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { slugify } from '../../fold';
import { validUntil } from '../../validity';
import type { Programme } from '../../vocabulary';
import type { SearchSource, SourceFair, SourceProduct, SourceProducer, SourceVillage } from './types';

interface Entry {
  id: string;
  data: Record<string, unknown>;
  body: string;
}

function markdownFiles(dir: string): string[] {
  let out: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  for (const name of names) {
    if (name.startsWith('_') || name.startsWith('.')) continue;
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out = out.concat(markdownFiles(p));
    else if (name.endsWith('.md')) out.push(p);
  }
  return out.sort();
}

function readEntries(dir: string): Entry[] {
  return markdownFiles(dir).map((file) => {
    const source = readFileSync(file, 'utf8');
    const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(source);
    const data = (m ? parse(m[1] ?? '') : {}) as Record<string, unknown>;
    const base = path.basename(file, '.md');
    const id = slugify(base === 'index' ? path.basename(path.dirname(file)) : base);
    return { id, data, body: m ? (m[2] ?? '') : source };
  });
}

const str = (v: unknown): string =>
  typeof v === 'string' ? v.trim() : v instanceof Date ? v.toISOString() : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
const opt = (v: unknown): string | null => str(v) || null;
const isoDate = (v: unknown): string => (v instanceof Date ? v.toISOString().slice(0, 10) : str(v));

function instant(v: unknown): Date {
  if (v instanceof Date) return v;
  const text = str(v);
  return new Date((/[zZ]|[+-]\d{2}:?\d{2}$/.test(text) ? text : `${text}+07:00`).replace(' ', 'T'));
}

interface RawRecognition {
  programme: Programme;
  level: string;
  stars?: number;
  year: number;
  issued: unknown;
  validUntil?: unknown;
}

/** The search source from a content folder (default ./content, or CONTENT_DIR). */
export function loadSourceFromFiles(contentDir = process.env['CONTENT_DIR'] ?? 'content'): SearchSource {
  const villageEntries = readEntries(path.join(contentDir, 'craft-villages'));
  const villageName = new Map(villageEntries.map(({ id, data }) => [id, str(data['name'])]));
  const producerEntries = readEntries(path.join(contentDir, 'producers'));
  const producers: SourceProducer[] = producerEntries.map(({ id, data, body }) => {
    const former = data['former'] as { province?: string; district?: string } | undefined;
    return {
      id,
      name: str(data['name']),
      type: str(data['type']),
      craftVillage: villageName.get(str(data['village'])) ?? opt(data['craftVillage']),
      commune: str(data['commune']),
      province: str(data['province']),
      formerProvince: former?.province ?? null,
      district: opt(former?.district),
      address: str(data['address']),
      body,
    };
  });
  const byId = new Map(producers.map((p) => [p.id, p]));
  const products: SourceProduct[] = readEntries(path.join(contentDir, 'products')).map(({ id, data, body }) => {
    const producer = byId.get(str(data['producer']));
    if (!producer) throw new Error(`Sản phẩm ${id}: không có cơ sở "${str(data['producer'])}"`);
    const former = data['former'] as { province?: string; district?: string } | undefined;
    const recs = ((data['recognitions'] as RawRecognition[] | undefined) ?? []).map((r) => ({
      ...r,
      issued: isoDate(r.issued),
      until: validUntil(r.programme, isoDate(r.issued), r.validUntil ? isoDate(r.validUntil) : undefined),
    }));
    recs.sort((a, b) => b.issued.localeCompare(a.issued));
    const stars = recs.flatMap((r) => (r.programme === 'ocop' && r.stars ? [r.stars] : []));
    const untils = recs.map((r) => r.until).sort();
    // The certificate behind the star badge: highest stars, then the latest validity (as getOcopCertificate).
    const ocopBest = recs
      .filter((r) => r.programme === 'ocop' && r.stars)
      .sort((a, b) => (b.stars ?? 0) - (a.stars ?? 0) || b.until.localeCompare(a.until))[0];
    return {
      row: {
        id,
        name: str(data['name']),
        province: str(data['province']),
        formerProvince: former?.province ?? null,
        cnntGroup: str(data['cnntGroup']),
        ocopGroup: opt(data['ocopGroup']),
        stars: stars.length ? Math.max(...stars) : null,
        ocopValidUntil: ocopBest?.until ?? null,
        levels: [...new Set(recs.map((r) => r.level))],
        validUntil: untils.at(-1) ?? null,
        latestIssued: recs[0]?.issued ?? null,
        producerType: producer.type,
      },
      commune: str(data['commune']),
      district: opt(former?.district),
      summary: str(data['summary']),
      body,
      producerName: producer.name,
      craftVillage: producer.craftVillage,
      years: recs.map((r) => r.year),
    };
  });
  const villages: SourceVillage[] = villageEntries.map(({ id, data, body }) => {
    const former = data['former'] as { province?: string; district?: string } | undefined;
    return {
      id,
      name: str(data['name']),
      craft: str(data['craft']),
      commune: str(data['commune']),
      province: str(data['province']),
      formerProvince: former?.province ?? null,
      district: opt(former?.district),
      producerNames: producerEntries.filter((p) => str(p.data['village']) === id).map((p) => str(p.data['name'])),
      body,
    };
  });
  const fairs: SourceFair[] = readEntries(path.join(contentDir, 'fairs')).map(({ id, data, body }) => ({
    id,
    name: str(data['name']),
    organiser: str(data['organiser']),
    venue: str(data['venue']),
    address: str(data['address']),
    province: str(data['province']),
    start: instant(data['start']),
    summary: str(data['summary']),
    body,
  }));
  return { products, producers, villages, fairs };
}
