/**
 * The organisers' CSV downloads, each written to the audit log like the registration export:
 * who downloaded which contest's sheets (every judge's name and e-mail, every score) or
 * results, when, from where, and how many rows — never the rows themselves.
 */
import { audit, type AuditActor } from '../audit';
import { getEntryTitles } from './content';
import { csvResponse, resultsCsv, sheetsCsv } from './csv';
import type { ContestDef } from './definition';
import { computeContestResults } from './results';
import { listSheets } from './sheets';

/** `phieu-cham.csv`: every sheet, drafts included, one column per criterion. Audited `contest.sheets.export`. */
export async function exportSheetsCsv(def: ContestDef, actor: AuditActor): Promise<Response> {
  const sheets = listSheets(def.id);
  const body = sheetsCsv(def, sheets, await getEntryTitles(def));
  audit(actor, { action: 'contest.sheets.export', target: `contest:${def.id}`, details: { rows: sheets.length } });
  return csvResponse(body, `phieu-cham-${def.id}.csv`);
}

/** `ket-qua.csv`: the live results, optionally with z-scores. Audited `contest.results.export`. */
export async function exportResultsCsv(def: ContestDef, options: { normalise: boolean }, actor: AuditActor): Promise<Response> {
  const results = computeContestResults(def, { normalise: options.normalise });
  const body = resultsCsv(def, results, await getEntryTitles(def));
  audit(actor, { action: 'contest.results.export', target: `contest:${def.id}`, details: { rows: results.entries.length, normalised: options.normalise } });
  return csvResponse(body, `ket-qua-${def.id}.csv`);
}
