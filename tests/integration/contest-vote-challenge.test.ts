/**
 * The vote's proof-of-work challenge (ALTCHA) on a real SQLite file: a solved payload is
 * accepted once; a wrong solution, a foreign signature, another contest's challenge, an expired
 * one (by the server's clock) and a replayed one are refused with 400 `challenge_invalid`.
 * Contacts: phone-only contests refuse emails, landlines get their own message, and invisible
 * characters never make a second voter of one contact.
 */
import { createChallenge, solveChallenge } from 'altcha-lib';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/db';
import { now } from '../../src/lib/clock';
import { getDb, schema } from '../../src/lib/server/db';
import type { ContestDef } from '../../src/lib/server/contests/definition';
import { CHALLENGE_AFTER, createVoteChallenge, requestVoteCode, requestVoteCodeWithChallenge, verifyVoteChallenge, type VoteChallenge } from '../../src/lib/server/contests/vote';

const KEY = 'khoa-thu-nghiem-altcha-du-32-ky-tu-0123456789';
process.env['ALTCHA_HMAC_KEY'] = KEY;
useTestDatabase('vote-challenge');

const base: ContestDef = {
  id: 'thu-altcha',
  title: 'Bình chọn thử',
  level: 'tinh',
  year: 2027,
  rubric: { step: 1, groups: [{ id: 'a', label: 'A', max: 100 }] },
  passMark: 70,
  minJudges: 1,
  panelSize: 1,
  showOthersScores: 'never',
  judging: { opens: new Date('2026-11-01T08:00:00+07:00'), closes: new Date('2027-06-30T17:00:00+07:00') },
  entries: ['p1'],
  contentEntries: ['p1'],
  entriesWindow: { opens: new Date('2026-09-01T08:00:00+07:00'), closes: new Date('2026-10-31T17:00:00+07:00') },
  productGroups: ['khac'],
  dossier: null,
  vote: { enabled: true, opens: new Date('2026-11-01T00:00:00+07:00'), closes: new Date('2027-06-30T23:59:00+07:00'), per: 'contest', hideTotalsUntilClosed: true },
};
const phoneOnly: ContestDef = { ...base, id: 'thu-chi-so-dien-thoai', vote: base.vote && { ...base.vote, contact: 'phone' } };

async function solve(c: VoteChallenge, number?: number): Promise<string> {
  const found = number ?? (await solveChallenge(c.challenge, c.salt, c.algorithm, c.maxnumber).promise)?.number;
  return Buffer.from(JSON.stringify({ algorithm: c.algorithm, challenge: c.challenge, number: found, salt: c.salt, signature: c.signature })).toString('base64');
}

async function refusal(p: Promise<unknown>): Promise<unknown> {
  return p.then(() => null, (e: unknown) => e);
}

describe('verifyVoteChallenge', () => {
  it('accepts a solved challenge once; the same payload again is a replay', async () => {
    const payload = await solve(await createVoteChallenge(base));
    expect(await verifyVoteChallenge(base, payload)).toMatchObject({ contestId: base.id });
    expect(await refusal(verifyVoteChallenge(base, payload))).toMatchObject({ code: 'challenge_invalid', status: 400 });
    expect(getDb().select().from(schema.contestVoteChallenges).all()).toHaveLength(1);
  });

  it('refuses a wrong solution', async () => {
    const c = await createVoteChallenge(base);
    const right = (await solveChallenge(c.challenge, c.salt, c.algorithm, c.maxnumber).promise)?.number ?? 0;
    expect(await refusal(verifyVoteChallenge(base, await solve(c, right + 1)))).toMatchObject({ code: 'challenge_invalid' });
  });

  it('refuses a challenge signed with another key, or with its parameters altered', async () => {
    const exp = String(Math.floor(now().getTime() / 1000) + 600);
    const foreign = await createChallenge({ hmacKey: 'mot-khoa-khac-hoan-toan-0123456789abcdef', maxnumber: 1000, params: { contest: base.id, exp } });
    expect(await refusal(verifyVoteChallenge(base, await solve(foreign)))).toMatchObject({ code: 'challenge_invalid' });
    const mine = await createVoteChallenge(base);
    const tampered = { ...mine, salt: mine.salt.replace(/exp=\d+/, 'exp=9999999999') };
    expect(await refusal(verifyVoteChallenge(base, await solve(tampered)))).toMatchObject({ code: 'challenge_invalid' });
  });

  it('refuses another contest’s challenge', async () => {
    const payload = await solve(await createVoteChallenge(phoneOnly));
    expect(await refusal(verifyVoteChallenge(base, payload))).toMatchObject({ code: 'challenge_invalid' });
  });

  it('refuses an expired challenge, by the server’s clock', async () => {
    const exp = String(Math.floor(now().getTime() / 1000) - 1);
    const expired = await createChallenge({ hmacKey: KEY, maxnumber: 1000, params: { contest: base.id, exp } });
    expect(await refusal(verifyVoteChallenge(base, await solve(expired)))).toMatchObject({ code: 'challenge_invalid' });
  });

  it('refuses garbage', async () => {
    for (const payload of ['', 'không-phải-base64', Buffer.from('{"a":1}').toString('base64'), Buffer.from('[]').toString('base64')]) {
      expect(await refusal(verifyVoteChallenge(base, payload))).toMatchObject({ code: 'challenge_invalid' });
    }
  });
});

describe('code requests', () => {
  it('without a solved challenge, CHALLENGE_AFTER per IP and hour; with one, more', async () => {
    for (let i = 0; i < CHALLENGE_AFTER; i++) requestVoteCode(base, { contact: `khong-js-${String(i)}@example.vn` }, '10.2.0.1', { demo: false });
    expect(() => requestVoteCode(base, { contact: 'them@example.vn' }, '10.2.0.1', { demo: false })).toThrow(
      expect.objectContaining({ code: 'challenge_required', status: 429, extra: { challengeUrl: `/api/contests/${base.id}/vote/challenge` } }) as Error,
    );
    const payload = await solve(await createVoteChallenge(base));
    expect(await requestVoteCodeWithChallenge(base, { contact: 'them@example.vn', altcha: payload }, '10.2.0.1', { demo: true })).toMatchObject({ demoCode: expect.stringMatching(/^\d{6}$/) as string });
    expect(await refusal(requestVoteCodeWithChallenge(base, { contact: 'lan-nua@example.vn', altcha: payload }, '10.2.0.1', { demo: true }))).toMatchObject({ code: 'challenge_invalid' });
  });

  it('a phone-only contest refuses an email; a landline gets its own message; a mobile is accepted', () => {
    expect(() => requestVoteCode(phoneOnly, { contact: 'nguoi.dan@example.vn' }, '10.2.0.2', { demo: true })).toThrow(
      expect.objectContaining({ code: 'phone_required', status: 400, message: expect.stringContaining('chỉ nhận số điện thoại di động') as string }) as Error,
    );
    for (const landline of ['0236 3822 123', '+84 24 3825 1234', '024.3825.1234']) {
      expect(() => requestVoteCode(phoneOnly, { contact: landline }, '10.2.0.2', { demo: true })).toThrow(expect.objectContaining({ code: 'landline', status: 400, message: expect.stringContaining('Số máy bàn') as string }) as Error);
      expect(() => requestVoteCode(base, { contact: landline }, '10.2.0.2', { demo: true })).toThrow(expect.objectContaining({ code: 'landline' }) as Error);
    }
    expect(requestVoteCode(phoneOnly, { contact: '0912 345 678' }, '10.2.0.2', { demo: true }).demoCode).toMatch(/^\d{6}$/);
  });

  it('invisible characters never make a second voter of one contact', () => {
    const contest: ContestDef = { ...base, id: 'thu-mot-nguoi' };
    requestVoteCode(contest, { contact: 'lan@example.vn' }, '10.2.0.3', { demo: true });
    requestVoteCode(contest, { contact: '\u202Elan\u200b@example.vn\u0000' }, '10.2.0.4', { demo: true });
    expect(getDb().select().from(schema.contestVoters).all().filter((v) => v.contestId === contest.id)).toHaveLength(1);
  });
});
