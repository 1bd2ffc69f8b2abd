/**
 * Messaging: one import for domain code, routes and pages. Messages to people are enqueued in
 * the outbox (outbox.ts) in the transaction of the change they are about, and sent by a worker
 * through the channel's transport (delivery.ts: email by SMTP when SMTP_URL is set, SMS by SMPP
 * when SMS_SMPP_URL is set); a channel without one keeps its messages pending, and the console
 * says so plainly.
 *
 * Two promises kept here, for every message of the site:
 * - **No secret at rest in clear.** A message that must carry a secret (a management link, a
 *   verification code) is written with `SECRET_PLACEHOLDER` in its body and the secret in
 *   `secret`, which is stored encrypted (AES-256-GCM, key from `MESSAGE_KEY` or a key file beside
 *   the database, see `key.ts`) and bound to the recipient. The secret is put in only
 *   when the message is sent, then erased. The console, exports and backups see the placeholder.
 * - **Nobody can make the site bomb a phone or a mailbox.** Messages that anyone can trigger
 *   (`PUBLIC_MESSAGE_LIMITS`: a vote code, a registration confirmation) are limited per
 *   recipient — across IPs, contests and fairs — and all of them together per hour
 *   (`MESSAGE_HOURLY_LIMIT`). Past a limit `enqueueMessage` throws a 429 `MessageError`, which
 *   rolls back the caller's transaction: nothing is queued, nothing is stored.
 */
export * from './outbox';
export * from './secrets';
export * from './limits';
export * from './delivery';
export * from './channels';
export { smppTransport, type SmsTransport } from './smpp';
export { smsShape, smsText, MAX_SMS_PARTS } from './sms';
