/**
 * Publications: each request to put the saved content live (a build, then a switch of the
 * running site to it) or to roll back to an earlier build. The server's primary process works
 * through them one at a time (src/lib/server/publishing/primary.ts); every process reads them.
 */
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { PUBLICATION_STATES } from '../src/lib/vocabulary';
import { users } from './schema-core';

export const publications = sqliteTable(
  'publications',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: ['publish', 'rollback'] }).notNull(),
    state: text('state', { enum: PUBLICATION_STATES }).notNull(),
    requestedBy: text('requested_by').references(() => users.id, { onDelete: 'set null' }),
    requestedAt: integer('requested_at', { mode: 'timestamp_ms' }).notNull(),
    startedAt: integer('started_at', { mode: 'timestamp_ms' }),
    finishedAt: integer('finished_at', { mode: 'timestamp_ms' }),
    /** A roll back: the build to go back to (null: the one before the live build). */
    targetBuild: text('target_build'),
    /** The build this publication made (or went back to). */
    buildId: text('build_id'),
    /** The content commit it built, when the content is in git. */
    commitSha: text('commit_sha'),
    /** JSON: the content problems that stopped it, [{ file, field, label, message }]. */
    errors: text('errors'),
    /** Vietnamese: what happened. */
    message: text('message'),
  },
  (t) => [index('publications_state_idx').on(t.state, t.requestedAt)],
);
