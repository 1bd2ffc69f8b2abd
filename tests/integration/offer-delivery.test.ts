/**
 * An offer never runs out before its message could have been read: its clock starts when the
 * SMS about it is actually delivered — here to a REAL SMPP server (the `smpp` package's server
 * side, as in delivery.test.ts) — not when the offer is made. Real migrated SQLite file.
 */
import type { AddressInfo } from 'node:net';
import smpp, { type PDU, type Session } from 'smpp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { useTestDatabase } from '../helpers/db';
import { registrationBody } from '../helpers/registration-server';
import { now } from '../../src/lib/clock';
import { RegistrationSchema } from '../../src/lib/registration-schema';
import { getEnv } from '../../src/lib/server/env';
import { deliverPending, smppTransport, type SmsTransport } from '../../src/lib/server/messaging';
import { cancelRegistration, expireOffers, listRegistrations, onRegistrationMessageSent, registerBooths, type FairInfo } from '../../src/lib/server/registrations';

useTestDatabase('offer-delivery');

const received: { to: string; text: string }[] = [];
let server: smpp.Server;
let sms: SmsTransport;

beforeAll(async () => {
  server = smpp.createServer((session: Session) => {
    session.on('bind_transceiver', (pdu: PDU) => session.send(pdu.response()));
    session.on('submit_sm', (pdu: PDU) => {
      const sm = pdu['short_message'] as { message: string | Buffer };
      received.push({ to: String(pdu['destination_addr']), text: typeof sm.message === 'string' ? sm.message : sm.message.toString() });
      session.send(pdu.response({ message_id: String(received.length) }));
    });
    session.on('enquire_link', (pdu: PDU) => session.send(pdu.response()));
    session.on('unbind', (pdu: PDU) => {
      session.send(pdu.response());
      session.close();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  sms = smppTransport({ url: `smpp://kc:bi-mat@127.0.0.1:${String((server.address() as AddressInfo).port)}`, sender: 'KhuyenCong', unaccented: true });
});

afterAll(async () => {
  vi.useRealTimers();
  await sms.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('the offer clock', () => {
  it('starts when the offer SMS reaches the SMPP server, however late, and runs out 48 hours after that', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const t = now().getTime();
    const fair: FairInfo = {
      slug: 'offer-sms',
      name: 'Hội chợ thử',
      status: 'scheduled',
      registration: { opens: new Date(t - 86_400_000), closes: new Date(t + 30 * 86_400_000), offerHours: 48 },
      boothTypes: [{ id: 'tieu-chuan', name: 'Gian hàng tiêu chuẩn', count: 1 }],
      maxBoothsPerEstablishment: 2,
    };
    const holder = registerBooths(fair, RegistrationSchema.parse(registrationBody('0912111001')));
    const waiting = registerBooths(fair, RegistrationSchema.parse(registrationBody('0912111002')));
    expect(waiting.status).toBe('waitlisted');
    cancelRegistration((holder.manageUrl ?? '').split('/').at(-1) ?? '', fair);
    const row = () => listRegistrations('offer-sms').find((r) => r.code === waiting.code);
    expect(row()).toMatchObject({ status: 'offered', offerExpiresAt: null, offerNotifiedAt: null, offerHours: 48 });

    // The SMS provider was down for 60 hours: the offer is still open.
    vi.setSystemTime(new Date(Date.now() + 60 * 3600_000));
    expect(expireOffers(fair)).toBe(0);
    expect(row()?.status).toBe('offered');

    const sentFrom = now().getTime();
    const result = await deliverPending({ sms }, { limit: 50, onSent: (m, at) => onRegistrationMessageSent(m, at) });
    expect(result.failed).toBe(0);
    const offerSms = received.find((m) => m.to === '84912111002' && m.text.includes('duoc moi nhan'));
    expect(offerSms?.text).toBe(`Don ${waiting.code} duoc moi nhan 1 gian, tra loi trong 48 gio tai ${new URL('/hoi-cho/tra-cuu', getEnv().SITE_URL).href}`);
    const started = row();
    expect(started?.offerNotifiedAt?.getTime()).toBeGreaterThanOrEqual(sentFrom);
    expect((started?.offerExpiresAt?.getTime() ?? 0) - (started?.offerNotifiedAt?.getTime() ?? 0)).toBe(48 * 3600_000);

    vi.setSystemTime(new Date(Date.now() + 47 * 3600_000));
    expect(expireOffers(fair)).toBe(0);
    vi.setSystemTime(new Date(Date.now() + 2 * 3600_000));
    expect(expireOffers(fair)).toBe(1);
    expect(row()?.status).toBe('expired');
  });
});
