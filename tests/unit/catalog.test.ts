import { describe, expect, it } from 'vitest';
import { PAGE_SIZE, catalogHref, parseCatalogQuery, queryCatalog, type CatalogRow } from '~/lib/catalog';

const row = (over: Partial<CatalogRow>): CatalogRow => ({
  id: 'x',
  name: 'X',
  province: 'da-nang',
  formerProvince: null,
  cnntGroup: 'khac',
  ocopGroup: null,
  stars: null,
  ocopValidUntil: null,
  levels: [],
  validUntil: null,
  latestIssued: null,
  producerType: 'household',
  ...over,
});

const rows: CatalogRow[] = [
  row({ id: 'a', name: 'Ấm trà', province: 'lai-chau', cnntGroup: 'thu-cong-my-nghe', stars: 4, ocopGroup: 'thu-cong-my-nghe', levels: ['tinh'], validUntil: '2027-01-01', latestIssued: '2024-01-02' }),
  row({ id: 'b', name: 'Bánh tráng', stars: 3, ocopGroup: 'thuc-pham', levels: ['huyen'], validUntil: '2025-01-01', latestIssued: '2022-01-02', producerType: 'cooperative' }),
  row({ id: 'c', name: 'Cà phê', province: 'dak-lak', stars: 5, ocopGroup: 'do-uong', levels: ['quoc-gia'], validUntil: '2028-01-01', latestIssued: '2025-03-02' }),
  row({ id: 'd', name: 'Dao rèn', cnntGroup: 'co-khi', levels: ['tinh', 'khu-vuc'], validUntil: '2026-12-31', latestIssued: '2024-06-01' }),
];

describe('catalog query parsing', () => {
  it('keeps known values and drops unknown ones without failing', () => {
    const q = parseCatalogQuery(new URLSearchParams('tinh=da-nang&nhom=nope&sao=9&hieuluc=1&trang=-3&sap=x&extra=1'));
    expect(q).toEqual({ tinh: 'da-nang', hieuluc: '1' });
  });
  it('reads a former province as the unit it belongs to now', () => {
    expect(parseCatalogQuery(new URLSearchParams('tinh=quang-nam'))).toEqual({ tinh: 'da-nang' });
    expect(parseCatalogQuery(new URLSearchParams('tinh=kon-tum'))).toEqual({ tinh: 'quang-ngai' });
  });
  it('treats empty values as absent', () => {
    expect(parseCatalogQuery(new URLSearchParams('tinh=&sao='))).toEqual({});
  });
});

describe('filtering, sorting and paging', () => {
  const today = '2026-12-01';
  it('filters by each facet', () => {
    const ids = (qs: string) => queryCatalog(rows, parseCatalogQuery(new URLSearchParams(qs)), today).rows.map((r) => r.id);
    expect(ids('tinh=da-nang')).toEqual(['b', 'd']);
    expect(ids('nhom=co-khi')).toEqual(['d']);
    expect(ids('ocop=do-uong')).toEqual(['c']);
    expect(ids('sao=4')).toEqual(['a']);
    expect(ids('cap=tinh')).toEqual(['a', 'd']);
    expect(ids('hieuluc=1')).toEqual(['a', 'c', 'd']);
    expect(ids('loai=cooperative')).toEqual(['b']);
    expect(ids('tinh=da-nang&hieuluc=1')).toEqual(['d']);
  });
  it('validity follows the injected day', () => {
    const q = parseCatalogQuery(new URLSearchParams('hieuluc=1'));
    expect(queryCatalog(rows, q, '2027-01-01').rows.map((r) => r.id)).toEqual(['a', 'c']);
  });
  it('sorts by Vietnamese name, newest recognition, or stars', () => {
    const ids = (qs: string) => queryCatalog(rows, parseCatalogQuery(new URLSearchParams(qs)), today).rows.map((r) => r.id);
    expect(ids('')).toEqual(['a', 'b', 'c', 'd']);
    expect(ids('sap=moi-nhat')).toEqual(['c', 'd', 'a', 'b']);
    expect(ids('sap=sao')).toEqual(['c', 'a', 'b', 'd']);
  });
  it('pages 5,000 rows and clamps a page past the end', () => {
    const many = Array.from({ length: 5000 }, (_, i) => row({ id: `p${String(i)}`, name: `Sản phẩm ${String(i).padStart(4, '0')}` }));
    const first = queryCatalog(many, {}, today);
    expect(first.total).toBe(5000);
    expect(first.rows).toHaveLength(PAGE_SIZE);
    expect(first.pages).toBe(Math.ceil(5000 / PAGE_SIZE));
    const last = queryCatalog(many, { trang: 9999 }, today);
    expect(last.page).toBe(first.pages);
    expect(last.rows.at(-1)?.id).toBe('p4999');
  });
  it('builds links that keep the filters', () => {
    expect(catalogHref({ tinh: 'da-nang', trang: 3 }, { trang: 1 })).toBe('/san-pham?tinh=da-nang');
    expect(catalogHref({ tinh: 'da-nang' }, { sao: 5 })).toBe('/san-pham?tinh=da-nang&sao=5');
  });
});
