/** The environment's limits for slow clients: defaults, validation, what Node is given. */
import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '../../src/lib/server/env';
import { timeoutOptions } from '../../src/lib/server/http-server';

describe('slow-client limits', () => {
  it('default to 20 s for headers, 300 s for the request, 5 s keep-alive', () => {
    const env = parseEnv({});
    expect([env.HEADERS_TIMEOUT_SECONDS, env.REQUEST_TIMEOUT_SECONDS, env.KEEP_ALIVE_TIMEOUT_SECONDS]).toEqual([20, 300, 5]);
    expect(timeoutOptions(env)).toEqual({ headersTimeout: 20_000, requestTimeout: 300_000, connectionsCheckingInterval: 5000 });
  });

  it('are checked often enough for a short limit', () => {
    expect(timeoutOptions({ HEADERS_TIMEOUT_SECONDS: 1, REQUEST_TIMEOUT_SECONDS: 2 }).connectionsCheckingInterval).toBe(250);
  });

  it('refuse nonsense, naming the variable', () => {
    for (const [name, value] of [['HEADERS_TIMEOUT_SECONDS', '0'], ['REQUEST_TIMEOUT_SECONDS', 'abc'], ['KEEP_ALIVE_TIMEOUT_SECONDS', '-1'], ['REQUEST_TIMEOUT_SECONDS', '99999']] as const) {
      expect(() => parseEnv({ [name]: value })).toThrow(EnvError);
      expect(() => parseEnv({ [name]: value })).toThrow(name);
    }
  });

  it('refuse a header limit longer than the request limit (Node would throw at start)', () => {
    expect(() => parseEnv({ HEADERS_TIMEOUT_SECONDS: '60', REQUEST_TIMEOUT_SECONDS: '30' })).toThrow(/HEADERS_TIMEOUT_SECONDS: không được lớn hơn REQUEST_TIMEOUT_SECONDS/);
  });
});
