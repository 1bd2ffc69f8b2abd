/**
 * Keystatic's own parse and serialise, as its editor runs them when an entry is opened and
 * saved (app/useItemData.ts → parseProps; app/updating.tsx → serializeEntryToFiles), for the
 * round-trip test. `parseProps` and `serializeProps` are not public API: they are taken from
 * the chunk of @keystatic/core's browser build that exports them, found by name, so that an
 * upgrade which moves them fails here with a clear message instead of testing something else.
 * The two small functions around them (front matter split, YAML dump, front matter join) are
 * copied from Keystatic's source, with the same js-yaml `dump()` defaults.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { dump, load } from 'js-yaml';
import { fields, type ComponentSchema } from '@keystatic/core';

type ParseFormField = (schema: FormSchema, value: unknown, propPath: (string | number)[], pathWithSlugs: (string | number)[]) => unknown;
interface FormSchema {
  kind: 'form';
  formKind?: 'slug' | 'asset' | 'content' | 'assets';
  parse(value: unknown, args?: unknown): unknown;
  filename?(value: unknown, args: unknown): string | undefined;
  contentExtension?: string;
}
interface Internals {
  parseProps: (schema: ComponentSchema, value: unknown, path: [], pathWithSlugs: [], parseFormField: ParseFormField, validateArrayLength: boolean) => unknown;
  serializeProps: (value: unknown, schema: ComponentSchema, slugField: string | undefined, slug: string | undefined, suggestFilenamePrefix: boolean) => {
    value: unknown;
    extraFiles: { path: string; parent: string | undefined; contents: Uint8Array }[];
  };
}

let internals: Internals | null = null;

async function loadInternals(): Promise<Internals> {
  if (internals) return internals;
  const require = createRequire(import.meta.url);
  const dist = path.join(path.dirname(require.resolve('@keystatic/core/package.json')), 'dist');
  for (const file of readdirSync(dist)) {
    if (!/^index-[0-9a-f]+\.js$/.test(file)) continue;
    const source = readFileSync(path.join(dist, file), 'utf8');
    const exported = /^export \{(.+)\};\s*$/m.exec(source)?.[1];
    const alias = (name: string) => exported ? new RegExp(`(?:^|,)\\s*${name.replace(/\$/g, '\\$')} as (\\w+)`).exec(exported)?.[1] : undefined;
    const parse = alias('parseProps');
    const serialize = alias('serializeProps$1');
    if (!parse || !serialize) continue;
    const mod = (await import(pathToFileURL(path.join(dist, file)).href)) as Record<string, unknown>;
    internals = { parseProps: mod[parse] as Internals['parseProps'], serializeProps: mod[serialize] as Internals['serializeProps'] };
    return internals;
  }
  throw new Error(`Keystatic's parseProps/serializeProps were not found in ${dist}: @keystatic/core changed its build; update tests/helpers/keystatic-internals.ts`);
}

export interface EntryFiles {
  /** The data file's path relative to the entry's folder ("index.md", "site.yaml"). */
  dataFile: string;
  /** Every file of the entry, by path relative to its folder. */
  files: Map<string, Uint8Array>;
}

export interface Format {
  contentField?: string;
  contentExtension?: string;
}

const FRONT_MATTER = /^---(?:\r?\n([^]*?))?\r?\n---\r?\n?/;

/** Keystatic's `loadDataFile` (reader/generic.ts). */
function loadDataFile(data: Uint8Array, format: Format): { loaded: unknown; content: Uint8Array | undefined } {
  const text = new TextDecoder().decode(data);
  if (!format.contentField) return { loaded: load(text), content: undefined };
  const match = FRONT_MATTER.exec(text);
  if (!match) return { loaded: {}, content: data };
  return { loaded: load(match[1] ?? ''), content: data.slice(new TextEncoder().encode(match[0]).byteLength) };
}

/**
 * Opens an entry as Keystatic's editor does: the parsed state, or the error Keystatic shows
 * (e.g. `Key on object value "floorPlan" is not allowed`).
 */
export async function openEntry(schema: Record<string, ComponentSchema>, entry: EntryFiles, format: Format, slug: { field: string; value: string } | undefined): Promise<unknown> {
  const { parseProps } = await loadInternals();
  const data = entry.files.get(entry.dataFile);
  if (!data) throw new Error(`no ${entry.dataFile}`);
  const { loaded, content } = loadDataFile(data, format);
  return parseProps(fields.object(schema), loaded, [], [], (field, value, propPath, pathWithSlugs) => {
    if (slug && propPath.length === 1 && propPath[0] === slug.field) return field.parse(value, { slug: slug.value });
    if (field.formKind === 'asset') {
      const name = field.filename?.(value, { suggestedFilenamePrefix: pathWithSlugs.join('/'), slug: slug?.value });
      return field.parse(value, { asset: name ? entry.files.get(name) : undefined, slug: slug?.value });
    }
    if (field.formKind === 'content') {
      return field.parse(value, { content, other: new Map(), external: new Map(), slug: slug?.value });
    }
    return field.parse(value, undefined);
  }, false);
}

/** Saves a state as Keystatic's editor does (`serializeEntryToFiles`): file path → bytes, relative to the entry's folder. */
export async function saveEntry(schema: Record<string, ComponentSchema>, state: unknown, format: Format, dataFile: string, slug: { field: string; value: string } | undefined): Promise<Map<string, Uint8Array>> {
  const { serializeProps } = await loadInternals();
  const { value, extraFiles } = serializeProps(state, fields.object(schema), slug?.field, slug?.value, true);
  const encoder = new TextEncoder();
  let data = encoder.encode(dump(value));
  const out = new Map<string, Uint8Array>();
  let files = extraFiles;
  if (format.contentField) {
    const name = `${format.contentField}${format.contentExtension ?? ''}`;
    const body = files.find((f) => f.path === name)?.contents;
    if (!body) throw new Error('Expected content field to be present');
    files = files.filter((f) => f.path !== name);
    data = new Uint8Array([...encoder.encode('---\n'), ...data, ...encoder.encode('---\n'), ...body]);
  }
  out.set(dataFile, data);
  for (const f of files) out.set(f.path, f.contents);
  return out;
}
