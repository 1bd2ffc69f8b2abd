/** Password hashing: argon2id with OWASP parameters, length rules, no truncation. */
import { describe, expect, it } from 'vitest';
import { parseOptions } from '@node-rs/argon2';
import { generatePassword, hashPassword, PasswordSchema, verifyDummyPassword, verifyPassword } from '../../src/lib/server/auth/password';
import { safeNext } from '../../src/lib/server/http';

describe('password hashing', () => {
  it('uses argon2id, ≥ 19 MiB, 2 iterations, parallelism 1, and a salt per hash', async () => {
    const a = await hashPassword('mật khẩu thử');
    const b = await hashPassword('mật khẩu thử');
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(a).not.toBe(b);
    const options = parseOptions(a);
    expect(options.memoryCost).toBeGreaterThanOrEqual(19456);
  });

  it('verifies the right password only, and never throws on a bad hash', async () => {
    const h = await hashPassword('đúng-rồi-123');
    expect(await verifyPassword(h, 'đúng-rồi-123')).toBe(true);
    expect(await verifyPassword(h, 'đúng-rồi-124')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
    expect(await verifyDummyPassword('anything')).toBe(false);
  });

  it('treats precomposed and decomposed Vietnamese alike (NFC)', async () => {
    const h = await hashPassword('Hội An 2026'.normalize('NFC'));
    expect(await verifyPassword(h, 'Hội An 2026'.normalize('NFD'))).toBe(true);
  });

  it('compares all 128 characters (no truncation)', async () => {
    const long = 'a'.repeat(127);
    const h = await hashPassword(`${long}b`);
    expect(await verifyPassword(h, `${long}c`)).toBe(false);
    expect(await verifyPassword(h, `${long}b`)).toBe(true);
  });

  it.each([
    ['1234567', false],
    ['12345678', true],
    ['x'.repeat(128), true],
    ['x'.repeat(129), false],
    ['mậtkhẩu1', true],
  ])('accepts %s only when 8–128 characters: %s', (p, ok) => {
    expect(PasswordSchema.safeParse(p).success).toBe(ok);
  });

  it('generates passwords that pass the rules', () => {
    for (let i = 0; i < 50; i++) expect(PasswordSchema.safeParse(generatePassword()).success).toBe(true);
  });
});

describe('safeNext', () => {
  it.each([
    ['/quan-tri/nhat-ky', '/quan-tri/nhat-ky'],
    ['//evil.example', '/quan-tri'],
    ['https://evil.example', '/quan-tri'],
    ['/\\evil.example', '/quan-tri'],
    [null, '/quan-tri'],
  ])('%s → %s', (input, expected) => {
    expect(safeNext(input)).toBe(expected);
  });
});
