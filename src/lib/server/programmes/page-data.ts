/**
 * What the programme pages render: each on-demand page calls one function here. Reads content,
 * so only pages import it.
 */
import { render } from 'astro:content';
import { requireProvince } from '../../provinces';
import { getDb, type DbLike } from '../db';
import { getProgramme } from './content';
import { getAllProgrammeResults, getProgrammeResults, indicatorsOnTarget } from './results';

/** /chuong-trinh/{slug}: the programme with its results and introduction, or a 404. */
export async function programmePage(slug: string | undefined, at: Date, db: DbLike = getDb()) {
  const entry = await getProgramme(slug);
  const results = entry ? await getProgrammeResults(entry.id, at, db) : null;
  if (!entry || !results) return { status: 404, results: null, Content: null, province: null } as const;
  const { Content } = await render(entry);
  return { status: 200, results, Content, province: requireProvince(results.province) } as const;
}

/** /chuong-trinh: every programme with how many indicators reached their period target. */
export async function programmesPage(at: Date, db: DbLike = getDb()) {
  return (await getAllProgrammeResults(at, db)).map((p) => ({ ...p, onTarget: indicatorsOnTarget(p), place: requireProvince(p.province) }));
}
