/**
 * Holding booths: a new registration holds its booths when its type has room (or what is left,
 * when the applicant accepts fewer), otherwise joins the waiting list. The same phone or tax
 * code at the same fair gets the existing registration back; a repeated Idempotency-Key gets the
 * first answer again (with the same management link, re-derived, never stored).
 *
 * Every registration — JSON API and the no-JavaScript form alike — goes through
 * `registerBoothsQueued`: the group commit of the writer thread in the built server, or the
 * in-process queue elsewhere. `registerBooths` (one transaction) remains for tests and scripts.
 */
import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { now } from '../../clock';
import type { RegistrationInput } from '../../registration-schema';
import { audit, SYSTEM_ACTOR } from '../audit';
import { getDb, preparedOnce, schema, type AppDb, type DbLike, type Tx } from '../db';
import { getEnv } from '../env';
import { GroupCommitQueue, type Job } from '../group-commit';
import { requireOpenWindow } from './availability';
import { hasDueOffer, heldBooths } from './capacity';
import { RegistrationError } from './errors';
import { recordEvent } from './history';
import { DUPLICATE_SENTENCE, notify, statusSentence } from './messages';
import { INACTIVE_STATUSES, STATUS_LABELS, codeFromBytes, decideHold } from './rules';
import { hashToken, manageUrl, newToken, sha256, tokenFromKey } from './tokens';
import type { FairInfo, RegisterOptions, RegisterRequest, RegisterResult } from './types';
import { activeWriter } from './writer';
import { expireOffersIn } from './waitlist';

const R = schema.registrations;
const I = schema.registrationIdempotency;

/**
 * Still the establishment's registration: written out as constants, the very condition of the
 * partial unique indexes, so SQLite answers the duplicate check from those indexes (a bound
 * parameter list would not prove the index applies).
 */
const ACTIVE_SQL = sql`${R.status} NOT IN (${sql.raw(INACTIVE_STATUSES.map((s) => `'${s}'`).join(', '))})`;

const byPhone = preparedOnce((db: DbLike) =>
  db
    .select({ code: R.code, status: R.status, heldQuantity: R.heldQuantity })
    .from(R)
    .where(and(eq(R.fairSlug, sql.placeholder('fair')), eq(R.phone, sql.placeholder('phone')), ACTIVE_SQL))
    .prepare(),
);
const byTaxCode = preparedOnce((db: DbLike) =>
  db
    .select({ code: R.code, status: R.status, heldQuantity: R.heldQuantity })
    .from(R)
    .where(and(eq(R.fairSlug, sql.placeholder('fair')), eq(R.taxCode, sql.placeholder('taxCode')), ACTIVE_SQL))
    .prepare(),
);
const codeTaken = preparedOnce((db: DbLike) => db.select({ id: R.id }).from(R).where(eq(R.code, sql.placeholder('code'))).prepare());

const p = (name: string) => sql.placeholder(name);
const insertRegistration = preparedOnce((db: DbLike) =>
  db
    .insert(R)
    .values({
      code: p('code'), fairSlug: p('fairSlug'), boothTypeId: p('boothTypeId'), quantity: p('quantity'), acceptFewer: p('acceptFewer'),
      status: p('status'), heldQuantity: p('heldQuantity'),
      // A nullable timestamp: drizzle would call getTime() on a null placeholder, so this one is bound as epoch ms or null.
      waitlistedAt: sql`${p('waitlistedAt')}`,
      establishmentName: p('establishmentName'), establishmentType: p('establishmentType'), taxCode: p('taxCode'),
      craftVillage: p('craftVillage'), representative: p('representative'), phone: p('phone'), email: p('email'),
      province: p('province'), commune: p('commune'), products: p('products'), wantsSupport: p('wantsSupport'), notes: p('notes'),
      consentAt: p('at'), manageTokenHash: p('manageTokenHash'), createdAt: p('at'), updatedAt: p('at'),
    })
    .returning({ id: R.id })
    .prepare(),
);

/** A code no registration has (6 symbols, 30 bits: a clash is rare, twenty in a row is a bug). */
function allocateCode(tx: DbLike): string {
  for (let i = 0; i < 20; i++) {
    const candidate = codeFromBytes(randomBytes(8));
    if (!codeTaken(tx).get({ code: candidate })) return candidate;
  }
  throw new Error('could not allocate a registration code');
}

/** The first answer to a keyed request again, or null when the key is new. */
function replay(tx: DbLike, fair: FairInfo, key: string, keyHash: string, requestHash: string): RegisterResult | null {
  const seen = tx.select().from(I).where(eq(I.keyHash, keyHash)).get();
  if (!seen) return null;
  if (seen.requestHash !== requestHash) throw new RegistrationError('idempotency_mismatch');
  const reg = tx.select().from(R).where(eq(R.id, seen.registrationId)).get();
  if (!reg) throw new RegistrationError('registration_not_found');
  return { httpStatus: 201, code: reg.code, status: reg.status, heldQuantity: reg.heldQuantity, manageUrl: manageUrl(tokenFromKey(key, seen.salt)), message: statusSentence(reg, fair) };
}

/** One registration, inside the caller's IMMEDIATE transaction (or a savepoint of it). */
function registerIn(tx: DbLike, fair: FairInfo, input: RegistrationInput, options: RegisterOptions, at: Date): RegisterResult {
  const type = fair.boothTypes.find((b) => b.id === input.boothTypeId);
  if (!type) throw new RegistrationError('fair_not_found');
  if (hasDueOffer(tx, fair.slug, at)) expireOffersIn(tx, fair, at);
  const key = options.idempotencyKey ?? null;
  const keyHash = key ? sha256(`${fair.slug}\n${key}`) : null;
  // Only a keyed request is compared with its first answer.
  const requestHash = keyHash ? sha256(JSON.stringify(input)) : '';
  if (key && keyHash) {
    const first = replay(tx, fair, key, keyHash, requestHash);
    if (first) return first;
  }

  const existing = byPhone(tx).get({ fair: fair.slug, phone: input.phone }) ?? (input.taxCode ? byTaxCode(tx).get({ fair: fair.slug, taxCode: input.taxCode }) : undefined);
  if (existing) return { httpStatus: 200, ...existing, duplicate: true, message: DUPLICATE_SENTENCE };

  // The capacity check: correct only because the transaction began IMMEDIATE (db.ts's default),
  // so no other connection can hold booths between this read and the insert below.
  const decision = decideHold(type.count, heldBooths(tx, fair.slug, type.id), input.quantity, input.acceptFewer);
  const code = allocateCode(tx);
  const salt = keyHash ? randomBytes(32).toString('base64url') : null;
  const token = key && salt ? tokenFromKey(key, salt) : newToken();
  const row = {
    code,
    fairSlug: fair.slug,
    boothTypeId: type.id,
    quantity: input.quantity,
    acceptFewer: input.acceptFewer,
    status: decision.status,
    heldQuantity: decision.hold,
    waitlistedAt: decision.status === 'waitlisted' ? at.getTime() : null,
    establishmentName: input.establishmentName,
    establishmentType: input.establishmentType,
    taxCode: input.taxCode ?? null,
    craftVillage: input.craftVillage ?? null,
    representative: input.representative,
    phone: input.phone,
    email: input.email ?? null,
    province: input.province,
    commune: input.commune,
    products: input.products,
    wantsSupport: input.wantsSupport,
    notes: input.notes ?? null,
    manageTokenHash: hashToken(token),
    at,
  };
  const { id } = insertRegistration(tx).get(row);
  const partial = decision.status === 'pending' && decision.hold < input.quantity;
  recordEvent(tx, { registrationId: id, at, kind: 'created', actor: 'applicant', from: null, to: decision.status, note: partial ? `Giữ ${String(decision.hold)}/${String(input.quantity)} gian` : null });
  if (keyHash && salt) tx.insert(I).values({ keyHash, requestHash, registrationId: id, salt, createdAt: at }).run();
  const link = manageUrl(token);
  const sentence = statusSentence({ status: decision.status, heldQuantity: decision.hold, quantity: input.quantity, offerExpiresAt: null }, fair);
  notify(
    tx,
    fair,
    { code, email: row.email, phone: input.phone },
    'confirmation',
    {
      representative: input.representative,
      establishment: input.establishmentName,
      quantity: input.quantity,
      boothType: type.name,
      statusLine: `${STATUS_LABELS[decision.status]}. ${sentence}`,
      lookupUrl: new URL('/hoi-cho/tra-cuu', getEnv().SITE_URL).href,
    },
    link,
  );
  audit(options.actor ?? SYSTEM_ACTOR, {
    action: 'registration.create',
    target: `registration:${code}`,
    details: { fair: fair.slug, boothType: type.id, quantity: input.quantity, status: decision.status, held: decision.hold },
  }, tx);
  return { httpStatus: 201, code, status: decision.status, heldQuantity: decision.hold, manageUrl: link, message: sentence };
}

/** One registration as a job for `commitGroup` (the writer thread and the queue below). */
export function registerJob(request: RegisterRequest): Job<RegisterResult> {
  return (tx: Tx) => registerIn(tx, request.fair, request.input, request.options, new Date(request.at));
}

/** Registers in its own transaction, on `db` (tests and scripts; the site queues). */
export function registerBooths(fair: FairInfo, input: RegistrationInput, options: RegisterOptions = {}, db: AppDb = getDb()): RegisterResult {
  const at = now();
  requireOpenWindow(fair, at);
  return db.transaction((tx) => registerIn(tx, fair, input, options, at));
}

const queue = new GroupCommitQueue<RegisterRequest, RegisterResult>(registerJob);

/**
 * `registerBooths` through the group commit (what every form and route uses). In the built
 * server the writes run on the registration writer thread (writer.ts); with an explicit `db`, or
 * where no writer thread runs (tests, `astro dev`), on this thread's queue.
 */
export function registerBoothsQueued(fair: FairInfo, input: RegistrationInput, options: RegisterOptions = {}, db?: AppDb): Promise<RegisterResult> {
  const at = now();
  requireOpenWindow(fair, at);
  const request: RegisterRequest = { fair, input, options, at: at.getTime() };
  const writer = db === undefined ? activeWriter() : null;
  if (writer) return writer.register(request);
  return queue.submit(db ?? getDb(), request);
}
