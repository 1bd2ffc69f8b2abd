/**
 * Programme figures the site cannot count (training courses, machinery support, demonstration
 * models): entered by staff in the console, each with its evidence, never edited in place. A
 * correction withdraws an entry (who, when, why) and adds another; the audit log records both.
 * Programmes and indicators live in content (`content/programmes`), referenced by slug and code.
 */
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './schema-core';

export const programmeActuals = sqliteTable(
  'programme_actuals',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    programmeSlug: text('programme_slug').notNull(),
    indicatorCode: text('indicator_code').notNull(),
    year: integer('year').notNull(),
    /** What this entry adds to the year's actual (people trained, establishments supported…). */
    value: integer('value').notNull(),
    /** The evidence: decision number, minutes, list — normalised text. */
    evidence: text('evidence').notNull(),
    note: text('note'),
    enteredBy: text('entered_by').references(() => users.id, { onDelete: 'set null' }),
    enteredAt: integer('entered_at', { mode: 'timestamp_ms' }).notNull(),
    withdrawnAt: integer('withdrawn_at', { mode: 'timestamp_ms' }),
    withdrawnBy: text('withdrawn_by').references(() => users.id, { onDelete: 'set null' }),
    withdrawReason: text('withdraw_reason'),
  },
  (t) => [index('programme_actuals_programme_idx').on(t.programmeSlug, t.indicatorCode, t.year)],
);
