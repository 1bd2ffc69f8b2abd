/**
 * The registration writer thread, seen from the server's main thread.
 *
 * Why a thread: a registration's own work is SQLite (capacity check, five inserts, the fsync of
 * the commit) and crypto — synchronous, and on the main thread it stalls every other request
 * while it runs. The built server hands booth registrations to one worker thread that owns its
 * own connection and group-commits them (`commitGroup`: one transaction per turn of ITS event
 * loop, a savepoint each). The main thread only parses and validates HTTP, then awaits the
 * answer, which comes after the commit — so a 201 still means "on disk".
 *
 * Correctness does not depend on there being one writer: every transaction, here or on the main
 * connection (organiser actions, cancellations, the offer sweeper, sign-in…), begins IMMEDIATE
 * (openDatabase makes it the default), taking SQLite's write lock before reading what is held.
 * A main-thread write that meets the writer's lock waits for it (busy_timeout), usually the
 * few milliseconds of one group commit.
 *
 * Messages are plain data (structured clone); errors come back as their code and fields and
 * are rebuilt as `AppError`s, so the route answers exactly as it would in-process.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { now } from '../../clock';
import { AppError, type AppErrorOptions } from '../errors';
import type { RegisterRequest, RegisterResult } from './types';

/** What the main thread sends: the registrations of one turn of its event loop, or "stop". */
export type WriterMessage = { requests: WriterRequest[] } | { stop: true };
export interface WriterRequest {
  id: number;
  request: RegisterRequest;
}

/** What the thread sends back for one request (in an array: one message per commit). */
export type WriterReply =
  | { id: number; ok: true; value: RegisterResult }
  | { id: number; ok: false; error: SerializedError };

export type SerializedError =
  | { kind: 'app'; code: string; status: number; message: string; options: AppErrorOptions }
  | { kind: 'other'; name: string; message: string; stack: string | undefined };

export interface WriterData {
  databasePath: string;
  synchronous: 'FULL' | 'NORMAL';
  /** The main thread's clock when CLOCK_NOW is set, so both threads agree on "now". */
  clockNow: string | null;
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof AppError) {
    const e = error as AppError;
    const options: AppErrorOptions = {};
    if (e.fields) options.fields = e.fields;
    if (e.retryAfterSeconds !== undefined) options.retryAfterSeconds = e.retryAfterSeconds;
    if (e.extra) options.extra = e.extra;
    return { kind: 'app', code: e.code, status: e.status, message: e.message, options };
  }
  const e = error instanceof Error ? error : new Error(String(error));
  return { kind: 'other', name: e.name, message: e.message, stack: e.stack };
}

export function deserializeError(s: SerializedError): Error {
  if (s.kind === 'app') return new AppError(s.code, { status: s.status, message: s.message }, s.options);
  const e = new Error(s.message);
  e.name = s.name;
  if (s.stack) e.stack = `${s.stack}\n    (in the registration writer thread)`;
  return e;
}

interface Pending {
  resolve: (r: RegisterResult) => void;
  reject: (e: unknown) => void;
}

export class RegistrationWriter {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private stopping = false;

  constructor(
    private readonly script: URL,
    private readonly data: Omit<WriterData, 'clockNow'>,
  ) {}

  start(): void {
    this.worker ??= this.spawn();
  }

  register(request: RegisterRequest): Promise<RegisterResult> {
    this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // One message per turn of this event loop, carrying every request of that turn.
      if (this.outgoing.length === 0) setImmediate(() => this.send());
      this.outgoing.push({ id, request });
    });
  }

  private outgoing: WriterRequest[] = [];

  private send(): void {
    const requests = this.outgoing;
    if (requests.length === 0) return;
    this.outgoing = [];
    const message: WriterMessage = { requests };
    try {
      (this.worker ?? this.spawn()).postMessage(message);
    } catch (error) {
      // Not sent (a value that cannot be cloned, no thread): these requests fail, no others.
      for (const { id } of requests) {
        this.pending.get(id)?.reject(error);
        this.pending.delete(id);
      }
    }
  }

  /** Lets the thread finish what it was given (up to `graceMs`, then it is terminated), then ends it. */
  async stop(graceMs = 5000): Promise<void> {
    this.stopping = true;
    const worker = this.worker;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    this.send();
    const stop: WriterMessage = { stop: true };
    worker.postMessage(stop);
    const timer = setTimeout(() => void worker.terminate(), graceMs);
    await exited;
    clearTimeout(timer);
  }

  private spawn(): Worker {
    if (this.stopping) throw new Error('the registration writer is stopping');
    const workerData: WriterData = { ...this.data, clockNow: process.env['CLOCK_NOW'] ? now().toISOString() : null };
    const worker = new Worker(this.script, { workerData });
    worker.on('message', (replies: WriterReply[]) => {
      for (const reply of replies) {
        const p = this.pending.get(reply.id);
        if (!p) continue;
        this.pending.delete(reply.id);
        if (reply.ok) p.resolve(reply.value);
        else p.reject(deserializeError(reply.error));
      }
    });
    // A thread that dies takes its unanswered requests with it: they fail (500) and the next
    // request starts a new thread. What it committed is on disk; a retry with the same phone
    // or Idempotency-Key finds it.
    const fail = (error: Error) => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.outgoing = [];
      for (const [id, p] of this.pending) {
        this.pending.delete(id);
        p.reject(error);
      }
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the registration writer thread exited (code ${String(code)})`)));
    this.worker = worker;
    return worker;
  }
}

let active: RegistrationWriter | null = null;

/** The running writer, if the server started one. */
export function activeWriter(): RegistrationWriter | null {
  return active;
}

/**
 * Starts the writer thread from the built script. Returns false (registrations then commit on
 * the main thread) when the script is missing or the database is in memory (a second
 * connection would see another database).
 */
export function startRegistrationWriter(script: URL, data: Omit<WriterData, 'clockNow'>): boolean {
  if (data.databasePath === ':memory:' || !existsSync(fileURLToPath(script))) return false;
  active = new RegistrationWriter(script, data);
  // Start now, not on the first registration: that one should not wait for the thread to load.
  active.start();
  return true;
}

export async function stopRegistrationWriter(): Promise<void> {
  const writer = active;
  active = null;
  await writer?.stop();
}
