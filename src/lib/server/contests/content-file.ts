/**
 * Contests read straight from their Markdown files, for the CLI (which runs outside Astro and
 * cannot use astro:content). Reads only what judging needs, with the same time rule as the
 * content schema: an instant without an offset is Vietnam time.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { DossierSchema } from '../../entry-schema';
import { toContestDef, type ContestDef } from './definition';
import { withAcceptedEntries } from './entry-list';

const instant = z.union([z.date(), z.string()]).transform((v) => {
  if (v instanceof Date) return v;
  const t = v.trim();
  return new Date(/[zZ]|[+-]\d{2}:?\d{2}$/.test(t) ? t : `${t}+07:00`);
});
const criterion = z.object({ id: z.string(), label: z.string(), max: z.number() });
const window = z.object({ opens: instant, closes: instant });

const FrontMatter = z.object({
  title: z.string(),
  level: z.string(),
  year: z.number(),
  rubric: z.object({ step: z.union([z.literal(1), z.literal(0.5)]).default(1), groups: z.array(criterion.extend({ criteria: z.array(criterion).optional() })) }),
  passMark: z.number().default(70),
  minJudges: z.number().default(3),
  panelSize: z.number(),
  showOthersScores: z.enum(['until-submitted', 'never']).default('until-submitted'),
  productGroups: z.array(z.string()).default([]),
  schedule: z.object({ judging: window, entries: window }),
  entries: z.array(z.string()).default([]),
  dossier: DossierSchema.optional(),
  vote: window
    .extend({ enabled: z.boolean().default(false), per: z.enum(['contest', 'group']).default('contest'), hideTotalsUntilClosed: z.boolean().default(true), contact: z.enum(['any', 'phone']).default('any') })
    .optional(),
});

function findFile(dir: string, id: string): string | null {
  if (!existsSync(dir)) return null;
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) {
      if (d.name === id && existsSync(path.join(full, 'index.md'))) return path.join(full, 'index.md');
      const inner = findFile(full, id);
      if (inner) return inner;
    } else if (d.name === `${id}.md`) {
      return full;
    }
  }
  return null;
}

/** The contest `id` from `<contentDir>/contests`, or null. */
export function loadContestDefFromFiles(id: string, contentDir = process.env['CONTENT_DIR'] ?? 'content'): ContestDef | null {
  if (!/^[a-z0-9-]{1,200}$/.test(id)) return null;
  const file = findFile(path.join(contentDir, 'contests'), id);
  if (!file) return null;
  const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(file, 'utf8'));
  const data = FrontMatter.parse(parse(match?.[1] ?? ''));
  return withAcceptedEntries(toContestDef(id, { ...data, entries: data.entries.map((e) => ({ id: e })) }));
}
