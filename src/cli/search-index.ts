/**
 * `npm run search:index`: (re)builds the search index from the Markdown content, idempotently.
 * With MEILISEARCH_HOST set it fills Meilisearch (waiting for every task); otherwise it builds
 * the embedded index file beside the database (<DATABASE_PATH>.search.sqlite), which the server
 * reuses when the content is unchanged. Options: --force (rebuild even when unchanged).
 */
import { existsSync, rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { getEnv } from '../lib/server/env';
import { loadSourceFromFiles } from '../lib/server/search/content-files';
import { buildDocuments } from '../lib/server/search/documents';
import { EmbeddedSearchEngine, searchIndexPath } from '../lib/server/search/embedded';
import { MeilisearchEngine } from '../lib/server/search/meilisearch';
import type { SearchEngine } from '../lib/server/search/types';

const { values } = parseArgs({ options: { force: { type: 'boolean', default: false } } });

async function main(): Promise<void> {
  const env = getEnv();
  const docs = buildDocuments(loadSourceFromFiles());
  let engine: SearchEngine;
  let where: string;
  if (env.MEILISEARCH_HOST) {
    engine = new MeilisearchEngine(env.MEILISEARCH_HOST, env.MEILISEARCH_API_KEY);
    where = env.MEILISEARCH_HOST;
  } else {
    where = searchIndexPath(env.DATABASE_PATH);
    if (values.force && existsSync(where)) for (const suffix of ['', '-wal', '-shm']) rmSync(`${where}${suffix}`, { force: true });
    engine = EmbeddedSearchEngine.open(where);
  }
  const report = await engine.index(docs);
  await engine.close();
  process.stdout.write(
    `${report.engine} (${where}): ${String(report.documents)} mục — ${report.rebuilt ? `đã lập chỉ mục trong ${String(Math.round(report.ms))} ms` : 'nội dung không đổi, giữ nguyên chỉ mục'}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`Không lập được chỉ mục tìm kiếm: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
