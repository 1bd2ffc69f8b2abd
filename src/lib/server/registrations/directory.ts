/**
 * The public exhibitor directory of a fair: APPROVED registrations whose applicant agreed to be
 * listed (`directory_consent_at`, NĐ 13/2023: opt-in, withdrawable through the management link).
 * Only what the consent covers is read: establishment, province, products, booths — never the
 * representative, phone, e-mail or tax code.
 */
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { fold } from '../../fold';
import { getDb, schema, type DbLike } from '../db';

const R = schema.registrations;

export interface DirectoryEntry {
  code: string;
  establishment: string;
  province: string;
  products: string;
  booths: string | null;
}

/** The fair's listed exhibitors, by booth then name. */
export function directoryEntries(fairSlug: string, db: DbLike = getDb()): DirectoryEntry[] {
  return db
    .select({ code: R.code, establishment: R.establishmentName, province: R.province, products: R.products, booths: R.boothNumbers })
    .from(R)
    .where(and(eq(R.fairSlug, fairSlug), eq(R.status, 'approved'), isNotNull(R.directoryConsentAt)))
    .orderBy(asc(R.boothNumbers), asc(R.establishmentName))
    .all();
}

/** Entries matching every word of `q` (any diacritics) in name, products, booths or province name. */
export function searchDirectory(entries: readonly DirectoryEntry[], q: string, provinceName: (slug: string) => string): DirectoryEntry[] {
  const words = fold(q).split(/\s+/).filter(Boolean);
  if (!words.length) return [...entries];
  return entries.filter((e) => {
    const text = fold(`${e.establishment} ${e.products} ${e.booths ?? ''} ${provinceName(e.province)}`);
    return words.every((w) => text.includes(w));
  });
}

/**
 * Catalogue pages for a directory entry: the producer whose name is the establishment's, and
 * products of the catalogue named in its products text or made by that producer (folded match).
 */
export function catalogueLinks(
  entry: Pick<DirectoryEntry, 'establishment' | 'products'>,
  producers: readonly { id: string; name: string }[],
  products: readonly { id: string; name: string; producer: string }[],
): { producer: { id: string; name: string } | null; products: { id: string; name: string }[] } {
  const name = fold(entry.establishment);
  const producer = producers.find((p) => fold(p.name) === name) ?? null;
  const text = fold(entry.products);
  const found = products.filter((p) => (producer && p.producer === producer.id) || text.includes(fold(p.name)));
  return { producer, products: found.map((p) => ({ id: p.id, name: p.name })) };
}
