/**
 * The figures the tile map shows per unit: products in the catalogue, recognitions (CNNT and
 * OCOP), fairs held in the unit, and fair participation (booths held by approved registrations
 * of establishments of the unit). Content and the database; pages only.
 */
import { getCollection } from 'astro:content';
import { and, eq, sql } from 'drizzle-orm';
import { FORMER_PROVINCES, provinceLabel } from '../../provinces';
import { ARCHIPELAGOS, GRID, shade, tiles } from '../../tile-map';
import { getDb, schema, type DbLike } from '../db';

export const MAP_MEASURES = [
  { id: 'san-pham', label: 'Sản phẩm trên cổng' },
  { id: 'cong-nhan', label: 'Lượt công nhận (CNNT tiêu biểu, OCOP)' },
  { id: 'hoi-cho', label: 'Hội chợ tổ chức tại địa phương' },
  { id: 'gian-hang', label: 'Gian hàng của cơ sở địa phương được duyệt' },
] as const;
type Measure = (typeof MAP_MEASURES)[number]['id'];

export async function mapPage(params: URLSearchParams, db: DbLike = getDb()) {
  const asked = params.get('chi-so');
  const measure: Measure = MAP_MEASURES.find((m) => m.id === asked)?.id ?? 'san-pham';
  const products = await getCollection('products');
  const fairs = await getCollection('fairs');
  const R = schema.registrations;
  const booths = new Map(
    db.select({ province: R.province, booths: sql<number>`sum(${R.heldQuantity})` }).from(R).where(and(eq(R.status, 'approved'))).groupBy(R.province).all().map((r) => [r.province, r.booths]),
  );
  const rows = tiles().map((t) => {
    const mine = products.filter((p) => p.data.province === t.province.slug);
    const figures = {
      'san-pham': mine.length,
      'cong-nhan': mine.reduce((n, p) => n + p.data.recognitions.length, 0),
      'hoi-cho': fairs.filter((f) => f.data.province === t.province.slug && f.data.status !== 'cancelled').length,
      'gian-hang': booths.get(t.province.slug) ?? 0,
    } satisfies Record<Measure, number>;
    return { ...t, label: provinceLabel(t.province), former: FORMER_PROVINCES.filter((f) => f.unit === t.province.slug), figures };
  });
  const max = Math.max(0, ...rows.map((r) => r.figures[measure]));
  return {
    measure,
    measureLabel: MAP_MEASURES.find((m) => m.id === measure)?.label ?? '',
    measures: MAP_MEASURES,
    grid: GRID,
    tiles: rows.map((r) => ({ ...r, value: r.figures[measure], shade: shade(r.figures[measure], max) })),
    archipelagos: ARCHIPELAGOS.map((a) => ({ ...a, tile: rows.find((r) => r.province.slug === a.unit) })),
    max,
  };
}
