/**
 * Content-addressed storage of dossier files under DATA_DIR: a blob is named by the SHA-256 of
 * its bytes (`blobs/ab/<sha>`), never by anything the uploader chose, so no name can climb out
 * of the folder, collide or be guessed. Files are created 0600 in folders created 0700
 * (files.ts). Uploads stream into `tmp/` first; a blob is written whole to `tmp/` and renamed
 * into place (atomic), so a crash leaves at most a temp file or an unreferenced blob, both
 * removed by the sweep (sweep.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, constants, createReadStream, existsSync, fchmodSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../../files';
import { dataDir } from '../../env';

const SHA = /^[0-9a-f]{64}$/;

export function blobsDir(root = dataDir()): string {
  return path.join(root, 'blobs');
}

export function tmpDir(root = dataDir()): string {
  return path.join(root, 'tmp');
}

/** The path of a blob; throws on anything but a SHA-256 in hex (never a path from outside). */
export function blobPath(sha: string, root = dataDir()): string {
  if (!SHA.test(sha)) throw new Error('storage: not a blob name');
  return path.join(blobsDir(root), sha.slice(0, 2), sha);
}

/** A fresh private temp file's path (created empty, 0600), for a streaming upload. */
export function newTempFile(root = dataDir()): string {
  const dir = tmpDir(root);
  ensurePrivateDir(dir);
  const file = path.join(dir, `${Date.now().toString(36)}-${randomBytes(12).toString('hex')}.part`);
  closeSync(openPrivate(file));
  return file;
}

function openPrivate(file: string): number {
  const fd = openSync(file, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, PRIVATE_FILE_MODE);
  fchmodSync(fd, PRIVATE_FILE_MODE);
  return fd;
}

/** Stores `bytes` as a blob (fsynced, renamed into place) and returns its SHA-256. Idempotent. */
export function writeBlob(bytes: Buffer, root = dataDir()): string {
  const sha = createHash('sha256').update(bytes).digest('hex');
  const target = blobPath(sha, root);
  if (existsSync(target)) return sha;
  ensurePrivateDir(path.dirname(target));
  ensurePrivateDir(tmpDir(root));
  const temp = path.join(tmpDir(root), `${sha}.${randomBytes(6).toString('hex')}.blob`);
  const fd = openPrivate(temp);
  try {
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, target);
  return sha;
}

export function blobExists(sha: string, root = dataDir()): boolean {
  return SHA.test(sha) && existsSync(blobPath(sha, root));
}

export function blobSize(sha: string, root = dataDir()): number {
  return statSync(blobPath(sha, root)).size;
}

export function readBlobStream(sha: string, root = dataDir()): Readable {
  return createReadStream(blobPath(sha, root));
}

export function removeQuietly(file: string): void {
  rmSync(file, { force: true });
}
