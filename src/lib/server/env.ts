/**
 * Environment, read and validated once at start-up. A wrong value stops the server with a
 * message that names the variable.
 */
import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const EnvSchema = z.object({
  HOST: z.string().min(1).default('localhost'),
  PORT: z.coerce.number().int().min(1).max(65535).default(4321),
  DATABASE_PATH: z.string().min(1).default(path.join('db', 'data', 'khuyen-cong.sqlite')),
  /**
   * Uploaded files (contest dossiers): content-addressed blobs, private (0600 in 0700 folders).
   * Default: `files/` beside the database. `npm run db:backup` copies them with the rows.
   */
  DATA_DIR: z.string().min(1).optional(),
  /** Drafts of contest entries untouched this many days are removed with their files (the sweep). */
  ENTRY_DRAFT_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** A stored file no row names, or a partial upload, is removed once older than this (an upload in flight is younger). */
  ENTRY_ORPHAN_GRACE_SECONDS: z.coerce.number().int().min(0).max(86_400 * 7).default(3600),
  /** FULL (default): a commit survives power loss, not only a crash of the process. See README. */
  DATABASE_SYNCHRONOUS: z.enum(['FULL', 'NORMAL']).default('FULL'),
  SITE_URL: z.string().url().default('http://localhost:4321'),
  DEMO: bool.default('false'),
  SMTP_URL: z
    .string()
    .url()
    .refine((u) => /^smtps?:\/\//.test(u), 'phải bắt đầu bằng smtp:// hoặc smtps://')
    .optional(),
  /** SMS through an SMPP provider: smpp://<system_id>:<password>@host:port (ssmpp:// for TLS). */
  SMS_SMPP_URL: z
    .string()
    .url()
    .refine((u) => /^ss?mpp:\/\/[^@/]+:[^@/]*@[^/]+/.test(u), 'phải có dạng smpp://tên:mật-khẩu@máy:cổng (hoặc ssmpp://)')
    .optional(),
  /** The SMS sender: a registered brandname (≤ 11 letters and digits) or a number. */
  SMS_SENDER: z
    .string()
    .regex(/^(?:[A-Za-z0-9 ._-]{1,11}|\+?\d{3,15})$/, 'là tên thương hiệu đã đăng ký (tối đa 11 chữ và số) hoặc một số điện thoại')
    .default('KhuyenCong'),
  /** Send SMS without diacritics (what most brandname providers require, and cheaper: 160 characters a part). */
  SMS_UNACCENTED: bool.default('true'),
  /** Sender of outbox email; default no-reply@<SITE_URL host>. */
  MAIL_FROM: z.string().min(3).optional(),
  MEILISEARCH_HOST: z.string().url().optional(),
  MEILISEARCH_API_KEY: z.string().min(1).optional(),
  REGISTRATION_RATE_LIMIT: z.coerce.number().int().min(0).default(20),
  /**
   * Key of the secrets kept in the outbox (management links, codes): 32 bytes as 64 hex digits
   * or base64. Unset: a key file beside the database (`<DATABASE_PATH>.message-key`, mode 0600).
   */
  MESSAGE_KEY: z
    .string()
    .refine((v) => /^[0-9a-fA-F]{64}$/.test(v) || Buffer.from(v, 'base64').length === 32, 'phải là 32 byte: 64 chữ số hex hoặc base64')
    .optional(),
  /** Messages anyone can trigger (vote codes, registration confirmations) per hour, all together; 0 = no ceiling. */
  MESSAGE_HOURLY_LIMIT: z.coerce.number().int().min(0).default(2000),
  /**
   * HMAC key signing the vote's ALTCHA challenges (any string of 32+ characters). Unset: derived
   * from the message key (MESSAGE_KEY or its key file), so servers sharing one also share this.
   */
  ALTCHA_HMAC_KEY: z.string().min(32, 'cần ít nhất 32 ký tự').optional(),
  /** Work of the vote's proof-of-work challenge: the largest secret number (SHA-256 tries). */
  ALTCHA_MAX_NUMBER: z.coerce.number().int().min(1000).max(10_000_000).default(100_000),
  LOG_REQUESTS: bool.default('true'),
  /** Behind nginx or a CDN: take the client IP from X-Forwarded-For (the last hop). */
  TRUST_PROXY: bool.default('false'),
  /**
   * Slow clients (http-server.ts). Headers are a few hundred bytes: 20 s is generous on any
   * link and cuts "slowloris" clients that hold a connection open by sending them a byte at a
   * time (Node's default is 60 s, checked every 30 s). The whole request, body included, may
   * take 300 s: an upload of 40 MB needs ≈ 1.1 Mbit/s to arrive in that time, what a weak rural
   * 3G/4G uplink gives; slower links go through nginx, which buffers the body (README).
   */
  HEADERS_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(20),
  REQUEST_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(300),
  /** An idle keep-alive connection is closed after this long (Node's default, 5 s). */
  KEEP_ALIVE_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(5),
}).refine((env) => env.HEADERS_TIMEOUT_SECONDS <= env.REQUEST_TIMEOUT_SECONDS, {
  path: ['HEADERS_TIMEOUT_SECONDS'],
  message: 'không được lớn hơn REQUEST_TIMEOUT_SECONDS (thời hạn của cả yêu cầu gồm cả phần đầu)',
});

export type Env = z.infer<typeof EnvSchema>;

/** Never echoed back in messages or logs. */
const SECRETS = new Set(['SMTP_URL', 'MEILISEARCH_API_KEY', 'MESSAGE_KEY', 'SMS_SMPP_URL', 'ALTCHA_HMAC_KEY']);

export class EnvError extends Error {}

/** Parses an environment; throws EnvError naming each wrong variable. */
export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, v]) => v !== undefined && v !== ''),
  );
  const result = EnvSchema.safeParse(cleaned);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => {
    const name = String(i.path[0]);
    const shown = SECRETS.has(name) ? '(ẩn)' : JSON.stringify(cleaned[name] ?? null);
    return `  ${name}: ${i.message} (giá trị hiện tại: ${shown})`;
  });
  throw new EnvError(`Cấu hình môi trường không hợp lệ:\n${lines.join('\n')}`);
}

let cached: Env | null = null;

/** Where uploaded files live: DATA_DIR, or `files/` beside the database. */
export function dataDir(env: Pick<Env, 'DATA_DIR' | 'DATABASE_PATH'> = getEnv()): string {
  return path.resolve(env.DATA_DIR ?? path.join(path.dirname(env.DATABASE_PATH), 'files'));
}

/** The validated environment of this process (parsed on first use). */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
