/**
 * Server entry point, in place of @astrojs/node's own (see astro.config.mjs): validates the
 * environment, opens and migrates the database, then serves Astro's handler through our HTTP
 * layer. `node dist/server/entry.mjs` runs this.
 */
import type { SSRManifest } from 'astro';
import { createExports as createNodeExports } from '@astrojs/node/server.js';
import { EnvError, getEnv } from './env';
import { createHttpServer, shutdownGracefully } from './http-server';
import { bootServer, stopServer } from './boot';
import { startRegistrationWriter, stopRegistrationWriter } from './registrations/writer';

type NodeOptions = Parameters<typeof createNodeExports>[1];

export function createExports(manifest: SSRManifest, options: NodeOptions) {
  return createNodeExports(manifest, options);
}

/**
 * Astro trusts the Host header only for `security.allowedDomains`; without it every request's
 * URL is http://localhost and its origin check refuses same-site form posts. Allow the host of
 * SITE_URL (read at run time, so one build serves any address) and localhost, any port.
 */
function withAllowedDomains(manifest: SSRManifest, siteUrl: string): SSRManifest {
  const site = new URL(siteUrl);
  const allowed = [
    ...(manifest.allowedDomains ?? []),
    { hostname: site.hostname, protocol: site.protocol.slice(0, -1) },
    { hostname: 'localhost' },
    { hostname: '127.0.0.1' },
  ];
  return { ...manifest, allowedDomains: allowed };
}

export function start(manifest: SSRManifest, options: NodeOptions): void {
  if (process.env['ASTRO_NODE_AUTOSTART'] === 'disabled') return;
  let env;
  try {
    env = getEnv();
    bootServer(env);
  } catch (error) {
    process.stderr.write(
      `${error instanceof EnvError || error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  }
  // Built beside the server's chunks by astro.config.mjs (registrationWriterThread).
  const writer = startRegistrationWriter([new URL('./registration-writer.mjs', import.meta.url), new URL('../registration-writer.mjs', import.meta.url)], {
    databasePath: env.DATABASE_PATH,
    synchronous: env.DATABASE_SYNCHRONOUS,
  });
  if (!writer && env.DATABASE_PATH !== ':memory:') {
    process.stderr.write('Cảnh báo: không thấy registration-writer.mjs trong bản dựng; đăng ký gian hàng sẽ ghi trên luồng chính.\n');
  }
  const { handler } = createNodeExports(withAllowedDomains(manifest, env.SITE_URL), options);
  const server = createHttpServer((req, res) => void handler(req, res), env);
  server.listen(env.PORT, env.HOST, () => {
    process.stdout.write(`Máy chủ đang chạy tại http://${env.HOST}:${String(env.PORT)}\n`);
  });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`Nhận ${signal}: dừng nhận yêu cầu mới, chờ các yêu cầu đang xử lý…\n`);
    shutdownGracefully(server, () => {
      void stopRegistrationWriter()
        .catch(() => undefined)
        .finally(() => {
          stopServer();
          process.exit(0);
        });
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
