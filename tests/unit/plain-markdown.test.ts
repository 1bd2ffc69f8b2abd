/**
 * Plain-paragraph bodies skip the Markdown pipeline (src/lib/content/plain-markdown.ts) and get
 * the same `rendered` entry — HTML and metadata — as Astro's own Markdown render function:
 * compared on every demo body, the benchmark's synthetic body, and random text over the
 * characters the fast path takes and the ones it refuses.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AstroConfig, ContentEntryType } from 'astro';
import { markdownConfigDefaults } from '@astrojs/markdown-remark';
// Astro's Markdown entry type, the one glob() renders content-layer entries with (not exported).
import { markdownContentEntryType } from '../../node_modules/astro/dist/vite-plugin-markdown/content-entry-type.js';
import { plainParagraphsHtml } from '~/lib/content/plain-markdown';
import { withPlainParagraphs } from '~/lib/content/loader';

const config = { markdown: { ...markdownConfigDefaults }, image: {} } as unknown as AstroConfig;
const astroType: ContentEntryType = markdownContentEntryType;
const astroRender = await astroType.getRenderFunction?.(config);
const ourRender = await withPlainParagraphs(astroType).getRenderFunction?.(config);
if (!astroRender || !ourRender) throw new Error('no render function');

const render = async (fn: typeof astroRender, body: string, data: Record<string, unknown> = { name: 'x' }) =>
  JSON.stringify(await fn({ id: 'x', data, body, filePath: '/tmp/x/index.md', digest: '0' }));

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? markdownFiles(full) : name.endsWith('.md') ? [full] : [];
  });
}

/** A seeded generator, so that a failure can be replayed. */
function random(seed: number) {
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  return <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
}

const LETTERS = ['a', 'Đ', 'ư', 'ợ', 'c', 'w', 'W', 'h', 't', 'p', 'x', 'e\u0301', 'A', 'z'];
const TAKEN = [...LETTERS, '1', '0', ' ', ' ', '  ', '.', ',', ';', ':', '!', '?', '(', ')', '%', '/', '+', '×', '°', '–', '—', '…', '-'];
const REFUSED = ['"', "'", '`', '*', '_', '~', '[', ']', '<', '>', '&', '\\', '|', '#', '@', '=', '\t', '\u00a0', '\r', '$', '{'];

describe('plain-paragraph Markdown bodies', () => {
  it('render as Astro renders them, on every demo body (and most take the fast path)', async () => {
    const files = markdownFiles('content');
    let fast = 0;
    for (const file of files) {
      const { body, data } = await astroType.getEntryInfo({ contents: readFileSync(file, 'utf8'), fileUrl: new URL(`file://${path.resolve(file)}`) });
      if (plainParagraphsHtml(body) !== null) fast++;
      expect(await render(ourRender, body, data), file).toBe(await render(astroRender, body, data));
    }
    // 92 of the 109 demo bodies when this was written; the others have lists, headings, bold, quotes.
    expect(fast).toBeGreaterThan(files.length * 0.8);
  });

  it("render the build benchmark's synthetic body through the fast path, as Astro does", async () => {
    const body = 'Mô tả sản phẩm thử nghiệm số 17. Được làm thủ công tại làng nghề.';
    expect(plainParagraphsHtml(body)).toBe(`<p>${body}</p>`);
    expect(await render(ourRender, body)).toBe(await render(astroRender, body));
  });

  it('agree with Astro on random paragraphs of the characters they take', async () => {
    const pick = random(16);
    let fast = 0;
    for (let i = 0; i < 3000; i++) {
      const lines: string[] = [];
      const count = pick([1, 2, 3, 4]);
      for (let k = 0; k < count; k++) {
        let line = pick(LETTERS);
        for (let j = 0, n = pick([0, 3, 10, 25, 40]); j < n; j++) line += pick(TAKEN);
        lines.push(i % 5 === 0 ? line : line.trimEnd());
        if (k < count - 1 && pick([true, false])) lines.push('');
      }
      const body = lines.join('\n');
      if (plainParagraphsHtml(body) !== null) fast++;
      expect(await render(ourRender, body), JSON.stringify(body)).toBe(await render(astroRender, body));
    }
    expect(fast).toBeGreaterThan(2000);
  });

  it('agree with Astro on random text mixing in what they refuse', async () => {
    const pick = random(61);
    for (let i = 0; i < 1500; i++) {
      let body = pick(LETTERS);
      for (let j = 0, n = pick([2, 8, 30]); j < n; j++) body += pick([...TAKEN, ...REFUSED, '\n', '\n\n', '- ', '1. ', '# ', '> ', '--', '...', 'www.', 'http://']);
      expect(await render(ourRender, body), JSON.stringify(body)).toBe(await render(astroRender, body));
    }
  });

  it('leave to the pipeline whatever Markdown, GFM or SmartyPants would change', () => {
    for (const body of ['"Trà" ngon', "Trà 'Shan'", 'a -- b', 'Còn nữa...', 'Còn . . .', 'Xem www.congthuong.vn', 'Xem https://x.vn', 'Gửi a@b.vn', 'Dòng một  \nDòng hai', 'Dòng\\\nhai', 'Đ\n- mục', 'Đ\n1. mục', '1. mục', '# Tiêu đề', '> trích', '**đậm**', 'a_nghiêng_', '`mã`', '~~gạch~~', 'a | b', '<b>x</b>', 'a &amp; b', '[x](y)', 'Đ\n===', 'Đ\n\n    mã', 'Đ\t', ''])
      expect(plainParagraphsHtml(body), JSON.stringify(body)).toBeNull();
  });

  it('are not taken when the site adds Markdown plugins', async () => {
    const plugin = () => (tree: { children: unknown[] }) => {
      tree.children = [];
    };
    const withPlugin = { ...config, markdown: { ...config.markdown, remarkPlugins: [plugin] } } as unknown as AstroConfig;
    const ours = await withPlainParagraphs(astroType).getRenderFunction?.(withPlugin);
    const body = 'Một đoạn văn.';
    expect((JSON.parse(await render(ours ?? ourRender, body)) as { html: string }).html).toBe('');
  });
});
