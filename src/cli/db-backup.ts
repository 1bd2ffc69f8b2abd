/**
 * `npm run db:backup -- <file>`: a consistent copy of the live database with SQLite's online
 * backup API, safe while the server is running and writing, and beside it (`<file>.files/`)
 * the dossier files its rows name. Restore: stop the server, replace DATABASE_PATH with the
 * copy (and remove DATABASE_PATH-wal / -shm), copy `<file>.files/blobs` into DATA_DIR, start
 * the server.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { backupDatabase, backupFiles } from '../lib/server/backup';
import { dataDir, getEnv } from '../lib/server/env';

const target = process.argv[2];
if (!target) {
  process.stderr.write('Cách dùng: npm run db:backup -- <tệp sao lưu>\n');
  process.exit(1);
}
const source = getEnv().DATABASE_PATH;
if (!existsSync(source)) {
  process.stderr.write(`Không có cơ sở dữ liệu tại ${source} (DATABASE_PATH).\n`);
  process.exit(1);
}
if (path.resolve(target) === path.resolve(source)) {
  process.stderr.write('Tệp sao lưu phải khác tệp cơ sở dữ liệu.\n');
  process.exit(1);
}
backupDatabase(source, target)
  .then(({ pages, ms }) => {
    process.stdout.write(`Đã sao lưu ${source} → ${target} (${String(pages)} trang, ${String(ms)} ms), đã kiểm tra toàn vẹn.\n`);
    const files = backupFiles(target, dataDir(), `${target}.files`);
    process.stdout.write(`Đã sao lưu ${String(files.files)} tệp hồ sơ dự thi → ${target}.files\n`);
    if (files.missing.length) {
      process.stderr.write(`Thiếu ${String(files.missing.length)} tệp mà cơ sở dữ liệu có nhắc tới (trong ${dataDir()}): ${files.missing.slice(0, 5).join(', ')}\n`);
      process.exit(2);
    }
  })
  .catch((error: unknown) => {
    process.stderr.write(`Sao lưu thất bại: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
