/**
 * The online backup copies a consistent snapshot while another connection keeps writing, and
 * the copy restores into a working, migrated database.
 */
import { afterAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { createTestDatabase } from '../helpers/db';
import { backupDatabase } from '../../src/lib/server/backup';
import { openDatabase } from '../../src/lib/server/db';
import { migrationsCurrent } from '../../src/lib/server/migrations';

const source = createTestDatabase('backup');
afterAll(() => source.close());

describe('db:backup', () => {
  it('backs up under writes and restores', async () => {
    const insert = source.db.$client.prepare(
      "INSERT INTO outbox (created_at, channel, recipient, subject, body, kind) VALUES (?, 'email', 'a@example.vn', ?, ?, 'test')",
    );
    const fill = source.db.$client.transaction((n: number) => {
      for (let i = 0; i < n; i++) insert.run(Date.now(), `Thư ${String(i)}`, 'x'.repeat(400));
    });
    fill(20_000);

    // A second connection writes continuously while the backup runs.
    const writer = openDatabase(source.file);
    const write = writer.$client.prepare(
      "INSERT INTO outbox (created_at, channel, recipient, subject, body, kind) VALUES (?, 'email', 'b@example.vn', 'trong lúc sao lưu', 'y', 'test')",
    );
    let writes = 0;
    let timer: ReturnType<typeof setInterval> | undefined;
    // The writer has written before the backup starts, and goes on writing while it runs.
    await new Promise<void>((resolve) => {
      timer = setInterval(() => {
        write.run(Date.now());
        if (++writes === 1) resolve();
      }, 1);
    });
    const target = path.join(source.dir, 'backup.sqlite');
    const { pages } = await backupDatabase(source.file, target);
    clearInterval(timer);
    writer.$client.close();
    expect(pages).toBeGreaterThan(100);
    expect(writes).toBeGreaterThan(0);

    const restored = openDatabase(target);
    try {
      expect(restored.$client.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(migrationsCurrent(restored.$client)).toBe(true);
      const { n, maxId } = restored.$client.prepare('SELECT count(*) AS n, max(id) AS maxId FROM outbox').get() as { n: number; maxId: number };
      // A consistent snapshot: every row up to the last one, no gaps.
      expect(n).toBe(maxId);
      expect(n).toBeGreaterThanOrEqual(20_000);
      const total = (source.db.$client.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
      expect(n).toBeLessThanOrEqual(total);
      // The restored database takes writes.
      restored.$client.prepare(
        "INSERT INTO outbox (created_at, channel, recipient, subject, body, kind) VALUES (1, 'email', 'c@example.vn', 's', 'b', 'test')",
      ).run();
    } finally {
      restored.$client.close();
    }
  });
});
