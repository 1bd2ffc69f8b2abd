/**
 * The search module: which engine answers, and building its index from content.
 *
 * - MEILISEARCH_HOST set → Meilisearch. If it cannot be reached (at start or for one query),
 *   a Vietnamese warning is logged and the embedded engine answers instead.
 * - Otherwise the embedded engine, whose index lives in its own SQLite file next to the
 *   database, `<DATABASE_PATH>.search.sqlite`: a derived cache that can be deleted at any time,
 *   kept out of the application database so it needs no migrations and no backups, and reused
 *   across restarts — it is rebuilt at start only when the content hash differs.
 */
import { getEnv, type Env } from '../env';
import { now } from '../../clock';
import { toCalendarDate } from '../../format';
import type { SearchQuery, SearchResult } from '../../search-query';
import { loadSourceFromCollections } from './content-collections';
import { buildDocuments } from './documents';
import { EmbeddedSearchEngine, searchIndexPath } from './embedded';
import { MeilisearchEngine } from './meilisearch';
import type { IndexReport, SearchEngine } from './types';

export type { SearchEngine, SearchDocument, IndexReport } from './types';

export { searchIndexPath };

function warn(message: string, error: unknown): void {
  process.stderr.write(`Cảnh báo tìm kiếm: ${message}: ${error instanceof Error ? error.message : String(error)}\n`);
}

/** Opens the embedded index file; a broken file is not worth failing for — use memory instead. */
export function openEmbedded(databasePath: string): EmbeddedSearchEngine {
  // SEARCH_CACHE_SIZE: answers kept in memory (default 500; 0 turns the cache off).
  const size = Number(process.env['SEARCH_CACHE_SIZE'] ?? '500');
  const options = { cacheSize: Number.isInteger(size) && size >= 0 ? size : 500 };
  try {
    return EmbeddedSearchEngine.open(searchIndexPath(databasePath), options);
  } catch (error) {
    warn(`không mở được tệp chỉ mục ${searchIndexPath(databasePath)}, dùng chỉ mục trong bộ nhớ`, error);
    return EmbeddedSearchEngine.open(':memory:', options);
  }
}

interface Ready {
  primary: SearchEngine;
  /** The embedded engine behind Meilisearch, built on first need. */
  fallback: () => Promise<SearchEngine>;
  report: IndexReport;
}

let ready: Promise<Ready> | null = null;

async function prepare(env: Env): Promise<Ready> {
  const docs = buildDocuments(await loadSourceFromCollections());
  let embedded: Promise<{ engine: SearchEngine; report: IndexReport }> | null = null;
  const buildEmbedded = () =>
    (embedded ??= (async () => {
      const engine = openEmbedded(env.DATABASE_PATH);
      return { engine, report: await engine.index(docs) };
    })());
  const fallback = async () => (await buildEmbedded()).engine;
  if (env.MEILISEARCH_HOST) {
    const meili = new MeilisearchEngine(env.MEILISEARCH_HOST, env.MEILISEARCH_API_KEY);
    try {
      return { primary: meili, fallback, report: await meili.index(docs) };
    } catch (error) {
      warn('không lập được chỉ mục Meilisearch, dùng bộ tìm kiếm nhúng (SQLite)', error);
    }
  }
  if (process.env['SEARCH_INDEX_FROZEN'] === '1') {
    // Serve the index file as `npm run search:index` (or the benchmark) left it, without
    // comparing it with the content this build carries.
    const engine = openEmbedded(env.DATABASE_PATH);
    if (engine.hash) return { primary: engine, fallback: () => Promise.resolve(engine), report: { engine: 'embedded', documents: engine.size, rebuilt: false, ms: 0 } };
    await engine.close();
  }
  const { engine, report } = await buildEmbedded();
  return { primary: engine, fallback, report };
}

function getReady(): Promise<Ready> {
  ready ??= prepare(getEnv()).catch((error: unknown) => {
    ready = null; // try again on the next search
    throw error;
  });
  return ready;
}

/**
 * Builds (or checks) the index at server start. Never throws: a failure is logged as a
 * warning and the next search tries again.
 */
export async function indexSearchAtStart(): Promise<void> {
  try {
    const { report } = await getReady();
    process.stdout.write(
      `Tìm kiếm (${report.engine}): ${String(report.documents)} mục, ${report.rebuilt ? `đã lập chỉ mục trong ${String(Math.round(report.ms))} ms` : 'nội dung không đổi, dùng lại chỉ mục'}\n`,
    );
  } catch (error) {
    warn('chưa lập được chỉ mục tìm kiếm, sẽ thử lại ở lần tìm tiếp theo', error);
  }
}

/** Answers a search with the configured engine (falling back to the embedded one). */
export async function search(query: SearchQuery): Promise<SearchResult> {
  const { primary, fallback } = await getReady();
  const today = toCalendarDate(now());
  try {
    return await primary.search(query, today);
  } catch (error) {
    if (primary.name === 'embedded') throw error;
    warn('Meilisearch không trả lời, dùng bộ tìm kiếm nhúng', error);
    return (await fallback()).search(query, today);
  }
}
