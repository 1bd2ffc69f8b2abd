/**
 * An online entry's dossier as staff and judges read it (the judge's sheet, the organiser's
 * screening page): the product, the establishment (without its phone or e-mail), the photos
 * with their angles and the documents, each through the access-checked file route.
 */
import { CNNT_GROUPS, ESTABLISHMENT_TYPES } from '../../../vocabulary';
import { FILE_KIND_LABELS, PHOTO_ANGLE_LABELS, type EntryDraftFields, type FileKind } from '../../../entry-schema';
import { getProvince } from '../../../provinces';
import type { ContestDef } from '../definition';
import { codeOfEntryId } from '../entry-list';
import { entryFields, getEntryByCode, listEntryFiles, type EntryFileRow, type EntryRow } from './records';

export interface DossierFile {
  id: number;
  kindLabel: string;
  angleLabel: string | null;
  name: string;
  url: string;
  largeUrl: string | null;
  smallUrl: string | null;
  width: number | null;
  height: number | null;
  bytes: number;
}

export interface OnlineDossier {
  code: string;
  status: EntryRow['status'];
  title: string;
  fields: EntryDraftFields;
  facts: { label: string; value: string }[];
  photos: DossierFile[];
  documents: DossierFile[];
}

export function dossierFile(def: ContestDef, code: string, f: EntryFileRow): DossierFile {
  const url = `/api/contests/${def.id}/entries/${code}/files/${String(f.id)}`;
  return {
    id: f.id,
    kindLabel: (FILE_KIND_LABELS as Record<string, string | undefined>)[f.kind] ?? f.kind,
    angleLabel: f.angle ? (PHOTO_ANGLE_LABELS[f.angle] ?? f.angle) : null,
    name: f.name,
    url,
    largeUrl: f.webpLarge ? `${url}?v=large` : null,
    smallUrl: f.webpSmall ? `${url}?v=small` : null,
    width: f.width,
    height: f.height,
    bytes: f.bytes,
  };
}

/** The facts of a dossier as label/value rows, in form order (empty values left out). */
export function dossierFacts(f: EntryDraftFields): { label: string; value: string }[] {
  const rows: [string, string | undefined][] = [
    ['Cơ sở sản xuất', f.establishmentName],
    ['Loại hình', f.establishmentType ? ESTABLISHMENT_TYPES.label(f.establishmentType) : undefined],
    ['Địa chỉ', [f.commune, f.province ? getProvince(f.province)?.name : undefined].filter(Boolean).join(', ') || undefined],
    ['Làng nghề', f.craftVillage],
    ['Nhóm sản phẩm', f.cnntGroup ? CNNT_GROUPS.label(f.cnntGroup) : undefined],
    ['Mô tả sản phẩm', f.description],
    ['Nguyên liệu, quy trình', f.materials],
    ['Năng lực sản xuất hằng năm', f.capacity],
    ['Thị trường tiêu thụ', f.markets],
    ['Khoảng giá', f.priceRange],
    ['Sản xuất từ năm', f.since === undefined ? undefined : String(f.since)],
    ['Trang sản phẩm hiện có', f.productPage],
  ];
  return rows.filter((r): r is [string, string] => Boolean(r[1])).map(([label, value]) => ({ label, value }));
}

/** The dossier of an entry row. */
export function onlineDossierOf(def: ContestDef, row: EntryRow): OnlineDossier {
  const fields = entryFields(row);
  const files = listEntryFiles(row.id).map((f) => ({ row: f, view: dossierFile(def, row.code, f) }));
  return {
    code: row.code,
    status: row.status,
    title: row.productName ?? row.code,
    fields,
    facts: dossierFacts(fields),
    photos: files.filter((f) => (f.row.kind as FileKind) === 'photos').map((f) => f.view),
    documents: files.filter((f) => f.row.kind !== 'photos').map((f) => f.view),
  };
}

/** The accepted online entry behind a judging id (`dk-…`), or null (a Markdown entry, or not accepted). */
export function getJudgedDossier(def: ContestDef, entryId: string): OnlineDossier | null {
  const code = codeOfEntryId(entryId);
  const row = code ? getEntryByCode(def.id, code) : null;
  return row && row.status === 'accepted' ? onlineDossierOf(def, row) : null;
}
