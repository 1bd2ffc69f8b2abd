/**
 * Checks content with the build's own schemas (src/content.config.ts, with their Vietnamese
 * messages), before a save is written and before a publication is built, so that what the
 * editor saves is what the build accepts: one source of truth for the rules. Beyond the
 * schemas it checks what the build would otherwise meet later or not at all: that image files
 * exist beside the entry and are images (by their bytes, `images.ts`), and that references
 * (a product's producer, a contest's entries) name entries that exist.
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { z, type ZodTypeAny } from 'astro/zod';
import type { ComponentSchema } from '@keystatic/core';
import { collections } from '../../../content.config';
import { EDITOR_COLLECTIONS, EDITOR_SINGLETONS } from '../../cms/config';
import { imageProblem } from './images';
import { entryRef, listEntries, type CollectionName, type EntryRef } from './layout';

export interface ContentIssue {
  /** The file, relative to the content folder. */
  file: string;
  /** The field's path in the data (`boothTypes.1.count`), or null for the whole file. */
  field: string | null;
  /** The field as the editor names it ("Loại gian hàng › thứ 2 › Số gian"), or null. */
  label: string | null;
  /** What is wrong and what is needed, in Vietnamese. */
  message: string;
}

/** The content folder after a change: a change's files first, then the disk. Null: no such file. */
export interface ContentView {
  read(rel: string): Uint8Array | null;
}

/** The content folder on disk. */
export function diskView(contentDir: string): ContentView {
  return {
    read(rel) {
      try {
        return readFileSync(path.join(contentDir, rel));
      } catch {
        return null;
      }
    },
  };
}

/** A change (files written, files deleted) over another view. */
export function overlayView(base: ContentView, written: ReadonlyMap<string, Uint8Array>, deleted: ReadonlySet<string>): ContentView {
  return { read: (rel) => written.get(rel) ?? (deleted.has(rel) ? null : base.read(rel)) };
}

const COLLECTION_LABELS: Record<string, string> = {
  products: 'sản phẩm',
  producers: 'cơ sở sản xuất',
  craftVillages: 'làng nghề',
  fairs: 'hội chợ',
  contests: 'cuộc bình chọn',
  pages: 'trang thông tin',
  settings: 'cài đặt',
};

function editorSchema(collection: CollectionName): Record<string, ComponentSchema> {
  if (collection === 'settings') return EDITOR_SINGLETONS.settings.schema;
  return EDITOR_COLLECTIONS[collection].schema;
}

/** A field path as the editor labels it: "Loại gian hàng › thứ 2 › Số gian". */
export function labelPath(collection: CollectionName, fieldPath: readonly (string | number)[]): string | null {
  if (!fieldPath.length) return null;
  let schema: ComponentSchema | undefined = { kind: 'object', fields: editorSchema(collection) } as ComponentSchema;
  const parts: string[] = [];
  for (const step of fieldPath) {
    if (!schema) {
      parts.push(String(step));
      continue;
    }
    if (schema.kind === 'array') {
      parts.push(`thứ ${String(Number(step) + 1)}`);
      schema = schema.element;
      continue;
    }
    if (schema.kind === 'object') {
      const next: ComponentSchema | undefined = schema.fields[String(step)];
      const label = next && 'label' in next && typeof next.label === 'string' ? next.label : String(step);
      parts.push(label);
      schema = next;
      continue;
    }
    parts.push(String(step));
    schema = undefined;
  }
  return parts.join(' › ');
}

const FRONT_MATTER = /(?:^\uFEFF?|^\s*\n)---([\s\S]*?\n)---/;

function collectionSchema(collection: CollectionName, image: () => ZodTypeAny): ZodTypeAny {
  const def = collections[collection] as unknown as { schema: (context: { image: () => ZodTypeAny }) => ZodTypeAny };
  return def.schema({ image });
}

/** Objects `{ id, collection }` in parsed data (what `reference()` gives), with their paths. */
function references(value: unknown, at: (string | number)[] = []): { id: string; collection: string; path: (string | number)[] }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => references(v, [...at, i]));
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const o = value as Record<string, unknown>;
    if (typeof o['id'] === 'string' && typeof o['collection'] === 'string' && Object.keys(o).length === 2) {
      return [{ id: o['id'], collection: o['collection'], path: at }];
    }
    return Object.entries(o).flatMap(([k, v]) => references(v, [...at, k]));
  }
  return [];
}

/** Problems of one entry as `view` has it; [] when it is valid (or does not exist). */
export async function validateEntry(ref: EntryRef, view: ContentView): Promise<ContentIssue[]> {
  const bytes = view.read(ref.dataFile);
  if (!bytes) return [];
  const file = ref.dataFile;
  const issue = (message: string, fieldPath: (string | number)[] = []): ContentIssue => ({
    file,
    field: fieldPath.length ? fieldPath.join('.') : null,
    label: labelPath(ref.collection, fieldPath),
    message,
  });
  const text = new TextDecoder().decode(bytes);
  let yamlText = text;
  if (ref.format === 'markdown') {
    const match = FRONT_MATTER.exec(text);
    if (!match) return [issue('thiếu phần đầu YAML (front matter) giữa hai dòng ---')];
    yamlText = match[1] ?? '';
  }
  let data: unknown;
  try {
    data = load(yamlText) ?? {};
  } catch (error) {
    return [issue(`phần YAML viết sai cú pháp: ${error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error)}`)];
  }
  const issues: ContentIssue[] = [];
  const dir = path.posix.dirname(file);
  const images: string[] = [];
  const image = () =>
    z.string().superRefine((src, ctx) => {
      if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('/')) {
        ctx.addIssue({ code: 'custom', message: `ảnh phải là tệp đặt cạnh mục (ví dụ ./anh-1.jpg), không phải địa chỉ "${src}"` });
        return;
      }
      const resolved = path.posix.normalize(path.posix.join(dir, src));
      if (resolved.startsWith('../') || resolved === '..') {
        ctx.addIssue({ code: 'custom', message: `ảnh "${src}" nằm ngoài thư mục nội dung` });
        return;
      }
      images.push(resolved);
      const found = view.read(resolved);
      if (!found) {
        ctx.addIssue({ code: 'custom', message: `không thấy tệp ảnh "${src}" cạnh mục này: hãy tải ảnh lên lại` });
        return;
      }
      const problem = imageProblem(path.posix.basename(resolved), found);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
  const result = await collectionSchema(ref.collection, image).safeParseAsync(data);
  if (!result.success) {
    for (const i of result.error.issues) issues.push(issue(i.message, i.path));
    return issues;
  }
  for (const r of references(result.data)) {
    const target = entryRef(r.collection as CollectionName, r.id);
    if (!target || !view.read(target.dataFile)) {
      issues.push(issue(`không có ${COLLECTION_LABELS[r.collection] ?? r.collection} "${r.id}": chọn một mục có trong danh sách`, r.path));
    }
  }
  const twice = images.find((p, i) => images.indexOf(p) !== i);
  if (twice) issues.push(issue(`hai ảnh của mục này dùng cùng một tệp "${path.posix.basename(twice)}": đổi tên tệp ảnh rồi tải lên lại`));
  return issues;
}

/**
 * Every entry of the content folder (before a publication). Yields to the event loop between
 * entries, so that thousands of entries never hold up the process that runs it.
 */
export async function validateContentTree(contentDir: string): Promise<ContentIssue[]> {
  const view = diskView(contentDir);
  const issues: ContentIssue[] = [];
  for (const ref of listEntries(contentDir)) {
    issues.push(...(await validateEntry(ref, view)));
    await new Promise((resolve) => setImmediate(resolve));
  }
  return issues;
}

/** Issues as the editor reads them, one per line. */
export function formatIssues(issues: readonly ContentIssue[]): string {
  return issues.map((i) => `• ${i.file}${i.label ? ` – ${i.label}` : ''}${i.field ? ` (${i.field})` : ''}: ${i.message}`).join('\n');
}
