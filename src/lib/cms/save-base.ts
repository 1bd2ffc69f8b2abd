/**
 * Makes the editor's saves say which version of each file they replace. Keystatic's local
 * mode sends only the new files; this wraps `fetch` in the editor's page: it remembers the
 * blob hash of every file from the trees the page reads (`GET /api/keystatic/tree`, and the
 * tree each save answers with), and adds to each `POST /api/keystatic/update` a `base` —
 * the hash of every file the save writes or deletes, as this page last saw it (null: not
 * there). The server refuses the save when a file has changed since (another editor saved
 * it), instead of overwriting that change. One record per page, so two tabs are two editors.
 * Client-safe.
 */

interface TreeEntry {
  path: string;
  type: string;
  sha: string;
}

const isTree = (value: unknown): value is TreeEntry[] =>
  Array.isArray(value) && value.every((e) => typeof e === 'object' && e !== null && typeof (e as TreeEntry).path === 'string' && typeof (e as TreeEntry).sha === 'string');

/** Installs the wrapper once; returns the map it keeps (for tests). */
export function installSaveBase(target: { fetch: typeof fetch } = globalThis): Map<string, string> {
  const seen = new Map<string, string>();
  const original = target.fetch.bind(target);
  const remember = async (response: Response) => {
    if (!response.ok) return;
    try {
      const body: unknown = await response.clone().json();
      if (!isTree(body)) return;
      seen.clear();
      for (const e of body) if (e.type === 'blob') seen.set(e.path, e.sha);
    } catch {
      // Not a tree: nothing to remember.
    }
  };
  target.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input), location.href);
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    if (url.origin === location.origin && url.pathname === '/api/keystatic/update' && method === 'POST' && typeof init?.body === 'string') {
      const body = JSON.parse(init.body) as { additions: { path: string }[]; deletions: { path: string }[]; base?: Record<string, string | null> };
      const base: Record<string, string | null> = {};
      for (const f of [...body.additions, ...body.deletions]) base[f.path] = seen.get(f.path) ?? null;
      const response = await original(input, { ...init, body: JSON.stringify({ ...body, base }) });
      await remember(response);
      return response;
    }
    const response = await original(input, init);
    if (url.origin === location.origin && url.pathname === '/api/keystatic/tree' && method === 'GET') await remember(response);
    return response;
  };
  return seen;
}
