/**
 * A worker that takes over from another (a publication, a restart) warms up before it joins
 * the primary's round robin: its search index built (boot.ts), and the on-demand pages rendered once
 * through its own handler on a private port — so that the first visitors after a switch do not
 * wait for the new build to load its page modules and compile its code. Without this, the
 * requests of the first second after a switch waited up to ~0.7 s (bench:publish).
 */
import type { AddressInfo } from 'node:net';
import type { Env } from '../env';
import { createHttpServer, type Handler } from '../http-server';

/** On-demand routes the site's visitors use most; a failure of one is ignored (it only warms). */
const PATHS = ['/healthz', '/', '/hoi-cho', '/san-pham', '/ocop', '/tim-kiem?q=nuoc+mam', '/dang-nhap'];

/** Renders the on-demand pages once (at most `timeoutMs`); never throws. */
export async function warmUp(handler: Handler, env: Env, timeoutMs = 20_000): Promise<void> {
  const work = (async () => {
    // exclusive: a port of this process alone, not shared through the cluster's primary.
    const server = createHttpServer(handler, { ...env, LOG_REQUESTS: false });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port: 0, host: '127.0.0.1', exclusive: true }, resolve);
    });
    const { port } = server.address() as AddressInfo;
    try {
      for (const p of PATHS) {
        await fetch(`http://127.0.0.1:${String(port)}${p}`, { redirect: 'manual' })
          .then((r) => r.arrayBuffer())
          .catch(() => undefined);
      }
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  })();
  await Promise.race([work.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
}
