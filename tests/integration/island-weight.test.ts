/**
 * What keeps the fair page's JavaScript small (the figures are `npm run bench:islands`'s; this
 * protects their causes and their bytes, not a time): on every built fair page the one island
 * (the registration form) hydrates when it scrolls into view, the scripts loaded at once are the
 * plain ones (registration window, availability table, floor plan: no React), no bundle a page
 * loads before the applicant fills the form in carries zod or the province table — the
 * registration schema is imported on demand only — and the gzipped bytes stay within budget.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
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

/** React itself (react, react-dom, the JSX runtime all carry its element symbol). */
const REACT = /Symbol\.for\("react\.(?:transitional\.)?element"\)/;

/**
 * Gzipped bytes (level 9, as `npm run bench:islands` counts), the budget of issue 16: a fair page's
 * JavaScript once every part is on screen ≤ 60 % of the 92.2 KB it was (55.3 KB).
 */
const BUDGET = { total: 55_300, atLoad: 3_000, reactRenderer: 48_000, registrationForm: 7_000 };

function islandsOf(html: string) {
  return [...html.matchAll(/<astro-island\b[^>]*>/g)].map(([tag]) => ({
    name: /opts="\{&quot;name&quot;:&quot;(\w+)&quot;/.exec(tag)?.[1] ?? '?',
    client: /\bclient="(\w+)"/.exec(tag)?.[1],
    component: /component-url="([^"]+)"/.exec(tag)?.[1] ?? '',
    renderer: /renderer-url="([^"]+)"/.exec(tag)?.[1] ?? '',
  }));
}

describe('island weight of the fair pages', () => {
  it('is built with the React the lock file names (18: the budget below counts on it)', () => {
    const installed = (JSON.parse(readFileSync(path.join('node_modules', 'react-dom', 'package.json'), 'utf8')) as { version: string }).version;
    expect(installed, `node_modules has react-dom ${installed}, package-lock.json 18.3.1: run npm ci`).toMatch(/^18\./);
  });

  it('finds the built fair pages, most with a registration form', () => {
    expect(fairPages.length).toBeGreaterThanOrEqual(3);
    const withForm = fairPages.filter((slug) => readFileSync(path.join(client, 'hoi-cho', slug, 'index.html'), 'utf8').includes('RegistrationForm'));
    expect(withForm.length).toBeGreaterThanOrEqual(3);
  });

  for (const slug of fairPages) {
    const html = readFileSync(path.join(client, 'hoi-cho', slug, 'index.html'), 'utf8');
    const islands = islandsOf(html);
    const scripts = [...html.matchAll(/<script\b[^>]*\bsrc="\/_astro\/([^"]+)"/g)].map((m) => m[1] ?? '');
    const atLoad = new Set<string>();
    for (const url of scripts) built.closure(url, atLoad);
    const eager = new Set(atLoad);
    for (const url of islands.flatMap((i) => [i.component, i.renderer])) built.closure(url, eager);
    const gz = (files: Iterable<string>) => [...files].reduce((sum, f) => sum + gzipSync(built.source(f), { level: 9 }).length, 0);

    it(`${slug}: every island hydrates when it scrolls into view, and the only one is the registration form`, () => {
      expect(islands.map((i) => [i.name, i.client])).toEqual(islands.map(() => ['RegistrationForm', 'visible']));
    });

    it(`${slug}: what loads at once is the page's one plain script (fair-live.ts), without React, within ${String(BUDGET.atLoad)} bytes`, () => {
      for (const src of scripts) expect(src).toMatch(/^_id_\.astro_astro_type_script_index_0_lang\.[\w-]+\.js$/);
      for (const file of atLoad) expect(REACT.test(built.source(file)), `React in ${file}`).toBe(false);
      expect(gz(atLoad)).toBeLessThanOrEqual(BUDGET.atLoad);
    });

    it(`${slug}: no bundle loaded before validation carries zod or the province table`, () => {
      for (const file of eager) for (const [what, marker] of VALIDATION_ONLY) expect(marker.test(built.source(file)), `${what} in ${file}`).toBe(false);
    });

    it(`${slug}: the JavaScript once every part is on screen stays within ${String(BUDGET.total)} gzipped bytes`, () => {
      expect(gz(eager)).toBeLessThanOrEqual(BUDGET.total);
      for (const island of islands) {
        const renderer = built.closure(island.renderer);
        expect(gz(renderer), 'the React renderer').toBeLessThanOrEqual(BUDGET.reactRenderer);
        const own = [...built.closure(island.component)].filter((f) => !renderer.has(f));
        expect(gz(own), `${island.name}'s own modules`).toBeLessThanOrEqual(BUDGET.registrationForm);
      }
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
