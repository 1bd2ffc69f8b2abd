/**
 * Server entry point, in place of @astrojs/node's own (see astro.config.mjs): validates the
 * environment, opens and migrates the database, then serves Astro's handler through our HTTP
 * layer. `node dist/server/entry.mjs` runs this.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { SSRManifest } from 'astro';
import { createExports as createNodeExports } from '@astrojs/node/server.js';
import { EnvError, getEnv } from './env';
import { createHttpServer, shutdownGracefully, type Handler } from './http-server';
import { bootServer, stopServer } from './boot';
import { startRegistrationWriter, stopRegistrationWriter } from './registrations/writer';
import { createStaticServer, isStaticPath } from './static-files';
import { compressOnDemand } from './compression';
import { answerSearch, isSearchApiTarget } from './search/fast-path';
import { answerRegistration, fastRegistrationSlug } from './registrations/fast-path';
import { siteUrlWarning } from './build-info';
import { drainServer, isClusterWorker, onDrainRequest, shouldRunPrimary } from './publishing/cluster';
import { startPrimary } from './publishing/primary';
import { getPublishingSettings } from './publishing/settings';
import { warmUp } from './publishing/warm-up';

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

/**
 * The built server and client folders, found from this module's own location as the adapter
 * finds them (the build may have been moved since it was made).
 */
function buildFolders(options: NodeOptions): { server: string; client: string } {
  const builtServer = fileURLToPath(options.server);
  const relativeClient = path.relative(builtServer, fileURLToPath(options.client));
  let server = path.dirname(fileURLToPath(import.meta.url));
  while (path.basename(server) !== path.basename(builtServer) && path.dirname(server) !== server) server = path.dirname(server);
  return { server, client: path.resolve(server, relativeClient) };
}

/**
 * Astro's handler behind our static file server. GET and HEAD of a built file are answered by
 * static-files.ts (precompressed copies, no file-system lookup for anything else); other
 * methods to a built file get 405; `GET /api/search` and most booth registration posts are
 * answered before Astro (search/fast-path.ts, registrations/fast-path.ts);
 * everything else goes straight to Astro (the adapter's
 * "middleware" mode, without its per-request stat) and its answer is compressed when large
 * enough (compression.ts).
 */
function astroHandler(manifest: SSRManifest, options: NodeOptions, clientDir: string): Handler {
  const { handler: appOnly } = createNodeExports(manifest, { ...options, mode: 'middleware' });
  const app = appOnly as (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  const statics = createStaticServer(clientDir);
  // SEARCH_FAST_PATH=0 sends the search API through Astro like any route (to compare, or to debug).
  const fastSearch = process.env['SEARCH_FAST_PATH'] !== '0';
  // REGISTRATION_FAST_PATH=0 does the same for booth registration posts.
  const fastRegistration = process.env['REGISTRATION_FAST_PATH'] !== '0';
  const toAstro = (req: IncomingMessage, res: ServerResponse) => {
    compressOnDemand(req, res);
    void app(req, res);
  };
  return (req, res) => {
    const url = req.url ?? '/';
    try {
      decodeURI(url);
    } catch {
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Địa chỉ không hợp lệ.');
      return;
    }
    // The search API, answered before Astro (search/fast-path.ts says what it skips).
    if (fastSearch && req.method === 'GET' && isSearchApiTarget(url)) {
      answerSearch(req, res, () => toAstro(req, res));
      return;
    }
    // A booth registration post, answered before Astro (registrations/fast-path.ts says which).
    const slug = fastRegistration ? fastRegistrationSlug(req) : null;
    if (slug !== null) {
      answerRegistration(req, res, slug, () => toAstro(req, res));
      return;
    }
    if (req.method === 'GET' || req.method === 'HEAD') {
      if (!statics.serve(req, res, () => toAstro(req, res))) toAstro(req, res);
      return;
    }
    if (isStaticPath(statics.files, url)) {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Trang này chỉ cho phép xem (GET), không nhận dữ liệu gửi lên.');
      return;
    }
    toAstro(req, res);
  };
}

export function start(manifest: SSRManifest, options: NodeOptions): void {
  if (process.env['ASTRO_NODE_AUTOSTART'] === 'disabled') return;
  let env;
  let ready: Promise<void>;
  try {
    env = getEnv();
    // Publishing (publishing/primary.ts): this process keeps the socket and runs the build
    // the site serves in a worker; the worker is this same code, below.
    if (shouldRunPrimary()) {
      startPrimary(env, getPublishingSettings(), path.resolve(process.argv[1] ?? fileURLToPath(import.meta.url)));
      return;
    }
    ready = bootServer(env, isClusterWorker() ? 'worker' : 'single');
  } catch (error) {
    process.stderr.write(
      `${error instanceof EnvError || error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  }
  const folders = buildFolders(options);
  const siteWarning = siteUrlWarning(folders.server, env.SITE_URL);
  if (siteWarning) process.stderr.write(`${siteWarning}\n`);
  // Built beside entry.mjs by astro.config.mjs (registrationWriterThread).
  const writer = startRegistrationWriter(pathToFileURL(path.join(folders.server, 'registration-writer.mjs')), {
    databasePath: env.DATABASE_PATH,
    synchronous: env.DATABASE_SYNCHRONOUS,
  });
  if (!writer && env.DATABASE_PATH !== ':memory:') {
    process.stderr.write('Cảnh báo: không thấy registration-writer.mjs trong bản dựng; đăng ký gian hàng sẽ ghi trên luồng chính.\n');
  }
  const handler = astroHandler(withAllowedDomains(manifest, env.SITE_URL), options, folders.client);
  const server = createHttpServer(handler, env);
  const listen = () =>
    server.listen(env.PORT, env.HOST, () => {
      process.stdout.write(`Máy chủ đang chạy tại http://${env.HOST}:${String(env.PORT)}
`);
    });
  // Listen once boot's background work that requests depend on (demo judges) is done; a cluster
  // worker (its search index ready too) warms up first, so its first visitors do not wait for it.
  void ready.then(() => (isClusterWorker() ? warmUp(handler, env) : undefined)).finally(listen);
  let stopping = false;
  const exit = () => {
    void stopRegistrationWriter()
      .catch(() => undefined)
      .finally(() => {
        stopServer();
        process.exit(0);
      });
  };
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`Nhận ${signal}: dừng nhận yêu cầu mới, chờ các yêu cầu đang xử lý…\n`);
    shutdownGracefully(server, exit);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  // A newer build took over the socket: finish what this one serves (an upload may take the
  // whole REQUEST_TIMEOUT_SECONDS), then exit.
  onDrainRequest(() => {
    if (stopping) return;
    stopping = true;
    drainServer(server, env.REQUEST_TIMEOUT_SECONDS * 1000, exit);
  });
}
