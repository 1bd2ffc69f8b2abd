/**
 * Booth registrations for fairs (issue 4). Booth capacity lives in content (each fair's
 * `boothTypes[].count`); what is held is the sum of `held_quantity` over a fair's booth type,
 * checked and written inside one `BEGIN IMMEDIATE` transaction so no interleaving oversells.
 */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { REGISTRATION_STATUSES } from '../src/lib/vocabulary';


export const registrations = sqliteTable(
  'registrations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Short code read out on the phone: alphabet without 0/O/1/I. */
    code: text('code').notNull().unique(),
    fairSlug: text('fair_slug').notNull(),
    boothTypeId: text('booth_type_id').notNull(),
    /** Booths asked for. */
    quantity: integer('quantity').notNull(),
    /** Would take fewer booths than asked (offers and holds may be smaller). */
    acceptFewer: integer('accept_fewer', { mode: 'boolean' }).notNull().default(false),
    status: text('status', { enum: REGISTRATION_STATUSES }).notNull(),
    /** Booths this registration holds now (pending, offered, approved); 0 otherwise. */
    heldQuantity: integer('held_quantity').notNull().default(0),
    /** Order on the waiting list (set when it joins it). */
    waitlistedAt: integer('waitlisted_at', { mode: 'timestamp_ms' }),
    offerExpiresAt: integer('offer_expires_at', { mode: 'timestamp_ms' }),
    establishmentName: text('establishment_name').notNull(),
    establishmentType: text('establishment_type').notNull(),
    taxCode: text('tax_code'),
    craftVillage: text('craft_village'),
    representative: text('representative').notNull(),
    /** +84… */
    phone: text('phone').notNull(),
    email: text('email'),
    province: text('province').notNull(),
    commune: text('commune').notNull(),
    products: text('products').notNull(),
    wantsSupport: integer('wants_support', { mode: 'boolean' }).notNull(),
    notes: text('notes'),
    consentAt: integer('consent_at', { mode: 'timestamp_ms' }).notNull(),
    /** SHA-256 (hex) of the management token; the token itself is never stored. */
    manageTokenHash: text('manage_token_hash').notNull().unique(),
    /**
     * The booths assigned, "A01, A02": kept in step with `booth_assignments` (the truth, one row
     * per booth) by src/lib/server/registrations/booths.ts, for the views, console and exports.
     */
    boothNumbers: text('booth_numbers'),
    /** When the applicant agreed to be listed in the public exhibitor directory (NĐ 13/2023); null = not listed. */
    directoryConsentAt: integer('directory_consent_at', { mode: 'timestamp_ms' }),
    /** Who typed the registration in: the applicant online, or staff for a business that phoned or walked in. */
    enteredBy: text('entered_by', { enum: ['applicant', 'staff'] }).notNull().default('applicant'),
    /** Booth features asked for ("goc,dien", BOOTH_TAGS ids), used by the automatic assignment. */
    wantedTags: text('wanted_tags'),
    /** Hours the current offer gives, counted from when its message is sent (or the applicant sees it). */
    offerHours: integer('offer_hours'),
    /** When the applicant was told of the current offer (message sent, offer seen, or staff phoned); its clock starts then. */
    offerNotifiedAt: integer('offer_notified_at', { mode: 'timestamp_ms' }),
    rejectReason: text('reject_reason'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    // held_quantity too: the held-booths sum of every registration (capacity.ts) reads the index
    // alone, without a table lookup per holding row.
    index('registrations_fair_type_status_idx').on(t.fairSlug, t.boothTypeId, t.status, t.heldQuantity),
    index('registrations_offer_expiry_idx').on(t.status, t.offerExpiresAt),
    // Belt and braces for the duplicate rule (checked first in the same transaction).
    uniqueIndex('registrations_fair_phone_active_uq')
      .on(t.fairSlug, t.phone)
      .where(sql`status NOT IN ('cancelled', 'rejected', 'expired')`),
    uniqueIndex('registrations_fair_tax_active_uq')
      .on(t.fairSlug, t.taxCode)
      .where(sql`tax_code IS NOT NULL AND status NOT IN ('cancelled', 'rejected', 'expired')`),
  ],
);

/** What happened to a registration, shown to the applicant as its history. */
export const registrationEvents = sqliteTable(
  'registration_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    registrationId: integer('registration_id')
      .notNull()
      .references(() => registrations.id),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    kind: text('kind').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    /** Shown to the applicant (e.g. a rejection reason); never personal data. */
    note: text('note'),
    actor: text('actor', { enum: ['applicant', 'organiser', 'system'] }).notNull(),
  },
  (t) => [index('registration_events_reg_idx').on(t.registrationId)],
);

/**
 * Idempotency-Key → the registration its first request created. The key is stored hashed; the
 * management token of that answer is re-derived from the key and `salt` (never stored).
 */
export const registrationIdempotency = sqliteTable('registration_idempotency', {
  /** SHA-256 (hex) of fair slug + key. */
  keyHash: text('key_hash').primaryKey(),
  /** SHA-256 of the request body as parsed, to refuse a reused key with another body. */
  requestHash: text('request_hash').notNull(),
  registrationId: integer('registration_id')
    .notNull()
    .references(() => registrations.id),
  salt: text('salt').notNull(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
});

/**
 * One row per booth of a fair that is assigned to a registration: the primary key makes a
 * booth belong to at most one registration, and the database refuses a second even if a
 * check were forgotten. A trigger (migration 0009) deletes a registration's rows when it stops
 * holding booths (cancelled, rejected, waitlisted, expired).
 */
export const boothAssignments = sqliteTable(
  'booth_assignments',
  {
    fairSlug: text('fair_slug').notNull(),
    boothCode: text('booth_code').notNull(),
    registrationId: integer('registration_id')
      .notNull()
      .references(() => registrations.id),
    assignedAt: integer('assigned_at', { mode: 'timestamp_ms' }).notNull(),
    /** How: chosen by the applicant, assigned by an organiser, or by the automatic assignment. */
    source: text('source', { enum: ['applicant', 'organiser', 'auto'] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.fairSlug, t.boothCode] }), index('booth_assignments_registration_idx').on(t.registrationId)],
);
