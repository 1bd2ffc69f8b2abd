/**
 * The registration writer thread, as the built server runs it (TEST_BUILD_DIR's
 * server/registration-writer.mjs), on a real migrated temp SQLite file: its answers and errors
 * equal the in-process ones, it never oversells while the main connection writes to the same
 * file, and a thread that dies fails only its own requests and is replaced.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/db';
import { registrationBody } from '../helpers/registration-server';
import { TEST_BUILD_DIR } from '../test-env';
import { now } from '../../src/lib/clock';
import { AppError } from '../../src/lib/server/errors';
import { toErrorResponse } from '../../src/lib/server/http';
import { RegistrationSchema, type RegistrationInput } from '../../src/lib/registration-schema';
import { countsForFair, registerBooths, RegistrationError, type FairInfo, type RegisterRequest } from '../../src/lib/server/registrations';
import { RegistrationWriter, deserializeError, serializeError } from '../../src/lib/server/registrations/writer';

const script = path.join(TEST_BUILD_DIR, 'server', 'registration-writer.mjs');
const testDb = useTestDatabase('registration-writer');
const writers: RegistrationWriter[] = [];
afterAll(async () => {
  for (const w of writers) await w.stop();
});

function writer(): RegistrationWriter {
  if (!existsSync(script)) throw new Error(`No ${script}: build first (npm test builds it)`);
  const w = new RegistrationWriter(pathToFileURL(script), { databasePath: testDb().file, synchronous: 'FULL' });
  writers.push(w);
  w.start();
  return w;
}

function fair(slug: string, count: number): FairInfo {
  const t = now().getTime();
  return {
    slug,
    name: `Hội chợ ${slug}`,
    status: 'scheduled',
    registration: { opens: new Date(t - 86_400_000), closes: new Date(t + 30 * 86_400_000), offerHours: 48 },
    boothTypes: [{ id: 'tieu-chuan', name: 'Gian hàng tiêu chuẩn', count }],
    maxBoothsPerEstablishment: 2,
  };
}

let n = 0;
function input(patch: Partial<Record<keyof RegistrationInput, unknown>> = {}): RegistrationInput {
  n++;
  return RegistrationSchema.parse({ ...registrationBody(`09${String(30_000_000 + n)}`), ...patch });
}

const request = (f: FairInfo, i: RegistrationInput, idempotencyKey: string | null = null): RegisterRequest => ({
  fair: f,
  input: i,
  options: { idempotencyKey, actor: { actorId: null, ip: '10.1.2.3' } },
  at: now().getTime(),
});

describe('errors cross the thread unchanged', () => {
  it('an AppError comes back with its code, status, message, fields and extra, and answers the same', async () => {
    const original = new RegistrationError('window_closed', { message: 'Đã hết hạn đăng ký.', extra: { window: { state: 'closed' } }, fields: { a: 'b' } });
    const copy = deserializeError(structuredClone(serializeError(original)));
    expect(copy).toBeInstanceOf(AppError);
    expect(copy).toMatchObject({ code: 'window_closed', status: 409, message: 'Đã hết hạn đăng ký.', fields: { a: 'b' }, extra: { window: { state: 'closed' } } });
    const [a, b] = [toErrorResponse(original), toErrorResponse(copy)];
    expect(b.status).toBe(a.status);
    expect(await b.json()).toEqual(await a.json());
  });

  it('any other error stays a plain Error (a 500), named as coming from the thread', () => {
    const copy = deserializeError(structuredClone(serializeError(new TypeError('boom'))));
    expect(copy).not.toBeInstanceOf(AppError);
    expect(copy.name).toBe('TypeError');
    expect(copy.stack).toContain('registration writer thread');
  });
});

describe('the writer thread', () => {
  it('registers, finds duplicates and replays or refuses Idempotency-Keys like the main thread', async () => {
    const w = writer();
    const f = fair('writer-basic', 1);
    const first = await w.register(request(f, input({ phone: '0391111111' }), 'k-1'));
    expect(first).toMatchObject({ httpStatus: 201, status: 'pending', heldQuantity: 1 });
    expect(first.code).toMatch(/^[2-9A-HJ-NP-Z]{6}$/);
    expect(first.manageUrl).toMatch(/\/hoi-cho\/quan-ly\//);

    const again = await w.register(request(f, input({ phone: '0391111111' }), 'k-1'));
    expect(again).toEqual(first);
    await expect(w.register(request(f, input({ phone: '0392222222' }), 'k-1'))).rejects.toMatchObject({ code: 'idempotency_mismatch', status: 422 });
    const duplicate = await w.register(request(f, input({ phone: '0391111111' })));
    expect(duplicate).toMatchObject({ httpStatus: 200, duplicate: true, code: first.code });
    const second = await w.register(request(f, input()));
    expect(second.status).toBe('waitlisted');
    expect(countsForFair(f).get('tieu-chuan')).toMatchObject({ held: 1, waitlisted: 1 });
  });

  it('never oversells while the main connection registers on the same file at the same time', async () => {
    const w = writer();
    const f = fair('writer-race', 30);
    const threaded = Array.from({ length: 200 }, () => w.register(request(f, input())));
    const onMain: string[] = [];
    for (let i = 0; i < 40; i++) {
      onMain.push(registerBooths(f, input()).status);
      await new Promise((r) => setImmediate(r));
    }
    const results = [...(await Promise.all(threaded)).map((r) => r.status), ...onMain];
    expect(results.filter((s) => s === 'pending')).toHaveLength(30);
    expect(results.filter((s) => s === 'waitlisted')).toHaveLength(210);
    expect(countsForFair(f).get('tieu-chuan')).toMatchObject({ total: 30, held: 30, free: 0, waitlisted: 210 });
  });

  it('a thread that dies fails only what it had not answered; the next request gets a new thread', async () => {
    const w = writer();
    const f = fair('writer-crash', 5);
    await w.register(request(f, input()));
    const inFlight = w.register(request(f, input()));
    // Kill the thread from the inside, as a crash would.
    (w as unknown as { worker: import('node:worker_threads').Worker }).worker.terminate().catch(() => undefined);
    const outcome = await inFlight.then(
      () => 'answered',
      (e: unknown) => (e instanceof Error ? e.message : String(e)),
    );
    // Either it was committed and answered before the kill, or it failed — never left hanging.
    expect(outcome === 'answered' || outcome.includes('exited'), outcome).toBe(true);
    const after = await w.register(request(f, input()));
    expect(after.httpStatus).toBe(201);
  });
});
