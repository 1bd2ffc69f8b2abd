/**
 * The key that seals the secrets of outbox messages (see outbox.ts). From `MESSAGE_KEY` when
 * set — the way to run several servers on one database, or to keep the key in a secrets store.
 * Otherwise a random key in a file beside the database (`<DATABASE_PATH>.message-key`, created
 * once with mode 0600, never inside the database): `npm run db:backup` copies the database
 * only, so a backup holds sealed secrets it cannot open. An in-memory database gets a key for
 * the life of the process.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { getEnv } from '../env';

let cached: Buffer | null = null;

function parseKey(text: string): Buffer {
  const t = text.trim();
  return /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
}

/** The path of the key file used when MESSAGE_KEY is not set. */
export function messageKeyFile(databasePath = getEnv().DATABASE_PATH): string | null {
  return databasePath === ':memory:' ? null : `${databasePath}.message-key`;
}

/** The 32-byte key (read or created on first use, then kept). */
export function getMessageKey(): Buffer {
  if (cached) return cached;
  const env = getEnv();
  if (env.MESSAGE_KEY) return (cached = parseKey(env.MESSAGE_KEY));
  const file = messageKeyFile(env.DATABASE_PATH);
  if (!file) return (cached = randomBytes(32));
  try {
    // 'wx': only one creator wins (the server's threads, a CLI starting at the same time).
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const key = parseKey(readFileSync(file, 'utf8'));
  if (key.length !== 32) throw new Error(`Tệp khóa ${file} không chứa khóa 32 byte.`);
  return (cached = key);
}

/** Forgets the cached key (tests that switch databases). */
export function resetMessageKey(): void {
  cached = null;
}
