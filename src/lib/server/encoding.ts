/**
 * Content-coding negotiation (RFC 9110 §12.5.3) and the media types worth compressing, shared by
 * the static file server (precompressed files) and the on-demand compression of Astro's answers.
 */

export type Coding = 'br' | 'gzip' | 'identity';

/** Server preference when the client weighs codings equally: brotli is smaller than gzip. */
const PREFERENCE: readonly Coding[] = ['br', 'gzip', 'identity'];

function parseQ(params: string[]): number {
  for (const p of params) {
    const [k, v] = p.split('=').map((s) => s.trim());
    if (k?.toLowerCase() === 'q') {
      const q = Number(v);
      return Number.isFinite(q) ? Math.min(1, Math.max(0, q)) : 1;
    }
  }
  return 1;
}

/**
 * The coding to send, from an Accept-Encoding header and the codings on offer (identity is
 * always on offer). Honours q-values: `q=0` refuses a coding, `*` covers codings not named,
 * the highest q wins and ties go to br, then gzip, then identity; identity not named comes last. No header means identity;
 * a header that refuses everything on offer gets identity too (RFC 9110 allows it, and an
 * answer beats a 406 for a page).
 */
export function negotiateEncoding(header: string | undefined, offered: readonly ('br' | 'gzip')[]): Coding {
  if (header === undefined) return 'identity';
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.split(';');
    const coding = name?.trim().toLowerCase();
    if (!coding) continue;
    const q = parseQ(params);
    // "x-gzip" is gzip (RFC 9110 §8.4.1.3); a repeated coding keeps its highest weight.
    const key = coding === 'x-gzip' ? 'gzip' : coding;
    weights.set(key, Math.max(q, weights.get(key) ?? 0));
  }
  const star = weights.get('*');
  const weight = (c: Coding): number => {
    const w = weights.get(c);
    if (w !== undefined) return w;
    if (star !== undefined) return star;
    // Identity is acceptable unless refused by name or by "*;q=0" — but any coding the client
    // names is preferred to it.
    return c === 'identity' ? Number.MIN_VALUE : 0;
  };
  let best: Coding = 'identity';
  let bestQ = 0;
  for (const c of PREFERENCE) {
    if (c !== 'identity' && !offered.includes(c)) continue;
    const q = weight(c);
    if (q > bestQ) {
      best = c;
      bestQ = q;
    }
  }
  return best;
}

/** Media types whose bodies compress: text, JSON, XML, JavaScript, SVG, iCalendar, manifests. */
export function isCompressibleType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return (
    type.startsWith('text/') ||
    type === 'application/json' ||
    type === 'application/javascript' ||
    type === 'application/xml' ||
    type === 'application/manifest+json' ||
    type === 'image/svg+xml' ||
    type.endsWith('+json') ||
    type.endsWith('+xml')
  );
}

/** Adds Accept-Encoding to a Vary header value, once. */
export function varyAcceptEncoding(existing: string | number | readonly string[] | undefined): string {
  const list = (Array.isArray(existing) ? existing.join(',') : existing === undefined ? '' : String(existing))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (list.includes('*') || list.some((v) => v.toLowerCase() === 'accept-encoding')) return list.join(', ');
  return [...list, 'Accept-Encoding'].join(', ');
}
