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
import { eq } from 'drizzle-orm';
import { now } from '../../clock';
import type { RegistrationInput } from '../../registration-schema';
import { audit, SYSTEM_ACTOR } from '../audit';
import { getDb, schema, type AppDb, type DbLike, type Tx } from '../db';
import { getEnv } from '../env';
import { AppError } from '../errors';
import { GroupCommitQueue, type Job } from '../group-commit';
import { rawStatementOnce } from '../raw-statement';
import { requireOpenWindow } from './availability';
import { nearestFree, takeBooths, takenAmong } from './booths';
import { hasDueOffer, heldBooths } from './capacity';
import { RegistrationError } from './errors';
import { recordEvent } from './history';
import { DUPLICATE_SENTENCE, notify, smsStatus, statusSentence } from './messages';
import { INACTIVE_STATUSES, STATUS_LABELS, codeFromBytes, decideHold } from './rules';
import { hashToken, manageLinks, manageUrl, newToken, sha256, tokenFromKey } from './tokens';
import type { FairInfo, PublicRegisterAnswer, RegisterOptions, RegisterRequest, RegisterResult } from './types';
import { activeWriter } from './writer';
import { expireOffersIn } from './waitlist';

const R = schema.registrations;
const I = schema.registrationIdempotency;

/**
 * Still the establishment's registration: written out as constants, the very condition of the
 * partial unique indexes, so SQLite answers the duplicate check from those indexes (a bound
 * parameter list would not prove the index applies).
 */
const ACTIVE = `status NOT IN (${INACTIVE_STATUSES.map((s) => `'${s}'`).join(', ')})`;

// Raw statements (raw-statement.ts): every registration runs these.
const byPhone = rawStatementOnce(`SELECT code, status, held_quantity AS heldQuantity FROM registrations WHERE fair_slug = ? AND phone = ? AND ${ACTIVE}`);
const byTaxCode = rawStatementOnce(`SELECT code, status, held_quantity AS heldQuantity FROM registrations WHERE fair_slug = ? AND tax_code = ? AND ${ACTIVE}`);
const codeTaken = rawStatementOnce('SELECT 1 FROM registrations WHERE code = ?', { pluck: true });

/** The columns a new registration writes, in the schema's names; the statement is built from them. */
const INSERTED = {
  code: R.code, fairSlug: R.fairSlug, boothTypeId: R.boothTypeId, quantity: R.quantity, acceptFewer: R.acceptFewer,
  status: R.status, heldQuantity: R.heldQuantity, waitlistedAt: R.waitlistedAt, establishmentName: R.establishmentName,
  establishmentType: R.establishmentType, taxCode: R.taxCode, craftVillage: R.craftVillage, representative: R.representative,
  phone: R.phone, email: R.email, province: R.province, commune: R.commune, products: R.products, wantsSupport: R.wantsSupport,
  notes: R.notes, consentAt: R.consentAt, manageTokenHash: R.manageTokenHash, createdAt: R.createdAt, updatedAt: R.updatedAt,
  directoryConsentAt: R.directoryConsentAt, enteredBy: R.enteredBy, wantedTags: R.wantedTags,
} as const;
type InsertedRow = Record<keyof typeof INSERTED, string | number | null>;

const insertRegistration = rawStatementOnce(
  `INSERT INTO registrations (${Object.values(INSERTED).map((c) => c.name).join(', ')}) VALUES (${Object.keys(INSERTED).map((k) => `@${k}`).join(', ')})`,
);

/** A code no registration has (6 symbols, 30 bits: a clash is rare, twenty in a row is a bug). */
function allocateCode(tx: DbLike): string {
  for (let i = 0; i < 20; i++) {
    const candidate = codeFromBytes(randomBytes(8));
    if (!codeTaken(tx).get(candidate)) return candidate;
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
  // After the link was sent again (a new token), the first answer's link no longer opens: not repeated.
  const token = tokenFromKey(key, seen.salt);
  const link = hashToken(token) === reg.manageTokenHash ? { manageUrl: manageUrl(token) } : {};
  return { httpStatus: 201, code: reg.code, status: reg.status, heldQuantity: reg.heldQuantity, ...link, message: statusSentence(reg, fair) };
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

  const existing = (byPhone(tx).get(fair.slug, input.phone) ?? (input.taxCode ? byTaxCode(tx).get(fair.slug, input.taxCode) : undefined)) as
    | Pick<RegisterResult, 'code' | 'status' | 'heldQuantity'>
    | undefined;
  if (existing) return { httpStatus: 200, ...existing, duplicate: true, message: DUPLICATE_SENTENCE };

  // Chosen booths (validated against the plan by the per-fair schema): refused at once when one
  // is assigned already — inside this IMMEDIATE transaction, so two requests never both get it.
  const codes = input.boothCodes ?? [];
  if (codes.length) {
    const taken = takenAmong(tx, fair.slug, codes);
    if (taken.length) throw new RegistrationError('booth_taken', { extra: { taken } });
  }

  // The capacity check: correct only because the transaction began IMMEDIATE (db.ts's default),
  // so no other connection can hold booths between this read and the insert below.
  const decision = decideHold(type.count, heldBooths(tx, fair.slug, type.id), input.quantity, input.acceptFewer);
  const code = allocateCode(tx);
  const salt = keyHash ? randomBytes(32).toString('base64url') : null;
  const token = key && salt ? tokenFromKey(key, salt) : newToken();
  const t = at.getTime();
  // Driver values (SQLite has no booleans or dates): 1/0 and epoch milliseconds, as the schema's modes store them.
  const row: InsertedRow = {
    code,
    fairSlug: fair.slug,
    boothTypeId: type.id,
    quantity: input.quantity,
    acceptFewer: input.acceptFewer ? 1 : 0,
    status: decision.status,
    heldQuantity: decision.hold,
    waitlistedAt: decision.status === 'waitlisted' ? t : null,
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
    wantsSupport: input.wantsSupport ? 1 : 0,
    notes: input.notes ?? null,
    consentAt: t,
    manageTokenHash: hashToken(token),
    createdAt: t,
    updatedAt: t,
    directoryConsentAt: input.directoryConsent ? t : null,
    enteredBy: options.enteredByStaff ? 'staff' : 'applicant',
    wantedTags: input.wantedTags?.length ? input.wantedTags.join(',') : null,
  };
  const id = Number(insertRegistration(tx).run(row).lastInsertRowid);
  const partial = decision.status === 'pending' && decision.hold < input.quantity;
  const booths = decision.status === 'pending' ? codes.slice(0, decision.hold) : [];
  takeBooths(tx, fair.slug, id, booths, at, 'applicant');
  const notes = [options.enteredByStaff ? 'Ban tổ chức nhập đơn (đăng ký qua điện thoại hoặc trực tiếp)' : null, partial ? `Giữ ${String(decision.hold)}/${String(input.quantity)} gian` : null, booths.length ? `Gian ${booths.join(', ')}` : null].filter(Boolean);
  recordEvent(tx, { registrationId: id, at, kind: 'created', actor: options.enteredByStaff ? 'organiser' : 'applicant', from: null, to: decision.status, note: notes.length ? notes.join(' · ') : null });
  if (keyHash && salt) tx.insert(I).values({ keyHash, requestHash, registrationId: id, salt, createdAt: at }).run();
  const link = manageUrl(token);
  const sentence = statusSentence({ status: decision.status, heldQuantity: decision.hold, quantity: input.quantity, offerExpiresAt: null }, fair);
  notify(
    tx,
    fair,
    { code, email: input.email ?? null, phone: input.phone },
    'confirmation',
    {
      representative: input.representative,
      establishment: input.establishmentName,
      quantity: input.quantity,
      boothType: type.name,
      statusLine: `${STATUS_LABELS[decision.status]}. ${sentence}`,
      smsStatus: smsStatus({ status: decision.status, heldQuantity: decision.hold, quantity: input.quantity }),
      lookupUrl: new URL('/hoi-cho/tra-cuu', getEnv().SITE_URL).href,
    },
    manageLinks(token),
  );
  audit(options.actor ?? SYSTEM_ACTOR, {
    action: 'registration.create',
    target: `registration:${code}`,
    details: { fair: fair.slug, boothType: type.id, quantity: input.quantity, status: decision.status, held: decision.hold, ...(booths.length ? { booths } : {}), ...(options.enteredByStaff ? { enteredByStaff: true } : {}) },
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
  try {
    return db.transaction((tx) => registerIn(tx, fair, input, options, at));
  } catch (error) {
    return withNearest(fair, error);
  }
}

const queue = new GroupCommitQueue<RegisterRequest, RegisterResult>(registerJob);

/** The fair as the writer needs it: without its plan (cloned with every request to the thread). */
const writerFairs = new WeakMap<FairInfo, FairInfo>();
function writerFair(fair: FairInfo): FairInfo {
  if (!fair.plan && !fair.choice) return fair;
  let lean = writerFairs.get(fair);
  if (!lean) {
    lean = { ...fair, plan: null, choice: undefined };
    writerFairs.set(fair, lean);
  }
  return lean;
}

/** A 409 `booth_taken` with the nearest free booths of the type (read after the refused write: suggestions). */
function withNearest(fair: FairInfo, error: unknown): never {
  if (error instanceof AppError && error.code === 'booth_taken') {
    const taken = (error.extra?.['taken'] as string[] | undefined) ?? [];
    const nearest = taken[0] ? nearestFree(fair, taken[0], 3) : [];
    const message = `Gian ${taken.join(', ')} vừa có đơn khác giữ.${nearest.length ? ` Các gian cùng loại còn trống gần nhất: ${nearest.join(', ')}.` : ' Loại gian này không còn gian trống trên sơ đồ.'}`;
    throw new RegistrationError('booth_taken', { message, fields: { boothCodes: message }, extra: { taken, nearest } });
  }
  throw error;
}

/**
 * `registerBooths` through the group commit (what every form and route uses). In the built
 * server the writes run on the registration writer thread (writer.ts); with an explicit `db`, or
 * where no writer thread runs (tests, `astro dev`), on this thread's queue.
 */
export function registerBoothsQueued(fair: FairInfo, input: RegistrationInput, options: RegisterOptions = {}, db?: AppDb): Promise<RegisterResult> {
  const at = now();
  requireOpenWindow(fair, at);
  const request: RegisterRequest = { fair: writerFair(fair), input, options, at: at.getTime() };
  const writer = db === undefined ? activeWriter() : null;
  const written = writer ? writer.register(request) : queue.submit(db ?? getDb(), request);
  return input.boothCodes?.length ? written.catch((error: unknown) => withNearest(fair, error)) : written;
}

/** The answer for a public route: a duplicate carries its sentence only (see PublicRegisterAnswer). */
export function publicAnswer(result: RegisterResult): PublicRegisterAnswer {
  return result.duplicate ? { httpStatus: result.httpStatus, duplicate: true, message: result.message } : result;
}
