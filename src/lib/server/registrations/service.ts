/**
 * Booth registrations: hold booths atomically, keep the waiting list, make and expire offers,
 * self-service (lookup, contact correction, cancellation, offer answers) and the organiser's
 * actions. Every write runs in one `BEGIN IMMEDIATE` transaction that takes SQLite's write lock
 * before it reads what is held, so no interleaving — of requests in this process or of several
 * processes on the same file — can oversell a booth type.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import { and, asc, eq, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { now } from '../../clock';
import { audit, type AuditActor, SYSTEM_ACTOR } from '../audit';
import { getDb, schema, type AppDb, type DbLike, type Tx } from '../db';
import { getEnv } from '../env';
import { enqueueMessage, SECRET_PLACEHOLDER } from '../outbox';
import type { ContactUpdate, RegistrationInput } from '../../registration-schema';
import { formatDateTime } from '../../format';
import type { RegistrationStatus } from '../../vocabulary';
import { RegistrationError } from './errors';
import { activeWriter } from './writer';
import {
  HOLDING_STATUSES,
  STATUS_LABELS,
  canCancel,
  canOrganiser,
  codeFromBytes,
  countBooths,
  decideHold,
  parseBoothNumbers,
  pickOffers,
  windowState,
  type OrganiserAction,
  type TypeCounts,
  type WindowState,
} from './rules';

const R = schema.registrations;
const E = schema.registrationEvents;

/** What the domain needs to know about a fair (read from content by the routes). */
export interface FairInfo {
  slug: string;
  name: string;
  status: 'scheduled' | 'postponed' | 'cancelled';
  registration: { opens: Date; closes: Date; offerHours: number } | null;
  boothTypes: readonly { id: string; name: string; count: number }[];
  maxBoothsPerEstablishment: number;
}

export type RegistrationRow = typeof R.$inferSelect;
type Actor = 'applicant' | 'organiser' | 'system';

function immediate<T>(db: AppDb, fn: (tx: Tx) => T): T {
  return db.transaction(fn, { behavior: 'immediate' });
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The management token's hash, as stored. */
export function hashToken(token: string): string {
  return sha256(`manage:${token}`);
}

function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A retried request re-derives the same token from its Idempotency-Key and the stored salt. */
function tokenFromKey(key: string, salt: string): string {
  return createHmac('sha256', Buffer.from(salt, 'base64url')).update(key).digest('base64url');
}

/** The absolute management link of a token. */
export function manageUrl(token: string): string {
  return new URL(`/hoi-cho/quan-ly/${token}`, getEnv().SITE_URL).href;
}

function record(tx: DbLike, registrationId: number, kind: string, actor: Actor, from: RegistrationStatus | null, to: RegistrationStatus | null, note: string | null = null) {
  tx.insert(E).values({ registrationId, at: now(), kind, fromStatus: from, toStatus: to, note, actor }).run();
}

function boothTypeName(fair: FairInfo, id: string): string {
  return fair.boothTypes.find((b) => b.id === id)?.name ?? id;
}

/** One message to the applicant: email when given, otherwise SMS to the phone. */
function notify(tx: DbLike, reg: Pick<RegistrationRow, 'email' | 'phone' | 'code'>, kind: string, subject: string, body: string, secret?: string) {
  enqueueMessage(
    {
      channel: reg.email ? 'email' : 'sms',
      to: reg.email ?? reg.phone,
      subject,
      body,
      kind: `registration.${kind}`,
      ref: `registration:${reg.code}`,
      ...(secret === undefined ? {} : { secret }),
    },
    tx,
  );
}

function statusSentence(reg: Pick<RegistrationRow, 'status' | 'heldQuantity' | 'quantity' | 'offerExpiresAt'>, fair: FairInfo): string {
  switch (reg.status) {
    case 'pending':
      return `Ban tổ chức đang giữ ${String(reg.heldQuantity)} gian cho đơn của bạn và sẽ xét duyệt.`;
    case 'waitlisted':
      return `Loại gian này đã hết; đơn (${String(reg.quantity)} gian) được đưa vào danh sách chờ. Khi có gian trống, bạn sẽ được mời nhận gian.`;
    case 'offered':
      return `Có ${String(reg.heldQuantity)} gian dành cho bạn. Hãy xác nhận qua đường liên kết quản lý trước ${reg.offerExpiresAt ? formatDateTime(reg.offerExpiresAt) : ''} (${String(fair.registration?.offerHours ?? 48)} giờ).`;
    default:
      return STATUS_LABELS[reg.status];
  }
}

/** Throws 409 (with the window's dates) unless `fair` takes registrations at `at`. */
export function requireOpenWindow(fair: FairInfo, at: Date = now()): void {
  const state = windowState(fair, at);
  if (state === 'open') return;
  const dates = fair.registration
    ? { opens: fair.registration.opens.toISOString(), closes: fair.registration.closes.toISOString() }
    : {};
  const extra = { window: { state, ...dates } };
  if (fair.status === 'cancelled') throw new RegistrationError('fair_cancelled', { extra });
  if (!fair.registration) throw new RegistrationError('no_registration', { extra });
  const range = `từ ${formatDateTime(fair.registration.opens)} đến ${formatDateTime(fair.registration.closes)}`;
  if (state === 'upcoming')
    throw new RegistrationError('window_upcoming', { extra, message: `Hội chợ chưa mở đăng ký. Thời hạn đăng ký ${range}.` });
  throw new RegistrationError('window_closed', { extra, message: `Đã hết hạn đăng ký. Thời hạn đăng ký là ${range}.` });
}

/**
 * Statuses that no longer count as the establishment's registration. Queries say `NOT IN` these,
 * the very condition of the partial unique indexes, so SQLite answers from those indexes.
 */
const INACTIVE_SQL = sql`${R.status} NOT IN ('cancelled', 'rejected', 'expired')`;

function findActiveDuplicate(tx: DbLike, fairSlug: string, phone: string, taxCode: string | null): RegistrationRow | undefined {
  const byPhone = tx.select().from(R).where(and(eq(R.fairSlug, fairSlug), eq(R.phone, phone), INACTIVE_SQL)).get();
  if (byPhone || !taxCode) return byPhone;
  return tx.select().from(R).where(and(eq(R.fairSlug, fairSlug), eq(R.taxCode, taxCode), INACTIVE_SQL)).get();
}

function heldNow(tx: DbLike, fairSlug: string, boothTypeId: string): number {
  const row = tx
    .select({ n: sql<number>`coalesce(sum(${R.heldQuantity}), 0)` })
    .from(R)
    .where(and(eq(R.fairSlug, fairSlug), eq(R.boothTypeId, boothTypeId), inArray(R.status, HOLDING_STATUSES as RegistrationStatus[])))
    .get();
  return row?.n ?? 0;
}

/**
 * Offers the free booths of one type to the waiting list (first that fits, in order). Runs
 * inside the caller's IMMEDIATE transaction.
 */
function offerFreedBooths(tx: Tx, fair: FairInfo, boothTypeId: string, at: Date): number {
  const type = fair.boothTypes.find((b) => b.id === boothTypeId);
  if (!type) return 0;
  const free = type.count - heldNow(tx, fair.slug, boothTypeId);
  if (free <= 0) return 0;
  const waiting = tx
    .select()
    .from(R)
    .where(and(eq(R.fairSlug, fair.slug), eq(R.boothTypeId, boothTypeId), eq(R.status, 'waitlisted')))
    .orderBy(asc(R.waitlistedAt), asc(R.id))
    .all();
  const offers = pickOffers(free, waiting);
  const hours = fair.registration?.offerHours ?? 48;
  const expires = new Date(at.getTime() + hours * 3600_000);
  for (const o of offers) {
    const reg = waiting.find((w) => w.id === o.id);
    if (!reg) continue;
    tx.update(R).set({ status: 'offered', heldQuantity: o.quantity, offerExpiresAt: expires, updatedAt: at }).where(eq(R.id, o.id)).run();
    record(tx, o.id, 'offered', 'system', 'waitlisted', 'offered', `${String(o.quantity)} gian, hạn ${formatDateTime(expires)}`);
    notify(
      tx,
      reg,
      'offer',
      `Mời nhận gian hàng – ${fair.name} (mã ${reg.code})`,
      `Có ${String(o.quantity)} ${boothTypeName(fair, boothTypeId).toLowerCase()} dành cho đơn ${reg.code}.\n` +
        `Vui lòng mở đường liên kết quản lý đã gửi cho bạn để nhận hoặc từ chối trước ${formatDateTime(expires)}. ` +
        `Sau thời hạn này, gian sẽ được mời cho đơn tiếp theo trong danh sách chờ.`,
    );
  }
  return offers.length;
}

/**
 * Whether moving `reg` to the end of its type's waiting list would hand its booths straight
 * back to it: the booths it frees (plus what is already free) are offered to the waiting list
 * in order, and `reg` — last in line — would be among those offered.
 */
function wouldBeOfferedBack(tx: DbLike, fair: FairInfo, reg: RegistrationRow, at: Date): boolean {
  const type = fair.boothTypes.find((b) => b.id === reg.boothTypeId);
  if (!type) return false;
  const releasing = HOLDING_STATUSES.includes(reg.status) ? reg.heldQuantity : 0;
  const free = type.count - (heldNow(tx, fair.slug, reg.boothTypeId) - releasing);
  if (free <= 0) return false;
  const waiting = tx
    .select({ id: R.id, quantity: R.quantity, acceptFewer: R.acceptFewer, waitlistedAt: R.waitlistedAt })
    .from(R)
    .where(and(eq(R.fairSlug, fair.slug), eq(R.boothTypeId, reg.boothTypeId), eq(R.status, 'waitlisted')))
    .all();
  // The same order as offerFreedBooths: waitlistedAt, then id.
  const line = [...waiting, { id: reg.id, quantity: reg.quantity, acceptFewer: reg.acceptFewer, waitlistedAt: at }].sort(
    (x, y) => (x.waitlistedAt?.getTime() ?? 0) - (y.waitlistedAt?.getTime() ?? 0) || x.id - y.id,
  );
  return pickOffers(free, line).some((o) => o.id === reg.id);
}

/** Expires the fair's offers whose time is up and passes their booths on. Inside a transaction. */
function expireOffersIn(tx: Tx, fair: FairInfo, at: Date): number {
  const due = tx
    .select()
    .from(R)
    .where(and(eq(R.fairSlug, fair.slug), eq(R.status, 'offered'), lte(R.offerExpiresAt, at)))
    .all();
  for (const reg of due) {
    tx.update(R).set({ status: 'expired', heldQuantity: 0, updatedAt: at }).where(eq(R.id, reg.id)).run();
    record(tx, reg.id, 'offer_expired', 'system', 'offered', 'expired');
    notify(tx, reg, 'offer_expired', `Lời mời nhận gian đã hết hạn – ${fair.name} (mã ${reg.code})`, `Lời mời nhận gian cho đơn ${reg.code} đã hết hạn nên gian được chuyển cho đơn tiếp theo. Liên hệ ban tổ chức nếu bạn vẫn muốn tham gia.`);
  }
  for (const typeId of new Set(due.map((r) => r.boothTypeId))) offerFreedBooths(tx, fair, typeId, at);
  return due.length;
}

/**
 * Lazily expires due offers of `fair` (cheap check first; a write transaction only when there
 * is something to expire). Called on every read and write, and by the sweeper timer.
 */
export function expireOffers(fair: FairInfo, db: AppDb = getDb()): number {
  const at = now();
  const any = db
    .select({ id: R.id })
    .from(R)
    .where(and(eq(R.fairSlug, fair.slug), eq(R.status, 'offered'), lte(R.offerExpiresAt, at)))
    .limit(1)
    .get();
  if (!any) return 0;
  return immediate(db, (tx) => expireOffersIn(tx, fair, at));
}

export interface Availability {
  window: { state: WindowState; opens: string | null; closes: string | null };
  boothTypes: { id: string; name: string; total: number; held: number; available: number; waitlisted: number }[];
}

/** Live availability of a fair's booth types. */
export function getAvailability(fair: FairInfo, db: AppDb = getDb()): Availability {
  expireOffers(fair, db);
  const counts = countsForFair(fair, db);
  return {
    window: {
      state: windowState(fair, now()),
      opens: fair.registration?.opens.toISOString() ?? null,
      closes: fair.registration?.closes.toISOString() ?? null,
    },
    boothTypes: fair.boothTypes.map((b) => {
      const c = counts.get(b.id);
      return { id: b.id, name: b.name, total: b.count, held: c?.held ?? 0, available: c?.free ?? b.count, waitlisted: c?.waitlisted ?? 0 };
    }),
  };
}

/** Counts per booth type (total / pending / offered / approved / waitlisted / free / overbooked). */
export function countsForFair(fair: FairInfo, db: DbLike = getDb()): Map<string, TypeCounts> {
  const rows = db
    .select({ boothTypeId: R.boothTypeId, status: R.status, heldQuantity: R.heldQuantity, quantity: R.quantity })
    .from(R)
    .where(and(eq(R.fairSlug, fair.slug), inArray(R.status, [...HOLDING_STATUSES, 'waitlisted'])))
    .all();
  return new Map(fair.boothTypes.map((b) => [b.id, countBooths(b.count, rows.filter((r) => r.boothTypeId === b.id))]));
}

export interface RegisterResult {
  /** 201 for a new registration (and its idempotent replays), 200 for a duplicate. */
  httpStatus: 200 | 201;
  code: string;
  status: RegistrationStatus;
  heldQuantity: number;
  /** Only when this answer created the registration (or replays that answer). */
  manageUrl?: string;
  duplicate?: boolean;
  message: string;
}

export interface RegisterOptions {
  idempotencyKey?: string | null;
  actor?: AuditActor;
}

/**
 * Registers booths for `input` at `fair`: holds them when the type has room (or what is left
 * when the applicant accepts fewer), otherwise puts the request on the waiting list. The same
 * phone or tax code on the same fair returns the existing registration; a repeated
 * Idempotency-Key returns the first answer.
 */
export function registerBooths(fair: FairInfo, input: RegistrationInput, options: RegisterOptions = {}, db: AppDb = getDb()): RegisterResult {
  const at = now();
  requireOpenWindow(fair, at);
  return immediate(db, (tx) => registerIn(db, tx, fair, input, options, at));
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Group commit: runs `jobs` in ONE `BEGIN IMMEDIATE` transaction (one fsync), each in its own
 * savepoint, in order — every capacity check still sees the holds made before it. A job that
 * throws is rolled back alone. Throws (and nothing is kept) when the transaction itself fails.
 */
export function commitGroup<T>(db: AppDb, jobs: readonly ((tx: Tx) => T)[]): Outcome<T>[] {
  const outcomes: Outcome<T>[] = [];
  const sp = savepoints(db);
  immediate(db, (tx) => {
    for (const job of jobs) {
      sp.begin.run();
      try {
        outcomes.push({ ok: true, value: job(tx) });
        sp.release.run();
      } catch (error) {
        sp.rollback.run();
        sp.release.run();
        outcomes.push({ ok: false, error });
      }
    }
  });
  return outcomes;
}

/** What a queued registration carries (also across to the writer thread: plain data only). */
export interface RegisterRequest {
  fair: FairInfo;
  input: RegistrationInput;
  options: RegisterOptions;
  /** Epoch ms of arrival: the window was checked at this instant, and the waiting list orders by it. */
  at: number;
}

/** One registration as a job for `commitGroup`. */
export function registerJob(db: AppDb, request: RegisterRequest): (tx: Tx) => RegisterResult {
  return (tx) => registerIn(db, tx, request.fair, request.input, request.options, new Date(request.at));
}

interface Queued {
  db: AppDb;
  request: RegisterRequest;
  resolve: (r: RegisterResult) => void;
  reject: (e: unknown) => void;
}
let queue: Queued[] = [];
let flushScheduled = false;

/**
 * Registrations that arrive in the same turn of the event loop are written by one
 * `commitGroup`. Each promise settles only after the commit, so an answer is never given for a
 * registration that could still be lost.
 */
function flushQueue(): void {
  flushScheduled = false;
  const batch = queue;
  queue = [];
  const byDb = new Map<AppDb, Queued[]>();
  for (const q of batch) {
    const list = byDb.get(q.db);
    if (list) list.push(q);
    else byDb.set(q.db, [q]);
  }
  for (const [db, items] of byDb) {
    let outcomes: Outcome<RegisterResult>[];
    try {
      outcomes = commitGroup(db, items.map((item) => registerJob(db, item.request)));
    } catch (error) {
      for (const item of items) item.reject(error);
      continue;
    }
    items.forEach((item, i) => {
      const o = outcomes[i];
      if (o?.ok) item.resolve(o.value);
      else item.reject(o ? o.error : new Error('group commit lost an outcome'));
    });
  }
}

/** One savepoint per registration of a group commit, as cached statements (drizzle would re-prepare them each time). */
function savepoints(db: AppDb): Record<'begin' | 'release' | 'rollback', Statement> {
  let s = savepointStatements.get(db.$client);
  if (!s) {
    s = {
      begin: db.$client.prepare('SAVEPOINT registration'),
      release: db.$client.prepare('RELEASE registration'),
      rollback: db.$client.prepare('ROLLBACK TO registration'),
    };
    savepointStatements.set(db.$client, s);
  }
  return s;
}
const savepointStatements = new WeakMap<object, Record<'begin' | 'release' | 'rollback', Statement>>();

/**
 * `registerBooths` through the group commit (what the HTTP route uses). In the built server
 * the writes run on the registration writer thread (writer.ts); with an explicit `db`, or
 * where no writer thread runs (tests, `astro dev`), in this thread.
 */
export function registerBoothsQueued(fair: FairInfo, input: RegistrationInput, options: RegisterOptions = {}, db?: AppDb): Promise<RegisterResult> {
  const at = now();
  requireOpenWindow(fair, at);
  const request: RegisterRequest = { fair, input, options, at: at.getTime() };
  const writer = db === undefined ? activeWriter() : null;
  if (writer) return writer.register(request);
  return new Promise((resolve, reject) => {
    queue.push({ db: db ?? getDb(), request, resolve, reject });
    if (!flushScheduled) {
      flushScheduled = true;
      setImmediate(flushQueue);
    }
  });
}

/** Cached prepared statements of the registration hot path (one set per connection). */
function hot(db: AppDb) {
  let s = statements.get(db.$client);
  if (!s) {
    const c = db.$client;
    s = {
      anyDueOffer: c.prepare("SELECT 1 FROM registrations WHERE status = 'offered' AND offer_expires_at <= ? AND fair_slug = ? LIMIT 1").pluck(),
      byPhone: c.prepare("SELECT code, status, held_quantity AS heldQuantity FROM registrations WHERE fair_slug = ? AND phone = ? AND status NOT IN ('cancelled', 'rejected', 'expired')"),
      byTax: c.prepare("SELECT code, status, held_quantity AS heldQuantity FROM registrations WHERE fair_slug = ? AND tax_code = ? AND status NOT IN ('cancelled', 'rejected', 'expired')"),
      held: c.prepare("SELECT coalesce(sum(held_quantity), 0) FROM registrations WHERE fair_slug = ? AND booth_type_id = ? AND status IN ('pending', 'offered', 'approved')").pluck(),
      codeTaken: c.prepare('SELECT 1 FROM registrations WHERE code = ?').pluck(),
      insert: c.prepare(
        `INSERT INTO registrations (code, fair_slug, booth_type_id, quantity, accept_fewer, status, held_quantity, waitlisted_at,
          establishment_name, establishment_type, tax_code, craft_village, representative, phone, email, province, commune, products,
          wants_support, notes, consent_at, manage_token_hash, created_at, updated_at)
         VALUES (@code, @fairSlug, @boothTypeId, @quantity, @acceptFewer, @status, @heldQuantity, @waitlistedAt,
          @establishmentName, @establishmentType, @taxCode, @craftVillage, @representative, @phone, @email, @province, @commune, @products,
          @wantsSupport, @notes, @at, @manageTokenHash, @at, @at)`,
      ),
      event: c.prepare('INSERT INTO registration_events (registration_id, at, kind, from_status, to_status, note, actor) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    };
    statements.set(db.$client, s);
  }
  return s;
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- better-sqlite3 binds named or positional parameters
type Statement = BetterSqlite3.Statement<any[]>;
const statements = new WeakMap<object, Record<'anyDueOffer' | 'byPhone' | 'byTax' | 'held' | 'codeTaken' | 'insert' | 'event', Statement>>();

/** One registration, inside the caller's IMMEDIATE transaction (or a savepoint of it). */
function registerIn(db: AppDb, tx: Tx, fair: FairInfo, input: RegistrationInput, options: RegisterOptions, at: Date): RegisterResult {
  const type = fair.boothTypes.find((b) => b.id === input.boothTypeId);
  if (!type) throw new RegistrationError('fair_not_found');
  const key = options.idempotencyKey ?? null;
  const keyHash = key ? sha256(`${fair.slug}\n${key}`) : null;
  // Only a keyed request is compared with its first answer.
  const requestHash = keyHash ? sha256(JSON.stringify(input)) : '';
  const st = hot(db);
  {
    if (st.anyDueOffer.get(at.getTime(), fair.slug)) expireOffersIn(tx, fair, at);
    if (keyHash && key) {
      const seen = tx.select().from(schema.registrationIdempotency).where(eq(schema.registrationIdempotency.keyHash, keyHash)).get();
      if (seen) {
        if (seen.requestHash !== requestHash) throw new RegistrationError('idempotency_mismatch');
        const reg = tx.select().from(R).where(eq(R.id, seen.registrationId)).get();
        if (!reg) throw new RegistrationError('registration_not_found');
        return {
          httpStatus: 201,
          code: reg.code,
          status: reg.status,
          heldQuantity: reg.heldQuantity,
          manageUrl: manageUrl(tokenFromKey(key, seen.salt)),
          message: statusSentence(reg, fair),
        };
      }
    }

    const existing = (st.byPhone.get(fair.slug, input.phone) ?? (input.taxCode ? st.byTax.get(fair.slug, input.taxCode) : undefined)) as
      | Pick<RegistrationRow, 'code' | 'status' | 'heldQuantity'>
      | undefined;
    if (existing) {
      return {
        httpStatus: 200,
        code: existing.code,
        status: existing.status,
        heldQuantity: existing.heldQuantity,
        duplicate: true,
        message:
          'Cơ sở đã có đơn đăng ký ở hội chợ này (cùng số điện thoại hoặc mã số thuế). Dùng đường liên kết quản lý trong thư xác nhận để xem hoặc sửa đơn.',
      };
    }

    const decision = decideHold(type.count, st.held.get(fair.slug, type.id) as number, input.quantity, input.acceptFewer);
    let code = '';
    for (let i = 0; i < 20; i++) {
      const candidate = codeFromBytes(randomBytes(8));
      if (!st.codeTaken.get(candidate)) {
        code = candidate;
        break;
      }
    }
    if (!code) throw new Error('could not allocate a registration code');
    const salt = keyHash ? randomBytes(32).toString('base64url') : null;
    const token = key && salt ? tokenFromKey(key, salt) : newToken();
    const t = at.getTime();
    const inserted = st.insert.run({
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
      at: t,
      manageTokenHash: hashToken(token),
    });
    const row = {
      id: Number(inserted.lastInsertRowid),
      code,
      status: decision.status as RegistrationStatus,
      heldQuantity: decision.hold,
      quantity: input.quantity,
      offerExpiresAt: null,
      representative: input.representative,
      establishmentName: input.establishmentName,
      email: input.email ?? null,
      phone: input.phone,
    };
    st.event.run(row.id, t, 'created', null, row.status, decision.status === 'pending' && decision.hold < input.quantity ? `Giữ ${String(decision.hold)}/${String(input.quantity)} gian` : null, 'applicant');
    if (keyHash && salt) {
      tx.insert(schema.registrationIdempotency).values({ keyHash, requestHash, registrationId: row.id, salt, createdAt: at }).run();
    }
    const link = manageUrl(token);
    const sentence = statusSentence(row, fair);
    notify(
      tx,
      row,
      'confirmation',
      `Xác nhận đăng ký gian hàng – ${fair.name} (mã ${code})`,
      `Cảm ơn ${row.representative} (${row.establishmentName}) đã đăng ký ${String(input.quantity)} ${type.name.toLowerCase()}.\n` +
        `Mã đăng ký: ${code}\nTình trạng: ${STATUS_LABELS[row.status]}. ${sentence}\n` +
        `Xem, sửa thông tin liên hệ hoặc hủy đơn: ${SECRET_PLACEHOLDER}\n` +
        `Tra cứu bằng mã và số điện thoại: ${new URL('/hoi-cho/tra-cuu', getEnv().SITE_URL).href}`,
      link,
    );
    audit(options.actor ?? SYSTEM_ACTOR, {
      action: 'registration.create',
      target: `registration:${code}`,
      details: { fair: fair.slug, boothType: type.id, quantity: input.quantity, status: row.status, held: row.heldQuantity },
    }, tx);
    return { httpStatus: 201, code, status: row.status, heldQuantity: row.heldQuantity, manageUrl: link, message: sentence };
  }
}

export interface HistoryItem {
  at: string;
  kind: string;
  label: string;
  status: RegistrationStatus | null;
  note: string | null;
}

const EVENT_LABELS: Record<string, string> = {
  created: 'Gửi đăng ký',
  offered: 'Được mời nhận gian',
  offer_accepted: 'Nhận lời mời',
  offer_declined: 'Từ chối lời mời',
  offer_expired: 'Lời mời hết hạn',
  approved: 'Được duyệt',
  rejected: 'Bị từ chối',
  waitlisted: 'Chuyển vào danh sách chờ',
  booths_assigned: 'Được gán số gian',
  contact_updated: 'Sửa thông tin liên hệ',
  cancelled: 'Hủy đăng ký',
};

function historyOf(db: DbLike, registrationId: number): HistoryItem[] {
  return db
    .select()
    .from(E)
    .where(eq(E.registrationId, registrationId))
    .orderBy(asc(E.id))
    .all()
    .map((e) => ({
      at: e.at.toISOString(),
      kind: e.kind,
      label: EVENT_LABELS[e.kind] ?? e.kind,
      status: (e.toStatus as RegistrationStatus | null) ?? null,
      note: e.note,
    }));
}

/** What the applicant sees (lookup and management link). No token, no hashes. */
export interface RegistrationView {
  code: string;
  fair: string;
  status: RegistrationStatus;
  statusLabel: string;
  boothTypeId: string;
  quantity: number;
  heldQuantity: number;
  acceptFewer: boolean;
  offerExpiresAt: string | null;
  boothNumbers: string | null;
  rejectReason: string | null;
  createdAt: string;
  history: HistoryItem[];
}

function toView(db: DbLike, reg: RegistrationRow): RegistrationView {
  return {
    code: reg.code,
    fair: reg.fairSlug,
    status: reg.status,
    statusLabel: STATUS_LABELS[reg.status],
    boothTypeId: reg.boothTypeId,
    quantity: reg.quantity,
    heldQuantity: reg.heldQuantity,
    acceptFewer: reg.acceptFewer,
    offerExpiresAt: reg.status === 'offered' && reg.offerExpiresAt ? reg.offerExpiresAt.toISOString() : null,
    boothNumbers: reg.boothNumbers,
    rejectReason: reg.rejectReason,
    createdAt: reg.createdAt.toISOString(),
    history: historyOf(db, reg.id),
  };
}

/**
 * Status and history for a code + phone. Both must match (404 otherwise, the same answer
 * whether the code exists or not). `resolveFair` lets offers that ran out expire first.
 */
export function lookupRegistration(code: string, phone: string, resolveFair?: (slug: string) => FairInfo | null, db: AppDb = getDb()): RegistrationView {
  let reg = db.select().from(R).where(and(eq(R.code, code), eq(R.phone, phone))).get();
  if (!reg) throw new RegistrationError('not_found');
  const fair = resolveFair?.(reg.fairSlug);
  if (fair && expireOffers(fair, db) > 0) reg = db.select().from(R).where(eq(R.id, reg.id)).get() ?? reg;
  return toView(db, reg);
}

/** The registration a management token belongs to, or null. */
export function getRegistrationByToken(token: string, db: DbLike = getDb()): RegistrationRow | null {
  if (!token || token.length > 200) return null;
  return db.select().from(R).where(eq(R.manageTokenHash, hashToken(token))).get() ?? null;
}

function requireByToken(tx: DbLike, token: string): RegistrationRow {
  const reg = getRegistrationByToken(token, tx);
  if (!reg) throw new RegistrationError('manage_not_found');
  return reg;
}

/** Everything the owner of a management link may see. */
export function getManagedRegistration(token: string, fair: FairInfo | null, db: AppDb = getDb()): { registration: RegistrationRow; view: RegistrationView } {
  if (fair) expireOffers(fair, db);
  const reg = requireByToken(db, token);
  return { registration: reg, view: toView(db, reg) };
}

/** Corrects the representative, phone and email. */
export function updateContact(token: string, contact: ContactUpdate, actor: AuditActor = SYSTEM_ACTOR, db: AppDb = getDb()): RegistrationRow {
  return immediate(db, (tx) => {
    const reg = requireByToken(tx, token);
    if (!canCancel(reg.status)) throw new RegistrationError('invalid_transition');
    if (contact.phone !== reg.phone) {
      const clash = findActiveDuplicate(tx, reg.fairSlug, contact.phone, null);
      if (clash) throw new RegistrationError('phone_taken');
    }
    const at = now();
    const updated = tx
      .update(R)
      .set({ representative: contact.representative, phone: contact.phone, email: contact.email ?? null, updatedAt: at })
      .where(eq(R.id, reg.id))
      .returning()
      .get();
    record(tx, reg.id, 'contact_updated', 'applicant', reg.status, reg.status);
    audit(actor, { action: 'registration.contact_update', target: `registration:${reg.code}` }, tx);
    return updated;
  });
}

function release(tx: Tx, fair: FairInfo | null, reg: RegistrationRow, at: Date) {
  if (fair && HOLDING_STATUSES.includes(reg.status)) offerFreedBooths(tx, fair, reg.boothTypeId, at);
}

/** The applicant cancels; held booths go to the waiting list. */
export function cancelRegistration(token: string, fair: FairInfo | null, actor: AuditActor = SYSTEM_ACTOR, db: AppDb = getDb()): RegistrationRow {
  const at = now();
  return immediate(db, (tx) => {
    if (fair) expireOffersIn(tx, fair, at);
    const reg = requireByToken(tx, token);
    if (!canCancel(reg.status)) throw new RegistrationError('invalid_transition');
    const updated = tx.update(R).set({ status: 'cancelled', heldQuantity: 0, updatedAt: at }).where(eq(R.id, reg.id)).returning().get();
    record(tx, reg.id, 'cancelled', 'applicant', reg.status, 'cancelled');
    notify(tx, reg, 'cancelled', `Đã hủy đăng ký gian hàng (mã ${reg.code})`, `Đơn ${reg.code} đã được hủy theo yêu cầu của bạn.`);
    audit(actor, { action: 'registration.cancel', target: `registration:${reg.code}`, details: { from: reg.status } }, tx);
    release(tx, fair, reg, at);
    return updated;
  });
}

/** The applicant accepts (→ pending, booths kept) or declines (→ cancelled, booths passed on) an offer. */
export function answerOffer(token: string, fair: FairInfo, accept: boolean, actor: AuditActor = SYSTEM_ACTOR, db: AppDb = getDb()): RegistrationRow {
  const at = now();
  return immediate(db, (tx) => {
    expireOffersIn(tx, fair, at);
    const reg = requireByToken(tx, token);
    if (reg.status === 'expired') throw new RegistrationError('offer_expired');
    if (reg.status !== 'offered') throw new RegistrationError('invalid_transition');
    let updated: RegistrationRow;
    if (accept) {
      updated = tx.update(R).set({ status: 'pending', offerExpiresAt: null, updatedAt: at }).where(eq(R.id, reg.id)).returning().get();
      record(tx, reg.id, 'offer_accepted', 'applicant', 'offered', 'pending', `${String(reg.heldQuantity)} gian`);
      notify(tx, reg, 'offer_accepted', `Đã nhận gian hàng (mã ${reg.code})`, `Bạn đã nhận ${String(reg.heldQuantity)} gian cho đơn ${reg.code}. Ban tổ chức sẽ xét duyệt đơn.`);
    } else {
      updated = tx.update(R).set({ status: 'cancelled', heldQuantity: 0, offerExpiresAt: null, updatedAt: at }).where(eq(R.id, reg.id)).returning().get();
      record(tx, reg.id, 'offer_declined', 'applicant', 'offered', 'cancelled');
      offerFreedBooths(tx, fair, reg.boothTypeId, at);
    }
    audit(actor, { action: accept ? 'registration.offer_accept' : 'registration.offer_decline', target: `registration:${reg.code}` }, tx);
    return updated;
  });
}

export interface ListFilter {
  status?: RegistrationStatus | undefined;
  boothTypeId?: string | undefined;
  province?: string | undefined;
  support?: boolean | undefined;
}

/** A fair's registrations for the console, oldest first, filtered. */
export function listRegistrations(fairSlug: string, filter: ListFilter = {}, db: DbLike = getDb()): RegistrationRow[] {
  const conditions: SQL[] = [eq(R.fairSlug, fairSlug)];
  if (filter.status) conditions.push(eq(R.status, filter.status));
  if (filter.boothTypeId) conditions.push(eq(R.boothTypeId, filter.boothTypeId));
  if (filter.province) conditions.push(eq(R.province, filter.province));
  if (filter.support !== undefined) conditions.push(eq(R.wantsSupport, filter.support));
  return db.select().from(R).where(and(...conditions)).orderBy(asc(R.id)).all();
}

export interface OrganiserCommand {
  action: OrganiserAction;
  reason?: string | undefined;
  boothNumbers?: string | undefined;
}

/**
 * An organiser's action on one registration of `fair`: approve, reject with a reason, move to
 * the waiting list, assign booth numbers. Audited, and the applicant is told through the outbox.
 */
export function actOnRegistration(fair: FairInfo, code: string, command: OrganiserCommand, actor: AuditActor, db: AppDb = getDb()): RegistrationRow {
  const at = now();
  return immediate(db, (tx) => {
    expireOffersIn(tx, fair, at);
    const reg = tx.select().from(R).where(and(eq(R.fairSlug, fair.slug), eq(R.code, code))).get();
    if (!reg) throw new RegistrationError('registration_not_found');
    if (!canOrganiser(command.action, reg.status)) throw new RegistrationError('invalid_transition');
    let updated: RegistrationRow;
    switch (command.action) {
      case 'approve':
        updated = tx.update(R).set({ status: 'approved', updatedAt: at }).where(eq(R.id, reg.id)).returning().get();
        record(tx, reg.id, 'approved', 'organiser', reg.status, 'approved');
        notify(tx, reg, 'approved', `Đơn đăng ký gian hàng đã được duyệt (mã ${reg.code})`, `Đơn ${reg.code} tại ${fair.name} đã được duyệt với ${String(reg.heldQuantity)} gian.`);
        break;
      case 'reject': {
        const reason = (command.reason ?? '').trim();
        updated = tx.update(R).set({ status: 'rejected', heldQuantity: 0, rejectReason: reason, offerExpiresAt: null, updatedAt: at }).where(eq(R.id, reg.id)).returning().get();
        record(tx, reg.id, 'rejected', 'organiser', reg.status, 'rejected', reason);
        notify(tx, reg, 'rejected', `Đơn đăng ký gian hàng không được chấp nhận (mã ${reg.code})`, `Đơn ${reg.code} tại ${fair.name} không được chấp nhận.\nLý do: ${reason}`);
        release(tx, fair, reg, at);
        break;
      }
      case 'waitlist':
        if (wouldBeOfferedBack(tx, fair, reg, at)) throw new RegistrationError('waitlist_would_reoffer');
        updated = tx
          .update(R)
          .set({ status: 'waitlisted', heldQuantity: 0, waitlistedAt: at, offerExpiresAt: null, boothNumbers: null, updatedAt: at })
          .where(eq(R.id, reg.id))
          .returning()
          .get();
        record(tx, reg.id, 'waitlisted', 'organiser', reg.status, 'waitlisted');
        notify(tx, reg, 'waitlisted', `Đơn được chuyển vào danh sách chờ (mã ${reg.code})`, `Ban tổ chức đã chuyển đơn ${reg.code} tại ${fair.name} vào danh sách chờ. Bạn sẽ được mời khi có gian trống.`);
        release(tx, fair, reg, at);
        break;
      case 'assign': {
        const parsed = parseBoothNumbers(command.boothNumbers ?? '', reg.heldQuantity);
        if (!parsed.ok) throw new RegistrationError(parsed.code, { message: parsed.message, fields: { boothNumbers: parsed.message } });
        const others = tx
          .select({ code: R.code, boothNumbers: R.boothNumbers })
          .from(R)
          .where(and(eq(R.fairSlug, fair.slug), inArray(R.status, HOLDING_STATUSES as RegistrationStatus[])))
          .all()
          .filter((o) => o.code !== reg.code && o.boothNumbers);
        const taken = new Set(others.flatMap((o) => (o.boothNumbers ?? '').split(', ')));
        const clash = parsed.numbers.find((n) => taken.has(n));
        if (clash) throw new RegistrationError('booth_number_taken', { message: `Gian số ${clash} đã được gán cho đơn khác.` });
        const numbers = parsed.numbers.join(', ');
        updated = tx.update(R).set({ boothNumbers: numbers, updatedAt: at }).where(eq(R.id, reg.id)).returning().get();
        record(tx, reg.id, 'booths_assigned', 'organiser', reg.status, reg.status, numbers);
        notify(tx, reg, 'booths_assigned', `Số gian hàng của bạn (mã ${reg.code})`, `Đơn ${reg.code} tại ${fair.name} được bố trí gian số: ${numbers}.`);
        break;
      }
    }
    audit(actor, {
      action: `registration.${command.action}`,
      target: `registration:${reg.code}`,
      details: { fair: fair.slug, from: reg.status, to: updated.status, ...(command.action === 'assign' ? { booths: updated.boothNumbers } : {}) },
    }, tx);
    return updated;
  });
}

/** History of one registration for the console. */
export function registrationHistory(registrationId: number, db: DbLike = getDb()): HistoryItem[] {
  return historyOf(db, registrationId);
}
