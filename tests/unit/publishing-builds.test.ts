/** Builds on disk (current build, what a restart serves, pruning) and reading a failed build's errors. */
import { mkdirSync, mkdtempSync, readlinkSync, rmSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseBuildErrors } from '~/lib/server/publishing/builder';
import { buildEntry, isBuildId, listBuilds, newBuildId, pruneBuilds, readCurrent, servedAtStart, writeBuildInfo, writeCurrent } from '~/lib/server/publishing/builds';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function buildsDir(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'kc-builds-'));
  dirs.push(d);
  return d;
}

function fakeBuild(dir: string, id: string, builtAt: string): void {
  mkdirSync(path.join(dir, id, 'server'), { recursive: true });
  writeFileSync(buildEntry(dir, id), '// entry\n');
  writeBuildInfo(dir, { id, builtAt, durationMs: 1000, by: { id: 'u1', name: 'Hà', email: 'ha@example.vn' }, commit: null, publicationId: null });
}

describe('builds', () => {
  it('makes sortable, well-formed ids', () => {
    const a = newBuildId(new Date('2026-12-01T02:03:04Z'));
    expect(a).toMatch(/^20261201-020304-[a-z0-9]{4}$/);
    expect(isBuildId(a)).toBe(true);
    expect(isBuildId('../etc')).toBe(false);
  });

  it('records the current build durably, with a symlink for nginx', () => {
    const dir = buildsDir();
    fakeBuild(dir, '20261201-020304-aaaa', '2026-12-01T02:03:30Z');
    writeCurrent(dir, { id: '20261201-020304-aaaa', since: '2026-12-01T02:04:00Z', by: null, action: 'publish' });
    expect(readCurrent(dir)?.id).toBe('20261201-020304-aaaa');
    expect(readlinkSync(path.join(dir, 'current'))).toBe('20261201-020304-aaaa');
    fakeBuild(dir, '20261201-030000-bbbb', '2026-12-01T03:00:30Z');
    writeCurrent(dir, { id: '20261201-030000-bbbb', since: '2026-12-01T03:01:00Z', by: null, action: 'publish' });
    expect(readlinkSync(path.join(dir, 'current'))).toBe('20261201-030000-bbbb');
    expect(listBuilds(dir).map((b) => b.id)).toEqual(['20261201-030000-bbbb', '20261201-020304-aaaa']);
  });

  it('serves the last published build at start, unless the deployment was rebuilt after it', () => {
    const dir = buildsDir();
    const own = path.join(dir, 'dist-entry.mjs');
    writeFileSync(own, '// dist\n');
    utimesSync(own, new Date('2026-12-01T01:00:00Z'), new Date('2026-12-01T01:00:00Z'));
    expect(servedAtStart(dir, own)).toEqual({ entry: own, id: null });
    fakeBuild(dir, '20261201-020304-aaaa', '2026-12-01T02:03:30Z');
    writeCurrent(dir, { id: '20261201-020304-aaaa', since: '2026-12-01T02:04:00Z', by: null, action: 'publish' });
    expect(servedAtStart(dir, own)).toEqual({ entry: buildEntry(dir, '20261201-020304-aaaa'), id: '20261201-020304-aaaa' });
    utimesSync(own, new Date('2026-12-01T05:00:00Z'), new Date('2026-12-01T05:00:00Z'));
    expect(servedAtStart(dir, own)).toEqual({ entry: own, id: null });
  });

  it('prunes beyond the newest few, never a protected build, and removes unfinished folders', () => {
    const dir = buildsDir();
    const ids = ['20261201-010000-aaaa', '20261201-020000-bbbb', '20261201-030000-cccc', '20261201-040000-dddd'];
    ids.forEach((id, i) => fakeBuild(dir, id, `2026-12-01T0${String(i + 1)}:00:30Z`));
    mkdirSync(path.join(dir, '20261201-050000-eeee.partial'));
    const removed = pruneBuilds(dir, 2, new Set(['20261201-010000-aaaa']));
    expect(removed).toEqual(['20261201-020000-bbbb']);
    expect(listBuilds(dir).map((b) => b.id)).toEqual(['20261201-040000-dddd', '20261201-030000-cccc', '20261201-010000-aaaa']);
    expect(existsSync(path.join(dir, '20261201-050000-eeee.partial'))).toBe(false);
  });
});

describe('parseBuildErrors', () => {
  const snapshot = '/var/lib/khuyen-cong/builds/20261201-020304-aaaa.content.partial';
  it("reads Astro's content errors as file, field and the schema's Vietnamese message", () => {
    const output = `08:12:04 [content] Syncing content
[InvalidContentEntryDataError] fairs → hoi-cho-moi data does not match collection schema.

  boothTypes.1.count: cần ít nhất 1 gian
  **image.alt**: bắt buộc nhưng đang thiếu

  Hint:
    See https://docs.astro.build/en/guides/content-collections/ for more information on content schemas.
  Error reference:
    https://docs.astro.build/en/reference/errors/invalid-content-entry-data-error/
  Location:
    ${snapshot}/fairs/hoi-cho-moi/index.md:0:0
  Stack trace:
    at getEntryDataAndImages (file:///srv/node_modules/astro/dist/content/utils.js:168:26)
`;
    expect(parseBuildErrors(output, snapshot)).toEqual([
      { file: 'fairs/hoi-cho-moi/index.md', field: 'boothTypes.1.count', label: null, message: 'cần ít nhất 1 gian' },
      { file: 'fairs/hoi-cho-moi/index.md', field: 'image.alt', label: null, message: 'bắt buộc nhưng đang thiếu' },
    ]);
  });
  it('keeps any other error with its first line, or the end of the output', () => {
    expect(parseBuildErrors('[ImageNotFound] Could not find requested image `./anh.jpg`. Does it exist?\n  Location:\n    /x/y.js:1:1\n', snapshot)[0]).toMatchObject({ message: 'ImageNotFound: Could not find requested image `./anh.jpg`. Does it exist?' });
    expect(parseBuildErrors('killed\n', snapshot)[0]?.message).toBe('Dựng trang không thành công: killed');
  });
});
