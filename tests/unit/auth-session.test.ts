/**
 * Sessions: create, validate, sliding renewal, expiry, invalidation; the token and its hash.
 * Time is moved with Vitest's fake clock (now() follows Date.now()).
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { useTestDatabase } from '../helpers/db';
import { schema } from '../../src/lib/server/db';
import { now } from '../../src/lib/clock';
import {
  createSession,
  generateSessionToken,
  invalidateSession,
  invalidateUserSessions,
  SESSION_LIFETIME_MS,
  sessionIdFromToken,
  validateSessionToken,
} from '../../src/lib/server/auth/session';
import { createUser } from '../../src/lib/server/auth/user';

const testDb = useTestDatabase('session');
const DAY = 86_400_000;
let userId = '';

beforeAll(async () => {
  userId = (await createUser({ email: 'giamkhao@example.vn', name: 'Giám khảo', role: 'judge', password: 'mat-khau-dai' }, { actorId: null, ip: null })).id;
});
afterEach(() => {
  vi.useRealTimers();
});

describe('session tokens', () => {
  it('are 160-bit base32 strings, unique, stored only as their SHA-256', () => {
    const tokens = new Set(Array.from({ length: 1000 }, generateSessionToken));
    expect(tokens.size).toBe(1000);
    for (const t of tokens) expect(t).toMatch(/^[a-z2-7]{32}$/);
    const token = generateSessionToken();
    const session = createSession(token, userId);
    expect(session.id).toBe(sessionIdFromToken(token));
    expect(session.id).toMatch(/^[0-9a-f]{64}$/);
    const stored = testDb().db.select().from(schema.sessions).all();
    expect(JSON.stringify(stored)).not.toContain(token);
  });

  it('validates, rejects unknown and malformed tokens', () => {
    const token = generateSessionToken();
    createSession(token, userId);
    const result = validateSessionToken(token);
    expect(result.user).toMatchObject({ id: userId, role: 'judge', email: 'giamkhao@example.vn' });
    expect(result.user).not.toHaveProperty('passwordHash');
    expect(result.session?.fresh).toBe(false);
    expect(validateSessionToken(generateSessionToken()).session).toBeNull();
    expect(validateSessionToken('not a token').session).toBeNull();
    expect(validateSessionToken(`${token}x`).session).toBeNull();
  });

  it('renews when less than 15 days remain, expires after 30 days without use', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = Date.now();
    const token = generateSessionToken();
    const created = createSession(token, userId);
    expect(created.expiresAt.getTime() - now().getTime()).toBe(SESSION_LIFETIME_MS);

    vi.setSystemTime(start + 10 * DAY);
    const early = validateSessionToken(token).session;
    expect(early?.fresh).toBe(false);
    expect(early?.expiresAt.getTime()).toBe(created.expiresAt.getTime());

    vi.setSystemTime(start + 16 * DAY);
    const renewed = validateSessionToken(token).session;
    expect(renewed?.fresh).toBe(true);
    expect(renewed?.expiresAt.getTime()).toBeGreaterThan(created.expiresAt.getTime());
    const stored = testDb().db.select().from(schema.sessions).where(eq(schema.sessions.id, sessionIdFromToken(token))).get();
    expect(stored?.expiresAt.getTime()).toBe(renewed?.expiresAt.getTime());

    vi.setSystemTime(start + 16 * DAY + SESSION_LIFETIME_MS);
    expect(validateSessionToken(token).session).toBeNull();
    expect(testDb().db.select().from(schema.sessions).where(eq(schema.sessions.id, sessionIdFromToken(token))).get()).toBeUndefined();
  });

  it('invalidates one session, or all sessions of a user', () => {
    const [a, b, c] = [generateSessionToken(), generateSessionToken(), generateSessionToken()];
    const sa = createSession(a, userId);
    createSession(b, userId);
    createSession(c, userId);
    invalidateSession(sa.id);
    expect(validateSessionToken(a).session).toBeNull();
    expect(validateSessionToken(b).session).not.toBeNull();
    invalidateUserSessions(userId);
    expect(validateSessionToken(b).session).toBeNull();
    expect(validateSessionToken(c).session).toBeNull();
  });
});
