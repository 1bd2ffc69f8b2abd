/**
 * "Turn into a product page": a recognised online entry becomes `content/products/<slug>/index.md`
 * (with its photos, metadata-free JPEGs as stored, and the new recognition), plus its
 * producer's `content/producers/<slug>/index.md` when the establishment has none — for the
 * next publication. Written under the content editor's lock (one writer of the content folder
 * at a time); never overwrites an existing page. Audited.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { stringify } from 'yaml';
import { slugify } from '../../../fold';
import { audit, type AuditActor } from '../../audit';
import { withContentLock } from '../../cms/lock';
import { getDb, schema } from '../../db';
import { getPublishingSettings } from '../../publishing/settings';
import type { ContestDef } from '../definition';
import { onlineEntryId } from '../entry-list';
import { getPublishedResults } from '../results';
import { EntryError } from './errors';
import { entryFields, getEntryByCode, listEntryFiles } from './records';
import { blobPath } from './storage';

export interface ProductPageResult {
  slug: string;
  producer: string;
  files: string[];
}

const summaryOf = (text: string) => (text.length <= 300 ? text : `${text.slice(0, 297).replace(/\s+\S*$/, '')}…`);

/** Writes the product page of a recognised online entry; 409 when not recognised or the page exists. */
export async function writeProductPage(def: ContestDef, code: string, actor: AuditActor, contentDir = getPublishingSettings().contentDir): Promise<ProductPageResult> {
  const row = getEntryByCode(def.id, code);
  if (!row || row.status !== 'accepted') throw new EntryError('entry_not_found');
  const published = getPublishedResults(def.id);
  const result = published?.entries.find((e) => e.entryId === onlineEntryId(row.code));
  if (!published || !result?.recognised) throw new EntryError('not_recognised');
  const f = entryFields(row);
  const slug = slugify(f.productName ?? row.code);
  const producer = slugify(f.establishmentName ?? row.code);
  const productDir = path.join(contentDir, 'products', slug);
  const producerDir = path.join(contentDir, 'producers', producer);
  const photos = listEntryFiles(row.id).filter((x) => x.kind === 'photos');
  return await withContentLock(getPublishingSettings().lockFile, () => {
    if (existsSync(productDir)) throw new EntryError('product_exists');
    const written: string[] = [];
    if (!existsSync(producerDir)) {
      mkdirSync(producerDir, { recursive: true });
      const data = { name: f.establishmentName, type: f.establishmentType, ...(f.craftVillage ? { craftVillage: f.craftVillage } : {}), commune: f.commune, province: f.province, address: [f.commune, f.province].filter(Boolean).join(', ') };
      writeFileSync(path.join(producerDir, 'index.md'), `---\n${stringify(data)}---\n`);
      written.push(`producers/${producer}/index.md`);
    }
    mkdirSync(productDir, { recursive: true });
    const images = photos.map((p, i) => {
      const name = `anh-${String(i + 1)}.jpg`;
      writeFileSync(path.join(productDir, name), readFileSync(blobPath(p.blob)));
      written.push(`products/${slug}/${name}`);
      return { src: `./${name}`, alt: `${f.productName ?? ''} – ảnh ${String(i + 1)}` };
    });
    const issued = published.publishedAt.slice(0, 10);
    const data = {
      name: f.productName,
      producer,
      commune: f.commune,
      province: f.province,
      cnntGroup: f.cnntGroup,
      photos: images,
      summary: summaryOf(f.description ?? ''),
      // No decision number yet: the page says so until an editor adds it (never a placeholder).
      recognitions: [{ programme: 'cnnt', level: def.level, year: def.year, issued }],
    };
    const body = [f.description, f.materials ? `## Nguyên liệu và quy trình\n\n${f.materials}` : '', f.markets ? `## Thị trường\n\n${f.markets}` : ''].filter(Boolean).join('\n\n');
    writeFileSync(path.join(productDir, 'index.md'), `---\n${stringify(data)}---\n${body}\n`);
    written.push(`products/${slug}/index.md`);
    getDb().update(schema.contestEntries).set({ productSlug: slug }).where(eq(schema.contestEntries.id, row.id)).run();
    audit(actor, { action: 'contest.entry.product_page', target: `contest-entry:${row.code}`, details: { contest: def.id, product: slug, files: written.length } });
    return Promise.resolve({ slug, producer, files: written });
  });
}
