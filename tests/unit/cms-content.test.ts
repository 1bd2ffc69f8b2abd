/**
 * What a save checks before anything is written: the editor's YAML normalised (empty groups
 * cut out, every other byte kept), images judged by their bytes, and entries validated with
 * the build's own schemas — the Vietnamese message naming the field as the editor labels it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normaliseFrontMatter } from '~/lib/cms/normalise';
import { storedImageName } from '~/lib/cms/fields';
import { imageInfo, imageProblem } from '~/lib/server/cms/images';
import { entryOfPath, entryRef } from '~/lib/server/cms/layout';
import { diskView, formatIssues, overlayView, validateEntry } from '~/lib/server/cms/validate';

describe('normaliseFrontMatter', () => {
  it('cuts empty groups and lists out, at any depth, and nothing else', () => {
    const text = 'name: X\nformer: {}\nspecs:\n  packaging: Hộp\nprice: {}\nrubric:\n  groups:\n    - id: a\n      max: 10\n      criteria: []\nalt: |-\n  dòng một\n  former: {}\nlast: 1\n';
    expect(normaliseFrontMatter(text, 'products')).toBe('name: X\nspecs:\n  packaging: Hộp\nrubric:\n  groups:\n    - id: a\n      max: 10\nalt: |-\n  dòng một\n  former: {}\nlast: 1\n');
  });
  it('leaves text without empty groups byte for byte', () => {
    const text = "name: 'Sâm'\nstart: 2027-04-20T08:00\n";
    expect(normaliseFrontMatter(text, 'fairs')).toBe(text);
  });
  it('drops a vote that has no time window (its checkboxes are always written)', () => {
    expect(normaliseFrontMatter('title: T\nvote:\n  enabled: false\n  hideTotalsUntilClosed: true\nentries: []\n', 'contests')).toBe('title: T\n');
    const kept = 'title: T\nvote:\n  enabled: true\n  opens: 2026-11-01T00:00\n  closes: 2027-06-30T23:59\n';
    expect(normaliseFrontMatter(kept, 'contests')).toBe(kept);
  });
});

describe('images', () => {
  const png = (w: number, h: number) => {
    const b = Buffer.alloc(33);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0);
    b.writeUInt32BE(13, 8);
    b.write('IHDR', 12, 'ascii');
    b.writeUInt32BE(w, 16);
    b.writeUInt32BE(h, 20);
    return b;
  };
  const jpeg = (w: number, h: number) => Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08, h >> 8, h & 255, w >> 8, w & 255, 0x03, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  const gif = Buffer.from('GIF89a\x20\x03\x58\x02\x00\x00\x00', 'latin1');
  it('reads the type and size from the bytes', () => {
    expect(imageInfo(png(800, 600))).toEqual({ type: 'png', width: 800, height: 600 });
    expect(imageInfo(jpeg(1024, 768))).toEqual({ type: 'jpeg', width: 1024, height: 768 });
    expect(imageInfo(gif)).toEqual({ type: 'gif', width: 800, height: 600 });
    expect(imageInfo(Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'))?.type).toBe('svg');
    expect(imageInfo(Buffer.from('Không phải ảnh'))).toBeNull();
  });
  it('refuses what is not an image, a wrong extension, too many bytes or pixels, and SVG that can run', () => {
    expect(imageProblem('anh.jpg', Buffer.from('xin chào'))).toContain('không phải ảnh');
    expect(imageProblem('anh.jpg', png(10, 10))).toContain('mang đuôi .jpg');
    expect(imageProblem('anh.png', Buffer.concat([png(10, 10), Buffer.alloc(6 * 1024 * 1024)]))).toContain('quá giới hạn 5 MB');
    expect(imageProblem('anh.png', png(20_000, 20_000))).toContain('quá lớn');
    expect(imageProblem('anh.png', png(0, 10))).toContain('bị hỏng');
    for (const bad of ['<svg><script>alert(1)</script></svg>', '<svg onload="alert(1)"/>', '<svg><a href="https://example.com"/></svg>', '<svg><foreignObject/></svg>', '<svg><image xlink:href="http://x/y.png"/></svg>']) {
      expect(imageProblem('anh.svg', Buffer.from(bad)), bad).toContain('chỉ nhận SVG thuần hình vẽ');
    }
    expect(imageProblem('anh.png', png(1200, 900))).toBeNull();
    expect(imageProblem('anh.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="4" height="3"/></svg>'))).toBeNull();
  });
  it('accepts every image of the demo content', () => {
    const walk = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(path.join(dir, n)).isDirectory() ? walk(path.join(dir, n)) : [path.join(dir, n)]));
    const images = walk(path.resolve('content')).filter((f) => /\.(svg|png|jpe?g|webp|gif)$/i.test(f));
    expect(images.length).toBeGreaterThan(50);
    for (const f of images) expect(imageProblem(path.basename(f), readFileSync(f)), f).toBeNull();
  });
  it('keeps a tidy file name and tags an uploaded one with its hash', () => {
    const data = new Uint8Array([1, 2, 3]);
    expect(storedImageName('anh-1.jpg', 'jpg', data)).toBe('anh-1.jpg');
    expect(storedImageName('./logo.svg', 'svg', data)).toBe('logo.svg');
    const uploaded = storedImageName('IMG_2024 Ảnh đẹp.JPG', 'JPG', data);
    expect(uploaded).toMatch(/^img-2024-anh-dep-[0-9a-z]{7}\.jpg$/);
    expect(storedImageName('IMG_2024 Ảnh đẹp.JPG', 'JPG', new Uint8Array([3, 2, 1]))).not.toBe(uploaded);
  });
});

describe('validateEntry with the build’s schemas', () => {
  const content = path.resolve('content');
  const fairFile = 'fairs/hoi-cho-cnnt-lai-chau-2027/index.md';
  const fair = readFileSync(path.join(content, fairFile), 'utf8');
  const ref = entryRef('fairs', 'hoi-cho-cnnt-lai-chau-2027');
  if (!ref) throw new Error('no ref');
  const check = (text: string) => validateEntry(ref, overlayView(diskView(content), new Map([[fairFile, new TextEncoder().encode(text)]]), new Set()));

  it('finds nothing wrong with a demo entry', async () => {
    expect(await check(fair)).toEqual([]);
  });
  it('refuses a booth count of zero, in Vietnamese, naming the field as the editor does', async () => {
    const issues = await check(fair.replace('count: 240', 'count: 0'));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: fairFile, field: 'boothTypes.0.count', label: 'Loại gian hàng › thứ 1 › Số gian', message: 'cần ít nhất 1 gian' });
    expect(formatIssues(issues)).toBe(`• ${fairFile} – Loại gian hàng › thứ 1 › Số gian (boothTypes.0.count): cần ít nhất 1 gian`);
  });
  it('refuses an image without alt text, and a missing image file', async () => {
    const noAlt = await check(fair.replace(/\n {2}alt: .*\n/, '\n'));
    expect(noAlt.map((i) => [i.field, i.message])).toEqual([['image.alt', 'bắt buộc nhưng đang thiếu']]);
    const missing = await check(fair.replace('src: ./anh.svg', 'src: ./khong-co.jpg'));
    expect(missing[0]?.message).toContain('không thấy tệp ảnh "./khong-co.jpg"');
    const outside = await check(fair.replace('src: ./anh.svg', 'src: ../../../.env'));
    expect(outside[0]?.message).toContain('nằm ngoài thư mục nội dung');
  });
  it('refuses a reference to an entry that does not exist', async () => {
    const productFile = 'products/sam-ngoc-linh-tuoi/index.md';
    const product = readFileSync(path.join(content, productFile), 'utf8').replace('producer: htx-sam-ngoc-linh-tra-linh', 'producer: khong-co-co-so-nay');
    const productRef = entryOfPath(productFile);
    if (!productRef) throw new Error('no ref');
    const issues = await validateEntry(productRef, overlayView(diskView(content), new Map([[productFile, new TextEncoder().encode(product)]]), new Set()));
    expect(issues.map((i) => [i.field, i.message])).toEqual([['producer', 'không có cơ sở sản xuất "khong-co-co-so-nay": chọn một mục có trong danh sách']]);
  });
  it('reports YAML it cannot read', async () => {
    expect((await check('---\nname: [\n---\n'))[0]?.message).toContain('phần YAML viết sai cú pháp');
  });
});
