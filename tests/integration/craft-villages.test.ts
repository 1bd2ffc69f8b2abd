/**
 * Craft villages (content/craft-villages): the demo entries pass the build's own schema, every
 * producer's `village` names a village, each village traces its former province to the unit it
 * belongs to today, bad entries get Vietnamese messages, and the BUILT village page (TEST_BUILD_DIR)
 * lists the village's producers and their products, its current and former province.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { ZodTypeAny } from 'zod';
import { collections } from '~/content.config';
import { currentUnitOf, formerProvinceLabel, getFormerProvince } from '~/lib/provinces';
import { loadSourceFromFiles } from '~/lib/server/search/content-files';
import { TEST_BUILD_DIR } from '../test-env';

const schema = (collections.craftVillages.schema as unknown as () => ZodTypeAny)();

function frontMatter(file: string): Record<string, unknown> {
  const m = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(file, 'utf8'));
  return (parse(m?.[1] ?? '') ?? {}) as Record<string, unknown>;
}
const entries = (folder: string) =>
  readdirSync(path.join('content', folder)).map((slug) => ({ slug, data: frontMatter(path.join('content', folder, slug, 'index.md')) }));

const villages = entries('craft-villages');
const producers = entries('producers');
const products = entries('products');
const source = loadSourceFromFiles('content');

describe('craft villages: content', () => {
  it('every demo village passes the build schema', async () => {
    expect(villages.length).toBeGreaterThanOrEqual(10);
    for (const v of villages) {
      const r = await schema.safeParseAsync(v.data);
      expect(r.success, `${v.slug}: ${r.success ? '' : JSON.stringify(r.error.issues)}`).toBe(true);
    }
  });

  it('every producer reference names a village, every village has producers, and free text named villages now refer to them', () => {
    const ids = new Set(villages.map((v) => v.slug));
    for (const p of producers) {
      const ref = p.data['village'] as string | undefined;
      const named = p.data['craftVillage'] as string | undefined;
      if (ref !== undefined) expect(ids.has(ref), `${p.slug} → ${ref}`).toBe(true);
      if (named !== undefined) expect(ref, `${p.slug} names "${named}" without a village entry`).toBeDefined();
    }
    for (const v of villages) expect(producers.some((p) => p.data['village'] === v.slug), v.slug).toBe(true);
  });

  it('resolves a village to its producers and their products', () => {
    const members = producers.filter((p) => p.data['village'] === 'lang-gom-thanh-ha').map((p) => p.slug);
    expect(members).toEqual(['ho-gom-thanh-ha-le-van-tam']);
    const made = products.filter((p) => members.includes(String(p.data['producer']))).map((p) => p.slug);
    expect(made.length).toBeGreaterThan(0);
    const village = source.villages.find((v) => v.id === 'lang-gom-thanh-ha');
    expect(village?.producerNames).toEqual(['Hộ kinh doanh Gốm Thanh Hà Lê Văn Tâm']);
    // What search and pages show as the producer's village is the village entry's name.
    expect(source.producers.find((p) => p.id === 'ho-gom-thanh-ha-le-van-tam')?.craftVillage).toBe('Làng gốm Thanh Hà');
  });

  it('traces each former province to the unit the village is in today', () => {
    for (const v of villages) {
      const former = v.data['former'] as { province: string } | undefined;
      if (!former) continue;
      expect(currentUnitOf(former.province)?.slug, v.slug).toBe(v.data['province']);
    }
    const thanhHa = villages.find((v) => v.slug === 'lang-gom-thanh-ha');
    const former = getFormerProvince((thanhHa?.data['former'] as { province: string }).province);
    expect(former && formerProvinceLabel(former)).toBe('tỉnh Quảng Nam');
    expect(thanhHa?.data['province']).toBe('da-nang');
  });

  it('refuses bad entries with Vietnamese messages', async () => {
    const good = { name: 'Làng nghề thử', commune: 'xã Thử', province: 'da-nang', craft: 'Làm gốm' };
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ ...good, province: 'quang-nam' }, /"quang-nam" là tỉnh cũ \(trước 01\/07\/2025\), nay thuộc "da-nang"/],
      [{ ...good, craft: '' }, /không được để trống/],
      [{ ...good, recognised: { year: 'năm ngoái' } }, /cần số/],
      [{ ...good, nghe: 'gốm' }, /có trường không được biết/],
      [{ name: 'Làng nghề thử', commune: 'xã Thử', province: 'da-nang' }, /bắt buộc nhưng đang thiếu/],
    ];
    for (const [data, message] of cases) {
      const r = await schema.safeParseAsync(data);
      expect(r.success).toBe(false);
      expect(r.success ? '' : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')).toMatch(message);
    }
  });
});

const page = (route: string) => path.join(TEST_BUILD_DIR, 'client', route, 'index.html');

describe('craft villages: the built pages (npm test builds first)', () => {
  it('the village page names its craft, commune, provinces, producers and products', () => {
    const html = readFileSync(page('lang-nghe/lang-gom-thanh-ha'), 'utf8');
    expect(html).toContain('<h1>Làng gốm Thanh Hà</h1>');
    expect(html).toContain('Làm gốm');
    expect(html).toContain('phường Hội An Tây');
    expect(html).toContain('href="/tinh/da-nang"');
    expect(html).toContain('thành phố Hội An, tỉnh Quảng Nam');
    expect(html).toContain('href="/co-so/ho-gom-thanh-ha-le-van-tam"');
    for (const p of products.filter((x) => x.data['producer'] === 'ho-gom-thanh-ha-le-van-tam')) expect(html).toContain(`href="/san-pham/${p.slug}"`);
  });

  it('the list groups villages by province, and producer, product and province pages link to the village', () => {
    const list = readFileSync(page('lang-nghe'), 'utf8');
    for (const v of villages) expect(list).toContain(`href="/lang-nghe/${v.slug}"`);
    expect(list).toMatch(/Thành phố Đà Nẵng<\/a> \(4\)/);
    const link = 'href="/lang-nghe/lang-gom-thanh-ha"';
    expect(readFileSync(page('co-so/ho-gom-thanh-ha-le-van-tam'), 'utf8')).toContain(link);
    expect(readFileSync(page('tinh/da-nang'), 'utf8')).toContain(link);
    const product = products.find((x) => x.data['producer'] === 'ho-gom-thanh-ha-le-van-tam');
    expect(readFileSync(page(`san-pham/${product?.slug ?? ''}`), 'utf8')).toContain(link);
  });
});
