/**
 * What keeps the fair page's JavaScript small (the figures are `npm run bench:islands`'s; this
 * protects their causes, not a time): on every built fair page the islands hydrate when they
 * scroll into view, nothing loads a script before that but the floor plan's small one, and no
 * bundle a page loads before the applicant fills the form in carries zod or the province table
 * — the registration schema is imported on demand only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundles } from '../helpers/bundles';
import { testBuildDir } from '../test-env';

const client = path.join(testBuildDir(), 'client');
const built = bundles(client);
const fairPages = readdirSync(path.join(client, 'hoi-cho'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && readdirSync(path.join(client, 'hoi-cho', d.name)).includes('index.html'))
  .map((d) => d.name);

/** Code that only validation needs: zod itself, and the province table (its merger history). */
const VALIDATION_ONLY: [string, RegExp][] = [
  ['zod', /name="ZodError"/],
  ['the province table', /formedFrom/],
];

function islandsOf(html: string) {
  return [...html.matchAll(/<astro-island\b[^>]*>/g)].map(([tag]) => ({
    name: /opts="\{&quot;name&quot;:&quot;(\w+)&quot;/.exec(tag)?.[1] ?? '?',
    client: /\bclient="(\w+)"/.exec(tag)?.[1],
    component: /component-url="([^"]+)"/.exec(tag)?.[1] ?? '',
    renderer: /renderer-url="([^"]+)"/.exec(tag)?.[1] ?? '',
  }));
}

describe('island weight of the fair pages', () => {
  it('finds the built fair pages', () => {
    expect(fairPages.length).toBeGreaterThanOrEqual(3);
  });

  for (const slug of fairPages) {
    const html = readFileSync(path.join(client, 'hoi-cho', slug, 'index.html'), 'utf8');
    const islands = islandsOf(html);

    it(`${slug}: every island hydrates when it scrolls into view`, () => {
      expect(islands.length).toBeGreaterThanOrEqual(1);
      expect(islands.map((i) => [i.name, i.client])).toEqual(islands.map((i) => [i.name, 'visible']));
    });

    it(`${slug}: the page loads no script at once but the floor plan's (no React before an island is seen)`, () => {
      const scripts = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1] ?? '');
      for (const src of scripts) expect(src).toMatch(/^\/_astro\/FloorPlan\.astro_astro_type_script_index_0_lang\.[\w-]+\.js$/);
    });

    it(`${slug}: no bundle loaded before validation carries zod or the province table`, () => {
      const scripts = [...html.matchAll(/<script\b[^>]*\bsrc="\/_astro\/([^"]+)"/g)].map((m) => m[1] ?? '');
      const eager = new Set<string>();
      for (const url of [...islands.flatMap((i) => [i.component, i.renderer]), ...scripts]) built.closure(url, eager);
      for (const file of eager) for (const [what, marker] of VALIDATION_ONLY) expect(marker.test(built.source(file)), `${what} in ${file}`).toBe(false);
    });

    const form = islands.find((i) => i.name === 'RegistrationForm');
    if (form) {
      it(`${slug}: the registration form imports its schema (zod, provinces) on demand`, () => {
        const own = built.closure(form.component);
        const lazy = [...built.onDemand(own)].map((f) => built.source(f)).join('\n');
        for (const [what, marker] of VALIDATION_ONLY) expect(marker.test(lazy), `${what} on demand`).toBe(true);
      });
    }
  }
});
