/**
 * What the editor writes, made to read as our content does. Keystatic writes a group whose
 * fields were all left empty as `former: {}` and an empty list as `criteria: []`; our schemas
 * read "no group" and "no list" from an absent key (an empty `former` would be told its
 * province is missing). This removes such keys — and the optional groups whose defining fields
 * are empty (`PRESENCE`) — from the front matter by cutting exactly their lines out of the
 * text: every other byte stays as Keystatic wrote it. Client-safe.
 */
import { isMap, isPair, isScalar, isSeq, parseDocument, type Node, type Pair } from 'yaml';

/**
 * Optional groups that exist only when one of their defining fields has a value, per
 * collection: a public vote is a time window; its checkboxes alone (always written, true or
 * false) do not make one.
 */
export const PRESENCE: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  contests: { vote: ['opens', 'closes'], dossier: ['online'] },
  // A floor plan is its halls; its "booth choice" checkbox alone (always written) does not make one.
  fairs: { floorPlan: ['halls'] },
};

function isEmptyCollection(node: unknown): boolean {
  return (isMap(node) || isSeq(node)) && node.items.length === 0;
}

function hasValue(node: unknown): boolean {
  if (node === null || node === undefined) return false;
  // `false` counts as no value: a group defined by a checkbox (a dossier's "online") exists only when it is ticked.
  if (isScalar(node)) return node.value !== null && node.value !== '' && node.value !== false;
  if (isMap(node) || isSeq(node)) return node.items.length > 0;
  return true;
}

/** Pairs to cut: empty groups and lists at any depth, and groups without their defining fields. */
function pairsToRemove(root: Node | null, presence: Readonly<Record<string, readonly string[]>>): Pair[] {
  const found: Pair[] = [];
  const visit = (node: unknown, depth: number) => {
    if (isMap(node)) {
      for (const item of node.items) {
        if (!isPair(item)) continue;
        const key = isScalar(item.key) ? String(item.key.value) : '';
        const required = depth === 0 ? presence[key] : undefined;
        if (isEmptyCollection(item.value)) found.push(item);
        else if (required && isMap(item.value) && !required.some((k) => hasValue((item.value as { get(k: string, keep: true): unknown }).get(k, true)))) found.push(item);
        else visit(item.value, depth + 1);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) visit(item, depth + 1);
    }
  };
  visit(root, 0);
  return found;
}

/** The front matter (YAML text) with empty groups and lists removed; unchanged text when there are none. */
export function normaliseFrontMatter(yamlText: string, collection: string): string {
  const doc = parseDocument(yamlText);
  if (doc.errors.length) return yamlText;
  const remove = pairsToRemove(doc.contents, PRESENCE[collection] ?? {});
  if (!remove.length) return yamlText;
  const cuts = remove
    .flatMap((pair) => {
      const key = pair.key as Node;
      const value = pair.value as Node | null;
      const keyStart = key.range?.[0] ?? 0;
      const start = yamlText.lastIndexOf('\n', keyStart - 1) + 1;
      // The first key of a list item shares its line with the item's "- ": left in place.
      if (yamlText.slice(start, keyStart).trim() !== '') return [];
      const end = value?.range?.[2] ?? key.range?.[2] ?? start;
      return [[start, end] as const];
    })
    .sort((a, b) => b[0] - a[0]);
  let out = yamlText;
  for (const [start, end] of cuts) out = out.slice(0, start) + out.slice(end);
  return out;
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?\r?\n)?---(\r?\n|$)/;

/**
 * An entry's data file normalised (`normaliseFrontMatter`): a YAML file whole, a Markdown file's
 * front matter (its body is untouched).
 */
export function normaliseEntryFile(text: string, collection: string, format: 'markdown' | 'yaml'): string {
  if (format === 'yaml') return normaliseFrontMatter(text, collection);
  const match = FRONT_MATTER.exec(text);
  if (!match) return text;
  const yamlText = match[1] ?? '';
  const normalised = normaliseFrontMatter(yamlText, collection);
  if (normalised === yamlText) return text;
  return `---\n${normalised}---${match[2] ?? ''}${text.slice(match[0].length)}`;
}
