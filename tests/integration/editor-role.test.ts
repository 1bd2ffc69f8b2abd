/**
 * The editor role from the command line, as the README documents it: `npm run user -- create
 * --role editor` makes a Biên tập viên (real CLI, real database file), listed with its role.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { tempDatabasePath } from '../helpers/registration-server';
import { USER_ROLES } from '~/lib/vocabulary';

describe('npm run user -- create --role editor', () => {
  it('creates an editor', () => {
    const db = tempDatabasePath('editor-cli');
    try {
      const env = { ...process.env, DATABASE_PATH: db.file };
      const create = spawnSync('npx', ['tsx', 'src/cli/user.ts', 'create', '--email', 'ha@example.vn', '--name', 'Phạm Thu Hà', '--role', 'editor'], { env, input: 'mat-khau-bien-tap\n', encoding: 'utf8' });
      expect(create.stderr).toBe('');
      expect(create.stdout).toContain('Đã tạo tài khoản ha@example.vn (editor).');
      const list = spawnSync('npx', ['tsx', 'src/cli/user.ts', 'list'], { env, encoding: 'utf8' });
      expect(list.stdout).toContain('ha@example.vn\teditor\tPhạm Thu Hà');
      expect(USER_ROLES.label('editor')).toBe('Biên tập viên');
    } finally {
      db.cleanup();
    }
  }, 60_000);
});
