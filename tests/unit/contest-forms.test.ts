/**
 * Invisible and deceptive text on every free-text field of the contest forms (console: judge
 * e-mail, restriction, reopen / withdraw / publish reasons; judges: conflict and recusal notes;
 * vote: contact): control characters, zero-width-only text and a right-to-left override are
 * cleaned by lib/text.ts — an invisible value reads as missing, an override never gets stored.
 */
import { describe, expect, it } from 'vitest';
import { DeclarationInputSchema, RecusalInputSchema, VoteRequestCodeSchema } from '../../src/lib/contest-schema';
import { parseDeclarationForm, parsePanelForm, parseResultsForm, parseSheetForm, parseVoteForm } from '../../src/lib/server/contests/forms';

const CONTROLS = '\u0000\u0001';
const ZERO_WIDTH = '\u200b\u200c\u200d\u2060\ufeff';
const RLO = '\u202E';
const INVISIBLE = [
  ['control characters', CONTROLS],
  ['zero-width only', ZERO_WIDTH],
  ['an override alone', `${RLO}\u202C`],
] as const;

const form = (fields: Record<string, string | string[]>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
  return p;
};

function refusal(fn: () => unknown): { code: string; status: number; fields?: Record<string, string> } | null {
  try {
    fn();
  } catch (error) {
    return error as { code: string; status: number; fields?: Record<string, string> };
  }
  return null;
}

describe('console forms', () => {
  for (const [name, text] of INVISIBLE) {
    it(`judge e-mail: ${name} reads as missing`, () => {
      expect(refusal(() => parsePanelForm(form({ 'thao-tac': 'phan-cong', email: text })))).toMatchObject({ code: 'judge_email_required', status: 400, fields: { email: 'Hãy nhập email giám khảo.' } });
    });
    it(`reopen reason: ${name} reads as missing`, () => {
      expect(refusal(() => parsePanelForm(form({ 'thao-tac': 'mo-lai', phieu: '1', 'ly-do': text })))).toMatchObject({ code: 'reopen_reason_required', status: 400, fields: { 'ly-do': 'Hãy ghi lý do (ít nhất 5 ký tự).' } });
    });
    it(`withdraw reason: ${name} reads as missing`, () => {
      expect(refusal(() => parseResultsForm(form({ 'thao-tac': 'rut', 'ly-do': text })))).toMatchObject({ code: 'withdraw_reason_required', status: 400 });
    });
    it(`publish reason: ${name} is empty (the domain then asks for one)`, () => {
      expect(parseResultsForm(form({ 'thao-tac': 'cong-bo', 'xac-nhan-cong-bo': '1', 'cong-bo-som': '1', 'ly-do-cong-bo': text }))).toEqual({ intent: 'cong-bo', force: true, reason: '' });
    });
    it(`restriction: ${name} entry ids are dropped`, () => {
      expect(parsePanelForm(form({ 'thao-tac': 'gioi-han', 'giam-khao': `abc${text}`, 'san-pham': [text, 'p1'] }))).toEqual({ intent: 'gioi-han', judgeId: 'abc', entries: ['p1'] });
    });
  }

  it('an override or zero-width character inside a value is removed, the rest kept', () => {
    expect(parsePanelForm(form({ 'thao-tac': 'phan-cong', email: `${RLO}GK-A@example.vn\u200b`, 'san-pham': [`p1${RLO}`] }))).toEqual({ intent: 'phan-cong', email: 'gk-a@example.vn', entries: ['p1'] });
    expect(parsePanelForm(form({ 'thao-tac': 'mo-lai', phieu: '7', 'ly-do': `Nhập nhầm ${RLO}txt.exe\u202C\u0000 tiêu chí 2` }))).toEqual({ intent: 'mo-lai', sheetId: 7, reason: 'Nhập nhầm txt.exe tiêu chí 2' });
    expect(parseResultsForm(form({ 'thao-tac': 'rut', 'ly-do': `Sai ${RLO}sót\u200b khi nhập` }))).toEqual({ intent: 'rut', reason: 'Sai sót khi nhập' });
    expect(parseResultsForm(form({ 'thao-tac': 'cong-bo', 'xac-nhan-cong-bo': '1', 'ly-do-cong-bo': `Họp ${RLO}sớm` }))).toEqual({ intent: 'cong-bo', force: false, reason: 'Họp sớm' });
  });

  it('unknown intents and missing confirmations are refused with catalogue codes', () => {
    expect(refusal(() => parsePanelForm(form({ 'thao-tac': 'xoa-het' })))).toMatchObject({ code: 'unknown_action', status: 400 });
    expect(refusal(() => parseResultsForm(form({ 'thao-tac': 'cong-bo' })))).toMatchObject({ code: 'publish_unconfirmed', fields: { 'xac-nhan-cong-bo': 'Hãy đánh dấu ô xác nhận trước khi công bố.' } });
    expect(refusal(() => parseSheetForm(form({ 'hanh-dong': 'nop' }), ['a']))).toMatchObject({ code: 'submit_unconfirmed', fields: { 'xac-nhan-nop': 'Hãy đánh dấu ô này để nộp phiếu.' } });
    expect(refusal(() => parseSheetForm(form({ 'hanh-dong': 'xoa' }), ['a']))).toMatchObject({ code: 'unknown_sheet_action' });
  });
});

describe('judges’ forms', () => {
  const ENTRIES = ['p1', 'p2'];
  for (const [name, text] of INVISIBLE) {
    it(`conflict note: ${name} with "other" reads as missing`, () => {
      expect(refusal(() => parseDeclarationForm(form({ 'xung-dot-p1': 'other', 'ghi-chu-p1': text, 'chap-nhan': 'co' }), ENTRIES))).toMatchObject({ code: 'invalid_form', fields: { p1: 'Hãy ghi rõ lý do khác.' } });
      expect(RecusalInputSchema.safeParse({ reason: 'other', note: text }).success).toBe(false);
    });
    it(`conflict note: ${name} with another reason is no note at all`, () => {
      expect(parseDeclarationForm(form({ 'xung-dot-p2': 'family', 'ghi-chu-p2': text, 'chap-nhan': 'co' }), ENTRIES)).toEqual([{ entryId: 'p2', reason: 'family', note: undefined }]);
      expect(RecusalInputSchema.parse({ reason: 'family', note: text })).toEqual({ reason: 'family' });
      expect(DeclarationInputSchema.parse({ accept: true, conflicts: [{ entry: 'p1', reason: 'family', note: text }] }).conflicts[0]?.note).toBeUndefined();
    });
  }
  it('an override inside a note is removed', () => {
    expect(parseDeclarationForm(form({ 'xung-dot-p1': 'other', 'ghi-chu-p1': `Em ${RLO}gái\u200b tôi`, 'chap-nhan': 'co' }), ENTRIES)).toEqual([{ entryId: 'p1', reason: 'other', note: 'Em gái tôi' }]);
    expect(RecusalInputSchema.parse({ reason: 'other', note: `Chủ ${RLO}cơ sở\u0001` })).toEqual({ reason: 'other', note: 'Chủ cơ sở' });
  });
  it('without the commitment ticked nothing is declared', () => {
    expect(refusal(() => parseDeclarationForm(form({}), ENTRIES))).toMatchObject({ code: 'invalid_form', fields: { 'chap-nhan': 'Bạn cần xác nhận đã đọc và chấp hành thể lệ chấm điểm.' } });
  });
});

describe('the vote form', () => {
  for (const [name, text] of INVISIBLE) {
    it(`contact: ${name} reads as missing`, () => {
      expect(refusal(() => parseVoteForm(form({ 'thao-tac': 'ma', 'lien-he': text }), { phoneOnly: false }))).toMatchObject({ code: 'contact_required', status: 400 });
      expect(refusal(() => parseVoteForm(form({ 'thao-tac': 'ma', 'lien-he': text }), { phoneOnly: true }))).toMatchObject({ code: 'phone_contact_required', fields: { contact: 'Hãy nhập số điện thoại di động.' } });
      expect(VoteRequestCodeSchema.safeParse({ contact: text }).success).toBe(false);
    });
  }
  it('an override or zero-width character in a contact is removed', () => {
    expect(parseVoteForm(form({ 'thao-tac': 'ma', 'lien-he': `${RLO}0912\u200b 345 678` }), { phoneOnly: true })).toEqual({ intent: 'ma', contact: '0912 345 678', website: '', altcha: undefined });
    expect(VoteRequestCodeSchema.parse({ contact: `nguoi\u200b.dan@example.vn${RLO}` }).contact).toBe('nguoi.dan@example.vn');
  });
  it('a code must be 6 digits; a verification id a positive integer', () => {
    expect(refusal(() => parseVoteForm(form({ 'thao-tac': 'xac-minh', verification: '12', ma: '12345' }), { phoneOnly: false }))).toMatchObject({ code: 'code_format', status: 400 });
    expect(refusal(() => parseVoteForm(form({ 'thao-tac': 'xac-minh', verification: '-1', ma: '123456' }), { phoneOnly: false }))).toMatchObject({ code: 'code_format' });
    expect(parseVoteForm(form({ 'thao-tac': 'xac-minh', verification: '12', ma: '123456' }), { phoneOnly: false })).toEqual({ intent: 'xac-minh', verification: 12, code: '123456' });
  });
});
