/**
 * Secrets in messages: a management link or a verification code is never stored in a message's
 * body. The body holds SECRET_PLACEHOLDER; the secret is sealed (AES-256-GCM with the key of
 * key.ts, the channel and recipient as associated data) into `outbox.secret`, opened only to
 * send the message, then erased (delivery.ts). The console shows the placeholder (displayBody).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { and, eq, like, notLike, or } from 'drizzle-orm';
import { getDb, schema, type DbLike } from '../db';
import { getMessageKey } from './key';

export type OutboxRow = typeof schema.outbox.$inferSelect;

/** Where the secret goes in a message's body; what is stored, shown and backed up instead of it. */
export const SECRET_PLACEHOLDER = '[[secret]]';
/** How the console shows the placeholder. */
export const SECRET_SHOWN_AS = '[liên kết hoặc mã bí mật: chỉ gửi tới người nhận, không lưu ở dạng đọc được]';

/**
 * `v1.<iv>.<tag>.<ciphertext>` (base64url): AES-256-GCM with a fresh 96-bit IV, the channel and
 * recipient as associated data — a secret moved to another row or another address does not open.
 */
export function sealSecret(secret: string, channel: string, recipient: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', getMessageKey(), iv);
  cipher.setAAD(Buffer.from(`${channel}:${recipient}`));
  const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
}

function openSecret(sealed: string, channel: string, recipient: string): string {
  const [version, iv, tag, ciphertext] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || ciphertext === undefined) throw new Error('bí mật của tin nhắn không đúng định dạng');
  const decipher = createDecipheriv('aes-256-gcm', getMessageKey(), Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(`${channel}:${recipient}`));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
}

/** The body as it is sent: the secret put in place of the placeholder. Throws when it cannot be opened. */
export function renderBody(row: Pick<OutboxRow, 'body' | 'secret' | 'channel' | 'recipient'>): string {
  if (!row.body.includes(SECRET_PLACEHOLDER)) return row.body;
  if (!row.secret) throw new Error('tin nhắn đã gửi hoặc mất phần bí mật nên không gửi lại được');
  let secret: string;
  try {
    secret = openSecret(row.secret, row.channel, row.recipient);
  } catch {
    throw new Error('không giải mã được phần bí mật của tin nhắn (khóa MESSAGE_KEY đã đổi?)');
  }
  return row.body.replace(SECRET_PLACEHOLDER, () => secret);
}

/** The body as the console shows it: never the secret. */
export function displayBody(row: Pick<OutboxRow, 'body'>): string {
  return row.body.replace(SECRET_PLACEHOLDER, SECRET_SHOWN_AS);
}

/**
 * Messages stored before secrets were kept apart carried them in clear (a management link in a
 * confirmation, a code in a vote message). At start: a pending one gets its secret sealed and a
 * placeholder; anything else has it erased. Idempotent; touches only rows that still match.
 */
export function sealLegacySecrets(db: DbLike = getDb()): number {
  const LINK = /https?:\/\/\S+\/hoi-cho\/quan-ly\/[A-Za-z0-9_-]+/;
  const CODE = /(là )(\d{6})(\.)/;
  const rows = db
    .select()
    .from(schema.outbox)
    .where(or(and(eq(schema.outbox.kind, 'registration.confirmation'), like(schema.outbox.body, '%/hoi-cho/quan-ly/%')), and(eq(schema.outbox.kind, 'contest.vote_code'), notLike(schema.outbox.body, `%${SECRET_PLACEHOLDER}%`))))
    .all();
  let changed = 0;
  for (const r of rows) {
    const found = LINK.exec(r.body)?.[0] ?? CODE.exec(r.body)?.[2];
    if (!found || r.body.includes(SECRET_PLACEHOLDER)) continue;
    const body = LINK.test(r.body) ? r.body.replace(LINK, SECRET_PLACEHOLDER) : r.body.replace(CODE, `$1${SECRET_PLACEHOLDER}$3`);
    const secret = r.status === 'pending' ? sealSecret(found, r.channel, r.recipient) : null;
    db.update(schema.outbox).set({ body, secret }).where(eq(schema.outbox.id, r.id)).run();
    changed++;
  }
  return changed;
}
