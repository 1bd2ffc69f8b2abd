// @ts-check
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import react from '@astrojs/react';
import { compressData, ogCacheDir, writeBuildInfo, writeOgCard } from './src/lib/server/build-output.mjs';
import { ogImageDrawerProcess } from './src/lib/server/og-drawer-process.mjs';
import { precompressAsWritten, precompressDir } from './src/lib/server/precompress.mjs';
import { bundleContentEditor } from './src/lib/server/editor-bundle.mjs';
import { memoiseDigests } from './src/lib/server/digest-memo.mjs';
import { dataStoreFile } from './src/lib/server/data-store-file.mjs';
import { contentAssetImportsOncePerFile } from './src/lib/server/content-asset-imports.mjs';

/**
 * @astrojs/node in standalone mode, with our own server entry point in front of it:
 * the entry applies migrations, validates the environment and handles SIGTERM before
 * and after the adapter's HTTP server runs (the adapter itself has no start-up hook).
 * @param {Parameters<typeof node>[0]} options
 * @returns {import('astro').AstroIntegration}
 */
function nodeWithBoot(options) {
  const integration = node(options);
  const configDone = integration.hooks['astro:config:done'];
  if (!configDone) throw new Error('@astrojs/node has no astro:config:done hook');
  integration.hooks['astro:config:done'] = (params) =>
    configDone({
      ...params,
      setAdapter: (adapter) =>
        params.setAdapter({
          ...adapter,
          serverEntrypoint: fileURLToPath(new URL('./src/lib/server/entrypoint.ts', import.meta.url)),
        }),
    });
  return integration;
}

/**
 * A build outside the project (tests and benchmarks build into temporary folders) cannot resolve
 * the server's external packages: link the project's node_modules beside it.
 * @returns {import('astro').AstroIntegration}
 */
function linkNodeModulesOutOfTree() {
  /** @type {URL | undefined} */
  let outDir;
  return {
    name: 'link-node-modules-out-of-tree',
    hooks: {
      'astro:config:done': ({ config }) => {
        outDir = config.outDir;
      },
      // After the server bundle is written and before pages are prerendered from it.
      'astro:build:ssr': () => {
        if (!outDir) return;
        const root = fileURLToPath(new URL('.', import.meta.url));
        const out = fileURLToPath(outDir);
        if (!path.relative(root, out).startsWith('..')) return;
        const link = path.join(out, 'node_modules');
        if (!fs.existsSync(link)) fs.symlinkSync(path.join(root, 'node_modules'), link, 'dir');
      },
    },
  };
}

/**
 * The registration writer thread (src/lib/server/registrations/writer-thread.ts) runs as a
 * worker, so it must be a file of its own: bundle it beside the server entry after the server
 * build. Packages stay external, resolved from node_modules like the server's own.
 * @returns {import('astro').AstroIntegration}
 */
function registrationWriterThread() {
  /** @type {URL | undefined} */
  let serverDir;
  return {
    name: 'registration-writer-thread',
    hooks: {
      'astro:config:done': ({ config }) => {
        serverDir = config.build.server;
      },
      'astro:build:ssr': async ({ logger }) => {
        if (!serverDir) return;
        const { build } = await import('esbuild');
        await build({
          entryPoints: [fileURLToPath(new URL('./src/lib/server/registrations/writer-thread.ts', import.meta.url))],
          outfile: fileURLToPath(new URL('registration-writer.mjs', serverDir)),
          bundle: true,
          platform: 'node',
          format: 'esm',
          target: 'node20',
          packages: 'external',
          logLevel: 'warning',
        });
        logger.info('registration-writer.mjs');
      },
    },
  };
}

/**
 * The server bundle without Rollup's tree-shaking: it was half of that bundle's CPU (3.1 s of
 * 6.8 at 0 products, `includeStatements`) to drop 4 % of the server's bytes, which run on the
 * server only (prerendering imports them once). The client build, which visitors download,
 * keeps it.
 * @returns {import('astro').AstroIntegration}
 */
function serverBundleWithoutTreeShaking() {
  return {
    name: 'server-bundle-without-tree-shaking',
    hooks: {
      'astro:build:setup': ({ vite, target }) => {
        if (target !== 'server') return;
        vite.build = { ...vite.build, rollupOptions: { ...vite.build?.rollupOptions, treeshake: false } };
      },
    },
  };
}

/** Client files whose `.br`/`.gz` copies an integration put there already (precompression skips them). */
const alreadyCompressed = new Set();

/**
 * The content editor's script, bundled by esbuild outside Vite's client build and reused while
 * its inputs are unchanged (src/lib/server/editor-bundle.mjs): `virtual:content-editor` is its
 * URL, which the editor page loads; the build copies it and its compressed copies into
 * `_astro/`. `astro dev` serves it, bundled again when a file it is made of has changed.
 * @returns {import('astro').AstroIntegration}
 */
function contentEditorBundle() {
  const root = fileURLToPath(new URL('.', import.meta.url));
  const make = () => bundleContentEditor({ root, compress: (data) => compressData(data, true) });
  /** @type {ReturnType<typeof make> | undefined} */
  let bundle;
  const DEV_URL = '/_astro/ContentEditor.dev.js';
  return {
    name: 'content-editor-bundle',
    hooks: {
      'astro:config:setup': ({ updateConfig, command }) => {
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'content-editor-bundle',
                resolveId: (id) => (id === 'virtual:content-editor' ? '\0virtual:content-editor' : null),
                load: async (id) => {
                  if (id !== '\0virtual:content-editor') return null;
                  const src = command === 'dev' ? DEV_URL : `/_astro/${(await (bundle ??= make())).name}`;
                  return `export default ${JSON.stringify(src)};`;
                },
                configureServer(server) {
                  server.middlewares.use((req, res, next) => {
                    if (req.url !== DEV_URL) return next();
                    make().then(
                      ({ file }) => {
                        res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
                        res.end(fs.readFileSync(file));
                      },
                      next,
                    );
                  });
                },
              },
            ],
          },
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const t0 = performance.now();
        const { name, file, reused } = await (bundle ??= make());
        const target = path.join(fileURLToPath(dir), '_astro', name);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        for (const suffix of ['', '.br', '.gz']) fs.copyFileSync(`${file}${suffix}`, `${target}${suffix}`);
        alreadyCompressed.add(target);
        logger.info(`content editor: ${name} (${reused ? 'reused from the cache' : 'bundled'}) in ${(performance.now() - t0).toFixed(0)} ms`);
      },
    },
  };
}

/**
 * Brotli and gzip copies beside every compressible client file (the static file server and
 * nginx send them as they are; worker threads, precompress.mjs): the client build's files and
 * the pages while the pages are prerendered, the rest after the build. The sharing images
 * (og:image: the card of pages without a picture, and a JPEG of each picture the pages link,
 * kept across builds) are drawn by a low-priority process as the links are found, while the
 * pages are prerendered (og-drawer-process.mjs). Then `build-info.json` beside the server entry with the
 * SITE_URL the pages were built for (a server started with another one warns).
 * @param {string} siteUrl
 * @returns {import('astro').AstroIntegration}
 */
function precompressAndBuildInfo(siteUrl) {
  /** @type {URL | undefined} */
  let serverDir;
  /** @type {URL | undefined} */
  let clientDir;
  /** @type {ReturnType<typeof precompressAsWritten> | undefined} */
  let asWritten;
  /** @type {ReturnType<typeof ogImageDrawerProcess> | undefined} */
  let drawer;
  let forgetDigests = () => {};
  /** @param {string} client */
  const startDrawer = (client) =>
    ogImageDrawerProcess(client, {
      cacheDir: ogCacheDir(fileURLToPath(new URL('.', import.meta.url))),
      // While the pages are prerendered the pictures are in the server folder's _astro/.
      sourceDirs: [path.join(client, '_astro'), ...(serverDir ? [fileURLToPath(new URL('_astro/', serverDir))] : [])],
    });
  return {
    name: 'precompress-and-build-info',
    hooks: {
      'astro:config:done': ({ config }) => {
        serverDir = config.build.server;
        clientDir = config.build.client;
      },
      // After both bundles, before the pages are prerendered: they are compressed as they are
      // written, and their sharing images drawn as their links are found (og-drawer-process.mjs).
      'astro:build:ssr': () => {
        if (!clientDir) return;
        const og = (drawer = startDrawer(fileURLToPath(clientDir)));
        asWritten = precompressAsWritten(fileURLToPath(clientDir), { onOg: og.add });
        // Each page's CSP hashes of the same stylesheets: one WebCrypto digest per input, not per page.
        forgetDigests = memoiseDigests();
      },
      'astro:build:done': async ({ dir, logger }) => {
        forgetDigests();
        const client = fileURLToPath(dir);
        logger.info('precompression: starting');
        const t0 = performance.now();
        const early = await asWritten?.stop();
        // The sharing images (JPEG and PNG: not compressed again) are drawn while the rest is
        // compressed, from the links the precompression workers read in the pages' heads.
        const card = writeOgCard(client);
        card.catch(() => {}); // awaited below: not an unhandled rejection meanwhile
        const og = drawer ?? startDrawer(client);
        for (const [key, fit] of early?.og ?? []) og.add(key, fit);
        const { stats: rest } = await precompressDir(client, { skip: alreadyCompressed, written: early?.written, onOg: og.add });
        const stats = { ...rest };
        for (const k of /** @type {const} */ (['files', 'bytes', 'brotliBytes', 'gzipBytes'])) stats[k] += early?.stats[k] ?? 0;
        const mb = (/** @type {number} */ b) => (b / 1024 / 1024).toFixed(1);
        logger.info(
          `precompressed ${String(stats.files)} files (${mb(stats.bytes)} MB → br ${mb(stats.brotliBytes)} MB, gzip ${mb(stats.gzipBytes)} MB), ${String(early?.stats.files ?? 0)} of them while the pages were prerendered, the rest in ${(performance.now() - t0).toFixed(0)} ms`,
        );
        logger.info('sharing images: drawing');
        const og0 = performance.now();
        await card;
        const { drawn, reused } = await og.done();
        logger.info(
          `${String(drawn + reused + 1)} sharing images (1200 × 630, ${String(reused)} from the cache) in ${(performance.now() - t0).toFixed(0)} ms, ${(performance.now() - og0).toFixed(0)} ms after precompression`,
        );
        if (serverDir && fs.existsSync(serverDir)) {
          writeBuildInfo(fileURLToPath(serverDir), siteUrl);
        }
      },
    },
  };
}

/**
 * The content layer in the server bundle: its data store beside the server chunks as JSON, not
 * bundled as a module (src/lib/server/data-store-file.mjs says why), and its image imports one
 * per file, not one per entry (src/lib/server/content-asset-imports.mjs).
 * @returns {import('astro').AstroIntegration}
 */
function contentLayerInTheBundle() {
  return {
    name: 'content-layer-in-the-bundle',
    hooks: {
      'astro:config:setup': ({ config, updateConfig }) => {
        updateConfig({ vite: { plugins: [dataStoreFile(config.cacheDir), contentAssetImportsOncePerFile(config.root)] } });
      },
    },
  };
}

const site = process.env['SITE_URL'] || 'http://localhost:4321';

export default defineConfig({
  site,
  // Tests and benchmarks build elsewhere so they never replace the build `npm start` serves.
  outDir: process.env['BUILD_DIR'] || './dist',
  output: 'static',
  trailingSlash: 'ignore',
  adapter: nodeWithBoot({ mode: 'standalone' }),
  integrations: [
    // React 18 (README "Decisions": the islands' bytes) renders islands on the server with
    // renderToString: its streaming renderer flushes whole 2 KB buffers, so a multi-byte
    // character (every Vietnamese diacritic) at a buffer's end leaves NUL bytes in the HTML
    // (facebook/react#26228, fixed in 19 only). No island suspends on the server.
    react({ experimentalDisableStreaming: true }),
    contentEditorBundle(),
    linkNodeModulesOutOfTree(),
    registrationWriterThread(),
    serverBundleWithoutTreeShaking(),
    contentLayerInTheBundle(),
    precompressAndBuildInfo(site),
  ],
  server: { host: process.env['HOST'] || 'localhost', port: Number(process.env['PORT'] || 4321) },
  // 'auto': the site's stylesheet (7.4 KB) is one file every page links and the browser caches,
  // not a copy in each page's HTML, its compressed copies and its CSP hash (a third of a product
  // page's bytes and per-page hashing at build); a page's own small styles stay inlined.
  // concurrency 4: four pages of a route rendered at a time. One at a time, the main thread
  // waited 2.5 s of its 8.3 s of prerendering (5,000 products) on each page's own thread-pool
  // trips — its style hashes (crypto.subtle), its folder and its file — with nothing else to
  // do; 2 was less, 8 no better (README "Figures"). The pages are the same bytes either way.
  build: { format: 'directory', inlineStylesheets: 'auto', concurrency: 4 },
  security: { checkOrigin: true },
  prefetch: false,
  devToolbar: { enabled: false },
  experimental: {
    // Astro hashes every script and style it emits into a per-page CSP <meta>; the server adds
    // the directives a <meta> cannot carry (frame-ancestors) as a header — see lib/server/http.ts.
    csp: {
      directives: [
        "default-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
      ],
    },
  },
  vite: {
    resolve: {
      alias: {
        '~': fileURLToPath(new URL('./src', import.meta.url)),
        '@db': fileURLToPath(new URL('./db', import.meta.url)),
      },
    },
    ssr: { external: ['better-sqlite3', '@node-rs/argon2'] },
  },
});
