/**
 * Early refusals on the BUILT server and the keep-alive connection they arrive on. A request
 * answered before its body was read to the end (413 past a limit, 415 a wrong type, 403 another
 * origin, 400 a bad header) must not leave the connection to be reset under the client: the
 * answer says `Connection: close`, the server sends it whole, half-closes (FIN), reads on and
 * discards what the client still sends (bounded), and only then closes — so the client reads
 * the Vietnamese message and its next request, through the same keep-alive pool, succeeds on a
 * new connection. Clients: Node's own `http.Agent` (keep-alive, one socket) and a raw socket
 * that checks the bytes on the wire. Needs a build (npm test makes one); skipped without it.
 */
import { existsSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registrationBody, startBuiltServer, tempDatabasePath, type BuiltServer } from '../helpers/registration-server';
import { EDITOR, signIn } from '../helpers/throwaway-site';
import { TEST_BUILD_DIR, TEST_PORT } from '../test-env';

const PORT = TEST_PORT + 131;
const built = existsSync(path.join(TEST_BUILD_DIR, 'server', 'entry.mjs'));
const FAIR = 'hoi-cho-cnnt-lai-chau-2027';
const CONTEST = 'binh-chon-cnnt-tieu-bieu-cap-tinh-tuyen-quang-2027';
const MB = 1024 * 1024;

let server: BuiltServer;
let editorCookie = '';
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  if (!built) return;
  const db = tempDatabasePath('early-refusal');
  cleanups.push(() => db.cleanup());
  server = await startBuiltServer({ port: PORT, databasePath: db.file });
  cleanups.push(() => server.stop());
  editorCookie = await signIn(server.url, EDITOR);
}, 60_000);
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Local port of the connection it came on: another port means another connection. */
  localPort: number;
}

/** One keep-alive connection at most, as a browser's or a fetch pool's connection to a host. */
function keepAliveAgent(): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: 1 });
}

/**
 * A request through `agent`; the body (when given) is written in 64 KB pieces as the socket
 * takes them, as a client uploading a file does. Resolves with the whole answer; an error after
 * the answer has arrived (the client still writing a body the server no longer wants) is not a
 * failure of the answer.
 */
function send(agent: http.Agent, method: string, target: string, headers: Record<string, string>, body?: { bytes: number; fill?: Buffer } | Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = http.request({ host: 'localhost', port: PORT, method, path: target, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      // Read now: a keep-alive socket goes back to the pool (res.socket null) once the answer ends.
      const localPort = res.socket.localPort ?? 0;
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        answered = true;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), localPort });
      });
      res.on('error', (e) => {
        if (!answered) reject(e);
      });
    });
    req.on('error', (e) => {
      if (!answered) reject(e);
    });
    if (body === undefined) return void req.end();
    if (Buffer.isBuffer(body)) return void req.end(body);
    const piece = body.fill ?? Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    const pump = () => {
      while (sent < body.bytes) {
        const n = Math.min(piece.length, body.bytes - sent);
        sent += n;
        if (!req.write(n === piece.length ? piece : piece.subarray(0, n))) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

/** A plain HTML form page's post (the lookup form), with the site's Origin. */
const formHeaders = (bytes: number) => ({ 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(bytes), Origin: `http://localhost:${String(PORT)}` });
const jsonHeaders = (bytes: number) => ({ 'Content-Type': 'application/json', 'Content-Length': String(bytes), Origin: `http://localhost:${String(PORT)}` });

interface Case {
  name: string;
  method?: string;
  target: () => string;
  headers: (bytes: number) => Record<string, string>;
  bytes: number;
  /** Send without Content-Length (chunked): the limit is found while reading. */
  chunked?: boolean;
  status: number;
  message: RegExp;
}

const CASES: Case[] = [
  { name: 'plain form, 10 MB declared', target: () => '/hoi-cho/tra-cuu', headers: formHeaders, bytes: 10 * MB, status: 413, message: /Nội dung gửi lên quá lớn/ },
  { name: 'plain form, 10 MB chunked', target: () => '/hoi-cho/tra-cuu', headers: formHeaders, bytes: 10 * MB, chunked: true, status: 413, message: /Nội dung gửi lên quá lớn/ },
  { name: 'plain form, 2 MB of text/plain', target: () => '/hoi-cho/tra-cuu', headers: (n) => ({ ...formHeaders(n), 'Content-Type': 'text/plain' }), bytes: 2 * MB, status: 415, message: /Biểu mẫu phải được gửi từ trang web/ },
  { name: 'JSON API, 2 MB declared', target: () => `/api/fairs/${FAIR}/registrations`, headers: jsonHeaders, bytes: 2 * MB, status: 413, message: /Nội dung gửi lên quá lớn/ },
  { name: 'JSON API, 2 MB chunked', target: () => `/api/fairs/${FAIR}/registrations`, headers: jsonHeaders, bytes: 2 * MB, chunked: true, status: 413, message: /Nội dung gửi lên quá lớn/ },
  { name: 'JSON API, 2 MB from another origin', target: () => `/api/fairs/${FAIR}/registrations`, headers: (n) => ({ ...jsonHeaders(n), Origin: 'https://evil.example' }), bytes: 2 * MB, status: 403, message: /Yêu cầu phải được gửi từ chính trang web này/ },
  { name: 'JSON API, 2 MB with a bad Idempotency-Key', target: () => `/api/fairs/${FAIR}/registrations`, headers: (n) => ({ ...jsonHeaders(n), 'Idempotency-Key': 'x'.repeat(300) }), bytes: 2 * MB, status: 400, message: /Idempotency-Key/ },
  {
    name: 'editor save, 31 MB',
    target: () => '/api/keystatic/update',
    headers: (n) => ({ ...jsonHeaders(n), Cookie: editorCookie, 'no-cors': '1' }),
    bytes: 31 * MB,
    status: 413,
    message: /Nội dung gửi lên quá lớn: mỗi lần lưu tối đa 30 MB/,
  },
  {
    name: 'entry upload, 60 MB declared',
    target: () => `/api/contests/${CONTEST}/entries`,
    headers: (n) => ({ 'Content-Type': 'multipart/form-data; boundary=----bien', 'Content-Length': String(n), Origin: `http://localhost:${String(PORT)}` }),
    bytes: 60 * MB,
    status: 413,
    message: /vượt giới hạn/,
  },
  {
    name: 'entry upload, 2 MB of JSON',
    target: () => `/api/contests/${CONTEST}/entries`,
    headers: jsonHeaders,
    bytes: 2 * MB,
    status: 415,
    message: /Hồ sơ phải được gửi bằng biểu mẫu có tệp đính kèm/,
  },
];

/** The entry form with one oversized photo: refused while it streams (the file limit). */
function bigPhotoBody(): Buffer {
  const b = '----bien';
  const head = `--${b}\r\nContent-Disposition: form-data; name="phone"\r\n\r\n0912000099\r\n--${b}\r\nContent-Disposition: form-data; name="photos"; filename="lon.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`;
  return Buffer.concat([Buffer.from(head), Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(12 * MB, 7), Buffer.from(`\r\n--${b}--\r\n`)]);
}

describe.skipIf(!built)('early refusals and keep-alive on the built server', () => {
  for (const c of CASES) {
    it(`${c.name}: ${String(c.status)} with its message, then the next request on the same pool succeeds`, async () => {
      const agent = keepAliveAgent();
      try {
        const warm = await send(agent, 'GET', '/healthz', {});
        expect(warm.status).toBe(200);
        const headers = c.headers(c.bytes);
        if (c.chunked) Reflect.deleteProperty(headers, 'Content-Length');
        const refused = await send(agent, c.method ?? 'POST', c.target(), headers, { bytes: c.bytes });
        expect(refused.status).toBe(c.status);
        expect(refused.body).toMatch(c.message);
        // The same pool, right away, then once more on the connection that one opened.
        const next = await send(agent, 'GET', `/api/fairs/${FAIR}/availability`, {});
        expect(next.status).toBe(200);
        expect(JSON.parse(next.body)).toHaveProperty('boothTypes');
        expect(refused.headers.connection).toBe('close');
        expect(next.localPort).not.toBe(refused.localPort);
        const again = await send(agent, 'GET', '/healthz', {});
        expect(again.status).toBe(200);
        // …and that connection is kept: a normal answer does not close.
        expect(again.localPort).toBe(next.localPort);
      } finally {
        agent.destroy();
      }
    }, 60_000);
  }

  // The upload reader reads a refused upload on to its end when that is close (16 MB past the
  // limit): the body has been read, so the connection is kept.
  it('entry upload, a 12 MB photo refused while it streams: 413, read to its end, and the same connection serves the next request', async () => {
    const agent = keepAliveAgent();
    try {
      const body = bigPhotoBody();
      const refused = await send(agent, 'POST', `/api/contests/${CONTEST}/entries`, { 'Content-Type': 'multipart/form-data; boundary=----bien', 'Content-Length': String(body.length), Origin: server.url }, body);
      expect(refused.status).toBe(413);
      expect(refused.body).toMatch(/vượt giới hạn 10 MB/);
      expect(refused.headers.connection).toBe('keep-alive');
      const next = await send(agent, 'GET', '/healthz', {});
      expect(next.status).toBe(200);
      expect(next.localPort).toBe(refused.localPort);
    } finally {
      agent.destroy();
    }
  }, 60_000);

  it('a small answered request keeps its connection (no Connection: close when the body was read)', async () => {
    const agent = keepAliveAgent();
    try {
      const body = Buffer.from(JSON.stringify(registrationBody('0912345001', { establishmentName: 'Cơ sở giữ kết nối' })));
      const first = await send(agent, 'POST', `/api/fairs/${FAIR}/registrations`, jsonHeaders(body.length), body);
      expect(first.status).toBe(201);
      expect(first.headers.connection).toBe('keep-alive');
      const second = await send(agent, 'GET', '/healthz', {});
      expect(second.status).toBe(200);
      expect(second.localPort).toBe(first.localPort);
    } finally {
      agent.destroy();
    }
  });

  it('on the wire: the whole 413 arrives, then an orderly close (FIN, no reset) while the client is still sending', async () => {
    const result = await new Promise<{ received: string; ended: boolean; error: string | null; sent: number }>((resolve) => {
      const socket = net.connect(PORT, 'localhost');
      const total = 31 * MB;
      let received = '';
      let ended = false;
      let error: string | null = null;
      let sent = 0;
      const piece = Buffer.alloc(64 * 1024, 0x61);
      socket.on('connect', () => {
        socket.write(
          [
            'POST /api/keystatic/update HTTP/1.1',
            'Host: localhost',
            'Content-Type: application/json',
            `Content-Length: ${String(total)}`,
            `Origin: http://localhost:${String(PORT)}`,
            `Cookie: ${editorCookie}`,
            'no-cors: 1',
            '',
            '',
          ].join('\r\n'),
        );
        const pump = () => {
          while (sent < total && !socket.destroyed && !ended) {
            sent += piece.length;
            if (!socket.write(piece)) return void socket.once('drain', pump);
          }
        };
        pump();
      });
      socket.on('data', (d: Buffer) => (received += d.toString('utf8')));
      socket.on('end', () => {
        ended = true;
        socket.end();
      });
      socket.on('error', (e: NodeJS.ErrnoException) => (error = e.code ?? e.message));
      socket.on('close', () => resolve({ received, ended, error, sent }));
    });
    expect(result.received).toMatch(/^HTTP\/1\.1 413 /);
    expect(result.received).toMatch(/mỗi lần lưu tối đa 30 MB/);
    // The client saw the server's FIN after the answer, and no reset.
    expect(result.error).toBeNull();
    expect(result.ended).toBe(true);
    expect(result.received).toMatch(/\r\nconnection: close\r\n/i);
  }, 60_000);
});
