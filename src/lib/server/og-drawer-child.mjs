// @ts-check
/**
 * The child of og-drawer-process.mjs: one ogImageDrawer (build-output.mjs), fed over the IPC
 * channel — `{ add: [key, fit] }` for each linked image, then `{ done: true }`, answered with
 * `{ done: { drawn, reused } }` or `{ error }` before it disconnects.
 */
import { ogImageDrawer } from './build-output.mjs';

const send = process.send?.bind(process);
if (!send) throw new Error('og-drawer-child.mjs runs as a child process with an IPC channel');
const { clientDir, ...options } = /** @type {{ clientDir: string, cacheDir?: string, concurrency?: number, sourceDirs?: string[] }} */ (
  JSON.parse(process.argv[2] ?? '{}')
);
const drawer = ogImageDrawer(clientDir, options);
process.on('message', (/** @type {{ add?: [string, 'cover' | 'contain'], done?: true }} */ m) => {
  if (m.add) drawer.add(m.add[0], m.add[1]);
  else if (m.done) {
    drawer
      .done()
      .then(
        (done) => ({ done }),
        (/** @type {unknown} */ error) => ({ error: error instanceof Error ? error.message : String(error) }),
      )
      .then((reply) => send(reply, () => process.disconnect()));
  }
});
