/**
 * Where each entry lives in the content folder, from the editor's collection paths
 * (src/lib/cms/config.ts): `products/<slug>/index.md` with its images beside it,
 * `pages/<slug>.md`, `settings/site.yaml`. Paths are relative to the content folder, with `/`.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { EDITOR_COLLECTIONS, EDITOR_SINGLETONS } from '../../cms/config';

export type CollectionName = keyof typeof EDITOR_COLLECTIONS | keyof typeof EDITOR_SINGLETONS;

export interface EntryRef {
  collection: CollectionName;
  /** The entry's id (its folder or file name); null for a singleton. */
  slug: string | null;
  /** The entry's data file. */
  dataFile: string;
  /** The folder whose files belong to this entry alone (images), or null (a flat file). */
  folder: string | null;
  format: 'markdown' | 'yaml';
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

interface Layout {
  collection: CollectionName;
  base: string;
  folder: boolean;
}

const LAYOUTS: Layout[] = Object.entries(EDITOR_COLLECTIONS).map(([name, c]) => {
  const pattern = c.path ?? `${name}/*`;
  return { collection: name as CollectionName, base: pattern.replace(/\/\*\/?$/, ''), folder: pattern.endsWith('/') };
});

const SINGLETONS = Object.entries(EDITOR_SINGLETONS).map(([name, s]) => ({ collection: name as CollectionName, file: `${s.path ?? name}.yaml` }));

/** The entry of a collection by slug (null slug: the singleton). */
export function entryRef(collection: CollectionName, slug: string | null): EntryRef | null {
  const single = SINGLETONS.find((s) => s.collection === collection);
  if (single) return { collection, slug: null, dataFile: single.file, folder: null, format: 'yaml' };
  const layout = LAYOUTS.find((l) => l.collection === collection);
  if (!layout || !slug || !SLUG.test(slug)) return null;
  return layout.folder
    ? { collection, slug, dataFile: `${layout.base}/${slug}/index.md`, folder: `${layout.base}/${slug}`, format: 'markdown' }
    : { collection, slug, dataFile: `${layout.base}/${slug}.md`, folder: null, format: 'markdown' };
}

/** The entry a file belongs to, or null for a path outside every entry. */
export function entryOfPath(rel: string): EntryRef | null {
  const single = SINGLETONS.find((s) => s.file === rel);
  if (single) return entryRef(single.collection, null);
  for (const layout of LAYOUTS) {
    if (!rel.startsWith(`${layout.base}/`)) continue;
    const rest = rel.slice(layout.base.length + 1).split('/');
    if (layout.folder && rest.length >= 2) return entryRef(layout.collection, rest[0] ?? null);
    if (!layout.folder && rest.length === 1 && rest[0]?.endsWith('.md')) return entryRef(layout.collection, rest[0].slice(0, -3));
  }
  return null;
}

/** "collection/slug" (or the collection of a singleton): how the console names an entry. */
export function entryKey(ref: EntryRef): string {
  return ref.slug === null ? ref.collection : `${ref.collection}/${ref.slug}`;
}

/** The entry named by `entryKey`, or null. */
export function entryFromKey(key: string): EntryRef | null {
  const [collection, slug, ...rest] = key.split('/');
  if (rest.length || !collection) return null;
  return entryRef(collection as CollectionName, slug ?? null);
}

/** Every entry in the content folder, collection by collection. */
export function listEntries(contentDir: string): EntryRef[] {
  const out: EntryRef[] = [];
  for (const layout of LAYOUTS) {
    const dir = path.join(contentDir, layout.base);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (layout.folder) {
        if (statSync(full).isDirectory() && existsSync(path.join(full, 'index.md'))) {
          const ref = entryRef(layout.collection, name);
          if (ref) out.push(ref);
        }
      } else if (name.endsWith('.md')) {
        const ref = entryRef(layout.collection, name.slice(0, -3));
        if (ref) out.push(ref);
      }
    }
  }
  for (const s of SINGLETONS) if (existsSync(path.join(contentDir, s.file))) out.push({ collection: s.collection, slug: null, dataFile: s.file, folder: null, format: 'yaml' });
  return out;
}

/** The files of an entry (its data file, and everything in its folder), relative to the content folder. */
export function entryFiles(contentDir: string, ref: EntryRef): string[] {
  if (!ref.folder) return existsSync(path.join(contentDir, ref.dataFile)) ? [ref.dataFile] : [];
  const walk = (rel: string): string[] => {
    const full = path.join(contentDir, rel);
    if (!existsSync(full)) return [];
    return readdirSync(full, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(`${rel}/${d.name}`) : d.isFile() ? [`${rel}/${d.name}`] : []));
  };
  return walk(ref.folder).sort();
}
