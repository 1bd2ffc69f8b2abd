/**
 * Messages that actually arrive: the outbox worker's transports against REAL protocol peers
 * started by the test — an SMTP server (`smtp-server`) and an SMPP server (the `smpp`
 * package's server side) — on a real migrated SQLite file. No stand-in transports.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import smpp, { type PDU, type Session } from 'smpp';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/db';
import { now } from '../../src/lib/clock';
import { deliverPending, enqueueMessage, listOutbox, MAX_ATTEMPTS, SECRET_PLACEHOLDER, smppTransport, smtpTransport, type SmsTransport } from '../../src/lib/server/messaging';

useTestDatabase('delivery');

interface Received {
  from: string;
  to: string[];
  raw: string;
}

const mails: Received[] = [];
let smtp: SMTPServer;
let smtpPort = 0;

interface Submitted {
  pdu: PDU;
  text: string;
}
const submitted: Submitted[] = [];
const binds: { system_id: unknown; password: unknown }[] = [];
let refuseNext = 0;
let smppServer: smpp.Server;
let smppPort = 0;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    onAuth(auth, _session, callback) {
      if (auth.username === 'khuyencong' && auth.password === 'mật-khẩu-smtp') callback(null, { user: auth.username });
      else callback(new Error('535 Authentication failed'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;

  smppServer = smpp.createServer((session: Session) => {
    session.on('bind_transceiver', (pdu: PDU) => {
      binds.push({ system_id: pdu['system_id'], password: pdu['password'] });
      const ok = pdu['system_id'] === 'kc' && pdu['password'] === 'bi-mat';
      session.send(pdu.response(ok ? {} : { command_status: smpp.ESME_RBINDFAIL }));
    });
    session.on('submit_sm', (pdu: PDU) => {
      if (refuseNext > 0) {
        refuseNext--;
        session.send(pdu.response({ command_status: smpp.ESME_RSUBMITFAIL }));
        return;
      }
      const sm = pdu['short_message'] as { message: string | Buffer; udh?: Buffer[] };
      submitted.push({ pdu, text: typeof sm.message === 'string' ? sm.message : sm.message.toString() });
      session.send(pdu.response({ message_id: String(submitted.length) }));
    });
    session.on('enquire_link', (pdu: PDU) => session.send(pdu.response()));
    session.on('unbind', (pdu: PDU) => {
      session.send(pdu.response());
      session.close();
    });
  });
  await new Promise<void>((resolve) => smppServer.listen(0, '127.0.0.1', () => resolve()));
  smppPort = (smppServer.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await new Promise<void>((resolve) => smppServer.close(() => resolve()));
});

describe('email over SMTP', () => {
  it('arrives at a real SMTP server with the secret put in, in UTF-8, from MAIL_FROM', async () => {
    const link = 'http://localhost:4321/hoi-cho/quan-ly/TOKEN-bi-mat-123';
    enqueueMessage({ to: 'htx@example.vn', subject: 'Xác nhận đăng ký gian hàng – Hội chợ Lai Châu', body: `Cảm ơn Vàng A Chứ.\nĐường liên kết quản lý: ${SECRET_PLACEHOLDER}`, kind: 'registration.confirmation', secret: link });
    const transport = await smtpTransport(`smtp://khuyencong:${encodeURIComponent('mật-khẩu-smtp')}@127.0.0.1:${String(smtpPort)}`, 'no-reply@khuyencong.example');
    expect(await deliverPending({ email: transport })).toEqual({ sent: 1, failed: 0 });
    await transport.close?.();
    expect(mails).toHaveLength(1);
    const mail = await simpleParser(mails[0]?.raw ?? '');
    expect(mails[0]?.to).toEqual(['htx@example.vn']);
    expect(mails[0]?.from).toBe('no-reply@khuyencong.example');
    expect(mail.subject).toBe('Xác nhận đăng ký gian hàng – Hội chợ Lai Châu');
    expect(mail.text).toContain('Cảm ơn Vàng A Chứ.');
    expect(mail.text).toContain(link);
    expect(listOutbox().find((m) => m.recipient === 'htx@example.vn')).toMatchObject({ status: 'sent', secret: null });
  });

  it('keeps the message pending with the server\'s reason when the login is wrong, and backs off', async () => {
    enqueueMessage({ to: 'coso2@example.vn', subject: 'Thử', body: 'Nội dung', kind: 'test' });
    const transport = await smtpTransport(`smtp://khuyencong:sai@127.0.0.1:${String(smtpPort)}`, 'no-reply@khuyencong.example');
    expect(await deliverPending({ email: transport })).toEqual({ sent: 0, failed: 1 });
    const row = listOutbox().find((m) => m.recipient === 'coso2@example.vn');
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row?.lastError).toMatch(/535|Authentication/i);
    // Backed off: not due again at once (the test clock is fixed).
    expect(row?.nextAttemptAt?.getTime()).toBeGreaterThan(now().getTime());
    expect(await deliverPending({ email: transport })).toEqual({ sent: 0, failed: 0 });
    await transport.close?.();
    expect(MAX_ATTEMPTS).toBeGreaterThan(1);
  });
});

describe('SMS over SMPP', () => {
  let sms: SmsTransport;
  beforeAll(() => {
    sms = smppTransport({ url: `smpp://kc:bi-mat@127.0.0.1:${String(smppPort)}`, sender: 'KhuyenCong', unaccented: true });
  });
  afterAll(async () => {
    await sms.close();
  });

  it('arrives at a real SMPP server: bound with the credentials, brandname sender, number without +, unaccented text with the code', async () => {
    enqueueMessage({ channel: 'sms', to: '+84912345678', subject: 'Mã xác minh', body: `Mã xác minh bình chọn của bạn là ${SECRET_PLACEHOLDER}. Hiệu lực 15 phút.`, kind: 'contest.vote_code', secret: '482913' });
    expect(await deliverPending({ sms })).toEqual({ sent: 1, failed: 0 });
    expect(binds.at(-1)).toEqual({ system_id: 'kc', password: 'bi-mat' });
    const last = submitted.at(-1);
    expect(last?.pdu['destination_addr']).toBe('84912345678');
    expect(last?.pdu['source_addr']).toBe('KhuyenCong');
    expect(last?.pdu['source_addr_ton']).toBe(5);
    expect(last?.text).toBe('Ma xac minh binh chon cua ban la 482913. Hieu luc 15 phut.');
    expect(listOutbox().find((m) => m.recipient === '+84912345678')).toMatchObject({ status: 'sent', secret: null });
  });

  it('sends a text over one part as a concatenated SMS of two parts with one reference', async () => {
    const before = submitted.length;
    const long = `Don K7M2QX tai Hoi cho CNNT Lai Chau 2027 da duoc duyet voi 2 gian. ${'Vui long mang giay to khi den nhan gian. '.repeat(3)}`;
    await sms.send({ to: '+84987654321', text: long });
    const parts = submitted.slice(before);
    expect(parts).toHaveLength(2);
    const udhs = parts.map((p) => (p.pdu['short_message'] as { udh: Buffer[] }).udh[0]);
    // Each information element as parsed: IEI 0x00 (concatenation, 8-bit reference), length 3, reference, total, number.
    expect(udhs.map((u) => [u?.[0], u?.[1], u?.[3], u?.[4]])).toEqual([[0x00, 3, 2, 1], [0x00, 3, 2, 2]]);
    expect(udhs[0]?.[2]).toBe(udhs[1]?.[2]);
    expect(parts.map((p) => p.text).join('')).toBe(long.trim());
  });

  it('keeps the message pending with the provider\'s reason when the SMSC refuses it', async () => {
    refuseNext = 1;
    enqueueMessage({ channel: 'sms', to: '+84355555555', subject: 'Thử', body: 'Tin thử', kind: 'test' });
    expect(await deliverPending({ sms })).toEqual({ sent: 0, failed: 1 });
    const row = listOutbox().find((m) => m.recipient === '+84355555555');
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row?.lastError).toMatch(/từ chối tin \(mã 0x0045\)/);
  });

  it('reports a wrong SMPP login plainly', async () => {
    const wrong = smppTransport({ url: `smpp://kc:sai@127.0.0.1:${String(smppPort)}`, sender: 'KhuyenCong', unaccented: true, timeoutMs: 3000 });
    await expect(wrong.send({ to: '+84912345678', text: 'x' })).rejects.toThrow(/sai tên đăng nhập hoặc mật khẩu SMPP/);
    await wrong.close();
  });
});
