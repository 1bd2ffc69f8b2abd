/**
 * The loader of every collection: Astro's own `glob()` (ids, images beside entries, digests and
 * incremental syncs, `astro dev` watching all stay Astro's), with two changes: a Markdown body
 * that is only plain paragraphs is rendered by `plainParagraphsHtml` instead of the whole
 * unified pipeline, to the same `rendered` entry (HTML and metadata) Astro's render function
 * gives (src/lib/content/plain-markdown.ts says when and why); and the files are read
 * synchronously while it runs (`withSyncReads`).
 */
import fs from 'node:fs';
import { glob } from 'astro/loaders';
import type { Loader, LoaderContext } from 'astro/loaders';
import type { AstroConfig, ContentEntryType } from 'astro';
import { plainParagraphsHtml } from './plain-markdown';

type RenderFunction = NonNullable<Awaited<ReturnType<NonNullable<ContentEntryType['getRenderFunction']>>>>;

/**
 * The fast path shows what the default pipeline shows only when no plugin or remark-rehype
 * option could change a paragraph (GFM and SmartyPants change nothing in the text it takes).
 */
function defaultPipeline(config: AstroConfig): boolean {
  const { remarkPlugins, rehypePlugins, remarkRehype } = config.markdown;
  return remarkPlugins.length === 0 && rehypePlugins.length === 0 && Object.keys(remarkRehype).length === 0;
}

/** Markdown's entry type with the plain-paragraph path in front of its render function. */
export function withPlainParagraphs(markdown: ContentEntryType): ContentEntryType {
  const getRenderFunction = markdown.getRenderFunction?.bind(markdown);
  if (!getRenderFunction) return markdown;
  return {
    ...markdown,
    async getRenderFunction(config) {
      const full: RenderFunction = await getRenderFunction(config);
      if (!defaultPipeline(config)) return full;
      return async (entry) => {
        const html = plainParagraphsHtml(entry.body ?? '');
        if (html === null) return full(entry);
        // What @astrojs/markdown-remark's render and Astro's Markdown entry type return for a
        // body without headings or images: the front matter as the entry has it.
        return { html, metadata: { headings: [], localImagePaths: [], remoteImagePaths: [], frontmatter: entry.data, imagePaths: [] } };
      };
    },
  };
}

/**
 * `glob()` reads files through the entry types the content layer passes in its context
 * (`entryTypes`, by extension; not in Astro's public types): Markdown's is replaced there. A
 * context without it is passed on as it is (the bodies then all take the pipeline).
 */
export function contentLoader(options: Parameters<typeof glob>[0]): Loader {
  const loader = glob(options);
  return {
    ...loader,
    load: (context: LoaderContext) => {
      const entryTypes = (context as LoaderContext & { entryTypes?: Map<string, ContentEntryType> }).entryTypes;
      const markdown = entryTypes?.get('.md');
      if (!entryTypes || !markdown) return withSyncReads(() => loader.load(context));
      const types = new Map(entryTypes);
      types.set('.md', withPlainParagraphs(markdown));
      return withSyncReads(() => loader.load({ ...context, entryTypes: types } as LoaderContext));
    },
  };
}

let reading = 0;
const asyncReadFile = fs.promises.readFile;

/** A read `readFileSync` does as `fs.promises.readFile` would: a path or URL, no abort signal. */
function readsSync(file: unknown, options: unknown): file is string | Buffer | URL {
  const pathLike = typeof file === 'string' || Buffer.isBuffer(file) || file instanceof URL;
  return pathLike && !(typeof options === 'object' && options !== null && 'signal' in options);
}

/**
 * Runs content loaders with `fs.promises.readFile` reading synchronously, to the same result or
 * error: `glob()` reads each entry's file with it, four thread-pool trips (open, stat, read,
 * close) whose round trips cost the thread that syncs the content 0.5 s at 5,000 products, and
 * 0.7 s of the sync's wall time (README "Figures"). A read it cannot do synchronously (a file
 * handle, an abort signal) stays asynchronous. Loaders that overlap share one replacement; the
 * last to finish puts the original back.
 */
export async function withSyncReads<T>(load: () => Promise<T>): Promise<T> {
  if (reading++ === 0) {
    fs.promises.readFile = ((file: unknown, options?: unknown) => {
      if (!readsSync(file, options)) return asyncReadFile(file as Parameters<typeof asyncReadFile>[0], options as Parameters<typeof asyncReadFile>[1]);
      try {
        return Promise.resolve(fs.readFileSync(file, options as Parameters<typeof fs.readFileSync>[1]));
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    }) as typeof asyncReadFile;
  }
  try {
    return await load();
  } finally {
    if (--reading === 0) fs.promises.readFile = asyncReadFile;
  }
}
