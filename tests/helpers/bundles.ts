/**
 * The browser bundles of a build, read from its files: which modules a script imports
 * statically (loaded with it) and dynamically (loaded when the code asks), as Vite writes them
 * into `client/_astro` (minified ES modules importing each other by relative path).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export function importsOf(source: string): { statics: string[]; dynamics: string[] } {
  const statics = [...source.matchAll(/(?:from|import)\s*"(\.\.?\/[^"]+\.js)"/g)].map((m) => m[1] ?? '');
  const dynamics = [...source.matchAll(/import\(\s*"(\.\.?\/[^"]+\.js)"\s*\)/g)].map((m) => m[1] ?? '');
  return { statics, dynamics };
}

/** The bundles of a build's client folder. */
export function bundles(clientDir: string) {
  const source = (file: string) => readFileSync(path.join(clientDir, '_astro', file), 'utf8');
  /** A script's static import closure (file names in `_astro`), itself included. */
  function closure(url: string, into = new Set<string>()): Set<string> {
    const file = path.posix.basename(url);
    if (into.has(file)) return into;
    into.add(file);
    for (const s of importsOf(source(file)).statics) closure(s, into);
    return into;
  }
  /** What the modules of `files` import dynamically, with those imports' closures, minus `files`. */
  function onDemand(files: Set<string>): Set<string> {
    const out = new Set<string>();
    for (const f of files) for (const d of importsOf(source(f)).dynamics) for (const c of closure(d)) if (!files.has(c)) out.add(c);
    return out;
  }
  return { source, closure, onDemand };
}
