/** The result message to each online entry's applicant when results are published (in the publication's transaction). */
import { and, eq, inArray } from 'drizzle-orm';
import { schema, type DbLike } from '../../db';
import type { ContestDef } from '../definition';
import { codeOfEntryId } from '../entry-list';
import { notifyApplicant } from './messages';

export function notifyResults(def: ContestDef, entries: readonly { entryId: string; recognised: boolean }[], tx: DbLike): void {
  const byCode = new Map(entries.flatMap((e) => {
    const code = codeOfEntryId(e.entryId);
    return code ? [[code, e.recognised] as const] : [];
  }));
  if (!byCode.size) return;
  const rows = tx
    .select()
    .from(schema.contestEntries)
    .where(and(eq(schema.contestEntries.contestId, def.id), inArray(schema.contestEntries.code, [...byCode.keys()])))
    .all();
  for (const row of rows) notifyApplicant(tx, row, 'result', { contest: def.title, recognised: byCode.get(row.code) ?? false });
}
