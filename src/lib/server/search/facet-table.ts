/**
 * The embedded engine's facets, column-wise: every document's facet values as small integer
 * codes, so filtering and counting 10,000 matched documents is a loop over typed arrays rather
 * than string maps. "Certificate valid" depends on the day and is computed once per day.
 */
import { FACET_KEYS, type FacetKey, type SearchQuery } from '../../search-query';
import { FacetCounter } from './results';
import type { SearchDocument } from './types';

type Column = Exclude<FacetKey, 'hieuluc'>;
const COLUMNS = FACET_KEYS.filter((k): k is Column => k !== 'hieuluc');

function valuesOf(doc: SearchDocument, key: Column): (string | number | null)[] {
  switch (key) {
    case 'kieu':
      return [doc.kind];
    case 'tinh':
      return [doc.province];
    case 'tinhcu':
      return [doc.formerProvince];
    case 'nhom':
      return [doc.cnntGroup];
    case 'ocop':
      return [doc.ocopGroup];
    case 'sao':
      return [doc.stars];
    case 'cap':
      return doc.levels;
    case 'nam':
      return doc.years;
    case 'loai':
      return [doc.producerType];
  }
}

interface Coded {
  values: string[];
  index: Map<string, number>;
  /** Per document: offsets into `codes` (start at doc, end at doc + 1). */
  starts: Int32Array;
  codes: Int32Array;
  /** When no document has two values: each document's code, −1 for none (the fast path). */
  single: Int32Array | null;
}

/** Whether document `i` has the value `code` in the column. */
function has(col: Coded, i: number, code: number): boolean {
  if (col.single) return col.single[i] === code;
  for (let k = col.starts[i] ?? 0, end = col.starts[i + 1] ?? 0; k < end; k++) if (col.codes[k] === code) return true;
  return false;
}

export class FacetTable {
  private readonly columns: Record<Column, Coded>;
  private validDay = '';
  private valid = new Uint8Array(0);

  constructor(private readonly docs: readonly SearchDocument[]) {
    const columns = {} as Record<Column, Coded>;
    for (const key of COLUMNS) {
      const values: string[] = [];
      const index = new Map<string, number>();
      const starts = new Int32Array(docs.length + 1);
      const codes: number[] = [];
      docs.forEach((doc, i) => {
        starts[i] = codes.length;
        for (const v of valuesOf(doc, key)) {
          if (v === null || v === '') continue;
          const s = String(v);
          let code = index.get(s);
          if (code === undefined) {
            code = values.length;
            values.push(s);
            index.set(s, code);
          }
          codes.push(code);
        }
      });
      starts[docs.length] = codes.length;
      let single: Int32Array | null = new Int32Array(docs.length).fill(-1);
      for (let i = 0; i < docs.length && single; i++) {
        const from = starts[i] ?? 0;
        const to = starts[i + 1] ?? 0;
        if (to - from > 1) single = null;
        else if (to > from) single[i] = codes[from] ?? -1;
      }
      columns[key] = { values, index, starts, codes: Int32Array.from(codes), single };
    }
    this.columns = columns;
  }

  private validOn(today: string): Uint8Array {
    if (this.validDay !== today) {
      this.valid = Uint8Array.from(this.docs, (d) => (d.validUntil !== null && today <= d.validUntil ? 1 : 0));
      this.validDay = today;
    }
    return this.valid;
  }

  /**
   * Keeps the documents of `order` that pass the query's filters (in order) and counts the
   * facet values over them.
   */
  filterAndCount(order: readonly number[], q: SearchQuery, today: string): { matched: number[]; counter: FacetCounter } {
    const valid = this.validOn(today);
    const wanted: [Coded, number][] = [];
    let impossible = false;
    for (const key of COLUMNS) {
      const v = q[key];
      if (v === undefined) continue;
      const code = this.columns[key].index.get(String(v));
      if (code === undefined) impossible = true;
      else wanted.push([this.columns[key], code]);
    }
    const counts = Object.fromEntries(COLUMNS.map((k) => [k, new Int32Array(this.columns[k].values.length)])) as Record<Column, Int32Array>;
    let validCount = 0;
    const matched: number[] = [];
    if (!impossible) {
      for (const i of order) {
        if (q.hieuluc && !valid[i]) continue;
        if (wanted.length && !wanted.every(([col, code]) => has(col, i, code))) continue;
        matched.push(i);
      }
      // Column by column over the matched documents: tight loops over one typed array each.
      for (const key of COLUMNS) {
        const col = this.columns[key];
        const c = counts[key];
        const single = col.single;
        if (single) {
          for (const i of matched) {
            const code = single[i] ?? -1;
            if (code >= 0) c[code] = (c[code] ?? 0) + 1;
          }
        } else {
          for (const i of matched) {
            for (let k = col.starts[i] ?? 0, end = col.starts[i + 1] ?? 0; k < end; k++) {
              const code = col.codes[k] ?? 0;
              c[code] = (c[code] ?? 0) + 1;
            }
          }
        }
      }
      for (const i of matched) validCount += valid[i] ?? 0;
    }
    const counter = new FacetCounter();
    for (const key of COLUMNS) {
      const values = this.columns[key].values;
      counts[key].forEach((n, code) => {
        if (n > 0) counter.add(key, values[code], n);
      });
    }
    if (validCount > 0) counter.add('hieuluc', '1', validCount);
    return { matched, counter };
  }
}
