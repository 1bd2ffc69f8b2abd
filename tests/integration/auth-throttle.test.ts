/**
 * Sign-in throttling on a real migrated SQLite file: per (account, address) pair with
 * exponential backoff, per address across accounts (password spraying), and a per-account
 * ceiling that an attacker cannot use to keep a judge out — a browser or an address that signed
 * in to the account before still gets in.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useTestDatabase } from '../helpers/db';
import { listAudit } from '../../src/lib/server/audit';
import { AuthError, signIn } from '../../src/lib/server/auth/login';
import { ACCOUNT_POLICY, IP_POLICY, lockDuration, PAIR_POLICY, throttleAddress } from '../../src/lib/server/auth/throttle';
import { createUser, setPassword } from '../../src/lib/server/auth/user';

useTestDatabase('auth-throttle');
const admin = { actorId: null, ip: '127.0.0.1' };
const MINUTE = 60;

afterEach(() => {
  vi.useRealTimers();
});

async function judge(name: string): Promise<{ email: string; password: string }> {
  const account = { email: `${name}@example.vn`, password: `dung-mat-khau-${name}` };
  await createUser({ ...account, name, role: 'judge' }, admin);
  return account;
}

/** The answer to one attempt: 'ok', or the error's status/code/retryAfter/message. */
async function attempt(email: string, password: string, ip: string | null, deviceToken?: string) {
  try {
    const result = await signIn({ email, password }, ip, { deviceToken });
    return { status: 200, code: 'ok', retryAfter: 0, message: '', deviceToken: result.deviceToken };
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    const e = error as AuthError;
    return { status: e.status, code: e.code as string, retryAfter: e.retryAfterSeconds ?? 0, message: e.message, deviceToken: '' };
  }
}

function advance(seconds: number): void {
  vi.setSystemTime(new Date(Date.now() + seconds * 1000));
}

describe('the lock schedule', () => {
  it('locks a pair from its 5th failure, doubling from 1 minute up to 1 hour', () => {
    const minutes = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 50].map((n) => lockDuration(PAIR_POLICY, n) / 60_000);
    expect(minutes).toEqual([0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 60, 60]);
  });

  it('allows an address 20 failures across accounts and an account 100 before locking', () => {
    expect(lockDuration(IP_POLICY, 19)).toBe(0);
    expect(lockDuration(IP_POLICY, 20)).toBe(60_000);
    expect(lockDuration(ACCOUNT_POLICY, 99)).toBe(0);
    expect(lockDuration(ACCOUNT_POLICY, 100)).toBe(3_600_000);
    expect(lockDuration(ACCOUNT_POLICY, 105)).toBe(24 * 3_600_000);
  });

  it('counts an IPv6 /64 as one address and an IPv4-mapped address as IPv4', () => {
    expect(throttleAddress('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(throttleAddress('2001:0DB8:0001:0002:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(throttleAddress('2001:db8::5')).toBe('2001:db8:0:0::/64');
    expect(throttleAddress('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(throttleAddress('::ffff:10.5.0.1')).toBe('10.5.0.1');
    expect(throttleAddress('10.5.0.1')).toBe('10.5.0.1');
    expect(throttleAddress(null)).toBeNull();
  });
});

describe('sign-in throttling', () => {
  it('ten failures from ten addresses do not stop the right password from an eleventh', async () => {
    const account = await judge('an');
    for (let i = 1; i <= 10; i++) expect((await attempt(account.email, 'sai', `10.1.0.${String(i)}`)).status).toBe(401);
    expect(await attempt(account.email, account.password, '10.1.0.11')).toMatchObject({ status: 200 });
  });

  it('a pair that keeps failing waits longer each time; the right password from that address is refused meanwhile', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const account = await judge('binh');
    const ip = '10.2.0.1';
    for (let i = 1; i <= 5; i++) expect((await attempt(account.email, 'sai', ip)).status).toBe(401);

    const waits: number[] = [];
    for (let round = 0; round < 7; round++) {
      const refused = await attempt(account.email, account.password, ip);
      expect(refused).toMatchObject({ status: 429, code: 'throttled' });
      waits.push(refused.retryAfter);
      advance(refused.retryAfter + 1);
      expect((await attempt(account.email, 'sai', ip)).status).toBe(401);
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 60].map((m) => m * MINUTE));

    const refused = await attempt(account.email, account.password, ip);
    expect(refused.retryAfter).toBe(60 * MINUTE);
    expect(refused.message).toBe('Có quá nhiều lần đăng nhập sai. Vui lòng thử lại sau 1 giờ.');
    // Another address is not affected…
    expect(await attempt(account.email, account.password, '10.2.0.2')).toMatchObject({ status: 200 });
    // …and once the wait is over, the right password clears the pair.
    advance(60 * MINUTE + 1);
    expect(await attempt(account.email, account.password, ip)).toMatchObject({ status: 200 });
    expect(await attempt(account.email, 'sai', ip)).toMatchObject({ status: 401 });
    expect(await attempt(account.email, account.password, ip)).toMatchObject({ status: 200 });

    expect(listAudit({ action: 'auth.locked' }).filter((r) => r.target === `email:${account.email}`).length).toBeGreaterThanOrEqual(8);
    const throttled = listAudit({ action: 'auth.login_throttled' }).filter((r) => r.target === `email:${account.email}`);
    expect(throttled[0]?.details).toMatchObject({ keys: ['pair'] });
  });

  it('the wait is stated in the message', async () => {
    const account = await judge('chau');
    for (let i = 1; i <= 5; i++) await attempt(account.email, 'sai', '10.2.1.1');
    const refused = await attempt(account.email, account.password, '10.2.1.1');
    expect(refused).toMatchObject({ status: 429, code: 'throttled', message: 'Có quá nhiều lần đăng nhập sai. Vui lòng thử lại sau 1 phút.' });
    expect(refused.retryAfter).toBeGreaterThan(55);
    expect(refused.retryAfter).toBeLessThanOrEqual(60);
  });

  it('counts simultaneous guesses one by one: 30 at once from one address get 5 verifications', async () => {
    const account = await judge('em');
    const answers = await Promise.all(Array.from({ length: 30 }, () => attempt(account.email, 'sai', '10.2.2.1')));
    expect(answers.filter((a) => a.status === 401)).toHaveLength(5);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(25);
  });

  it('throttles one address spraying passwords across many accounts', async () => {
    const victim = await judge('dung');
    const ip = '10.3.0.1';
    for (let i = 0; i < 20; i++) expect((await attempt(`khong-co-${String(i)}@example.vn`, 'mat-khau-pho-bien', ip)).status).toBe(401);
    expect(await attempt(victim.email, victim.password, ip)).toMatchObject({ status: 429, code: 'throttled' });
    expect(await attempt(victim.email, victim.password, '10.3.0.2')).toMatchObject({ status: 200 });
    expect(listAudit({ action: 'auth.locked' }).some((r) => JSON.stringify(r.details).includes('"ip"'))).toBe(true);
  });

  it('does not throttle a loopback address across accounts (a proxy without TRUST_PROXY), only its pairs', async () => {
    const account = await judge('giang');
    for (let i = 0; i < 25; i++) expect((await attempt(`ai-do-${String(i)}@example.vn`, 'sai', '127.0.0.1')).status).toBe(401);
    expect(await attempt(account.email, account.password, '127.0.0.1')).toMatchObject({ status: 200 });
    for (let i = 0; i < 5; i++) await attempt(account.email, 'sai', '::1');
    expect(await attempt(account.email, account.password, '::1')).toMatchObject({ status: 429 });
  });

  it('counts the addresses of one IPv6 /64 as one', async () => {
    const account = await judge('ha');
    for (let i = 1; i <= 5; i++) expect((await attempt(account.email, 'sai', `2001:db8:1:2::${String(i)}`)).status).toBe(401);
    expect(await attempt(account.email, account.password, '2001:db8:1:2::99')).toMatchObject({ status: 429 });
    expect(await attempt(account.email, account.password, '2001:db8:1:3::1')).toMatchObject({ status: 200 });
  });

  it('at the account ceiling, refuses new browsers and addresses but not those that signed in before', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const account = await judge('khanh');
    const officeIp = '10.4.0.200';
    expect((await attempt(account.email, account.password, officeIp)).status).toBe(200);
    const laptop = await attempt(account.email, account.password, '10.4.0.201');
    expect(laptop.deviceToken).toMatch(/^[a-z2-7]{32}$/);
    const device = laptop.deviceToken;
    // The same browser keeps its token: signing in again returns it unchanged.
    expect((await attempt(account.email, account.password, '10.4.0.202', device)).deviceToken).toBe(device);

    // 100 failures from 20 addresses (5 each: every pair locks, no address reaches its limit).
    for (let a = 1; a <= 20; a++) {
      for (let i = 0; i < 5; i++) expect((await attempt(account.email, 'sai', `10.4.${String(a)}.1`)).status).toBe(401);
    }
    const stranger = await attempt(account.email, account.password, '10.4.99.1');
    expect(stranger).toMatchObject({ status: 429, code: 'account_throttled' });
    expect(stranger.retryAfter).toBe(60 * MINUTE);
    expect(stranger.message).toContain('thử lại sau 1 giờ');
    expect(stranger.message).toContain('đã từng đăng nhập');
    // The judge's browser, from anywhere, and the office address still sign in.
    expect(await attempt(account.email, account.password, '10.4.99.2', device)).toMatchObject({ status: 200 });
    expect(await attempt(account.email, account.password, officeIp)).toMatchObject({ status: 200 });
    // A token of another account, or a made-up one, counts for nothing.
    const other = await judge('lan');
    const otherDevice = (await attempt(other.email, other.password, '10.4.98.1')).deviceToken;
    expect(await attempt(account.email, account.password, '10.4.99.3', otherDevice)).toMatchObject({ status: 429, code: 'account_throttled' });
    expect(await attempt(account.email, account.password, '10.4.99.4', 'a'.repeat(32))).toMatchObject({ status: 429, code: 'account_throttled' });

    // A stolen browser token is throttled on its own: 5 failures lock it.
    for (let i = 0; i < 5; i++) expect((await attempt(account.email, 'sai', '10.4.99.5', device)).status).toBe(401);
    expect(await attempt(account.email, account.password, '10.4.99.6', device)).toMatchObject({ status: 429, code: 'throttled' });

    // The ceiling lifts after its wait; the next failure locks it again, for twice as long.
    advance(60 * MINUTE + 1);
    expect(await attempt(account.email, account.password, '10.4.99.7')).toMatchObject({ status: 200 });
    expect((await attempt(account.email, 'sai', '10.4.99.8')).status).toBe(401);
    expect(await attempt(account.email, account.password, '10.4.99.9')).toMatchObject({ status: 429, code: 'account_throttled', retryAfter: 120 * MINUTE });
    // A day after the run of failures began, it is forgotten.
    advance(24 * 60 * MINUTE);
    expect(await attempt(account.email, account.password, '10.4.99.10')).toMatchObject({ status: 200 });
  }, 120_000);

  it("an administrator's password reset lifts the account's locks and forgets its browsers", async () => {
    const account = await judge('minh');
    const device = (await attempt(account.email, account.password, '10.6.0.1')).deviceToken;
    for (let i = 0; i < 5; i++) await attempt(account.email, 'sai', '10.6.0.2');
    for (let i = 0; i < 5; i++) await attempt(account.email, 'sai', '10.6.0.3', device);
    const user = await signIn({ email: account.email, password: account.password }, '10.6.0.9');
    await setPassword(user.user.id, 'mat-khau-moi-minh', admin);
    // The pair is unlocked; the browser is a stranger again (it gets a new token).
    expect(await attempt(account.email, 'mat-khau-moi-minh', '10.6.0.2')).toMatchObject({ status: 200 });
    const after = await attempt(account.email, 'mat-khau-moi-minh', '10.6.0.3', device);
    expect(after).toMatchObject({ status: 200 });
    expect(after.deviceToken).not.toBe(device);
  });
});
