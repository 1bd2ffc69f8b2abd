/**
 * JSON-LD serialisation safe to place inside <script type="application/ld+json">: "<" is
 * escaped so no text can close the script element.
 */
export function jsonLd(data: unknown): string {
  return JSON.stringify(data).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
