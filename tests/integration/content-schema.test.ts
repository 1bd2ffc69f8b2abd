/**
 * A content entry that breaks its schema makes the build fail with a message naming the file,
 * the field and what was expected, in Vietnamese.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const outDir = mkdtempSync(path.join(os.tmpdir(), 'kc-bad-build-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('npm run build with a broken content entry', () => {
  it('fails and says which file, which field and what was expected', () => {
    const result = spawnSync('npx', ['astro', 'build'], {
      encoding: 'utf8',
      env: { ...process.env, CONTENT_DIR: './tests/fixtures/bad-content', BUILD_DIR: outDir, NO_COLOR: '1', FORCE_COLOR: '0' },
      timeout: 120_000,
    });
    const output = `${result.stdout}\n${result.stderr}`;
    expect(result.status).not.toBe(0);
    expect(output).toContain('products → san-pham-loi');
    expect(output).toContain(path.join('tests', 'fixtures', 'bad-content', 'products', 'san-pham-loi', 'index.md'));
    expect(output).toMatch(/name\**: bắt buộc nhưng đang thiếu/);
    expect(output).toMatch(/province\**: "quang-nam" là tỉnh cũ \(trước 01\/07\/2025\), nay thuộc "da-nang"/);
    expect(output).toMatch(/recognitions\.0\.stars\**: sản phẩm OCOP cần số sao/);
  });
});
