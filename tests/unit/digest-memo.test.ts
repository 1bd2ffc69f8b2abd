/**
 * The build's memo of `crypto.subtle.digest` (src/lib/server/digest-memo.mjs): the same answers
 * as WebCrypto's, a fresh buffer each time, WebCrypto's own errors, and WebCrypto's method back
 * afterwards.
 */
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoiseDigests } from '../../src/lib/server/digest-memo.mjs';

const subtle = globalThis.crypto.subtle;
const prototypeDigest: unknown = Reflect.get(Object.getPrototypeOf(subtle) as object, 'digest');
const currentDigest = (): unknown => Reflect.get(subtle, 'digest');
const hex = (b: ArrayBuffer) => Buffer.from(b).toString('hex');
const sha = (algorithm: string, data: string | Uint8Array) => createHash(algorithm).update(data).digest('hex');

let forget = () => {};
afterEach(() => {
  forget();
});

describe('memoiseDigests', () => {
  it('answers as WebCrypto does, from memory the second time', async () => {
    const calls = vi.spyOn(Object.getPrototypeOf(subtle) as { digest: typeof subtle.digest }, 'digest');
    forget = memoiseDigests();
    const utf8 = new TextEncoder();
    const inputs = ['', 'a{color:red}', 'Sản phẩm OCOP 4 sao', '<script>alert(1)</script>'];
    for (const text of inputs) {
      for (const algorithm of ['SHA-256', 'SHA-384', 'SHA-512']) {
        const first = await subtle.digest(algorithm, utf8.encode(text));
        const again = await subtle.digest(algorithm, utf8.encode(text));
        expect(hex(first)).toBe(sha(algorithm.replace('-', '').toLowerCase(), text));
        expect(hex(again)).toBe(hex(first));
      }
    }
    // Each input and algorithm once to WebCrypto; the second asks were answered from memory.
    expect(calls).toHaveBeenCalledTimes(inputs.length * 3);
    calls.mockRestore();
  });

  it('hashes the bytes a view covers, not its whole buffer, and an ArrayBuffer as it is', async () => {
    forget = memoiseDigests();
    const whole = new TextEncoder().encode('xxxx giữa xxxx');
    const middle = whole.subarray(5, whole.length - 5);
    expect(hex(await subtle.digest('SHA-256', middle))).toBe(sha('sha256', Buffer.from(middle)));
    expect(hex(await subtle.digest('SHA-256', whole))).toBe(sha('sha256', Buffer.from(whole)));
    expect(hex(await subtle.digest('SHA-256', new DataView(whole.buffer, 5, middle.length)))).toBe(sha('sha256', Buffer.from(middle)));
    const buffer = whole.slice().buffer;
    expect(hex(await subtle.digest('SHA-256', buffer))).toBe(sha('sha256', Buffer.from(whole)));
  });

  it('gives each caller a buffer of its own', async () => {
    forget = memoiseDigests();
    const data = new TextEncoder().encode('cùng một nội dung');
    const first = new Uint8Array(await subtle.digest('SHA-256', data));
    first.fill(0); // a caller writes into what it was given
    const second = new Uint8Array(await subtle.digest('SHA-256', data));
    expect(Buffer.from(second).toString('hex')).toBe(sha('sha256', data));
    second.fill(1);
    expect(Buffer.from(new Uint8Array(await subtle.digest('SHA-256', data))).toString('hex')).toBe(sha('sha256', data));
  });

  it('leaves to WebCrypto what it does not remember: algorithm objects, large inputs, bad arguments', async () => {
    const calls = vi.spyOn(Object.getPrototypeOf(subtle) as { digest: typeof subtle.digest }, 'digest');
    forget = memoiseDigests();
    const large = new Uint8Array(64 * 1024 + 1).fill(7);
    expect(hex(await subtle.digest('SHA-256', large))).toBe(sha('sha256', large));
    expect(hex(await subtle.digest('SHA-256', large))).toBe(sha('sha256', large));
    expect(hex(await subtle.digest({ name: 'SHA-256' }, new Uint8Array([1])))).toBe(sha('sha256', new Uint8Array([1])));
    expect(calls).toHaveBeenCalledTimes(3);
    await expect(subtle.digest('MD5', new Uint8Array([1]))).rejects.toMatchObject({ name: 'NotSupportedError' });
    await expect(subtle.digest('SHA-256', 'không phải byte' as unknown as BufferSource)).rejects.toThrow();
    calls.mockRestore();
  });

  it('puts WebCrypto’s own method back', async () => {
    forget = memoiseDigests();
    expect(currentDigest()).not.toBe(prototypeDigest);
    forget();
    expect(currentDigest()).toBe(prototypeDigest);
    expect(Object.hasOwn(subtle, 'digest')).toBe(false);
    forget(); // twice: nothing more
    expect(hex(await subtle.digest('SHA-256', new Uint8Array()))).toBe(sha('sha256', ''));
  });
});
