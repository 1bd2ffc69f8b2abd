/**
 * The one source of "now" for build-time and server code. Tests inject a clock with
 * CLOCK_NOW (an ISO instant): time then starts at that instant and runs on from there, so no
 * test depends on today's date. Islands use the browser's clock (Playwright sets it).
 */
const startedAt = Date.now();

function fixedStart(): number | null {
  const raw = typeof process === 'undefined' ? undefined : process.env['CLOCK_NOW'];
  if (!raw) return null;
  const t = Date.parse(raw);
  if (Number.isNaN(t)) throw new Error(`CLOCK_NOW không phải thời điểm hợp lệ: "${raw}"`);
  return t;
}

const base = fixedStart();

/** The current instant. */
export function now(): Date {
  return new Date(base === null ? Date.now() : base + (Date.now() - startedAt));
}
