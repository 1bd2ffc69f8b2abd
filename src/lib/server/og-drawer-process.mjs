// @ts-check
/**
 * The sharing-image drawer (ogImageDrawer, build-output.mjs) in a process of its own at the
 * lowest priority — every thread of it: `nice` starts it (where there is none, it runs at the
 * normal priority), since a process's threads take their
 * priority from the thread that creates them and Node has its thread pool running before the
 * first line of a script (os.setPriority would leave sharp's libvips workers at the normal one).
 * Started before the pages are prerendered (astro.config.mjs), it draws each sharing image as
 * soon as the precompression worker finds its link, on the core prerendering leaves half idle,
 * instead of after the last page, where it took 1.9–2.5 s at 5,000 products, cold (the build
 * 28.2 → 21.0 s, mean of three alternated pairs).
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./og-drawer-child.mjs', import.meta.url));

/** `nice` on the PATH, if there is one (a minimal image may have none: the normal priority then). */
function findNice() {
  for (const dir of (process.env['PATH'] ?? '').split(path.delimiter)) {
    const file = path.join(dir || '.', 'nice');
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return null;
}

/**
 * @param {string} clientDir
 * @param {{ cacheDir?: string, concurrency?: number, sourceDirs?: readonly string[] }} [options] as ogImageDrawer's
 */
export function ogImageDrawerProcess(clientDir, options = {}) {
  const args = [process.execPath, CHILD, JSON.stringify({ clientDir, ...options })];
  const nice = process.platform === 'win32' ? null : findNice();
  const [command, ...rest] = nice ? [nice, '-n', '19', ...args] : args;
  const child = spawn(/** @type {string} */ (command), rest, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  // Until done() is awaited, it must not keep a build that failed from exiting.
  child.unref();
  child.channel?.unref();
  /** @type {Set<string>} */
  const seen = new Set();
  /** @type {Promise<{ drawn: number, reused: number }>} */
  const result = new Promise((resolve, reject) => {
    child.on('message', (/** @type {{ done?: { drawn: number, reused: number }, error?: string }} */ m) => {
      if (m.done) resolve(m.done);
      else reject(new Error(m.error ?? 'ảnh chia sẻ: lỗi không rõ'));
    });
    child.on('error', (error) => reject(new Error(`ảnh chia sẻ: không chạy được tiến trình vẽ (${error.message})`)));
    child.on('exit', (code, signal) => reject(new Error(`ảnh chia sẻ: tiến trình vẽ dừng (${signal ?? `mã ${String(code)}`})`)));
  });
  result.catch(() => {}); // awaited in done(); not an unhandled rejection meanwhile
  return {
    /** The drawing process (a test reads its threads' priority). */
    pid: child.pid,
    /**
     * One linked sharing image (key `<asset>-<cat|tron>`); links seen already are ignored.
     * @param {string} key
     * @param {'cover' | 'contain'} fit
     */
    add(key, fit) {
      if (seen.has(key) || !child.connected) return;
      seen.add(key);
      child.send({ add: [key, fit] });
    },
    /**
     * Waits for every drawing, as ogImageDrawer's done() (the first error, if any).
     * @returns {Promise<{ drawn: number, reused: number }>}
     */
    async done() {
      child.ref();
      child.channel?.ref();
      if (child.connected) child.send({ done: true });
      return result;
    },
  };
}
