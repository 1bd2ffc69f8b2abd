/**
 * What the outbox promises, on a real migrated SQLite file: secrets (management links,
 * verification codes) never at rest in clear — not in a row, not in a backup — and nobody can
 * make the site bomb one phone or mailbox (per-recipient limits across IPs and contests).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/db';
import { backupDatabase } from '../../src/lib/server/backup';
import type { ContestDef } from '../../src/lib/server/contests/definition';
import { requestVoteCode } from '../../src/lib/server/contests/vote';
import {
  deliverPending,
  displayBody,
  enqueueMessage,
  listOutbox,
  PUBLIC_MESSAGE_LIMITS,
  renderBody,
  SECRET_PLACEHOLDER,
  sealLegacySecrets,
} from '../../src/lib/server/messaging';
import { registerBooths, type FairInfo } from '../../src/lib/server/registrations';
import { getDb, schema } from '../../src/lib/server/db';
import type { RegistrationInput } from '../../src/lib/registration-schema';

const testDb = useTestDatabase('messages');

const fair: FairInfo = {
  slug: 'hoi-cho-thu',
  name: 'Hội chợ thử',
  status: 'scheduled',
  registration: { opens: new Date('2026-09-01T00:00:00+07:00'), closes: new Date('2027-03-31T17:00:00+07:00'), offerHours: 48 },
  boothTypes: [{ id: 'tieu-chuan', name: 'Gian hàng tiêu chuẩn', count: 100 }],
  maxBoothsPerEstablishment: 2,
};

function input(patch: Partial<RegistrationInput> = {}): RegistrationInput {
  return {
    establishmentName: 'Hộ kinh doanh gốm Thanh Hà',
    establishmentType: 'household',
    representative: 'Lê Văn Tâm',
    phone: '+84912000001',
    province: 'da-nang',
    commune: 'Hội An Tây',
    products: 'Gốm',
    boothTypeId: 'tieu-chuan',
    quantity: 1,
    acceptFewer: false,
    wantsSupport: true,
    consent: true,
    ...patch,
  };
}

const contest = (id: string): ContestDef => ({
  id,
  title: `Bình chọn ${id}`,
  level: 'tinh',
  year: 2027,
  rubric: { step: 1, groups: [{ id: 'a', label: 'A', max: 100 }] },
  passMark: 70,
  minJudges: 1,
  panelSize: 3,
  showOthersScores: 'never',
  judging: { opens: new Date('2026-11-01T00:00:00+07:00'), closes: new Date('2027-06-30T00:00:00+07:00') },
  entries: ['p1'],
  contentEntries: ['p1'],
  entriesWindow: { opens: new Date('2026-09-01T08:00:00+07:00'), closes: new Date('2026-10-31T17:00:00+07:00') },
  productGroups: ['khac'],
  dossier: null,
  vote: { enabled: true, opens: new Date('2026-11-01T00:00:00+07:00'), closes: new Date('2027-06-30T00:00:00+07:00'), per: 'contest', hideTotalsUntilClosed: false },
});

/** Every text column of every outbox row, as one string to search. */
function outboxDump(): string {
  return JSON.stringify(getDb().select().from(schema.outbox).all());
}

describe('secrets in messages', () => {
  it('stores a registration confirmation without its management link, and sends it with the link', async () => {
    const r = registerBooths(fair, input({ email: 'htx@example.vn' }));
    const token = new URL(r.manageUrl ?? '').pathname.split('/').pop() ?? '';
    expect(token.length).toBeGreaterThan(20);
    expect(outboxDump()).not.toContain(token);
    const row = listOutbox().find((m) => m.kind === 'registration.confirmation');
    expect(row?.body).toContain(SECRET_PLACEHOLDER);
    expect(displayBody(row ?? { body: '' })).not.toContain(SECRET_PLACEHOLDER);
    expect(displayBody(row ?? { body: '' })).toContain('không lưu ở dạng đọc được');

    // A backup of the database holds nothing usable either.
    const copy = path.join(testDb().dir, 'backup.sqlite');
    await backupDatabase(testDb().file, copy);
    expect(readFileSync(copy).includes(Buffer.from(token))).toBe(false);

    const sent: { to: string; text: string }[] = [];
    expect(await deliverPending({ email: { send: (m) => (sent.push(m), Promise.resolve()) } })).toEqual({ sent: 1, failed: 0 });
    expect(sent[0]?.text).toContain(r.manageUrl);
    // Once sent, the sealed secret is erased too.
    expect(listOutbox().find((m) => m.id === row?.id)?.secret).toBeNull();
  });

  it('keeps a verification code out of the row; a secret moved to another recipient does not open', () => {
    const { demoCode } = requestVoteCode(contest('bi-mat'), { contact: '0912 111 222' }, '10.1.0.1', { demo: true });
    expect(demoCode).toMatch(/^\d{6}$/);
    const row = listOutbox().find((m) => m.kind === 'contest.vote_code');
    expect(row?.body).not.toContain(demoCode);
    expect(row?.secret).not.toContain(demoCode);
    expect(renderBody(row ?? { body: '', secret: null, channel: 'sms', recipient: '' })).toContain(demoCode);
    expect(() => renderBody({ ...(row ?? { body: '', secret: null, channel: 'sms' }), recipient: '+84999999999' })).toThrow(/giải mã/);
  });

  it('refuses a message whose body and secret disagree (a programming error, never stored)', () => {
    expect(() => enqueueMessage({ to: 'a@example.vn', subject: 'S', body: 'không có chỗ', kind: 'test', secret: 'x' })).toThrow(/exactly one/);
    expect(() => enqueueMessage({ to: 'a@example.vn', subject: 'S', body: `lộ ${SECRET_PLACEHOLDER}`, kind: 'test' })).toThrow(/exactly one/);
  });

  it('seals the secrets of messages stored before secrets were kept apart', () => {
    const link = 'http://localhost:4321/hoi-cho/quan-ly/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcd';
    getDb()
      .insert(schema.outbox)
      .values([
        { createdAt: new Date(), channel: 'email', recipient: 'cu@example.vn', subject: 'Xác nhận', body: `Xem hoặc hủy đơn: ${link}\nTra cứu…`, kind: 'registration.confirmation', status: 'pending' },
        { createdAt: new Date(), channel: 'email', recipient: 'cu2@example.vn', subject: 'Xác nhận', body: `Xem hoặc hủy đơn: ${link}`, kind: 'registration.confirmation', status: 'sent' },
        { createdAt: new Date(), channel: 'sms', recipient: '+84912000999', subject: 'Mã', body: 'Mã xác minh bình chọn của bạn cho "X" là 654321. Mã có hiệu lực', kind: 'contest.vote_code', status: 'sent' },
      ])
      .run();
    expect(sealLegacySecrets()).toBe(3);
    expect(sealLegacySecrets()).toBe(0);
    expect(outboxDump()).not.toContain('AbCdEfGhIjKlMnOpQrStUvWxYz');
    expect(outboxDump()).not.toContain('654321');
    const pending = listOutbox().find((m) => m.recipient === 'cu@example.vn');
    expect(pending && renderBody(pending)).toContain(link);
  });
});

describe('message bombing', () => {
  it('sends at most the per-recipient limit of codes to one phone, across IPs and contests; the refusal queues nothing', () => {
    const limit = PUBLIC_MESSAGE_LIMITS['contest.vote_code']?.perHour ?? 0;
    expect(limit).toBe(3);
    const before = listOutbox().filter((m) => m.recipient === '+84987654321').length;
    const outcomes: unknown[] = [];
    for (let i = 0; i < 30; i++) {
      try {
        requestVoteCode(contest(i % 2 ? 'cuoc-a' : 'cuoc-b'), { contact: '0987 654 321' }, `203.0.113.${String(i)}`, { demo: false });
        outcomes.push('ok');
      } catch (error) {
        outcomes.push(error);
      }
    }
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(limit);
    expect(outcomes.at(-1)).toMatchObject({ code: 'recipient_limited', status: 429 });
    expect((outcomes.at(-1) as { message: string }).message).toMatch(/thử lại sau \d+ (phút|giờ)\./);
    expect(listOutbox().filter((m) => m.recipient === '+84987654321').length - before).toBe(limit);
    // The refused requests created no verification rows either (the transaction rolled back).
    expect(getDb().select().from(schema.contestVoters).all().filter((v) => v.contestId.startsWith('cuoc-'))).toHaveLength(2);
  });

  it('limits registration confirmations to one mailbox; the refused registration is not stored', () => {
    const perHour = PUBLIC_MESSAGE_LIMITS['registration.confirmation']?.perHour ?? 0;
    const results: unknown[] = [];
    for (let i = 0; i < perHour + 2; i++) {
      try {
        results.push(registerBooths(fair, input({ phone: `+8491300${String(1000 + i)}`, email: 'nan-nhan@example.vn' })).code);
      } catch (error) {
        results.push(error);
      }
    }
    expect(results.filter((r) => typeof r === 'string')).toHaveLength(perHour);
    expect(results.at(-1)).toMatchObject({ code: 'recipient_limited', status: 429 });
    const stored = getDb().select().from(schema.registrations).all().filter((r) => r.email === 'nan-nhan@example.vn');
    expect(stored).toHaveLength(perHour);
  });
});
