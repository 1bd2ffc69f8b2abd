/**
 * The statistics' arithmetic: pure tallies of counted records by a key and by year. Table tests
 * in tests/unit/statistics.test.ts.
 */
import { fold } from '../../fold';

export interface RegistrationRecord {
  year: number;
  province: string;
  establishmentType: string;
  /** CNNT group of the catalogue product the registration names, or null. */
  group: string | null;
  status: string;
  heldQuantity: number;
  wantsSupport: boolean;
}

export interface RegistrationTally {
  key: string;
  /** Registrations holding booths (pending, offered, approved). */
  registrations: number;
  booths: number;
  /** Booths of approved registrations that asked for support (the support rule of registrations/support.ts). */
  supportedBooths: number;
}

const HOLDING = new Set(['pending', 'offered', 'approved']);

/** Registrations, booths and supported booths by `keyOf`, for `year` (all years when null), largest first. */
export function tallyRegistrations(records: readonly RegistrationRecord[], keyOf: (r: RegistrationRecord) => string, year: number | null): RegistrationTally[] {
  const out = new Map<string, RegistrationTally>();
  for (const r of records) {
    if (!HOLDING.has(r.status) || (year !== null && r.year !== year)) continue;
    const key = keyOf(r);
    const t = out.get(key) ?? { key, registrations: 0, booths: 0, supportedBooths: 0 };
    t.registrations += 1;
    t.booths += r.heldQuantity;
    if (r.status === 'approved' && r.wantsSupport) t.supportedBooths += r.heldQuantity;
    out.set(key, t);
  }
  return [...out.values()].sort((a, b) => b.booths - a.booths || b.registrations - a.registrations || a.key.localeCompare(b.key));
}

export interface EntryRecord {
  year: number;
  level: string;
  group: string | null;
}

/** Counts by group × level, for `year` (all when null): rows per group, a column per level. */
export function tallyByGroupAndLevel(records: readonly EntryRecord[], year: number | null): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const r of records) {
    if (year !== null && r.year !== year) continue;
    const group = r.group ?? 'khac';
    const row = out.get(group) ?? new Map<string, number>();
    row.set(r.level, (row.get(r.level) ?? 0) + 1);
    out.set(group, row);
  }
  return out;
}

/** The CNNT group of the first catalogue product named in a registration's products text (folded), or null. */
export function groupOfProducts(text: string, products: readonly { name: string; group: string }[]): string | null {
  const folded = fold(text);
  return products.find((p) => folded.includes(fold(p.name)))?.group ?? null;
}

/** The years present, newest first. */
export function yearsOf(...lists: readonly (readonly { year: number }[])[]): number[] {
  return [...new Set(lists.flatMap((l) => l.map((r) => r.year)))].sort((a, b) => b - a);
}
