/**
 * Where a build's wall time goes: the build's output lines are stamped as they arrive, and the
 * time between the lines that open each of Astro's phases (and this project's own steps, which
 * log their start and their duration) is summed per phase. Used by `npm run bench:build`.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface StampedLine {
  /** Milliseconds since the build was started. */
  at: number;
  /** The monotonic clock in microseconds (V8's CPU profiles stamp their samples with it). */
  mono: number;
  /** CPU milliseconds the build had used by then (cpuMsOf; per-page lines carry the last reading). */
  cpu: number;
  text: string;
}

/** The line that opens each phase, in the order Astro prints them. */
const MARKERS: { phase: string; opens: RegExp }[] = [
  { phase: 'start-up (config, integrations)', opens: /^/ },
  { phase: 'content sync (Markdown, schemas, images)', opens: /\[content\] Syncing content/ },
  { phase: 'server bundle (vite/rollup: pages, data store, content assets)', opens: /\[build\] Building server entrypoints/ },
  { phase: 'client bundle (vite/rollup: islands, the content editor)', opens: /building client \(vite\)/ },
  { phase: 'prerendering the pages', opens: /prerendering static routes|generating static routes/ },
  { phase: 'optimised images (astro:assets)', opens: /generating optimized images/ },
  { phase: 'precompression (brotli + gzip copies, worker threads)', opens: /precompression: starting/ },
  { phase: 'sharing images (og JPEGs, sharp)', opens: /sharing images: drawing/ },
  { phase: 'end (server assets, build-info)', opens: /\] \d+ sharing images \(1200/ },
];

/**
 * CPU milliseconds a process and its descendants have used so far, user and system, every thread
 * (libuv's pool that compresses and draws images, esbuild's service process) and the children it
 * has reaped, from /proc; 0 where there is no /proc. Unlike wall time and profile samples, this
 * does not grow when other processes load the machine.
 */
export function cpuMsOf(pid: number | undefined): number {
  if (pid === undefined) return 0;
  let ticks = 0;
  const parents = new Map<number, number>();
  const own = new Map<number, number>();
  let names: string[];
  try {
    names = readdirSync('/proc').filter((n) => /^\d+$/.test(n));
  } catch {
    return 0;
  }
  for (const name of names) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces, inside parentheses): state, ppid…
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const id = Number(name);
      parents.set(id, Number(fields[1]));
      // utime, stime, and for the build itself cutime, cstime (children it has waited for).
      own.set(id, Number(fields[11]) + Number(fields[12]) + (id === pid ? Number(fields[13]) + Number(fields[14]) : 0));
    } catch {
      // gone meanwhile
    }
  }
  const inTree = (id: number): boolean => {
    for (let at: number | undefined = id, hops = 0; at !== undefined && at > 1 && hops < 64; at = parents.get(at), hops++) if (at === pid) return true;
    return false;
  };
  for (const [id, t] of own) if (inTree(id)) ticks += t;
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/** Linux's USER_HZ, the unit of /proc's CPU times. */
const TICKS_PER_SECOND = 100;

// ANSI colour codes Astro's logger writes even into a pipe when FORCE_COLOR is set.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/**
 * Wall milliseconds per phase: each phase runs from the first line matching its marker (after
 * the previous phase began) to the first line of the next phase found; phases whose marker never
 * appears get nothing. `total` is the build's wall time; `from`/`to` are monotonic microseconds
 * when `startMono` is the monotonic instant of the build's start; `cpuMs` is the CPU the build
 * used in the phase when `totalCpu` is its CPU at the end.
 */
export function phasesOf(lines: readonly StampedLine[], total: number, startMono = 0, totalCpu = 0): { phase: string; ms: number; cpuMs: number; from: number; to: number }[] {
  const starts: { phase: string; at: number; cpu: number }[] = [];
  let from = 0;
  for (const marker of MARKERS) {
    const i = lines.findIndex((l, j) => j >= from && marker.opens.test(l.text.replace(ANSI, '')));
    if (i === -1) continue;
    const first = marker.phase.startsWith('start-up');
    starts.push({ phase: marker.phase, at: first ? 0 : (lines[i]?.at ?? 0), cpu: first ? 0 : (lines[i]?.cpu ?? 0) });
    from = i + 1;
  }
  return starts.map((s, k) => {
    const end = starts[k + 1]?.at ?? total;
    const endCpu = starts[k + 1]?.cpu ?? totalCpu;
    return { phase: s.phase, ms: end - s.at, cpuMs: endCpu - s.cpu, from: startMono + s.at * 1000, to: startMono + end * 1000 };
  });
}
