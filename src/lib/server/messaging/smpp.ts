/**
 * SMS over SMPP — the protocol carriers and Vietnamese SMS-brandname providers offer — with the
 * `smpp` package. One transceiver session, opened on first use and reopened after it drops;
 * enquire_link keeps it alive. A text that needs two parts goes as a concatenated SMS (UDH with
 * an 8-bit reference). Every refusal becomes an Error whose Vietnamese message the console shows.
 *
 * Configured by `SMS_SMPP_URL=smpp://<system_id>:<password>@host:port` (`ssmpp://` for TLS) and
 * `SMS_SENDER` (the registered brandname, or a number).
 */
import { randomInt } from 'node:crypto';
import smpp, { type PDU, type Session } from 'smpp';
import { smsParts, smsShape, smsText } from './sms';

export interface SmsMessage {
  /** E.164: +84… */
  to: string;
  text: string;
}

export interface SmsTransport {
  send(sms: SmsMessage): Promise<void>;
  close(): Promise<void>;
}

export interface SmppConfig {
  url: string;
  sender: string;
  unaccented: boolean;
  /** Connect + bind, and each submit, must answer within this (default 15 s). */
  timeoutMs?: number;
}

function statusText(status: number): string {
  const hex = `0x${status.toString(16).padStart(4, '0')}`;
  if (status === smpp.ESME_RTHROTTLED) return `nhà cung cấp SMS yêu cầu gửi chậm lại (${hex})`;
  if (status === smpp.ESME_RINVDSTADR) return `số nhận không hợp lệ (${hex})`;
  if (status === smpp.ESME_RBINDFAIL) return `sai tên đăng nhập hoặc mật khẩu SMPP (${hex})`;
  return `nhà cung cấp SMS từ chối tin (mã ${hex})`;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`SMPP: quá ${String(ms / 1000)} giây không có trả lời (${what})`)), ms);
    promise.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e: unknown) => (clearTimeout(timer), reject(e instanceof Error ? e : new Error(String(e)))),
    );
  });
}

/** The SMPP transport for `config`. Nothing connects until the first message. */
export function smppTransport(config: SmppConfig): SmsTransport {
  const url = new URL(config.url);
  const address = `${url.protocol}//${url.hostname}${url.port ? `:${url.port}` : ''}`;
  const credentials = { system_id: decodeURIComponent(url.username), password: decodeURIComponent(url.password) };
  const timeoutMs = config.timeoutMs ?? 15_000;
  const numericSender = /^\+?\d+$/.test(config.sender);
  const source = numericSender
    ? { source_addr_ton: 1, source_addr_npi: 1, source_addr: config.sender.replace(/^\+/, '') }
    : { source_addr_ton: 5, source_addr_npi: 0, source_addr: config.sender };
  let bound: Promise<Session> | null = null;

  function open(): Promise<Session> {
    return withTimeout(
      new Promise<Session>((resolve, reject) => {
        const session = smpp.connect({ url: address, auto_enquire_link_period: 30_000 });
        const fail = (error: unknown) => {
          bound = null;
          reject(new Error(`SMPP: không kết nối được ${url.hostname}: ${error instanceof Error ? error.message : String(error)}`));
        };
        session.once('error', fail);
        session.on('close', () => {
          bound = null;
        });
        session.on(url.protocol === 'ssmpp:' ? 'secureConnect' : 'connect', () => {
          session.bind_transceiver(credentials, (pdu: PDU) => {
            if (pdu.command_status === smpp.ESME_ROK) {
              session.off('error', fail);
              // Later socket errors end the session; the next message opens a new one.
              session.on('error', () => {
                bound = null;
              });
              resolve(session);
            } else {
              bound = null;
              session.destroy();
              reject(new Error(`SMPP: ${statusText(pdu.command_status)}`));
            }
          });
        });
      }),
      timeoutMs,
      'kết nối',
    ).catch((error: unknown) => {
      bound = null;
      throw error;
    });
  }

  function submit(session: Session, options: Record<string, unknown>): Promise<void> {
    return withTimeout(
      new Promise<void>((resolve, reject) => {
        session.submit_sm(options, (pdu: PDU) => {
          if (pdu.command_status === smpp.ESME_ROK) resolve();
          else reject(new Error(`SMPP: ${statusText(pdu.command_status)}`));
        });
      }),
      timeoutMs,
      'gửi tin',
    );
  }

  return {
    async send(sms) {
      bound ??= open();
      const session = await bound;
      const text = smsText(sms.text, { unaccented: config.unaccented });
      const parts = smsParts(text);
      const destination = { dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: sms.to.replace(/^\+/, '') };
      if (parts.length === 1) {
        await submit(session, { ...source, ...destination, short_message: text });
        return;
      }
      // Concatenated SMS: IEI 0x00, 8-bit reference, total parts, this part's number.
      // Every part in the alphabet of the whole text.
      const reference = randomInt(0, 256);
      const coding = smsShape(text).encoding === 'ucs2' ? { data_coding: 0x08 } : {};
      for (const [i, part] of parts.entries()) {
        const udh = Buffer.from([0x05, 0x00, 0x03, reference, parts.length, i + 1]);
        await submit(session, { ...source, ...destination, ...coding, short_message: { udh, message: part } });
      }
    },
    async close() {
      const current = bound;
      bound = null;
      if (!current) return;
      const session = await current.catch(() => null);
      if (session) await new Promise<void>((resolve) => session.close(() => resolve()));
    },
  };
}
