/** Per-IP rate limit on registration posts (REGISTRATION_RATE_LIMIT per minute; 0 = off), and on status lookups per IP and per code. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LOOKUP_LIMIT, LOOKUP_WINDOW_MS, checkLookupRate, checkRegistrationRate, resetRegistrationRate } from '../../src/lib/server/registrations/rate-limit';

afterEach(() => {
  vi.useRealTimers();
  resetRegistrationRate();
});

describe('checkRegistrationRate', () => {
  it('allows the limit per minute per IP, then answers 429 with Retry-After; a new minute starts afresh', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    for (let i = 0; i < 3; i++) checkRegistrationRate('10.0.0.1', 3);
    expect(() => checkRegistrationRate('10.0.0.1', 3)).toThrow(expect.objectContaining({ status: 429, code: 'rate_limited' }) as Error);
    checkRegistrationRate('10.0.0.2', 3);
    vi.setSystemTime(new Date(Date.now() + 61_000));
    expect(() => checkRegistrationRate('10.0.0.1', 3)).not.toThrow();
  });

  it('is off at 0', () => {
    for (let i = 0; i < 1000; i++) checkRegistrationRate('10.0.0.3', 0);
  });
});

describe('checkLookupRate', () => {
  it('allows 20 lookups per 10 minutes per IP, then 429 lookup_rate_limited with Retry-After and a Vietnamese message', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    expect(LOOKUP_LIMIT).toBe(20);
    expect(LOOKUP_WINDOW_MS).toBe(600_000);
    // Different codes from one IP: the IP's count is what stops it.
    for (let i = 0; i < 20; i++) checkLookupRate('10.1.0.1', `CODE${String(i)}`);
    vi.setSystemTime(new Date(Date.now() + 4 * 60_000));
    let thrown: unknown;
    try {
      checkLookupRate('10.1.0.1', 'OTHER1');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ status: 429, code: 'lookup_rate_limited', retryAfterSeconds: 360 });
    expect((thrown as Error).message).toMatch(/tra cứu quá nhiều lần.*6 phút/);
    // Another IP is not affected.
    expect(() => checkLookupRate('10.1.0.2', 'OTHER2')).not.toThrow();
    // Once the window is over, the IP may look up again.
    vi.setSystemTime(new Date(Date.now() + 6 * 60_000));
    expect(() => checkLookupRate('10.1.0.1', 'OTHER3')).not.toThrow();
  });

  it('also limits one code across IPs (guessing its phone from many addresses)', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    for (let i = 0; i < 20; i++) checkLookupRate(`10.2.0.${String(i)}`, 'abc234');
    expect(() => checkLookupRate('10.2.1.1', 'ABC234')).toThrow(expect.objectContaining({ status: 429, code: 'lookup_rate_limited' }) as Error);
    expect(() => checkLookupRate('10.2.1.1', 'XYZ234')).not.toThrow();
  });

  it('is off at 0', () => {
    for (let i = 0; i < 1000; i++) checkLookupRate('10.4.0.1', 'ABC234', 0);
  });
});
