/**
 * Files that hold people's data — the database and its -wal/-shm, backups, the search index,
 * and uploaded files later — are readable by the server's own user only: created 0600, in
 * folders created 0700. On a shared server (a provincial department's machine often is) the
 * default umask 022 would make them world-readable: phone numbers, tax codes, password hashes.
 *
 * Only what this code creates gets these modes. An existing file or folder keeps its mode —
 * an operator may have chosen it (a backup group, a shared /var/lib) — and the server warns
 * at start when the database is readable by others (`looseModeWarning`).
 */
import { closeSync, constants, fchmodSync, mkdirSync, openSync, statSync } from 'node:fs';

export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/**
 * Creates `dir` and its missing parents with mode 0700 (less if the umask says so); leaves
 * existing folders alone. Returns the first folder it created, if any.
 */
export function ensurePrivateDir(dir: string): string | undefined {
  return mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/**
 * Creates an empty file with mode exactly 0600 unless one exists (O_EXCL: an existing file,
 * or a symlink planted in its place, is never opened or changed). Returns whether it created
 * it. For SQLite, create the file before SQLite opens it: SQLite gives the -wal, -shm and
 * journal files the main file's mode.
 */
export function createPrivateFile(file: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, PRIVATE_FILE_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    // The umask may have taken bits away (never added): the file is ours, make it exactly 0600.
    fchmodSync(fd, PRIVATE_FILE_MODE);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * A Vietnamese warning when `file` exists and other users on the machine may read or write
 * it (group or others bits set), with the command that fixes it; null otherwise.
 */
export function looseModeWarning(file: string): string | null {
  let mode: number;
  try {
    mode = statSync(file).mode & 0o777;
  } catch {
    return null;
  }
  if ((mode & 0o077) === 0) return null;
  const octal = mode.toString(8).padStart(4, '0');
  return `Cảnh báo: tệp ${file} có quyền ${octal}, người dùng khác trên máy có thể đọc dữ liệu. Nên chạy: chmod 600 "${file}"*`;
}
