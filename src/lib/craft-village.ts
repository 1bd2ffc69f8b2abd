/**
 * The craft village field of the establishment's forms: a name typed that is one of the site's
 * villages is read as the site names it. Client-safe and without zod (the booth form's island
 * bundles it).
 */
import { fold } from './fold';

/** A village name compared loosely: no diacritics or case, without a leading "làng nghề" / "làng". */
const villageKey = (name: string) => fold(name).replace(/^(lang nghe|lang)\s+/u, '').trim();

/**
 * The craft village as the site names it when the text typed is one of the site's villages
 * ("lang gom thanh ha", "Gốm Thanh Hà" → "Làng gốm Thanh Hà"); any other name is kept as typed
 * (trimmed): a village the site has no page for is still a village.
 */
export function canonicalVillage(text: string, names: readonly string[]): string {
  const typed = text.trim();
  const key = villageKey(typed);
  if (!key) return typed;
  return names.find((n) => villageKey(n) === key) ?? typed;
}
