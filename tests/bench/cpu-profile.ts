/**
 * Summarises V8 CPU profiles (`node --cpu-prof`) by where the time went: self time per npm
 * package (`node_modules/<name>`), per file of this project (the built chunks name their pages),
 * and per V8/Node category ("(garbage collector)", "(program)", node: internals). Used by
 * `npm run bench:build -- --profile`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string };
  hitCount?: number;
}
interface Profile {
  startTime: number;
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

function bucket(node: Node): string {
  const { url, functionName } = node.callFrame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0] ?? ''}`;
  const nm = url.lastIndexOf('node_modules/');
  if (nm !== -1) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1] ?? ''}` : (rest[0] ?? url);
  }
  // Built chunks of this project: dist/server/chunks/<name>_<hash>.mjs, pages/<route>.astro.mjs.
  const base = path.basename(url).replace(/_[A-Za-z0-9-]{8}\.mjs$/, '').replace(/\.mjs$/, '');
  return `project: ${base}`;
}

/** Self milliseconds per bucket over every profile in `dir`, largest first. */
export function summariseProfiles(dir: string): { bucket: string; ms: number }[] {
  const totals = new Map<string, number>();
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as Profile;
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((id, i) => {
      const node = byId.get(id);
      if (!node) return;
      const b = bucket(node);
      totals.set(b, (totals.get(b) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    });
  }
  return [...totals].map(([b, ms]) => ({ bucket: b, ms })).sort((a, b) => b.ms - a.ms);
}

/**
 * CPU milliseconds (samples that were not idle) between each pair of monotonic instants
 * (microseconds, the clock V8 stamps its samples with and `process.hrtime` reads), summed over
 * every profile in `dir`, and the three largest buckets of each window. Phases measured this way
 * hold still when other processes load the machine, which wall time does not.
 */
export function cpuByWindow(dir: string, windows: readonly { from: number; to: number }[]): { ms: number; top: { bucket: string; ms: number }[] }[] {
  const out = windows.map(() => ({ ms: 0, buckets: new Map<string, number>() }));
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as Profile;
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    let t = profile.startTime;
    profile.samples.forEach((id, i) => {
      const delta = profile.timeDeltas[i] ?? 0;
      t += delta;
      const node = byId.get(id);
      if (!node) return;
      const b = bucket(node);
      if (b === '(idle)') return;
      const w = windows.findIndex((win) => t >= win.from && t < win.to);
      const slot = out[w];
      if (!slot) return;
      slot.ms += delta / 1000;
      slot.buckets.set(b, (slot.buckets.get(b) ?? 0) + delta / 1000);
    });
  }
  return out.map((o) => ({
    ms: o.ms,
    top: [...o.buckets].map(([b, ms]) => ({ bucket: b, ms })).sort((a, b) => b.ms - a.ms).slice(0, 3),
  }));
}
