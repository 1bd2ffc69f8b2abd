/**
 * The build of a publication: `astro build` of the project in a child process, niced so that it
 * yields the CPU to the requests the site is serving, with the content snapshot as CONTENT_DIR
 * and a build folder of its own as BUILD_DIR. Its output is kept (the end of it) so that a
 * failure shows the build's own Vietnamese content errors: file, field, what is needed.
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import type { ContentIssue } from '../cms/validate';

export interface BuildRun {
  ok: boolean;
  durationMs: number;
  /** The end of the build's output (at most 256 KB). */
  output: string;
  timedOut: boolean;
}

export interface BuildOptions {
  sourceDir: string;
  contentDir: string;
  outDir: string;
  nice: number;
  timeoutMs: number;
  env?: Record<string, string | undefined>;
  /** Called with the child as soon as it runs (so that a shutdown can stop it). */
  onSpawn?: (stop: () => void) => void;
}

const KEEP_OUTPUT = 256 * 1024;

/** Runs the build; resolves when it ends (never rejects for a failed build). */
export function runBuild(options: BuildOptions): Promise<BuildRun> {
  const started = performance.now();
  const astro = path.join(options.sourceDir, 'node_modules', 'astro', 'astro.js');
  return new Promise((resolve) => {
    // --force: Astro's content cache keeps each entry's file path and reuses it for an
    // unchanged entry, which points into the previous (deleted) content snapshot.
    const child = spawn(process.execPath, [astro, 'build', '--force'], {
      cwd: options.sourceDir,
      env: {
        ...process.env,
        ...options.env,
        CONTENT_DIR: options.contentDir,
        BUILD_DIR: options.outDir,
        NO_COLOR: '1',
        FORCE_COLOR: '0',
        ASTRO_TELEMETRY_DISABLED: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (child.pid !== undefined) {
      try {
        // Threads the build starts later (libuv, esbuild, sharp) inherit this niceness.
        os.setPriority(child.pid, options.nice);
      } catch {
        // Not permitted here: the build runs at normal priority.
      }
    }
    let output = '';
    const keep = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.length > KEEP_OUTPUT * 2) output = output.slice(-KEEP_OUTPUT);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let timedOut = false;
    const stop = () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    };
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, options.timeoutMs);
    timer.unref();
    options.onSpawn?.(stop);
    let ended = false;
    const end = (ok: boolean) => {
      if (ended) return;
      ended = true;
      clearTimeout(timer);
      resolve({ ok: ok && !timedOut, durationMs: performance.now() - started, output: output.slice(-KEEP_OUTPUT), timedOut });
    };
    // A build that cannot start (no project at PUBLISH_SOURCE_DIR) fails like any other.
    child.once('error', (error) => {
      output += `\n${error.message}`;
      end(false);
    });
    child.once('close', (code) => end(code === 0));
  });
}

/**
 * The errors a failed build printed, as content issues. Astro reports an entry that breaks its
 * schema as `[InvalidContentEntryDataError] fairs → <id> data does not match …`, then one
 * `  field: message` line per problem (our schemas' Vietnamese messages) and `Location: <file>`.
 * Any other error becomes one issue with its first line, and the file when the build names it.
 */
export function parseBuildErrors(output: string, contentDir: string): ContentIssue[] {
  const lines = output.split(/\r?\n/);
  const issues: ContentIssue[] = [];
  const relative = (file: string) => {
    const clean = file.trim().replace(/:\d+:\d+$/, '');
    const rel = path.relative(contentDir, clean);
    return rel.startsWith('..') || path.isAbsolute(rel) ? clean : rel.split(path.sep).join('/');
  };
  const locationAfter = (i: number): string | null => {
    for (let j = i + 1; j < Math.min(lines.length, i + 40); j++) {
      const line = lines[j] ?? '';
      if (/^\s*Location:\s*$/.test(line)) return relative(lines[j + 1] ?? '');
      const inline = /^\s*Location:\s*(\S.*)$/.exec(line);
      if (inline?.[1]) return relative(inline[1]);
      if (/^\[[A-Za-z]+\]/.test(line)) break;
    }
    return null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const head = /^\[([A-Za-z]+)\]\s*(.*)$/.exec(line);
    if (!head) continue;
    const [, kind = '', text = ''] = head;
    const file = locationAfter(i) ?? '';
    if (kind === 'InvalidContentEntryDataError' || /does not match collection schema/.test(text)) {
      let found = false;
      for (let j = i + 1; j < lines.length; j++) {
        const detail = lines[j] ?? '';
        if (/^\s*(Hint|Error reference|Location|Stack trace):/.test(detail) || /^\[[A-Za-z]+\]/.test(detail)) break;
        const m = /^\s{2,}\**([\w.[\]-]+)\**:\s+(.+)$/.exec(detail);
        if (m?.[1] && m[2]) {
          issues.push({ file, field: m[1], label: null, message: m[2].trim() });
          found = true;
        }
      }
      if (!found) issues.push({ file, field: null, label: null, message: text });
    } else {
      issues.push({ file, field: null, label: null, message: `${kind}: ${text}`.slice(0, 500) });
    }
  }
  if (!issues.length) {
    const tail = lines.filter((l) => l.trim()).slice(-5).join(' ').slice(-500);
    issues.push({ file: '', field: null, label: null, message: `Dựng trang không thành công: ${tail || 'không rõ lý do'}` });
  }
  return issues;
}
