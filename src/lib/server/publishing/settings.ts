/**
 * Where content, builds and history live, read from the environment once and validated (a
 * wrong value stops the server naming the variable, as env.ts does for the rest).
 */
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { EnvError, getEnv } from '../env';

const bool = z.enum(['1', '0', 'true', 'false', 'yes', 'no']).transform((v) => v === '1' || v === 'true' || v === 'yes');

const Schema = z.object({
  /** The content folder the editor writes and publications build (the build's own CONTENT_DIR). */
  CONTENT_DIR: z.string().min(1).default('content'),
  /** The project a publication is built from (src/, astro.config.mjs, node_modules): default the working directory. */
  PUBLISH_SOURCE_DIR: z.string().min(1).optional(),
  /** Where builds go, one folder each (`<id>/`), with `current.json`: default `builds/` beside the database. */
  BUILDS_DIR: z.string().min(1).optional(),
  /** Builds kept for rolling back (the live one included). */
  BUILDS_KEEP: z.coerce.number().int().min(2).max(50).default(5),
  /** Niceness of the build process (0–19): builds yield the CPU to requests. */
  PUBLISH_NICE: z.coerce.number().int().min(0).max(19).default(10),
  /** A build that takes longer is stopped and the publication fails. */
  PUBLISH_TIMEOUT_MINUTES: z.coerce.number().int().min(1).max(180).default(20),
  /** A git remote (name or URL) that content commits are pushed to; unset: no push. */
  CONTENT_GIT_REMOTE: z.string().min(1).optional(),
  /** `false`: one process, no cluster (publishing is then refused). */
  CLUSTER: bool.default('true'),
});

export interface PublishingSettings {
  contentDir: string;
  sourceDir: string;
  buildsDir: string;
  keep: number;
  nice: number;
  timeoutMs: number;
  gitRemote: string | null;
  cluster: boolean;
  /** The content lock (cms/lock.ts), beside the database. */
  lockFile: string;
}

let cached: PublishingSettings | null = null;

/** Parses an environment; throws EnvError naming each wrong variable. */
export function parsePublishingSettings(source: NodeJS.ProcessEnv, databasePath: string): PublishingSettings {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = Schema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${String(i.path[0])}: ${i.message} (giá trị hiện tại: ${JSON.stringify(cleaned[String(i.path[0])] ?? null)})`);
    throw new EnvError(`Cấu hình môi trường không hợp lệ:\n${lines.join('\n')}`);
  }
  const env = result.data;
  const dataDir = databasePath === ':memory:' ? path.join(os.tmpdir(), `khuyen-cong-${String(process.getuid?.() ?? 'u')}`) : path.dirname(path.resolve(databasePath));
  return {
    contentDir: path.resolve(env.CONTENT_DIR),
    sourceDir: path.resolve(env.PUBLISH_SOURCE_DIR ?? '.'),
    buildsDir: path.resolve(env.BUILDS_DIR ?? path.join(dataDir, 'builds')),
    keep: env.BUILDS_KEEP,
    nice: env.PUBLISH_NICE,
    timeoutMs: env.PUBLISH_TIMEOUT_MINUTES * 60_000,
    gitRemote: env.CONTENT_GIT_REMOTE ?? null,
    cluster: env.CLUSTER,
    lockFile: path.join(dataDir, 'content.lock'),
  };
}

/** This process's settings (parsed on first use). */
export function getPublishingSettings(): PublishingSettings {
  cached ??= parsePublishingSettings(process.env, getEnv().DATABASE_PATH);
  return cached;
}
