/**
 * Accounts, sign-in, throttling, the audit log and the outbox on a real migrated SQLite file.
 */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/db';
import { audit, listAudit, SYSTEM_ACTOR } from '../../src/lib/server/audit';
import { AuthError, signIn, signOut } from '../../src/lib/server/auth/login';
import { countUserSessions, validateSessionToken } from '../../src/lib/server/auth/session';
import { PAIR_POLICY } from '../../src/lib/server/auth/throttle';
import { createUser, disableUser, enableUser, setPassword, UserError } from '../../src/lib/server/auth/user';
import { countOutbox, deliverPending, enqueueMessage, listOutbox, MAX_ATTEMPTS } from '../../src/lib/server/messaging';
import { migrationsCurrent } from '../../src/lib/server/migrations';
import { countDemoUsers } from '../../src/lib/server/auth/user';
import { DEMO_ACCOUNTS, refuseDemoAccounts, seedDemoAccounts } from '../../src/lib/server/demo';

const testDb = useTestDatabase('auth');
const admin = { actorId: null, ip: '127.0.0.1' };

describe('database', () => {
  it('is migrated, in WAL mode, with foreign keys on', () => {
    const { db } = testDb();
    expect(migrationsCurrent(db.$client)).toBe(true);
    expect(db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.$client.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.$client.pragma('synchronous', { simple: true })).toBe(2); // FULL
  });

  it('refuses to change or delete audit rows (triggers)', () => {
    const { db } = testDb();
    audit(SYSTEM_ACTOR, { action: 'test.append', details: { n: 1 } });
    expect(() => db.$client.prepare("UPDATE audit_log SET action = 'x'").run()).toThrow(/append-only/);
    expect(() => db.$client.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(listAudit({ action: 'test.append' })).toHaveLength(1);
  });
});

describe('users and sign-in', () => {
  it('creates a user, refuses a duplicate email, validates input', async () => {
    const u = await createUser({ email: ' Lan@Example.VN ', name: 'Nguyễn Thị Lan', role: 'organiser', password: 'mật-khẩu-dài' }, admin);
    expect(u.email).toBe('lan@example.vn');
    expect(u).not.toHaveProperty('passwordHash');
    await expect(createUser({ email: 'lan@example.vn', name: 'X', role: 'judge', password: '12345678' }, admin)).rejects.toBeInstanceOf(UserError);
    await expect(createUser({ email: 'x@example.vn', name: 'X', role: 'judge', password: 'short' }, admin)).rejects.toThrow(/ít nhất 8/);
    expect(listAudit({ action: 'user.create' }).some((r) => r.target === `user:${u.id}`)).toBe(true);
  });

  it('signs in with the right password only; same answer for unknown email', async () => {
    await createUser({ email: 'an@example.vn', name: 'An', role: 'judge', password: 'đúng-mật-khẩu' }, admin);
    const ok = await signIn({ email: 'AN@example.vn', password: 'đúng-mật-khẩu' }, '10.0.0.1');
    expect(ok.user.role).toBe('judge');
    expect(validateSessionToken(ok.token).user?.email).toBe('an@example.vn');

    const wrong = await signIn({ email: 'an@example.vn', password: 'sai-mật-khẩu' }, '10.0.0.1').catch((e: unknown) => e);
    const unknown = await signIn({ email: 'nobody@example.vn', password: 'sai-mật-khẩu' }, '10.0.0.1').catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(AuthError);
    expect(unknown).toBeInstanceOf(AuthError);
    const [w, u] = [wrong as AuthError, unknown as AuthError];
    expect([w.status, w.code, w.message]).toEqual([u.status, u.code, u.message]);
    expect(w.status).toBe(401);

    const failures = listAudit({ action: 'auth.login_failed' });
    expect(failures.map((f) => f.details['reason']).sort()).toEqual(['unknown_email', 'wrong_password']);
    expect(JSON.stringify(listAudit())).not.toContain('mật-khẩu');

    signOut(ok.session, '10.0.0.1');
    expect(validateSessionToken(ok.token).session).toBeNull();
    expect(listAudit({ action: 'auth.logout' })).toHaveLength(1);
  });

  it('throttles failures with 429 and a Retry-After (details in auth-throttle.test.ts)', async () => {
    await createUser({ email: 'binh@example.vn', name: 'Bình', role: 'judge', password: 'mat-khau-binh' }, admin);
    for (let i = 0; i < PAIR_POLICY.lockFrom; i++) {
      await expect(signIn({ email: 'binh@example.vn', password: 'sai' }, '10.1.0.1')).rejects.toMatchObject({ status: 401 });
    }
    const locked = await signIn({ email: 'binh@example.vn', password: 'mat-khau-binh' }, '10.1.0.1').catch((e: unknown) => e);
    expect(locked).toMatchObject({ status: 429, code: 'throttled' });
    expect((locked as AuthError).retryAfterSeconds).toBeGreaterThan(0);
    expect((locked as AuthError).message).toMatch(/thử lại sau 1 phút/);
    expect(listAudit({ action: 'auth.locked' }).length).toBeGreaterThan(0);
    await expect(signIn({ email: 'binh@example.vn', password: 'mat-khau-binh' }, '10.9.9.9')).resolves.toBeTruthy();
  });

  it('disabling a user or resetting the password ends all their sessions', async () => {
    const u = await createUser({ email: 'cuong@example.vn', name: 'Cường', role: 'organiser', password: 'mat-khau-cuong' }, admin);
    const a = await signIn({ email: 'cuong@example.vn', password: 'mat-khau-cuong' }, '10.3.0.1');
    await signIn({ email: 'cuong@example.vn', password: 'mat-khau-cuong' }, '10.3.0.1');
    expect(countUserSessions(u.id)).toBe(2);
    await setPassword(u.id, 'mat-khau-moi-cuong', admin);
    expect(countUserSessions(u.id)).toBe(0);
    expect(validateSessionToken(a.token).session).toBeNull();
    await expect(signIn({ email: 'cuong@example.vn', password: 'mat-khau-cuong' }, '10.3.0.1')).rejects.toMatchObject({ status: 401 });
    const b = await signIn({ email: 'cuong@example.vn', password: 'mat-khau-moi-cuong' }, '10.3.0.1');
    disableUser(u.id, admin);
    expect(validateSessionToken(b.token).session).toBeNull();
    await expect(signIn({ email: 'cuong@example.vn', password: 'mat-khau-moi-cuong' }, '10.3.0.1')).rejects.toMatchObject({ status: 401 });
    enableUser(u.id, admin);
    await expect(signIn({ email: 'cuong@example.vn', password: 'mat-khau-moi-cuong' }, '10.3.0.1')).resolves.toBeTruthy();
    const actions = listAudit({ action: 'user.' }).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['user.password_reset', 'user.disable', 'user.enable']));
  });

  it('never disables the last active admin', async () => {
    const a = await createUser({ email: 'admin1@example.vn', name: 'A', role: 'admin', password: 'admin-password' }, admin);
    expect(() => disableUser(a.id, admin)).toThrow(UserError);
  });
});

describe('demo accounts', () => {
  it('are created once, and refused outside demo mode', () => {
    expect(seedDemoAccounts()).toBe(DEMO_ACCOUNTS.length);
    expect(seedDemoAccounts()).toBe(0);
    expect(countDemoUsers()).toBe(DEMO_ACCOUNTS.length);
    expect(() => refuseDemoAccounts('x.sqlite')).toThrow(/tài khoản demo/);
  });
});

describe('outbox', () => {
  it('keeps messages pending without SMTP, sends with a transport, retries failures', async () => {
    const id = enqueueMessage({ to: 'coso@example.vn', subject: 'Xác nhận đăng ký', body: 'Mã K7M2QX', kind: 'registration.confirmation', ref: 'registration:K7M2QX' });
    enqueueMessage({ channel: 'sms', to: '+84912345678', subject: 'Mã xác minh', body: '123456', kind: 'vote.code' });
    expect(listOutbox({ status: 'pending' }).map((m) => m.id)).toContain(id);

    const sent: string[] = [];
    const result = await deliverPending({ email: { send: (m) => { sent.push(m.to); return Promise.resolve(); } } });
    expect(result).toEqual({ sent: 1, failed: 0 });
    expect(sent).toEqual(['coso@example.vn']);
    expect(countOutbox()).toEqual({ pending: 1, sent: 1, failed: 0 }); // SMS stays pending

    enqueueMessage({ to: 'bad@example.vn', subject: 'S', body: 'B', kind: 'test' });
    const failing = { email: { send: () => Promise.reject(new Error('550 mailbox unavailable')) } };
    expect(await deliverPending(failing)).toEqual({ sent: 0, failed: 1 });
    // Backed off: not due again at once.
    expect(await deliverPending(failing)).toEqual({ sent: 0, failed: 0 });
    const row = listOutbox().find((m) => m.recipient === 'bad@example.vn');
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastError: '550 mailbox unavailable' });
    expect(MAX_ATTEMPTS).toBeGreaterThan(1);
  });
});
