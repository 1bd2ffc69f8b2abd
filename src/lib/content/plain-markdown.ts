/**
 * Markdown bodies that are only plain paragraphs, rendered without the Markdown pipeline.
 *
 * Astro renders every entry's body at content sync through the whole unified pipeline (remark,
 * GFM, SmartyPants through retext, remark-rehype, rehype-raw through parse5, rehype-stringify):
 * about 0.4 ms of CPU for a one-line product description, 2 s of the 5,000-product build.
 * Most bodies are a paragraph or two of Vietnamese prose, for which the pipeline's output is
 * each paragraph in `<p>…</p>`, its lines kept, joined by newlines. `plainParagraphsHtml`
 * gives that output for the bodies where nothing else can happen, and `null` (take the
 * pipeline) for anything else: every line starts with a letter (no list, heading, quote, code,
 * table, HTML or thematic break can start) and holds only letters, marks, digits, spaces and
 * punctuation that Markdown, GFM and SmartyPants leave alone — no quotes, backticks,
 * `*_~[]<>&\|#`, no `--` or `...`, no autolink (`://`, `www.`, `@`), no line ending in a space
 * (a hard break). tests/unit/plain-markdown.test.ts compares it with Astro's
 * own render function on the demo bodies and on random text over these characters and the ones
 * it refuses.
 */

/** A line that can only be text: a letter first, then text characters and harmless punctuation. */
const TEXT_LINE = /^\p{L}[\p{L}\p{M}\p{N} .,;:!?()%/+×°–—…-]*$/u;
/** What GFM or SmartyPants would still change among those characters: dashes, dots, autolinks. */
const REWRITTEN = /--|\.\s*\.|:\/\/|www\./i;

/** The HTML Astro's Markdown pipeline makes of `body`, when it is plain paragraphs; else null. */
export function plainParagraphsHtml(body: string): string | null {
  if (REWRITTEN.test(body)) return null;
  const paragraphs: string[] = [];
  let lines: string[] = [];
  for (const line of body.split('\n')) {
    if (line === '') {
      if (lines.length) paragraphs.push(`<p>${lines.join('\n')}</p>`);
      lines = [];
      continue;
    }
    if (line.endsWith(' ') || !TEXT_LINE.test(line)) return null;
    lines.push(line);
  }
  if (lines.length) paragraphs.push(`<p>${lines.join('\n')}</p>`);
  return paragraphs.length ? paragraphs.join('\n') : null;
}
