/**
 * Password hashing: argon2id (the @node-rs/argon2 default algorithm) with OWASP's minimum
 * parameters — 19 MiB memory, 2 iterations, parallelism 1. Passwords are 8–128 characters,
 * compared in full (argon2 has no 72-byte truncation, unlike bcrypt), NFC-normalised so the
 * same Vietnamese password typed on different keyboards matches.
 */
import { hash, hashSync, verify } from '@node-rs/argon2';
import { z } from 'zod';

export const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

/** A new password: 8–128 characters (code points, not bytes). */
export const PasswordSchema = z
  .string({ required_error: 'Vui lòng nhập mật khẩu.' })
  .refine((p) => Array.from(p).length >= PASSWORD_MIN, `Mật khẩu cần ít nhất ${String(PASSWORD_MIN)} ký tự.`)
  .refine((p) => Array.from(p).length <= PASSWORD_MAX, `Mật khẩu tối đa ${String(PASSWORD_MAX)} ký tự.`);

export async function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFC'), ARGON2_OPTIONS);
}

/** Synchronous variant for start-up code (demo accounts) that runs before the server listens. */
export function hashPasswordSync(password: string): string {
  return hashSync(password.normalize('NFC'), ARGON2_OPTIONS);
}

/** False for a wrong password and for a malformed hash (never throws on bad input). */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password.normalize('NFC'));
  } catch {
    return false;
  }
}

let dummy: Promise<string> | null = null;

/**
 * Verifies against a throw-away hash, so that signing in with an unknown email takes as long
 * as with a known one.
 */
export async function verifyDummyPassword(password: string): Promise<false> {
  dummy ??= hashPassword('không-có-tài-khoản-này');
  await verifyPassword(await dummy, password);
  return false;
}

/** A readable random password for CLIs and admin resets: 4 groups of 4 (≈ 80 bits). */
export function generatePassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length] ?? 'x');
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}
