/** Per-IP rate limit on registration posts (REGISTRATION_RATE_LIMIT per minute; 0 = off). */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkRegistrationRate, resetRegistrationRate } from '../../src/lib/server/registrations/rate-limit';

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
