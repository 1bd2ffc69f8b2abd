/**
 * Content does not change while a build or a server runs, so what is computed from it is
 * computed once (a build renders thousands of pages from it). The dev server re-reads every time.
 */
export function once<T>(load: () => Promise<T>): () => Promise<T> {
  let cached: Promise<T> | null = null;
  return () => (import.meta.env.DEV ? load() : (cached ??= load()));
}
