/**
 * The multipart reader of the entry routes: busboy over the request's body stream, files
 * streamed into private temp files (never whole in memory), the per-file and per-entry limits
 * enforced while the bytes arrive. Past a limit the rest of the body is read and discarded (up
 * to a bound) so the browser receives the 413 page instead of a reset connection, and every temp
 * file of the request is removed. File names are kept for display only, cleaned (no path).
 */
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import busboy from 'busboy';
import { cleanText } from '../../../text';
import { FILE_KINDS, MB, formatMB, type Dossier, type FileKind } from '../../../entry-schema';
import { EntryError } from './errors';
import { newTempFile, removeQuietly } from './storage';

export interface UploadedFile {
  kind: FileKind;
  /** The uploader's name, cleaned (last path segment, no control characters), for display. */
  name: string;
  /** The type the browser claimed (never trusted; the content decides). */
  claimedType: string;
  tmpPath: string;
  bytes: number;
  /**
   * Position among the parts of its kind, empty ones included (a plain form sends every row,
   * filled or not): a photo pairs with the `photoAngles` value of the same position.
   */
  index: number;
}

export interface MultipartBody {
  fields: Record<string, string>;
  /** Fields that repeat (photoAngles, remove). */
  lists: Record<string, string[]>;
  files: UploadedFile[];
}

const LIST_FIELDS = new Set(['photoAngles', 'remove', 'existingAngles']);
const MAX_FIELD_BYTES = 32 * 1024;
/** A client past the limit is read on up to this many extra bytes, then cut off. */
const DRAIN_BYTES = 16 * MB;

/** The display name of an uploaded file: its last segment, cleaned, bounded. */
export function displayName(raw: string | undefined): string {
  const last = (raw ?? '').split(/[\\/]/).pop() ?? '';
  const clean = cleanText(last).replace(/^\.+/, '').slice(0, 120);
  return clean || 'tệp';
}

function mediaType(request: Request): string {
  return (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/**
 * Reads a multipart body: text fields, and files of the dossier's kinds into temp files. 415
 * for another type, 413 `file_too_large` / `entry_too_large` past the dossier's limits, 400
 * `malformed_form` for a body that does not parse. Temp files are the caller's to remove
 * (`discardUploads`) — except on a refusal, where this removes them.
 */
export async function readEntryMultipart(request: Request, dossier: Dossier, kept: Record<string, string> = {}): Promise<MultipartBody> {
  if (mediaType(request) !== 'multipart/form-data') throw new EntryError('multipart_required');
  if (!request.body) throw new EntryError('malformed_multipart');
  const maxFile = dossier.maxFileMB * MB;
  const maxTotal = dossier.maxTotalMB * MB;
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxTotal + 2 * MB + DRAIN_BYTES) {
    await request.body.cancel().catch(() => undefined);
    throw new EntryError('entry_too_large', { message: entryTooLarge(dossier, declared) });
  }
  // `kept` is the caller's: the text fields read, even when the body is refused (the no-JS form shows them again).
  const body: MultipartBody = { fields: kept, lists: {}, files: [] };
  const counts: Record<string, number> = {};
  let total = 0;
  const state: { failure: EntryError | null } = { failure: null };
  const writes: Promise<void>[] = [];
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { 'content-type': request.headers.get('content-type') ?? '' },
      limits: { fileSize: maxFile, files: dossier.maxPhotos + dossier.maxCertificates + 4, fields: 200, fieldSize: MAX_FIELD_BYTES, parts: 260 },
      defParamCharset: 'utf8',
    });
  } catch {
    throw new EntryError('malformed_multipart');
  }
  const source = Readable.fromWeb(request.body as unknown as WebReadableStream<Uint8Array>);
  let drained = 0;
  const outs: ReturnType<typeof createWriteStream>[] = [];
  const fail = (e: EntryError) => {
    state.failure ??= e;
    // Files still arriving are cut: their writes close now, the parser gets no more bytes.
    for (const out of outs) out.destroy();
  };
  parser.on('field', (name, value, info) => {
    if (info.valueTruncated) fail(new EntryError('field_too_long'));
    if (LIST_FIELDS.has(name)) (body.lists[name] ??= []).push(value);
    else body.fields[name] = value;
  });
  parser.on('file', (name, stream, info) => {
    const kind = (FILE_KINDS as readonly string[]).includes(name) ? (name as FileKind) : null;
    const index = kind ? (counts[kind] ?? 0) : 0;
    if (kind) counts[kind] = index + 1;
    // An empty file input of a plain form arrives as a part without a name or bytes.
    if (!kind || state.failure || !info.filename) {
      stream.resume();
      return;
    }
    const tmpPath = newTempFile();
    const file: UploadedFile = { kind, name: displayName(info.filename), claimedType: info.mimeType, tmpPath, bytes: 0, index };
    body.files.push(file);
    const out = createWriteStream(tmpPath);
    outs.push(out);
    stream.on('data', (chunk: Buffer) => {
      file.bytes += chunk.length;
      total += chunk.length;
      if (total > maxTotal) fail(new EntryError('entry_too_large', { message: entryTooLarge(dossier, total) }));
    });
    stream.on('limit', () => fail(new EntryError('file_too_large', { message: fileTooLarge(dossier, file.name), fields: { [`${kind}.${String(index)}`]: fileTooLarge(dossier, file.name) } })));
    writes.push(
      new Promise<void>((resolve) => {
        out.on('close', resolve);
        out.on('error', () => {
          fail(new EntryError('malformed_multipart'));
          resolve();
        });
        stream.pipe(out);
      }),
    );
  });
  parser.on('filesLimit', () => fail(new EntryError('too_many_files')));
  parser.on('fieldsLimit', () => fail(new EntryError('malformed_multipart')));
  parser.on('partsLimit', () => fail(new EntryError('malformed_multipart')));
  try {
    await new Promise<void>((resolve, reject) => {
      parser.once('close', resolve);
      parser.once('error', () => reject(new EntryError('malformed_multipart')));
      source.once('error', () => reject(new EntryError('malformed_multipart')));
      source.on('data', (chunk: Buffer) => {
        if (state.failure) {
          // Past a limit: stop parsing and writing, read on (discarding) so the answer arrives.
          drained += chunk.length;
          if (drained > DRAIN_BYTES) {
            source.destroy();
            resolve();
          }
          return;
        }
        if (!parser.write(chunk)) {
          source.pause();
          parser.once('drain', () => source.resume());
        }
      });
      source.once('end', () => {
        if (state.failure) resolve();
        else parser.end();
      });
    });
    await Promise.all(writes);
  } catch (error) {
    fail(error instanceof EntryError ? (error as EntryError) : new EntryError('malformed_multipart'));
  }
  if (state.failure) {
    discardUploads(body.files);
    throw state.failure;
  }
  return body;
}

/** Removes the temp files of an upload. */
export function discardUploads(files: readonly UploadedFile[]): void {
  for (const f of files) removeQuietly(f.tmpPath);
}

function fileTooLarge(dossier: Dossier, name: string): string {
  return `Tệp “${name}” vượt giới hạn ${String(dossier.maxFileMB)} MB mỗi tệp. Hãy chụp hoặc quét lại với dung lượng nhỏ hơn.`;
}

function entryTooLarge(dossier: Dossier, bytes: number): string {
  return `Hồ sơ gửi lên (${formatMB(bytes)}) vượt giới hạn ${String(dossier.maxTotalMB)} MB cho cả hồ sơ.`;
}
