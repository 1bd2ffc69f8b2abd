/**
 * Accounts of organisers, judges and administrators. Every change is written to the audit log
 * in the same transaction; disabling a user or changing their password ends their sessions.
 */
import { asc, eq } from 'drizzle-orm';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { z } from 'zod';
import { now } from '../../clock';
import { audit, type AuditActor } from '../audit';
import { getDb, schema, type DbLike } from '../db';
import { defineErrors } from '../errors';
import { hashPassword, PasswordSchema } from './password';
import { forgetSignInSources } from './known-sources';
import { invalidateUserSessions } from './session';
import { clearAccountFailures } from './throttle';
import { ROLES } from '../../vocabulary';

export const UserError = defineErrors({
  email_taken: { status: 409, message: 'Email này đã có tài khoản.' },
  user_not_found: { status: 404, message: 'Không tìm thấy tài khoản.' },
  last_admin: { status: 409, message: 'Không thể vô hiệu hóa quản trị viên cuối cùng còn hoạt động.' },
});
export type UserError = InstanceType<typeof UserError>;

export const EmailSchema = z
  .string({ required_error: 'Vui lòng nhập email.' })
  .trim()
  .toLowerCase()
  .min(1, 'Vui lòng nhập email.')
  .max(254, 'Email quá dài.')
  .email('Địa chỉ email không hợp lệ.');

export const NewUserSchema = z.object({
  email: EmailSchema,
  name: z.string({ required_error: 'Vui lòng nhập họ tên.' }).trim().min(1, 'Vui lòng nhập họ tên.').max(120, 'Họ tên tối đa 120 ký tự.'),
  role: z.enum(ROLES, { errorMap: () => ({ message: 'Vai trò phải là admin, organiser, judge hoặc editor.' }) }),
  password: PasswordSchema,
});
export type NewUser = z.input<typeof NewUserSchema>;

export type UserRow = typeof schema.users.$inferSelect;
/** A user without the password hash. */
export type PublicUser = Omit<UserRow, 'passwordHash'>;

function toPublic(row: UserRow): PublicUser {
  const { passwordHash: _hash, ...rest } = row;
  return rest;
}

function newUserId(): string {
  const bytes = new Uint8Array(10);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function getUserByEmail(email: string, db: DbLike = getDb()): UserRow | null {
  return db.select().from(schema.users).where(eq(schema.users.email, email.trim().toLowerCase())).get() ?? null;
}

export function getUserById(id: string, db: DbLike = getDb()): PublicUser | null {
  const row = db.select().from(schema.users).where(eq(schema.users.id, id)).get();
  return row ? toPublic(row) : null;
}

export function listUsers(db: DbLike = getDb()): PublicUser[] {
  return db.select().from(schema.users).orderBy(asc(schema.users.role), asc(schema.users.email)).all().map(toPublic);
}

/** Creates an account (validated with NewUserSchema; 409 email_taken). */
export async function createUser(
  input: NewUser,
  actor: AuditActor,
  options: { isDemo?: boolean } = {},
  db = getDb(),
): Promise<PublicUser> {
  const data = NewUserSchema.parse(input);
  const passwordHash = await hashPassword(data.password);
  return db.transaction((tx) => {
    if (getUserByEmail(data.email, tx)) throw new UserError('email_taken');
    const t = now();
    const row = tx
      .insert(schema.users)
      .values({
        id: newUserId(),
        email: data.email,
        name: data.name,
        role: data.role,
        passwordHash,
        isDemo: options.isDemo ?? false,
        createdAt: t,
        updatedAt: t,
      })
      .returning()
      .get();
    audit(actor, { action: 'user.create', target: `user:${row.id}`, details: { email: row.email, role: row.role, demo: row.isDemo } }, tx);
    return toPublic(row);
  });
}

function requireUser(id: string, db: DbLike): UserRow {
  const row = db.select().from(schema.users).where(eq(schema.users.id, id)).get();
  if (!row) throw new UserError('user_not_found');
  return row;
}

/** Disables an account and ends its sessions. Refuses to disable the last active admin. */
export function disableUser(id: string, actor: AuditActor, db = getDb()): PublicUser {
  return db.transaction((tx) => {
    const user = requireUser(id, tx);
    if (user.disabledAt) return toPublic(user);
    if (user.role === 'admin') {
      const activeAdmins = tx
        .select({ id: schema.users.id, disabledAt: schema.users.disabledAt })
        .from(schema.users)
        .where(eq(schema.users.role, 'admin'))
        .all()
        .filter((u) => u.disabledAt === null);
      if (activeAdmins.length <= 1) throw new UserError('last_admin');
    }
    const t = now();
    const row = tx.update(schema.users).set({ disabledAt: t, updatedAt: t }).where(eq(schema.users.id, id)).returning().get();
    invalidateUserSessions(id, tx);
    audit(actor, { action: 'user.disable', target: `user:${id}`, details: { email: user.email } }, tx);
    return toPublic(row);
  });
}

export function enableUser(id: string, actor: AuditActor, db = getDb()): PublicUser {
  return db.transaction((tx) => {
    const user = requireUser(id, tx);
    if (!user.disabledAt) return toPublic(user);
    const row = tx.update(schema.users).set({ disabledAt: null, updatedAt: now() }).where(eq(schema.users.id, id)).returning().get();
    audit(actor, { action: 'user.enable', target: `user:${id}`, details: { email: user.email } }, tx);
    return toPublic(row);
  });
}

/**
 * Sets a new password and ends every session of the user. It also lifts the sign-in locks of
 * the account and forgets the browsers and addresses it was signed in from (throttle.ts,
 * known-sources.ts): the owner starts afresh, an intruder keeps nothing.
 */
export async function setPassword(id: string, password: string, actor: AuditActor, db = getDb()): Promise<void> {
  const valid = PasswordSchema.parse(password);
  const passwordHash = await hashPassword(valid);
  db.transaction((tx) => {
    const user = requireUser(id, tx);
    tx.update(schema.users).set({ passwordHash, updatedAt: now() }).where(eq(schema.users.id, id)).run();
    invalidateUserSessions(id, tx);
    forgetSignInSources(id, tx);
    clearAccountFailures(user.email, tx);
    audit(actor, { action: 'user.password_reset', target: `user:${id}`, details: { email: user.email } }, tx);
  });
}

/** Number of demo accounts (the server refuses to start outside demo mode while any exist). */
export function countDemoUsers(db: DbLike = getDb()): number {
  return db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.isDemo, true)).all().length;
}
