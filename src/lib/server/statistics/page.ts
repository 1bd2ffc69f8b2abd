/** What /thong-ke renders: the statistics with their Vietnamese labels, for the year asked (?nam=YYYY). */
import { getProvince, provinceLabel } from '../../provinces';
import { CNNT_GROUPS, ESTABLISHMENT_TYPES, RECOGNITION_LEVELS } from '../../vocabulary';
import { statistics } from './index';

const label = {
  province: (slug: string) => {
    const p = getProvince(slug);
    return p ? provinceLabel(p) : slug;
  },
  type: (id: string) => (ESTABLISHMENT_TYPES.has(id) ? ESTABLISHMENT_TYPES.label(id) : id),
  group: (id: string) => (CNNT_GROUPS.has(id) ? CNNT_GROUPS.label(id) : 'Chưa xác định nhóm (sản phẩm chưa có trong danh mục)'),
};

function levelTable(counts: Map<string, Map<string, number>>) {
  const levels = RECOGNITION_LEVELS.entries.filter(([id]) => [...counts.values()].some((row) => row.has(id)));
  const rows = CNNT_GROUPS.entries
    .filter(([id]) => counts.has(id))
    .map(([id, name]) => {
      const row = counts.get(id) ?? new Map<string, number>();
      return { name, cells: levels.map(([l]) => row.get(l) ?? 0), total: [...row.values()].reduce((a, b) => a + b, 0) };
    });
  return { levels: levels.map(([, name]) => name), rows, total: rows.reduce((n, r) => n + r.total, 0) };
}

export async function statisticsPage(params: URLSearchParams) {
  const raw = params.get('nam') ?? '';
  const s = await statistics(/^\d{4}$/.test(raw) ? Number(raw) : null);
  const named = (rows: typeof s.byProvince, name: (k: string) => string) => rows.map((r) => ({ ...r, name: name(r.key) }));
  return {
    years: s.years,
    year: s.year,
    byProvince: named(s.byProvince, label.province),
    byType: named(s.byType, label.type),
    byGroup: named(s.byGroup, label.group),
    entries: levelTable(s.entries),
    recognitions: levelTable(s.recognitions),
  };
}
