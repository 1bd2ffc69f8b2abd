/**
 * A module loaded on its first use, for the fast paths in front of Astro (search/fast-path.ts,
 * registrations/fast-path.ts): the modules they call read content (astro:content), which the
 * server loads when first asked, as boot.ts does. Once loaded, a use runs at once, without
 * waiting for a promise; a module that fails to load leaves the request to `failed` (Astro).
 */
export function lazyModule<M>(load: () => Promise<M>): (use: (m: M) => void, failed: () => void) => void {
  let loaded: M | null = null;
  let loading: Promise<M> | null = null;
  return (use, failed) => {
    if (loaded) {
      use(loaded);
      return;
    }
    loading ??= load();
    void loading.then((m) => {
      loaded = m;
      use(m);
    }, failed);
  };
}
