/**
 * The content editor and the build agree.
 *
 * 1. Shape: every field of the build's schemas (src/content.config.ts) is a field of the editor
 *    (src/lib/cms/config.ts), and the editor has no field the build would refuse. Adding a
 *    field to a collection without adding it to the editor fails here, naming it.
 * 2. Round trip: every demo entry opens in the editor (Keystatic's own parse) and saves back
 *    (Keystatic's own serialiser, then our normalisation) to an entry the build reads
 *    identically: the same data after the build's schema — images compared by their bytes —
 *    and the same HTML from Astro's Markdown pipeline. The YAML is semantically identical,
 *    not always byte-identical (Keystatic writes block style and its own quoting; the test
 *    prints how many are byte-identical).
 * 3. What the editor saves passes the build's schema; invalid edits get Vietnamese messages.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z, type ZodTypeAny } from 'zod';
import { load } from 'js-yaml';
import { createMarkdownProcessor, parseFrontmatter } from '@astrojs/markdown-remark';
import type { ComponentSchema } from '@keystatic/core';
import { collections } from '~/content.config';
import { EDITOR_COLLECTIONS, EDITOR_SINGLETONS } from '~/lib/cms/config';
import { normaliseEntryFile } from '~/lib/cms/normalise';
import { openEntry, saveEntry, type EntryFiles } from '../helpers/keystatic-internals';

const CONTENT = path.resolve('content');
const MD = { contentField: 'content', contentExtension: '.md' };

type Tree = { kind: 'object'; fields: Record<string, Tree> } | { kind: 'array'; element: Tree } | { kind: 'leaf' };

/** The shape of a zod schema: objects and arrays through optional, default, effects and `friendly`. */
function zodTree(schema: ZodTypeAny): Tree {
  const s = schema as ZodTypeAny & { inner?: ZodTypeAny };
  if (s.inner) return zodTree(s.inner);
  if (s instanceof z.ZodEffects) return zodTree(s.innerType() as ZodTypeAny);
  if (s instanceof z.ZodOptional || s instanceof z.ZodNullable) return zodTree(s.unwrap() as ZodTypeAny);
  if (s instanceof z.ZodDefault) return zodTree(s.removeDefault() as ZodTypeAny);
  if (s instanceof z.ZodArray) return { kind: 'array', element: zodTree(s.element as ZodTypeAny) };
  if (s instanceof z.ZodObject) {
    const shape = s.shape as Record<string, ZodTypeAny>;
    return { kind: 'object', fields: Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, zodTree(v)])) };
  }
  return { kind: 'leaf' };
}

function keystaticTree(schema: ComponentSchema): Tree {
  if (schema.kind === 'object') return { kind: 'object', fields: Object.fromEntries(Object.entries(schema.fields).map(([k, v]) => [k, keystaticTree(v)])) };
  if (schema.kind === 'array') return { kind: 'array', element: keystaticTree(schema.element) };
  return { kind: 'leaf' };
}

/** Differences between the build's shape and the editor's, as readable lines. */
function compareShapes(name: string, build: Tree, editor: Tree, at = ''): string[] {
  if (build.kind === 'object' && editor.kind === 'object') {
    const lines: string[] = [];
    for (const key of Object.keys(build.fields)) {
      const field = build.fields[key];
      const theirs = editor.fields[key];
      if (!field) continue;
      if (!theirs) lines.push(`${name}: "${at}${key}" is in src/content.config.ts but not in the editor (src/lib/cms/config.ts): add it there`);
      else lines.push(...compareShapes(name, field, theirs, `${at}${key}.`));
    }
    for (const key of Object.keys(editor.fields)) {
      if (!(key in build.fields)) lines.push(`${name}: the editor has "${at}${key}", which src/content.config.ts does not accept`);
    }
    return lines;
  }
  if (build.kind === 'array' && editor.kind === 'array') return compareShapes(name, build.element, editor.element, `${at}[].`);
  if (build.kind === 'object' && editor.kind !== 'object') return [`${name}: "${at.slice(0, -1)}" is a group of fields in the build but not in the editor`];
  return [];
}

const fileSha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);

/**
 * The build's schema for a collection, with `image()` reading the entry's files: an image is
 * its bytes' hash (so a renamed or re-encoded image would show), a missing one an issue.
 */
function buildSchema(collection: keyof typeof collections, files: ReadonlyMap<string, Uint8Array>): ZodTypeAny {
  const image = () =>
    z.string().transform((src, ctx) => {
      const bytes = files.get(src.replace(/^\.\//, ''));
      if (!bytes) {
        ctx.addIssue({ code: 'custom', message: `không thấy tệp ảnh "${src}" cạnh mục này` });
        return z.NEVER;
      }
      return `image:${fileSha(bytes)}`;
    });
  const def = collections[collection] as unknown as { schema: (ctx: { image: typeof image }) => ZodTypeAny };
  return def.schema({ image });
}

async function parseWithBuild(collection: keyof typeof collections, files: ReadonlyMap<string, Uint8Array>, dataFile: string) {
  const text = new TextDecoder().decode(files.get(dataFile));
  const { frontmatter, content } = dataFile.endsWith('.md') ? parseFrontmatter(text) : { frontmatter: load(text) as Record<string, unknown>, content: '' };
  const result = await buildSchema(collection, files).safeParseAsync(frontmatter);
  return { result, body: content, frontMatterText: dataFile.endsWith('.md') ? /^---\n([\s\S]*?)---/.exec(text)?.[1] ?? '' : text };
}

function filesOf(dir: string, prefix = ''): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) for (const [k, v] of filesOf(full, `${prefix}${name}/`)) out.set(k, v);
    else out.set(`${prefix}${name}`, readFileSync(full));
  }
  return out;
}

interface DemoEntry {
  collection: keyof typeof EDITOR_COLLECTIONS | 'settings';
  label: string;
  entry: EntryFiles;
  slug: { field: string; value: string } | undefined;
  schema: Record<string, ComponentSchema>;
  format: typeof MD | Record<string, never>;
}

function demoEntries(): DemoEntry[] {
  const out: DemoEntry[] = [];
  for (const [collection, def] of Object.entries(EDITOR_COLLECTIONS) as [keyof typeof EDITOR_COLLECTIONS, (typeof EDITOR_COLLECTIONS)[keyof typeof EDITOR_COLLECTIONS]][]) {
    // The folder the editor writes to (craftVillages → craft-villages/), else the collection's name.
    const dir = path.join(CONTENT, def.path?.replace(/\/\*\/?$/, '') ?? collection);
    const flat = def.path?.endsWith('/*') ?? false;
    for (const name of readdirSync(dir).sort()) {
      if (flat) {
        if (!name.endsWith('.md')) continue;
        const slug = name.slice(0, -3);
        out.push({ collection, label: `${collection}/${name}`, entry: { dataFile: 'index.md', files: new Map([['index.md', readFileSync(path.join(dir, name))]]) }, slug: { field: def.slugField, value: slug }, schema: def.schema, format: MD });
      } else if (statSync(path.join(dir, name)).isDirectory()) {
        out.push({ collection, label: `${collection}/${name}/index.md`, entry: { dataFile: 'index.md', files: filesOf(path.join(dir, name)) }, slug: { field: def.slugField, value: name }, schema: def.schema, format: MD });
      }
    }
  }
  out.push({
    collection: 'settings',
    label: 'settings/site.yaml',
    entry: { dataFile: 'site.yaml', files: new Map([['site.yaml', readFileSync(path.join(CONTENT, 'settings', 'site.yaml'))]]) },
    slug: undefined,
    schema: EDITOR_SINGLETONS.settings.schema,
    format: {},
  });
  return out;
}

/** Opens and saves an entry as the editor would; the saved files, or the reason it cannot be opened. */
async function roundTrip(e: DemoEntry): Promise<Map<string, Uint8Array>> {
  let state: unknown;
  try {
    state = await openEntry(e.schema, e.entry, e.format, e.slug);
  } catch (error) {
    const reasons = error instanceof AggregateError ? error.errors.map((x: unknown) => describeError(x)) : [describeError(error)];
    throw new Error(`${e.label} does not open in the content editor: ${reasons.join('; ')}. A field in this entry is missing from src/lib/cms/config.ts?`);
  }
  const saved = await saveEntry(e.schema, state, e.format, e.entry.dataFile, e.slug);
  const data = saved.get(e.entry.dataFile);
  if (!data) throw new Error('no data file saved');
  const normalised = normaliseEntryFile(new TextDecoder().decode(data), e.collection, e.entry.dataFile.endsWith('.md') ? 'markdown' : 'yaml');
  saved.set(e.entry.dataFile, new TextEncoder().encode(normalised));
  return saved;
}

function describeError(error: unknown): string {
  const e = error as { path?: unknown[]; cause?: { message?: string }; message?: string };
  return e.path ? `${e.path.join('.')}: ${e.cause?.message ?? e.message ?? ''}` : String(e.message ?? error);
}

const markdown = await createMarkdownProcessor();
const html = async (body: string) => (await markdown.render(body)).code;

describe('the editor has every field of the build, and only those', () => {
  const pairs: [string, ZodTypeAny, Record<string, ComponentSchema>][] = [
    ...(Object.keys(EDITOR_COLLECTIONS) as (keyof typeof EDITOR_COLLECTIONS)[]).map((c) => [c, buildSchema(c, new Map()), EDITOR_COLLECTIONS[c].schema] as [string, ZodTypeAny, Record<string, ComponentSchema>]),
    ['settings', buildSchema('settings', new Map()), EDITOR_SINGLETONS.settings.schema],
  ];
  it('covers every collection of the build', () => {
    expect(Object.keys(collections).sort()).toEqual([...Object.keys(EDITOR_COLLECTIONS), 'settings'].sort());
  });
  for (const [name, build, editor] of pairs) {
    it(name, () => {
      const { content: _body, ...fieldsOnly } = editor;
      expect(compareShapes(name, zodTree(build), keystaticTree({ kind: 'object', fields: fieldsOnly } as ComponentSchema))).toEqual([]);
    });
  }
  it('names a field the build gains and the editor lacks', () => {
    // The fair's object under its refinements and transforms, grown by one field the editor lacks.
    let inner: ZodTypeAny = (buildSchema('fairs', new Map()) as ZodTypeAny & { inner: ZodTypeAny }).inner;
    while (inner instanceof z.ZodEffects) inner = inner.innerType() as ZodTypeAny;
    if (!(inner instanceof z.ZodObject)) throw new Error('the fair schema is not an object under its effects');
    const grown = inner.extend({ visitorGuide: photoLike() });
    const lines = compareShapes('fairs', zodTree(grown), keystaticTree({ kind: 'object', fields: EDITOR_COLLECTIONS.fairs.schema } as ComponentSchema));
    expect(lines.join('\n')).toContain('"visitorGuide" is in src/content.config.ts but not in the editor');
  });
});

function photoLike() {
  return z.object({ src: z.string(), alt: z.string() }).optional();
}

describe('every demo entry opens in the editor and saves back unchanged', () => {
  const entries = demoEntries();
  let identical = 0;
  for (const e of entries) {
    it(e.label, async () => {
      const before = await parseWithBuild(e.collection, e.entry.files, e.entry.dataFile);
      expect(before.result.success, `${e.label} passes the build's schema`).toBe(true);
      const saved = await roundTrip(e);
      // Every file the entry had is still there with the same bytes (images keep their names).
      const after = new Map(e.entry.files);
      for (const [k, v] of saved) after.set(k, v);
      for (const [name, bytes] of e.entry.files) {
        if (name === e.entry.dataFile) continue;
        expect(fileSha(after.get(name) ?? new Uint8Array()), `${e.label}: ${name} kept`).toBe(fileSha(bytes));
      }
      expect([...saved.keys()].filter((k) => !e.entry.files.has(k)), `${e.label}: no new files`).toEqual([]);
      const reread = await parseWithBuild(e.collection, after, e.entry.dataFile);
      if (!reread.result.success) throw new Error(`${e.label} saved by the editor fails the build: ${JSON.stringify(reread.result.error.issues)}`);
      if (!before.result.success) return;
      expect(reread.result.data, `${e.label}: the build reads the same data`).toEqual(before.result.data);
      if (e.entry.dataFile.endsWith('.md')) expect(await html(reread.body), `${e.label}: the same HTML`).toBe(await html(before.body));
      if (reread.frontMatterText === before.frontMatterText) identical++;
    });
  }
  it('reports how many are byte-identical', () => {
    process.stdout.write(`cms round trip: ${String(identical)} of ${String(entries.length)} demo entries byte-identical in their YAML; all semantically identical\n`);
    expect(identical).toBeGreaterThanOrEqual(0);
  });
  it('fails loudly, naming the field, on content with a field the editor lacks', async () => {
    const fair = entries.find((x) => x.collection === 'fairs');
    if (!fair) throw new Error('no demo fair');
    const text = new TextDecoder().decode(fair.entry.files.get('index.md')).replace(/^---\n/, '---\nfloorPlan: ./so-do.svg\n');
    const grown = { ...fair, entry: { ...fair.entry, files: new Map(fair.entry.files).set('index.md', new TextEncoder().encode(text)) } };
    await expect(roundTrip(grown)).rejects.toThrow(/floorPlan/);
  });
});
