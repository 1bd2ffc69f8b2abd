/**
 * Starts the BUILT server (TEST_BUILD_DIR) as a child process on its own port and temp
 * database, for the registration tests and benchmark. No mocks: real HTTP, real SQLite file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TEST_NOW, testBuildDir } from '../test-env';

export interface BuiltServer {
  url: string;
  port: number;
  databasePath: string;
  child: ChildProcess;
  /** What the process wrote to stderr so far (start-up warnings). */
  stderr(): string;
  /** Stops the process (SIGTERM, or SIGKILL when `kill` is set) and waits for it to exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export function tempDatabasePath(name: string): { file: string; cleanup(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), `khuyen-cong-${name}-`));
  return { file: path.join(dir, 'db.sqlite'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function startBuiltServer(options: {
  port: number;
  databasePath: string;
  env?: Record<string, string>;
  buildDir?: string;
  /** Pipe the server's stdout (the request log) to `child.stdout` instead of dropping it. */
  stdout?: boolean;
}): Promise<BuiltServer> {
  const buildDir = options.buildDir ?? testBuildDir();
  const entry = path.join(buildDir, 'server', 'entry.mjs');
  if (!existsSync(entry)) throw new Error(`No build at ${buildDir}: build first (BUILD_DIR=… npx astro build)`);
  const url = `http://localhost:${String(options.port)}`;
  const child = spawn(process.execPath, [entry], {
    env: {
      ...process.env,
      PORT: String(options.port),
      HOST: 'localhost',
      DATABASE_PATH: options.databasePath,
      DEMO: 'true',
      CLOCK_NOW: TEST_NOW,
      LOG_REQUESTS: 'false',
      SITE_URL: url,
      REGISTRATION_RATE_LIMIT: '0',
      // Bursts of hundreds of registrations: the hourly cap on confirmations is tested on its own.
      MESSAGE_HOURLY_LIMIT: '0',
      ...options.env,
    },
    stdio: ['ignore', options.stdout ? 'pipe' : 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${stderr}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      // Never leave it running (it would hold the port for the next run).
      child.kill('SIGKILL');
      throw new Error(`server did not start: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port: options.port,
    databasePath: options.databasePath,
    child,
    stderr: () => stderr,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

let phoneSeq = 0;
/** A distinct valid mobile number per call (per process). */
export function nextPhone(base = 0): string {
  phoneSeq++;
  return `09${String(10_000_000 + base + phoneSeq).padStart(8, '0')}`;
}

/** A valid registration body for the given booth type. */
export function registrationBody(phone: string, patch: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    establishmentName: 'Hộ kinh doanh thử nghiệm',
    establishmentType: 'household',
    representative: 'Nguyễn Văn Thử',
    phone,
    province: 'lai-chau',
    commune: 'Tân Phong',
    products: 'Chè Shan tuyết',
    boothTypeId: 'tieu-chuan',
    quantity: 1,
    wantsSupport: true,
    consent: true,
    ...patch,
  };
}

/** POST a registration as a same-origin JSON client. */
export function postRegistration(server: Pick<BuiltServer, 'url'>, slug: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}/api/fairs/${slug}/registrations`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: server.url, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
