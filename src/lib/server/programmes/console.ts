/**
 * The organisers' programme pages in the console (/quan-tri/chuong-trinh…): each page calls one
 * function here. A POST is a plain form read by the bounded reader (readForm): `action=add`
 * (indicator, year, value, evidence, note) or `action=withdraw` (id, reason); the outcome is a
 * Vietnamese notice with the status (400/404/409/413/415), and nothing is stored on a refusal.
 */
import type { AstroGlobal } from 'astro';
import { now } from '../../clock';
import { auditActor } from '../audit';
import { AppError } from '../errors';
import { readFormObject } from '../http';
import { getDb, type DbLike } from '../db';
import { addActual, listActuals, withdrawActual } from './actuals';
import { getProgramme } from './content';
import { getAllProgrammeResults, getProgrammeResults } from './results';

export interface ConsoleOutcome {
  ok: boolean;
  status: number;
  message: string;
  fields?: Record<string, string> | undefined;
}

async function act(context: AstroGlobal, programme: NonNullable<Awaited<ReturnType<typeof getProgramme>>>, db: DbLike): Promise<{ outcome: ConsoleOutcome; form: Record<string, string> }> {
  let form: Record<string, string> = {};
  try {
    form = await readFormObject(context.request);
    const target = { slug: programme.id, period: programme.data.period, indicators: programme.data.indicators };
    if (form['action'] === 'withdraw') {
      const row = withdrawActual(programme.id, form, auditActor(context), db);
      return { outcome: { ok: true, status: 200, message: `Đã rút lại số liệu ${row.indicatorCode} năm ${String(row.year)} (${String(row.value)}); số này không còn được tính.` }, form: {} };
    }
    const row = addActual(target, form, auditActor(context), db);
    return { outcome: { ok: true, status: 200, message: `Đã ghi ${String(row.value)} vào chỉ tiêu ${row.indicatorCode} năm ${String(row.year)}.` }, form: {} };
  } catch (error) {
    if (error instanceof AppError) {
      // The notice names every field's problem (the form also shows each beside its field).
      const message = [error.message, ...Object.values(error.fields ?? {})].join(' ');
      return { outcome: { ok: false, status: error.status, message, fields: error.fields }, form };
    }
    throw error;
  }
}

/** /quan-tri/chuong-trinh/{slug}: results, the staff indicators with their entries, and the forms. */
export async function consoleProgrammePage(context: AstroGlobal, db: DbLike = getDb()) {
  const programme = await getProgramme(context.params['slug']);
  if (!programme) return { status: 404, programme: null } as const;
  const posted = context.request.method === 'POST' ? await act(context, programme, db) : null;
  const results = await getProgrammeResults(programme.id, now(), db);
  if (!results) return { status: 404, programme: null } as const;
  const entries = listActuals(programme.id, db);
  return {
    status: posted && !posted.outcome.ok ? posted.outcome.status : 200,
    programme: results,
    outcome: posted?.outcome ?? null,
    form: posted?.form ?? {},
    staff: results.indicators.filter((i) => i.source.kind === 'staff').map((i) => ({ ...i, entries: entries.filter((e) => e.indicatorCode === i.code) })),
  } as const;
}

/** /quan-tri/chuong-trinh: every programme with links to its console page and reports. */
export async function consoleProgrammesPage(db: DbLike = getDb()) {
  return getAllProgrammeResults(now(), db);
}
