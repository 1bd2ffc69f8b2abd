/**
 * While content loaders run, `fs.promises.readFile` reads synchronously (src/lib/content/loader.ts,
 * `withSyncReads`): the same bytes and the same errors as the asynchronous read, what it cannot
 * do synchronously left to the original, and the original back once the last loader is done.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { withSyncReads } from '~/lib/content/loader';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-sync-reads-'));
const file = path.join(dir, 'san-pham.md');
fs.writeFileSync(file, '---\nname: Nón lá Chuông\n---\nNón lá làng Chuông.\n');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const original = fs.promises.readFile;

describe('content loaders read files synchronously', () => {
  it('read the same text and bytes, by path and by URL, with readFileSync doing it', async () => {
    const expected = await original(file, 'utf-8');
    const calls: unknown[] = [];
    const sync = fs.readFileSync;
    const spy = ((...args: Parameters<typeof sync>) => {
      calls.push(args[0]);
      return sync(...args);
    }) as typeof sync;
    fs.readFileSync = spy;
    try {
      const [text, bytes, viaUrl] = await withSyncReads(() =>
        Promise.all([fs.promises.readFile(file, 'utf-8'), fs.promises.readFile(file), fs.promises.readFile(pathToFileURL(file), { encoding: 'utf-8' })]),
      );
      expect(text).toBe(expected);
      expect(Buffer.compare(bytes, Buffer.from(expected))).toBe(0);
      expect(viaUrl).toBe(expected);
    } finally {
      fs.readFileSync = sync;
    }
    expect(calls).toHaveLength(3);
  });

  it('reject a missing file as the asynchronous read does (ENOENT)', async () => {
    const missing = path.join(dir, 'khong-co.md');
    const asyncError = await original(missing, 'utf-8').catch((e: unknown) => e as NodeJS.ErrnoException);
    const syncError = await withSyncReads(() => fs.promises.readFile(missing, 'utf-8')).catch((e: unknown) => e as NodeJS.ErrnoException);
    expect(syncError).toBeInstanceOf(Error);
    expect((syncError as NodeJS.ErrnoException).code).toBe('ENOENT');
    expect((syncError as NodeJS.ErrnoException).code).toBe((asyncError as NodeJS.ErrnoException).code);
  });

  it('leave a file handle and an abort signal to the asynchronous read', async () => {
    await withSyncReads(async () => {
      const handle = await fs.promises.open(file, 'r');
      try {
        expect(await fs.promises.readFile(handle, 'utf-8')).toContain('Nón lá');
      } finally {
        await handle.close();
      }
      const aborted = new AbortController();
      aborted.abort();
      await expect(fs.promises.readFile(file, { encoding: 'utf-8', signal: aborted.signal })).rejects.toMatchObject({ name: 'AbortError' });
    });
  });

  it('put the original back when the last of overlapping loaders finishes, even on failure', async () => {
    let releaseFirst = () => {};
    const first = withSyncReads(() => new Promise<void>((resolve) => (releaseFirst = resolve)));
    const second = withSyncReads(() => Promise.reject(new Error('loader failed')));
    await expect(second).rejects.toThrow('loader failed');
    expect(fs.promises.readFile).not.toBe(original); // the first loader still runs
    releaseFirst();
    await first;
    expect(fs.promises.readFile).toBe(original);
  });
});
