/**
 * Judging on a real migrated SQLite file: assignments, declarations, two tabs saving one sheet,
 * bounds and step messages, recusal, window, submitted, independence, reopen, results and
 * publication, audit entries, CSV, the vote.
 */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/db';
import { listAudit } from '../../src/lib/server/audit';
import { createUser } from '../../src/lib/server/auth/user';
import { listOutbox } from '../../src/lib/server/messaging';
import type { ContestDef } from '../../src/lib/server/contests/definition';
import { assignJudge, panelWarning, unassignJudge, restrictJudge } from '../../src/lib/server/contests/assignments';
import {
  acceptRules,
  getJudgeOverview,
  getOthersTotals,
  getProgressBoard,
  getSheetHistory,
  listSheets,
  nextEntryFor,
  recuse,
  reopenSheet,
  saveSheet,
} from '../../src/lib/server/contests/scoring';
import { computeContestResults, getPublicationState, getPublishedResults, publicationGaps, publishResults, withdrawResults } from '../../src/lib/server/contests/results';
import { csvCell, resultsCsv, sheetsCsv } from '../../src/lib/server/contests/csv';
import { castVote, CHALLENGE_AFTER, createVoteChallenge, getTally, requestVoteCode, verifyVoteChallenge, verifyVoteCode, withdrawVote } from '../../src/lib/server/contests/vote';
import { solveChallenge } from 'altcha-lib';

const testDb = useTestDatabase('contests');
const organiser = { actorId: null, ip: '127.0.0.1' };

// CLOCK_NOW = 2026-12-01T09:00+07:00 (vitest.config.ts)
const def: ContestDef = {
  id: 'thu-2027',
  title: 'Bình chọn thử',
  level: 'tinh',
  year: 2027,
  rubric: {
    step: 0.5,
    groups: [
      { id: 'tt', label: 'Thị trường', max: 40, criteria: [{ id: 'tt1', label: 'Quy mô', max: 20 }, { id: 'tt2', label: 'Tiêu thụ', max: 20 }] },
      { id: 'kt', label: 'Kinh tế – kỹ thuật', max: 40 },
      { id: 'vh', label: 'Văn hóa, thẩm mỹ', max: 10 },
      { id: 'k', label: 'Khác', max: 10 },
    ],
  },
  passMark: 70,
  minJudges: 3,
  panelSize: 3,
  showOthersScores: 'until-submitted',
  judging: { opens: new Date('2026-11-01T08:00:00+07:00'), closes: new Date('2027-06-30T17:00:00+07:00') },
  entries: ['p1', 'p2', 'p3'],
  contentEntries: ['p1', 'p2', 'p3'],
  entriesWindow: { opens: new Date('2026-09-01T08:00:00+07:00'), closes: new Date('2026-10-31T17:00:00+07:00') },
  productGroups: ['khac'],
  dossier: null,
  vote: { enabled: true, opens: new Date('2026-11-01T00:00:00+07:00'), closes: new Date('2027-06-30T23:59:00+07:00'), per: 'contest', hideTotalsUntilClosed: true },
};
const vote = def.vote ?? { enabled: true, opens: new Date(0), closes: new Date(0), per: 'contest' as const, hideTotalsUntilClosed: true };
const closed: ContestDef = { ...def, id: 'da-dong', judging: { opens: new Date('2025-08-25T08:00:00+07:00'), closes: new Date('2025-09-30T17:00:00+07:00') } };

const full = (tt1: number, tt2: number, kt: number, vh: number, k: number) => ({ tt1, tt2, kt, vh, k });
const judges: Record<string, string> = {};

async function setup() {
  for (const n of ['a', 'b', 'c', 'd']) {
    const u = await createUser({ email: `gk-${n}@example.vn`, name: `Giám khảo ${n.toUpperCase()}`, role: 'judge', password: 'mat-khau-dai-1' }, organiser);
    judges[n] = u.id;
  }
  await createUser({ email: 'tochuc@example.vn', name: 'Ban tổ chức', role: 'organiser', password: 'mat-khau-dai-1' }, organiser);
}

describe('contests on SQLite', () => {
  it('assigns judges (only judges), warns about even panels, unassigns', async () => {
    await setup();
    expect(() => assignJudge(def, { email: 'tochuc@example.vn' }, organiser)).toThrow(expect.objectContaining({ code: 'not_a_judge' }) as Error);
    expect(() => assignJudge(def, { email: 'nobody@example.vn' }, organiser)).toThrow(expect.objectContaining({ code: 'judge_not_found' }) as Error);
    for (const n of ['a', 'b', 'c', 'd']) assignJudge(def, { email: `gk-${n}@example.vn` }, organiser);
    expect(() => assignJudge(def, { email: 'gk-a@example.vn' }, organiser)).toThrow(expect.objectContaining({ status: 409 }) as Error);
    expect(panelWarning(4, 3)).toMatch(/số chẵn/);
    unassignJudge(def, 'gk-d@example.vn', organiser);
    expect(panelWarning(3, 3)).toBeNull();
    assignJudge(closed, { email: 'gk-a@example.vn', entries: ['p1'] }, organiser);
    expect(listAudit({ action: 'contest.assign' }).length).toBe(5);
    expect(listAudit({ action: 'contest.unassign' }).length).toBe(1);
  });

  it('needs the rules accepted and declarations before the first score; a recused judge gets 403', () => {
    expect(() => saveSheet(def, judges['a'] ?? '', 'p1', { scores: {} }, organiser)).toThrow(expect.objectContaining({ code: 'rules_not_accepted', status: 409 }) as Error);
    acceptRules(def, judges['a'] ?? '', [], organiser);
    acceptRules(def, judges['b'] ?? '', [], organiser);
    acceptRules(def, judges['c'] ?? '', [{ entryId: 'p3', reason: 'family', note: 'Anh ruột là chủ cơ sở' }], organiser);
    expect(() => saveSheet(def, judges['c'] ?? '', 'p3', { scores: { kt: 30 } }, organiser)).toThrow(expect.objectContaining({ code: 'recused', status: 403 }) as Error);
    expect(getJudgeOverview(def, judges['c'] ?? '').entries.map((e) => e.state)).toEqual(['not_started', 'not_started', 'recused']);
    expect(getJudgeOverview(def, judges['c'] ?? '').progress).toEqual({ submitted: 0, total: 2 });
    expect(listAudit({ action: 'contest.declaration' })).toHaveLength(3);
  });

  it('refuses unassigned judges, unknown entries, and entries outside a restriction', () => {
    expect(() => saveSheet(def, judges['d'] ?? '', 'p1', { scores: {} }, organiser)).toThrow(expect.objectContaining({ code: 'not_assigned', status: 403 }) as Error);
    expect(() => saveSheet(def, judges['a'] ?? '', 'khong-co', { scores: {} }, organiser)).toThrow(expect.objectContaining({ status: 404 }) as Error);
    acceptRules(closed, judges['a'] ?? '', [], organiser);
    expect(() => saveSheet(closed, judges['a'] ?? '', 'p2', { scores: {} }, organiser)).toThrow(expect.objectContaining({ code: 'entry_not_assigned', status: 403 }) as Error);
  });

  it('outside the judging window: 409', () => {
    expect(() => saveSheet(closed, judges['a'] ?? '', 'p1', { scores: { kt: 1 } }, organiser)).toThrow(expect.objectContaining({ code: 'window_closed', status: 409 }) as Error);
  });

  it('bounds and step validation with a message per criterion', () => {
    const e = (() => {
      try {
        saveSheet(def, judges['a'] ?? '', 'p1', { scores: { tt1: 21, tt2: 7.25, kt: 'bốn mươi', vh: -1 } }, organiser);
      } catch (error) {
        return error as { status: number; fields: Record<string, string> };
      }
      return null;
    })();
    expect(e?.status).toBe(400);
    expect(e?.fields).toEqual({
      tt1: 'Tiêu chí 1.1 “Quy mô”: điểm phải từ 0 đến 20.',
      tt2: 'Tiêu chí 1.2 “Tiêu thụ”: chỉ chấm theo bước 0,5 điểm (ví dụ 7 hoặc 7,5).',
      kt: 'Tiêu chí 2 “Kinh tế – kỹ thuật”: điểm phải là một số từ 0 đến 40.',
      vh: 'Tiêu chí 3 “Văn hóa, thẩm mỹ”: điểm phải từ 0 đến 10.',
    });
  });

  it('JSON API (strict): unknown criteria and strings are 400 per field; version required once a sheet exists', () => {
    const a = judges['a'] ?? '';
    const fieldsOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return error as { status: number; code: string; fields?: Record<string, string> };
      }
      return null;
    };
    const unknown = fieldsOf(() => saveSheet(def, a, 'p1', { scores: { tt1: 10, 'khong-co': 5 }, strict: true }, organiser));
    expect(unknown).toMatchObject({ status: 400, code: 'invalid_scores' });
    expect(unknown?.fields).toEqual({ 'khong-co': 'Không có tiêu chí “khong-co” trong phiếu chấm của cuộc bình chọn này.' });
    const str = fieldsOf(() => saveSheet(def, a, 'p1', { scores: { tt1: '5' }, strict: true }, organiser));
    expect(str).toMatchObject({ status: 400, code: 'invalid_scores' });
    expect(str?.fields?.['tt1']).toContain('điểm phải là một số');
    // Form posts (strings, "7,5") are not strict. Nothing was saved above.
    expect(getJudgeOverview(def, a).entries.find((e) => e.entryId === 'p1')?.sheet).toBeNull();
  });

  it('two tabs saving one sheet: the stale one gets 409; history and audit keep old → new', () => {
    const a = judges['a'] ?? '';
    const first = saveSheet(def, a, 'p1', { scores: { tt1: 15 }, version: 0 }, organiser);
    expect(first).toMatchObject({ state: 'draft', version: 1, total: 15 });
    // A client omitting the version cannot overwrite silently: 400 with a Vietnamese message.
    expect(() => saveSheet(def, a, 'p1', { scores: { tt1: 1 } }, organiser)).toThrow(expect.objectContaining({ code: 'version_required', status: 400, message: expect.stringContaining('version') as string }) as Error);
    // Both tabs loaded version 1.
    const tab1 = saveSheet(def, a, 'p1', { scores: { tt1: 16, tt2: 14.5 }, version: 1 }, organiser);
    expect(tab1.version).toBe(2);
    expect(() => saveSheet(def, a, 'p1', { scores: { tt1: 10 }, version: 1 }, organiser)).toThrow(expect.objectContaining({ code: 'stale_version', status: 409 }) as Error);
    const history = getSheetHistory(first.id);
    expect(history.map((h) => [h.action, h.version])).toEqual([['save', 1], ['save', 2]]);
    expect(history[1]?.before).toEqual({ tt1: 15 });
    expect(history[1]?.after).toEqual({ tt1: 16, tt2: 14.5 });
    const saves = listAudit({ action: 'contest.sheet.save' });
    expect(saves[0]?.details).toMatchObject({ contest: def.id, entry: 'p1', version: 2, before: { tt1: 15 }, after: { tt1: 16, tt2: 14.5 } });
    // The history is append-only.
    expect(() => testDb().db.$client.prepare('DELETE FROM contest_sheet_history').run()).toThrow(/append-only/);
  });

  it('submitting needs every criterion; a submitted sheet is locked (409)', () => {
    const a = judges['a'] ?? '';
    expect(() => saveSheet(def, a, 'p1', { scores: { kt: 30 }, submit: true }, organiser)).toThrow(expect.objectContaining({ status: 400 }) as Error);
    const s = saveSheet(def, a, 'p1', { scores: full(16, 14.5, 30, 8, 7), submit: true, version: 2 }, organiser);
    expect(s).toMatchObject({ state: 'submitted', total: 75.5 });
    expect(() => saveSheet(def, a, 'p1', { scores: { kt: 40 } }, organiser)).toThrow(expect.objectContaining({ code: 'sheet_submitted', status: 409 }) as Error);
    expect(() => recuse(def, a, 'p1', { reason: 'other', note: 'x' }, organiser)).toThrow(expect.objectContaining({ status: 409 }) as Error);
    expect(listAudit({ action: 'contest.sheet.submit' })).toHaveLength(1);
  });

  it('independence: a judge never sees others\' scores before submitting their own', () => {
    const b = judges['b'] ?? '';
    expect(getOthersTotals(def, b, 'p1')).toBeNull();
    saveSheet(def, b, 'p1', { scores: full(15, 15, 30, 7, 7) }, organiser);
    expect(getOthersTotals(def, b, 'p1')).toBeNull();
    const overview = getJudgeOverview(def, b);
    expect(overview.entries.find((e) => e.entryId === 'p1')?.sheet?.scores).toEqual({ tt1: 15, tt2: 15, kt: 30, vh: 7, k: 7 });
    saveSheet(def, b, 'p1', { scores: {}, submit: true, version: 1 }, organiser);
    expect(getOthersTotals(def, b, 'p1')).toEqual([75.5]);
    expect(getOthersTotals({ ...def, showOthersScores: 'never' }, b, 'p1')).toBeNull();
  });

  it('save and next goes to the entry with the fewest sheets; progress counts', () => {
    const c = judges['c'] ?? '';
    expect(nextEntryFor(def, judges['a'] ?? '', 'p1')).toBe('p2');
    saveSheet(def, c, 'p1', { scores: full(14, 14, 28, 7, 6.5), submit: true }, organiser);
    expect(getJudgeOverview(def, c).progress).toEqual({ submitted: 1, total: 2 });
    expect(nextEntryFor(def, c, 'p1')).toBe('p2');
    expect(nextEntryFor(def, c, 'p2')).toBeNull();
  });

  it('an organiser reopens a submitted sheet with a reason; the judge can then correct it', () => {
    const sheetId = listSheets(def.id).find((s) => s.entryId === 'p1' && s.judgeEmail === 'gk-c@example.vn')?.sheetId ?? 0;
    const reopened = reopenSheet(def, sheetId, 'Giám khảo nhập nhầm tiêu chí 2', organiser);
    expect(reopened.state).toBe('draft');
    expect(() => reopenSheet(def, sheetId, 'lần nữa', organiser)).toThrow(expect.objectContaining({ status: 409 }) as Error);
    saveSheet(def, judges['c'] ?? '', 'p1', { scores: { kt: 28.5 }, submit: true, version: reopened.version }, organiser);
    expect(getSheetHistory(sheetId).map((h) => h.action)).toEqual(['submit', 'reopen', 'submit']);
    expect(listAudit({ action: 'contest.sheet.reopen' })[0]?.details).toMatchObject({ reason: 'Giám khảo nhập nhầm tiêu chí 2' });
  });

  it('progress board: not started, draft, submitted, recused', () => {
    saveSheet(def, judges['a'] ?? '', 'p2', { scores: { kt: 10 } }, organiser);
    const board = getProgressBoard(def);
    expect(board.cells[judges['a'] ?? '']).toMatchObject({ p1: { state: 'submitted' }, p2: { state: 'draft' }, p3: { state: 'not_started' } });
    expect(board.cells[judges['c'] ?? '']?.['p3']?.state).toBe('recused');
    expect(board.submittedPerEntry).toEqual({ p1: 3, p2: 0, p3: 0 });
  });

  it('results computed from submitted sheets; publish, 404 before; withdraw needs a reason; CSV', () => {
    expect(getPublishedResults(def.id)).toBeNull();
    const results = computeContestResults(def);
    const p1 = results.entries.find((e) => e.entryId === 'p1');
    // 75.5 + 74 + 70 = 219.5 / 3 = 73.1666… → 73.17
    expect(p1).toMatchObject({ sheets: 3, mean: 73.17, recognised: true, rank: 1 });
    // The window is still open and judges have unsubmitted sheets: 409 listing what is incomplete.
    const refused = (() => {
      try {
        publishResults(def, organiser);
      } catch (error) {
        return error as { status: number; code: string; message: string; extra?: { incomplete: string[] } };
      }
      return null;
    })();
    expect(refused).toMatchObject({ status: 409, code: 'judging_incomplete' });
    expect(refused?.message).toContain('Thời gian chấm điểm chưa kết thúc');
    expect(refused?.extra?.incomplete.some((g) => g.startsWith('Giám khảo A: ') && g.includes('bản nháp'))).toBe(true);
    expect(getPublishedResults(def.id)).toBeNull();
    expect(publicationGaps(closed)).toEqual(['Giám khảo A: 1 phiếu chưa nộp.']); // window closed: only the missing sheet
    // Forced without a reason: 400; with the confirmation and a reason: published, reason audited.
    expect(() => publishResults(def, organiser, { force: true, reason: ' ' })).toThrow(expect.objectContaining({ code: 'publish_reason_required', status: 400 }) as Error);
    const published = publishResults(def, organiser, { force: true, reason: 'Hội đồng họp sớm theo chỉ đạo của Sở' });
    expect(published.entries[0]?.entryId).toBe('p1');
    expect(listAudit({ action: 'contest.publish' })[0]?.details).toMatchObject({ forced: true, reason: 'Hội đồng họp sớm theo chỉ đạo của Sở' });
    expect(() => publishResults(def, organiser, { force: true, reason: 'lần nữa' })).toThrow(expect.objectContaining({ code: 'already_published' }) as Error);
    expect(getPublishedResults(def.id)?.entries[0]?.mean).toBe(73.17);
    withdrawResults(def, 'Phát hiện sai sót khi nhập', organiser);
    expect(getPublishedResults(def.id)).toBeNull();
    expect(getPublicationState(def.id).history.map((h) => h.action)).toEqual(['withdraw', 'publish']);
    expect(listAudit({ action: 'contest.withdraw' })[0]?.details).toEqual({ reason: 'Phát hiện sai sót khi nhập' });

    const csv = resultsCsv(def, results, { p1: '=HYPERLINK("x")' });
    expect(csv.startsWith('\uFEFF"Hạng"')).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    const sheets = sheetsCsv(def, listSheets(def.id), {});
    expect(sheets.split('\r\n')[0]).toContain('"1.1 Quy mô (tối đa 20)"');
    expect(csvCell('+84 912')).toBe(`"'+84 912"`);
    expect(csvCell('@cmd')).toBe(`"'@cmd"`);
  });

  it('restricting entries', () => {
    restrictJudge(def, judges['b'] ?? '', ['p1', 'p2'], organiser);
    expect(getJudgeOverview(def, judges['b'] ?? '').entries.map((e) => e.entryId)).toEqual(['p1', 'p2']);
    expect(() => restrictJudge(def, judges['b'] ?? '', ['zzz'], organiser)).toThrow(expect.objectContaining({ status: 404 }) as Error);
  });
});

describe('people\'s-choice vote', () => {
  it('verifies by a code through the outbox, one vote per voter, withdraw, hidden totals', () => {
    const { verification, demoCode } = requestVoteCode(def, { contact: '0912 345 678' }, '10.0.0.1', { demo: true });
    expect(demoCode).toMatch(/^\d{6}$/);
    const message = listOutbox()[0];
    expect(message).toMatchObject({ channel: 'sms', recipient: '+84912345678', kind: 'contest.vote_code' });
    expect(() => verifyVoteCode(def, { verification, code: demoCode === '000000' ? '111111' : '000000' })).toThrow(expect.objectContaining({ code: 'code_invalid' }) as Error);
    const { token } = verifyVoteCode(def, { verification, code: demoCode ?? '' });
    castVote(def, token, 'p1', 'khac', '10.0.0.1');
    expect(() => castVote(def, token, 'p2', 'khac', '10.0.0.1')).toThrow(expect.objectContaining({ code: 'already_voted', status: 409 }) as Error);
    expect(() => castVote(def, 'khong-hop-le', 'p2', 'khac', '10.0.0.1')).toThrow(expect.objectContaining({ status: 401 }) as Error);
    expect(getTally(def)).toEqual({ visible: false, closed: false, totalVotes: null, counts: {} });
    expect(getTally({ ...def, vote: { ...vote, hideTotalsUntilClosed: false } }).counts).toEqual({ p1: 1, p2: 0, p3: 0 });
    withdrawVote(def, token, '*', '10.0.0.1');
    castVote(def, token, 'p2', 'khac', '10.0.0.1');
    // Per group: one vote in each product group.
    const perGroup: ContestDef = { ...def, vote: { ...vote, per: 'group' } };
    castVote(perGroup, token, 'p3', 'co-khi', '10.0.0.1');
    expect(() => castVote(perGroup, token, 'p1', 'co-khi', '10.0.0.1')).toThrow(expect.objectContaining({ code: 'already_voted' }) as Error);
    // Nothing secret in the audit log.
    expect(JSON.stringify(listAudit())).not.toContain(token);
    expect(JSON.stringify(listAudit())).not.toContain('0912');
  });

  it('honeypot: no message, no voter; rate limit asks for a challenge after a threshold', async () => {
    const before = listOutbox().length;
    requestVoteCode(def, { contact: 'bot@example.vn', website: 'http://spam' }, '10.0.0.9', { demo: true });
    expect(listOutbox().length).toBe(before);
    for (let i = 0; i < CHALLENGE_AFTER; i++) requestVoteCode(def, { contact: `nguoi${String(i)}@example.vn` }, '10.0.0.7', { demo: false });
    let challengeUrl: string | undefined;
    try {
      requestVoteCode(def, { contact: 'them@example.vn' }, '10.0.0.7', { demo: false });
    } catch (error) {
      expect(error).toMatchObject({ code: 'challenge_required', status: 429 });
      challengeUrl = (error as { extra: { challengeUrl: string } }).extra.challengeUrl;
    }
    // The challenge is a proof of work (ALTCHA), not a question: solving it means hashing.
    expect(challengeUrl).toBe(`/api/contests/${def.id}/vote/challenge`);
    const challenge = await createVoteChallenge(def);
    const solution = await solveChallenge(challenge.challenge, challenge.salt, challenge.algorithm, challenge.maxnumber).promise;
    const payload = Buffer.from(JSON.stringify({ algorithm: challenge.algorithm, challenge: challenge.challenge, number: solution?.number, salt: challenge.salt, signature: challenge.signature })).toString('base64');
    const solved = await verifyVoteChallenge(def, payload);
    expect(requestVoteCode(def, { contact: 'them@example.vn' }, '10.0.0.7', { demo: false, challenge: solved }).demoCode).toBeUndefined();
    expect(() => requestVoteCode(def, { contact: 'khong-hop-le' }, '10.0.0.8', { demo: false })).toThrow(expect.objectContaining({ status: 400 }) as Error);
  });

  it('outside the vote window: 409', () => {
    const over: ContestDef = { ...def, vote: { ...vote, closes: new Date('2026-11-30T00:00:00+07:00') } };
    expect(() => requestVoteCode(over, { contact: 'a@example.vn' }, '10.0.0.3', { demo: true })).toThrow(expect.objectContaining({ code: 'vote_closed', status: 409 }) as Error);
    expect(getTally(over).visible).toBe(true);
  });
});
