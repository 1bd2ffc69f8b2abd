/**
 * A load generator (autocannon) that reads pages until it is stopped: for "no request is
 * dropped while the site switches builds" (the publishing test and bench:publish). Counts
 * every request, every answer that is not 2xx and every failed request (connection errors,
 * resets, timeouts).
 */
import { createRequire } from 'node:module';

interface Result {
  requests: { total: number; average: number };
  latency: { p50: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodeStats?: Record<string, { count: number }>;
}
interface Instance {
  stop(): void;
  on(event: 'reqError', listener: (error: Error) => void): void;
}
interface Options {
  url: string;
  connections: number;
  duration: number;
  timeout: number;
  overallRate?: number;
  requests: { method: string; path: string }[];
}
const autocannon = createRequire(import.meta.url)('autocannon') as (opts: Options, cb: (error: Error | null, result: Result) => void) => Instance;

export interface LoadReport {
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  p99: number;
  max: number;
  /** The first few request errors, for the failure message. */
  errorSamples: string[];
}

/**
 * Starts reading `paths` of `url` with `connections` keep-alive connections — as fast as they
 * go, or `rate` requests a second in all — and `stop()` ends it and reports.
 */
export function startLoad(url: string, paths: readonly string[], connections = 20, rate?: number): { stop(): Promise<LoadReport> } {
  const samples: string[] = [];
  let settle!: (r: LoadReport) => void;
  let fail!: (e: Error) => void;
  const done = new Promise<LoadReport>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  const instance = autocannon(
    { url, connections, duration: 3600, timeout: 30, ...(rate ? { overallRate: rate } : {}), requests: paths.map((p) => ({ method: 'GET', path: p })) },
    (error, result) => {
      if (error) {
        fail(error);
        return;
      }
      settle({
        requests: result.requests.total,
        non2xx: result.non2xx,
        errors: result.errors,
        timeouts: result.timeouts,
        statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([k, v]) => [k, v.count])),
        p99: result.latency.p99,
        max: result.latency.max,
        errorSamples: samples,
      });
    },
  );
  instance.on('reqError', (error) => {
    if (samples.length < 5) samples.push(error.message);
  });
  return {
    stop() {
      instance.stop();
      return done;
    },
  };
}
