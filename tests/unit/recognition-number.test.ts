/**
 * A recognition without a decision number (a product page made from a recognised online entry,
 * before an editor adds the decision) passes the build's own schema and is shown as "chưa có
 * quyết định công nhận" — never a placeholder; an empty number from the editor reads as none.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { z, type ZodTypeAny } from 'zod';
import { collections } from '~/content.config';
import { recognitionNumberText } from '~/lib/content/products';

// The products schema takes Astro's image() helper: a path stands in for the image here.
const schema = (collections.products.schema as unknown as (ctx: { image: () => ZodTypeAny }) => ZodTypeAny)({ image: () => z.string() });

function demoProduct(): Record<string, unknown> {
  const dir = path.join('content', 'products');
  const slug = readdirSync(dir).find((s) => readFileSync(path.join(dir, s, 'index.md'), 'utf8').includes('programme: cnnt')) ?? '';
  const m = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(path.join(dir, slug, 'index.md'), 'utf8'));
  return parse(m?.[1] ?? '') as Record<string, unknown>;
}

describe('a recognition without a decision number', () => {
  it('shows that there is no decision yet, or the number when there is one', () => {
    expect(recognitionNumberText({ number: undefined })).toBe('chưa có quyết định công nhận');
    expect(recognitionNumberText({ number: '2415/QĐ-UBND' })).toBe('2415/QĐ-UBND');
  });

  it.each([['absent', undefined], ['empty', ''], ['blank', '  ']])('passes the build schema when the number is %s', async (_, number) => {
    const product = demoProduct();
    const first = (product['recognitions'] as Record<string, unknown>[])[0] ?? {};
    const { number: _old, ...rest } = first;
    const r = await schema.safeParseAsync({ ...product, recognitions: [{ ...rest, ...(number === undefined ? {} : { number }) }] });
    expect(r.success, r.success ? '' : JSON.stringify(r.error.issues)).toBe(true);
    expect((r.data as { recognitions: { number?: string }[] }).recognitions[0]?.number).toBeUndefined();
  });

  it('still refuses a number that is not text', async () => {
    const product = demoProduct();
    const first = (product['recognitions'] as Record<string, unknown>[])[0] ?? {};
    const r = await schema.safeParseAsync({ ...product, recognitions: [{ ...first, number: 42 }] });
    expect(r.success).toBe(false);
  });
});
