/**
 * Which channels can send, from the environment: email when SMTP_URL is set, SMS when
 * SMS_SMPP_URL is set. The worker gets their transports; the console says plainly which
 * channel is not configured, instead of leaving its messages "waiting" forever.
 */
import type { Env } from '../env';
import { OUTBOX_STATUS, type OutboxChannel } from '../../vocabulary';
import type { OutboxRow } from './secrets';
import { smtpTransport, type Transports } from './delivery';
import { smppTransport } from './smpp';

/** Whether each channel has a transport in this configuration. */
export function configuredChannels(env: Pick<Env, 'SMTP_URL' | 'SMS_SMPP_URL'>): Record<OutboxChannel, boolean> {
  return { email: Boolean(env.SMTP_URL), sms: Boolean(env.SMS_SMPP_URL) };
}

/** What the console says about a channel that cannot send. */
export const UNCONFIGURED_CHANNEL_TEXT: Record<OutboxChannel, string> = {
  email: 'Chưa cấu hình máy chủ thư (SMTP_URL): thư điện tử được giữ ở đây, không được gửi đi.',
  sms: 'Chưa cấu hình nhà cung cấp SMS (SMS_SMPP_URL): tin nhắn SMS được giữ ở đây, không được gửi đi.',
};

/** What the console says of each configured channel. */
export const CONFIGURED_CHANNEL_TEXT: Record<OutboxChannel, string> = {
  email: 'Thư điện tử được gửi tự động qua máy chủ thư (SMTP).',
  sms: 'Tin nhắn SMS được gửi tự động qua nhà cung cấp SMS (SMPP).',
};

/** A message's state as the console shows it: a pending message on a channel that cannot send says so. */
export function messageStateText(row: Pick<OutboxRow, 'status' | 'channel'>, configured: Record<OutboxChannel, boolean>): string {
  if (row.status === 'pending' && !configured[row.channel]) return `Không gửi được: chưa cấu hình ${row.channel === 'sms' ? 'SMS' : 'email'}`;
  return OUTBOX_STATUS.label(row.status);
}

/** The transports of the configured channels (nothing connects until the first message). */
export async function transportsFromEnv(env: Env): Promise<Transports> {
  const from = env.MAIL_FROM ?? `no-reply@${new URL(env.SITE_URL).hostname}`;
  return {
    email: env.SMTP_URL ? await smtpTransport(env.SMTP_URL, from) : undefined,
    sms: env.SMS_SMPP_URL ? smppTransport({ url: env.SMS_SMPP_URL, sender: env.SMS_SENDER, unaccented: env.SMS_UNACCENTED }) : undefined,
  };
}
