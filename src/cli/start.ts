/**
 * `npm start`: builds when the build is missing or older than the sources, then runs the
 * server in demo mode (demo accounts, embedded database) unless DEMO is set otherwise.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const entry = path.resolve('dist', 'server', 'entry.mjs');
const sources = ['src', 'content', 'public', 'db', 'astro.config.mjs', 'package-lock.json'];

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(target)) {
    if (name === 'data' || name.endsWith('.sqlite') || name.includes('.sqlite-')) continue;
    newest = Math.max(newest, newestMtime(path.join(target, name)));
  }
  return newest;
}

const builtAt = existsSync(entry) ? statSync(entry).mtimeMs : 0;
if (builtAt < Math.max(...sources.map(newestMtime))) {
  process.stdout.write('Đang build trang web (lần đầu mất khoảng một phút)…\n');
  const build = spawnSync('npx', ['astro', 'build'], { stdio: 'inherit', env: { ...process.env, BUILD_DIR: '' } });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const server = spawn(process.execPath, [entry], {
  stdio: 'inherit',
  env: { DEMO: 'true', ...process.env },
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
