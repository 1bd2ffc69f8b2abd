// @ts-check
/**
 * While the pages are prerendered (astro.config.mjs), `crypto.subtle.digest` answers an input it
 * has hashed before from memory. Astro hashes each page's stylesheets and scripts for the
 * page's CSP `<meta>` (`createResult` in astro/dist/core/render-context.js), once per page: the
 * same few inputs — the linked stylesheet's empty children, the same inline styles — thousands
 * of times, each through WebCrypto's argument checks, a thread-pool job and a promise. A digest
 * is a pure function of the algorithm and the bytes, so the answer is the same; a fresh copy of
 * the bytes is returned each time (a caller may write into its buffer). Anything this does not
 * recognise (an algorithm object, a large input, an argument WebCrypto would refuse) goes to
 * WebCrypto as it was asked, and so does the first time an input is seen.
 */

/** Inputs larger than this are not remembered (their key would cost what the digest does). */
const MAX_BYTES = 64 * 1024;
/** At most this many distinct inputs (a build has a few dozen). */
const MAX_ENTRIES = 1024;

/**
 * Installs the memo on `globalThis.crypto.subtle` until the returned function is called.
 * @returns {() => void} puts WebCrypto's own digest back
 */
export function memoiseDigests() {
  const subtle = globalThis.crypto.subtle;
  const original = subtle.digest;
  const own = Object.hasOwn(subtle, 'digest'); // a method of SubtleCrypto.prototype, normally
  /** @type {Map<string, ArrayBuffer>} */
  const known = new Map();
  /** @type {typeof subtle.digest} */
  const digest = function (algorithm, data) {
    const bytes = ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : data instanceof ArrayBuffer ? new Uint8Array(data) : null;
    if (typeof algorithm !== 'string' || !bytes || bytes.byteLength > MAX_BYTES) return original.call(subtle, algorithm, data);
    const key = `${algorithm.toUpperCase()}\u0000${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')}`;
    const hit = known.get(key);
    if (hit) return Promise.resolve(hit.slice(0));
    return original.call(subtle, algorithm, data).then((result) => {
      if (known.size < MAX_ENTRIES) known.set(key, result.slice(0));
      return result;
    });
  };
  subtle.digest = digest;
  return () => {
    if (subtle.digest !== digest) return;
    if (own) subtle.digest = original;
    else delete (/** @type {{ digest?: unknown }} */ (subtle)).digest;
  };
}
