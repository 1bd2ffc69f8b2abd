/**
 * `npm run bench:wire [-- --build .test-build]`: bytes on the wire per page type, before
 * (no Accept-Encoding: what every answer cost before compression) and after (a browser's
 * `Accept-Encoding: gzip, deflate, br, zstd`, and gzip alone), from the built server. One
 * example of each page type, its largest script and style, feeds and the search API.
 * Counts body bytes (headers aside). A script, not a test.
 */
import http from 'node:http';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startBuiltServer, tempDatabasePath } from '../helpers/registration-server';
import { TEST_PORT, testBuildDir } from '../test-env';

const { values } = parseArgs({ options: { build: { type: 'string' } } });
const build = path.resolve(values.build ?? testBuildDir());
const client = path.join(build, 'client');

function bodyBytes(url: string, accept: string | undefined): Promise<{ bytes: number; encoding: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: accept ? { 'accept-encoding': accept } : {} }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => resolve({ bytes, encoding: res.headers['content-encoding'] ?? '—' }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

/** The first built page under a folder (a product, a producer…). */
function firstUnder(folder: string): string {
  const names = readdirSync(path.join(client, folder), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const name = names[0];
  if (!name) throw new Error(`no page under ${folder}`);
  return `/${folder}/${name}`;
}

/** The largest built asset with this extension (the content editor aside: staff alone load it). */
function largest(ext: string): string {
  const dir = path.join(client, '_astro');
  const files = readdirSync(dir).filter((n) => n.endsWith(ext) && !n.startsWith('ContentEditor'));
  files.sort((a, b) => statSync(path.join(dir, b)).size - statSync(path.join(dir, a)).size);
  return files[0] ? `/_astro/${files[0]}` : '';
}

const fair = firstUnder('hoi-cho');
const targets: [string, string][] = [
  ['home', '/'],
  ['catalog (on demand)', '/san-pham'],
  ['product', firstUnder('san-pham')],
  ['OCOP (on demand)', '/ocop'],
  ['producer', firstUnder('co-so')],
  ['province', firstUnder('tinh')],
  ['fairs (on demand)', '/hoi-cho'],
  ['fair', fair],
  ['contests', '/binh-chon'],
  ['contest', firstUnder('binh-chon')],
  ['search page (on demand)', '/tim-kiem?q=nuoc+mam'],
  ['search API JSON', '/api/search?q=nuoc+mam'],
  ['RSS feed', '/rss/hoi-cho.xml'],
  ['iCalendar', `${fair}.ics`],
  ['sitemap', '/sitemap.xml'],
  ['largest script', largest('.js')],
  ['largest stylesheet', largest('.css')],
];

const db = tempDatabasePath('wire');
const server = await startBuiltServer({ port: TEST_PORT + 90, databasePath: db.file, buildDir: build });
try {
  const rows: string[] = [];
  let before = 0;
  let after = 0;
  for (const [label, url] of targets) {
    if (url === '') continue;
    const plain = await bodyBytes(`${server.url}${url}`, undefined);
    const br = await bodyBytes(`${server.url}${url}`, 'gzip, deflate, br, zstd');
    const gz = await bodyBytes(`${server.url}${url}`, 'gzip');
    before += plain.bytes;
    after += br.bytes;
    const kb = (b: number) => (b / 1024).toFixed(1);
    rows.push(
      `| ${label} | \`${url.length > 48 ? `${url.slice(0, 45)}…` : url}\` | ${kb(plain.bytes)} | ${kb(br.bytes)} (${br.encoding}) | ${kb(gz.bytes)} (${gz.encoding}) | ${((br.bytes / plain.bytes) * 100).toFixed(0)} % |`,
    );
  }
  process.stdout.write(
    [
      '| page type | example | before, KB | after, browser (br) | after, gzip only | after / before |',
      '|---|---|---|---|---|---|',
      ...rows,
      `| **all of the above** | | ${(before / 1024).toFixed(1)} | ${(after / 1024).toFixed(1)} | | ${((after / before) * 100).toFixed(0)} % |`,
      '',
    ].join('\n'),
  );
} finally {
  await server.stop();
  db.cleanup();
}
