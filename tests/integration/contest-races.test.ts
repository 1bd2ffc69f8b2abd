/**
 * Check-then-act on a real SQLite file with a second connection: a sheet submitted by another
 * connection after a declaration's or a recusal's "already submitted?" check, but before its
 * write, must not be declared or recused afterwards. The second connection holds the write lock
 * when the call starts and submits the sheet 300 ms later; a check made outside the write
 * transaction (as it was) sees the draft and lets the write through once the lock is free. A
 * check inside the IMMEDIATE transaction waits for the lock, then sees the submitted sheet.
 */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/db';
import { holdWriteLock } from '../helpers/second-connection';
import { createUser } from '../../src/lib/server/auth/user';
import type { ContestDef } from '../../src/lib/server/contests/definition';
import { assignJudge } from '../../src/lib/server/contests/assignments';
import { acceptRules, getJudgeOverview, listRecusals, recuse, saveSheet } from '../../src/lib/server/contests/scoring';

const testDb = useTestDatabase('contest-races');
const actor = { actorId: null, ip: '127.0.0.1' };

const def: ContestDef = {
  id: 'dua-tranh',
  title: 'Bình chọn thử tranh chấp',
  level: 'tinh',
  year: 2027,
  rubric: { step: 1, groups: [{ id: 'a', label: 'Thị trường', max: 50 }, { id: 'b', label: 'Kỹ thuật', max: 50 }] },
  passMark: 70,
  minJudges: 1,
  panelSize: 1,
  showOthersScores: 'never',
  judging: { opens: new Date('2026-11-01T08:00:00+07:00'), closes: new Date('2027-06-30T17:00:00+07:00') },
  entries: ['p1', 'p2'],
  contentEntries: ['p1', 'p2'],
  entriesWindow: { opens: new Date('2026-09-01T08:00:00+07:00'), closes: new Date('2026-10-31T17:00:00+07:00') },
  productGroups: ['khac'],
  dossier: null,
  vote: null,
};

function sheetId(judgeId: string, entryId: string): number {
  return getJudgeOverview(def, judgeId).entries.find((e) => e.entryId === entryId)?.sheet?.id ?? 0;
}

const SUBMIT = "UPDATE contest_sheets SET state = 'submitted', submitted_at = ?, version = version + 1 WHERE id = ?";

describe('declarations and recusals against a sheet submitted meanwhile', () => {
  it('recuse: the submit that lands between check and write wins; no recusal from a submitted sheet', async () => {
    const judge = await createUser({ email: 'gk-tranh@example.vn', name: 'Giám khảo Tranh', role: 'judge', password: 'mat-khau-dai-1' }, actor);
    assignJudge(def, { email: 'gk-tranh@example.vn' }, actor);
    acceptRules(def, judge.id, [], actor);
    saveSheet(def, judge.id, 'p1', { scores: { a: 40 } }, actor);
    const held = await holdWriteLock(testDb().file, [[SUBMIT, [Date.now(), sheetId(judge.id, 'p1')]]]);
    expect(() => recuse(def, judge.id, 'p1', { reason: 'family', note: 'Anh ruột là chủ cơ sở' }, actor)).toThrow(expect.objectContaining({ code: 'sheet_submitted', status: 409 }) as Error);
    await held.committed;
    expect(listRecusals(def.id).filter((r) => r.judgeId === judge.id)).toEqual([]);
    expect(getJudgeOverview(def, judge.id).entries.find((e) => e.entryId === 'p1')?.state).toBe('submitted');
  });

  it('acceptRules: a conflict declared on an entry whose sheet was submitted meanwhile is refused, nothing recorded', async () => {
    const judge = await createUser({ email: 'gk-tranh2@example.vn', name: 'Giám khảo Tranh Hai', role: 'judge', password: 'mat-khau-dai-1' }, actor);
    assignJudge(def, { email: 'gk-tranh2@example.vn' }, actor);
    acceptRules(def, judge.id, [], actor);
    saveSheet(def, judge.id, 'p2', { scores: { a: 30 } }, actor);
    const held = await holdWriteLock(testDb().file, [[SUBMIT, [Date.now(), sheetId(judge.id, 'p2')]]]);
    expect(() => acceptRules(def, judge.id, [{ entryId: 'p2', reason: 'own_business', note: 'Tôi làm việc cho cơ sở' }], actor)).toThrow(expect.objectContaining({ code: 'sheet_submitted', status: 409 }) as Error);
    await held.committed;
    expect(listRecusals(def.id).filter((r) => r.judgeId === judge.id)).toEqual([]);
  });

  it('saveSheet: a recusal recorded meanwhile stops the save', async () => {
    const judge = await createUser({ email: 'gk-tranh3@example.vn', name: 'Giám khảo Tranh Ba', role: 'judge', password: 'mat-khau-dai-1' }, actor);
    assignJudge(def, { email: 'gk-tranh3@example.vn' }, actor);
    acceptRules(def, judge.id, [], actor);
    const held = await holdWriteLock(testDb().file, [["INSERT INTO contest_recusals (contest_id, judge_id, entry_id, reason, note, at) VALUES (?, ?, 'p1', 'family', NULL, ?)", [def.id, judge.id, Date.now()]]]);
    expect(() => saveSheet(def, judge.id, 'p1', { scores: { a: 45, b: 45 }, submit: true }, actor)).toThrow(expect.objectContaining({ code: 'recused', status: 403 }) as Error);
    await held.committed;
    expect(getJudgeOverview(def, judge.id).entries.find((e) => e.entryId === 'p1')).toMatchObject({ state: 'recused', sheet: null });
  });
});
