/**
 * Who may fetch a dossier's file, and how it is served. Private by default: organisers and
 * admins see every file; a judge assigned to the contest (and to the entry when restricted)
 * sees the files of accepted entries; everyone else only the photos of accepted entries, as
 * WebP. The applicant sees their own through the management link. Every answer has a fixed
 * type from the row (never sniffed: `nosniff`), a sandboxing CSP, and documents come as
 * attachments.
 */
import { Readable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import type { SessionUser } from '../../auth/session';
import { getDb, schema } from '../../db';
import { getAssignment, entriesOf } from '../assignments';
import type { ContestDef } from '../definition';
import { onlineEntryId } from '../entry-list';
import { EntryError } from './errors';
import type { EntryFileRow, EntryRow } from './records';
import { blobExists, readBlobStream } from './storage';

export type Variant = 'original' | 'large' | 'small';
export type Viewer = { kind: 'staff' } | { kind: 'judge' } | { kind: 'applicant' } | { kind: 'public' };

/** Who the viewer is for this entry; throws 403 for a judge of another contest or entry. */
export function viewerOf(def: ContestDef, entry: Pick<EntryRow, 'code' | 'status'>, user: SessionUser | null): Viewer {
  if (!user) return { kind: 'public' };
  if (user.role === 'organiser' || user.role === 'admin') return { kind: 'staff' };
  if (user.role === 'judge') {
    const a = getAssignment(def.id, user.id);
    if (a && entry.status === 'accepted' && entriesOf(def, a).includes(onlineEntryId(entry.code))) return { kind: 'judge' };
    throw new EntryError('file_not_found');
  }
  return { kind: 'public' };
}

/** Whether `viewer` may fetch `file` of `entry`. */
export function mayFetch(viewer: Viewer, entry: Pick<EntryRow, 'status'>, file: Pick<EntryFileRow, 'kind'>, variant: Variant): boolean {
  if (viewer.kind === 'staff' || viewer.kind === 'judge' || viewer.kind === 'applicant') return true;
  return entry.status === 'accepted' && file.kind === 'photos' && variant !== 'original';
}

export function findFile(entryId: number, fileId: number): EntryFileRow | null {
  return getDb().select().from(schema.contestEntryFiles).where(and(eq(schema.contestEntryFiles.entryId, entryId), eq(schema.contestEntryFiles.id, fileId))).get() ?? null;
}

export function parseVariant(v: string | null): Variant {
  return v === 'large' || v === 'small' ? v : 'original';
}

/** The answer carrying one file (404 when the viewer may not have it: its existence is not revealed). */
export function fileResponse(viewer: Viewer, entry: EntryRow, file: EntryFileRow | null, variant: Variant): Response {
  if (!file || !mayFetch(viewer, entry, file, variant)) throw new EntryError('file_not_found');
  const blob = variant === 'large' ? file.webpLarge : variant === 'small' ? file.webpSmall : file.blob;
  if (!blob || !blobExists(blob)) throw new EntryError('file_not_found');
  const type = variant === 'original' ? file.mime : 'image/webp';
  const ext = type === 'application/pdf' ? 'pdf' : type === 'image/png' ? 'png' : type === 'image/webp' ? 'webp' : 'jpg';
  const document = file.kind !== 'photos';
  const name = `${entry.code}-${String(file.id)}.${ext}`;
  const headers: Record<string, string> = {
    'Content-Type': type,
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Content-Disposition': `${document ? 'attachment' : 'inline'}; filename="${name}"`,
    'Cache-Control': viewer.kind === 'public' ? 'public, max-age=3600' : 'private, no-store',
  };
  const stream = Readable.toWeb(readBlobStream(blob)) as unknown as ReadableStream<Uint8Array>;
  return new Response(stream, { status: 200, headers });
}
