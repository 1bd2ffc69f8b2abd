/**
 * Contest entries submitted online (issue 12): the dossier's fields, its files and its
 * history. Contests live in content and are referenced by id. Files are content-addressed
 * blobs under DATA_DIR (src/lib/server/contests/entries/storage.ts): a row names a blob by its
 * SHA-256, never by the uploader's file name.
 */
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { ENTRY_STATUSES } from '../src/lib/vocabulary';
import { users } from './schema-core';

export const contestEntries = sqliteTable(
  'contest_entries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Short code read out on the phone (alphabet without 0/O/1/I); the judging id is `dk-<code lowercased>`. */
    code: text('code').notNull().unique(),
    contestId: text('contest_id').notNull(),
    status: text('status', { enum: ENTRY_STATUSES }).notNull(),
    /** The form's fields as JSON (EntryDraftFields), cleaned. */
    fields: text('fields').notNull(),
    establishmentName: text('establishment_name'),
    productName: text('product_name'),
    cnntGroup: text('cnnt_group'),
    province: text('province'),
    /** +84… (the link goes there by SMS). */
    phone: text('phone').notNull(),
    email: text('email'),
    /** SHA-256 (hex) of the management token; the token itself is never stored. */
    manageTokenHash: text('manage_token_hash').notNull().unique(),
    /** Optimistic concurrency: two tabs saving the same dossier. */
    version: integer('version').notNull().default(1),
    /** The organiser's screening checklist (JSON: item → true). */
    checklist: text('checklist'),
    /** The last reason given to the applicant (not eligible, changes requested). */
    reason: text('reason'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }),
    decidedAt: integer('decided_at', { mode: 'timestamp_ms' }),
    /** The product page written from this entry (content/products/<slug>), once made. */
    productSlug: text('product_slug'),
  },
  (t) => [index('contest_entries_contest_status_idx').on(t.contestId, t.status), index('contest_entries_updated_idx').on(t.status, t.updatedAt)],
);

/** A file of a dossier. Photos have their WebP renditions; documents only their blob. */
export const contestEntryFiles = sqliteTable(
  'contest_entry_files',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    entryId: integer('entry_id')
      .notNull()
      .references(() => contestEntries.id, { onDelete: 'cascade' }),
    /** photos | businessRegistration | certificates | lowerLevelCertificate */
    kind: text('kind').notNull(),
    angle: text('angle'),
    position: integer('position').notNull(),
    /** The uploader's file name, cleaned, for display only (never a path). */
    name: text('name').notNull(),
    /** The stored type, fixed when served: image/jpeg, image/png, application/pdf. */
    mime: text('mime').notNull(),
    bytes: integer('bytes').notNull(),
    /** SHA-256 (hex) of the stored blob (a photo's re-encoded JPEG). */
    blob: text('blob').notNull(),
    /** Photos: the WebP renditions for pages (large ≤ 1600 px, small ≤ 480 px). */
    webpLarge: text('webp_large'),
    webpSmall: text('webp_small'),
    width: integer('width'),
    height: integer('height'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('contest_entry_files_entry_idx').on(t.entryId)],
);

/** Every change of an entry's status (append-only, beside the audit log). */
export const contestEntryHistory = sqliteTable(
  'contest_entry_history',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    entryId: integer('entry_id')
      .notNull()
      .references(() => contestEntries.id, { onDelete: 'cascade' }),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorId: text('actor_id').references(() => users.id),
    note: text('note'),
  },
  (t) => [index('contest_entry_history_entry_idx').on(t.entryId)],
);
