/**
 * The fair calendar, fair pages, iCalendar files and the RSS feed of upcoming fairs.
 * The server runs with CLOCK_NOW = TEST_NOW; tests discover fairs from the content (through the
 * calendar and the .ics feed) so editors can change the demo fairs without breaking them.
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { TEST_NOW } from '../test-env';
import { expectFitsPhone, expectNoAxeViolations } from './a11y';
import { scrollToLive } from './islands';

interface Component {
  name: string;
  props: Record<string, { params: Record<string, string>; value: string }>;
  children: Component[];
}

/** Unfolds an iCalendar text and checks CRLF, 75-octet lines and BEGIN/END nesting. */
function parseIcs(text: string): Component {
  expect(text.endsWith('\r\n'), 'ends with CRLF').toBe(true);
  expect(text.replace(/\r\n/g, ''), 'no bare CR or LF').not.toMatch(/[\r\n]/);
  for (const physical of text.split('\r\n')) {
    expect(Buffer.byteLength(physical, 'utf8'), `line too long: ${physical}`).toBeLessThanOrEqual(75);
  }
  const lines = text.replace(/\r\n[ \t]/g, '').split('\r\n').filter(Boolean);
  const root: Component = { name: '', props: {}, children: [] };
  const stack = [root];
  for (const line of lines) {
    const colon = line.indexOf(':');
    const [name = '', ...params] = line.slice(0, colon).split(';');
    const value = line.slice(colon + 1);
    const top = must(stack[stack.length - 1], 'open component');
    if (name === 'BEGIN') {
      const child: Component = { name: value, props: {}, children: [] };
      top.children.push(child);
      stack.push(child);
    } else if (name === 'END') {
      expect(top.name, 'END matches BEGIN').toBe(value);
      stack.pop();
    } else {
      top.props[name] = { params: Object.fromEntries(params.map((p) => p.split('=') as [string, string])), value };
    }
  }
  expect(stack, 'every BEGIN has its END').toHaveLength(1);
  expect(root.children.map((c) => c.name)).toEqual(['VCALENDAR']);
  return must(root.children[0], 'VCALENDAR');
}

/** The value, or a test failure naming what was missing. */
function must<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`missing: ${what}`);
  return value;
}
/** A property's value in a component. */
const val = (c: Component, name: string): string => must(c.props[name], name).value;

const unescapeText = (v: string) => v.replace(/\\([\\;,nN])/g, (_, c: string) => (/n/i.test(c) ? '\n' : c));
const eventsOf = (cal: Component) => cal.children.filter((c) => c.name === 'VEVENT');
/** "20261210T080000" in Vietnam time → Date. */
const vnTime = (v: string) =>
  new Date(`${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}T${v.slice(9, 11)}:${v.slice(11, 13)}:${v.slice(13, 15)}+07:00`);
const fairName = (summary: string) => unescapeText(summary).replace(/^(ĐÃ HỦY|TẠM HOÃN): /, '');
const fairPath = (event: Component) => new URL(val(event, 'URL')).pathname;

async function getFeed(request: APIRequestContext) {
  const response = await request.get('/hoi-cho/lich.ics');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toMatch(/^text\/calendar; charset=utf-8$/i);
  return parseIcs(await response.text());
}

/** Names of the fairs linked in a section of the calendar. */
async function fairLinks(page: Page, heading: string): Promise<string[]> {
  const section = page.getByRole('region', { name: heading });
  return (await section.getByRole('link').allTextContents()).map((t) => t.trim());
}

test('calendar lists upcoming and past fairs as the clock says, is accessible and fits a phone', async ({ page, request }) => {
  const response = await page.goto('/hoi-cho');
  expect(response?.status()).toBe(200);
  expect(response?.headers()['cache-control']).toMatch(/max-age=\d{1,4}\b/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lịch hội chợ');

  const now = new Date(TEST_NOW);
  const events = eventsOf(await getFeed(request));
  // A postponed fair is still ahead whatever its (abandoned) dates say; every other fair by its end.
  const postponed = (e: Component) => unescapeText(val(e, 'SUMMARY')).startsWith('TẠM HOÃN: ');
  const ahead = (e: Component) => postponed(e) || vnTime(val(e, 'DTEND')) >= now;
  const expectedUpcoming = events.filter(ahead).map((e) => fairName(val(e, 'SUMMARY')));
  const expectedPast = events.filter((e) => !ahead(e)).map((e) => fairName(val(e, 'SUMMARY')));
  expect(events.some((e) => postponed(e) && vnTime(val(e, 'DTEND')) < now)).toBe(true);
  expect(expectedUpcoming.length).toBeGreaterThan(0);
  expect(expectedPast.length).toBeGreaterThan(0);
  expect((await fairLinks(page, 'Hội chợ sắp diễn ra')).sort()).toEqual([...expectedUpcoming].sort());
  expect((await fairLinks(page, 'Hội chợ đã diễn ra')).sort()).toEqual([...expectedPast].sort());
  // …and it is marked as such in the list of upcoming fairs.
  const ninhBinh = page.getByRole('region', { name: 'Hội chợ sắp diễn ra' }).getByRole('listitem').filter({ hasText: 'Hội chợ làng nghề và sản phẩm CNNT Ninh Bình năm 2026' });
  await expect(ninhBinh.getByText('Tạm hoãn', { exact: true })).toBeVisible();

  // Registration windows are stated in words and dates (rendered at request time).
  await expect(page.getByRole('region', { name: 'Hội chợ sắp diễn ra' }).getByText(/Đang mở đăng ký, đến \d\d:\d\d \d\d\/\d\d\/\d{4}/).first()).toBeVisible();
  await expect(page.getByRole('link', { name: /tải lịch tất cả hội chợ/ })).toHaveAttribute('href', '/hoi-cho/lich.ics');

  await expectNoAxeViolations(page);
  await expectFitsPhone(page);
});

test('month grid: defaults to the current month, marks fairs on their days, navigates', async ({ page, request }) => {
  await page.goto('/hoi-cho');
  await expect(page.getByRole('heading', { level: 2, name: 'Lịch tháng 12 năm 2026' })).toBeVisible();
  const table = page.getByRole('table');
  await expect(table.getByRole('columnheader')).toHaveCount(7);
  for (const day of ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật']) {
    await expect(table.getByRole('columnheader', { name: day, exact: true })).toHaveCount(1);
  }

  await page.getByRole('link', { name: /Tháng sau/ }).click();
  await expect(page).toHaveURL(/thang=2027-01/);
  await expect(page.getByRole('heading', { level: 2, name: 'Lịch tháng 1 năm 2027' })).toBeVisible();
  await page.getByRole('link', { name: /Tháng trước/ }).click();
  await page.getByRole('link', { name: /Tháng trước/ }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Lịch tháng 11 năm 2026' })).toBeVisible();

  // A fair appears on each of its days, in the grid and in the month's list.
  const event = must(eventsOf(await getFeed(request))[0], 'a fair');
  const start = val(event, 'DTSTART');
  const end = val(event, 'DTEND');
  const name = fairName(val(event, 'SUMMARY'));
  await page.goto(`/hoi-cho?thang=${start.slice(0, 4)}-${start.slice(4, 6)}`);
  const days = start.slice(0, 6) === end.slice(0, 6) ? Number(end.slice(6, 8)) - Number(start.slice(6, 8)) + 1 : null;
  const fairLink = page.getByRole('link', { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) });
  const marked = page.getByRole('table').getByRole('cell').filter({ has: fairLink });
  if (days) await expect(marked).toHaveCount(days);
  else expect(await marked.count()).toBeGreaterThan(0);
  await expect(marked.first().locator('.cal-day')).toHaveText(String(Number(start.slice(6, 8))));
  await expect(page.getByRole('region', { name: /^Lịch tháng/ }).getByRole('listitem').filter({ hasText: name }).first()).toBeVisible();

  // On a 360 px phone the grid shows a fair as a dot: each link is still a 24 px target at least.
  await page.setViewportSize({ width: 360, height: 740 });
  const links = page.getByRole('table').getByRole('link');
  expect(await links.count()).toBeGreaterThan(0);
  for (const link of await links.all()) {
    const box = must(await link.boundingBox(), 'a calendar link on screen');
    expect(box.width, `${await link.textContent()}: target width`).toBeGreaterThanOrEqual(24);
    expect(box.height, `${await link.textContent()}: target height`).toBeGreaterThanOrEqual(24);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  // Nonsense falls back to the current month.
  await page.goto('/hoi-cho?thang=2026-13');
  await expect(page.getByRole('heading', { level: 2, name: 'Lịch tháng 12 năm 2026' })).toBeVisible();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the province filter is a plain GET form', async ({ page, request }) => {
    const events = eventsOf(await getFeed(request));
    const first = must(events[0], 'a fair');
    // The fair page links its province: /tinh/<slug>.
    await page.goto(fairPath(first));
    const slug = must(await page.getByRole('link', { name: /^(Tỉnh|TP) / }).first().getAttribute('href'), 'province link').replace('/tinh/', '');

    await page.goto('/hoi-cho');
    const select = page.getByLabel('Tỉnh, thành phố');
    await expect(select.getByRole('option')).toHaveCount(35);
    await select.selectOption(slug);
    await page.getByRole('button', { name: 'Lọc hội chợ' }).click();
    await expect(page).toHaveURL(new RegExp(`[?&]tinh=${slug}`));
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Lịch hội chợ tại');
    await expect(select).toHaveValue(slug);

    const place = must(await select.locator('option:checked').textContent(), 'selected option').trim();
    const listed = [...(await fairLinks(page, 'Hội chợ sắp diễn ra')), ...(await fairLinks(page, 'Hội chợ đã diễn ra'))];
    expect(listed).toContain(fairName(val(first, 'SUMMARY')));
    const all = events.map((e) => fairName(val(e, 'SUMMARY')));
    const inProvince = events.filter((e) => unescapeText(val(e, 'LOCATION')).endsWith(place)).map((e) => fairName(val(e, 'SUMMARY')));
    expect(listed.sort()).toEqual(inProvince.sort());
    expect(listed.length).toBeLessThanOrEqual(all.length);

    await page.getByRole('link', { name: 'Xem tất cả tỉnh, thành phố' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lịch hội chợ');
  });
});

test('fair page: dates, venue, booth types, window dates, JSON-LD, OpenGraph; accessible and fits a phone', async ({ page }) => {
  await page.goto('/hoi-cho');
  const link = page.getByRole('region', { name: 'Hội chợ sắp diễn ra' }).getByRole('listitem').filter({ hasText: 'Đang mở đăng ký' }).getByRole('link').first();
  const name = must(await link.textContent(), 'fair link').trim();
  await link.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(page.getByRole('definition').filter({ hasText: /\d\d:\d\d \d\d\/\d\d\/\d{4}\s+–\s+\d\d:\d\d \d\d\/\d\d\/\d{4}/ }).first()).toBeVisible();

  const booths = page.getByRole('region', { name: 'Các loại gian hàng' }).getByRole('table');
  for (const header of ['Loại gian', 'Kích thước', 'Diện tích', 'Số gian', 'Giá thuê một gian', 'Hỗ trợ khuyến công']) {
    await expect(booths.getByRole('columnheader', { name: header })).toBeVisible();
  }
  const firstRow = booths.getByRole('row').nth(1);
  await expect(firstRow).toContainText(/\d+(,\d+)? × \d+(,\d+)? m/);
  await expect(firstRow).toContainText(/m²/);
  await expect(firstRow).toContainText(/(\d{1,3}(\.\d{3})* ₫|Miễn phí)/);
  await expect(firstRow).toContainText(/\d+%/);
  await expect(page.getByText(/Nhận đăng ký từ \d\d:\d\d \d\d\/\d\d\/\d{4} đến/)).toBeVisible();
  await expect(page.locator('section#dang-ky')).toHaveCount(1);

  const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').first().textContent()) ?? '{}') as Record<string, unknown>;
  expect(ld['@type']).toBe('ExhibitionEvent');
  expect(ld['name']).toBe(name);
  expect(ld['startDate']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/);
  expect(ld['endDate']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/);
  expect(ld['eventStatus']).toBe('https://schema.org/EventScheduled');
  expect(ld['eventAttendanceMode']).toBe('https://schema.org/OfflineEventAttendanceMode');
  expect(ld['location']).toMatchObject({ '@type': 'Place', address: { '@type': 'PostalAddress', addressCountry: 'VN' } });
  expect(ld['organizer']).toMatchObject({ '@type': 'Organization' });
  expect(String((ld['image'] as string[])[0])).toMatch(/^http/);
  expect(typeof ld['description']).toBe('string');
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', name);
  await expect(page.locator('meta[property="og:image"]')).toHaveAttribute('content', /^http/);

  await expectNoAxeViolations(page);
  await expectFitsPhone(page);
});

test('registration window state is computed in the browser, never baked into the HTML', async ({ page, request }) => {
  await page.goto('/hoi-cho');
  const href = must(
    await page.getByRole('region', { name: 'Hội chợ sắp diễn ra' }).getByRole('listitem').filter({ hasText: 'Đang mở đăng ký' }).getByRole('link').first().getAttribute('href'),
    'a fair with an open window',
  );

  const html = await (await request.get(href)).text();
  expect(html).not.toMatch(/Đang mở đăng ký|Sắp mở đăng ký|Đã đóng đăng ký/);

  // The window's live line (the availability table below has its own live region).
  const state = page.getByRole('paragraph').and(page.locator('[aria-live="polite"]')).filter({ has: page.locator('.badge') });
  await page.clock.setFixedTime(new Date('2026-12-01T09:00:00+07:00'));
  // Its script computes the state when the line scrolls into view (plain HTML, no island).
  const island = page.locator('.registration-window');
  await page.goto(href);
  await scrollToLive(island);
  await expect(state).toHaveText('Đang mở đăng ký');

  await page.clock.setFixedTime(new Date('2020-01-01T00:00:00+07:00'));
  await page.reload();
  await scrollToLive(island);
  await expect(state).toHaveText('Sắp mở đăng ký');

  await page.clock.setFixedTime(new Date('2035-01-01T00:00:00+07:00'));
  await page.reload();
  await scrollToLive(island);
  await expect(state).toHaveText('Đã đóng đăng ký');
});

test('the booth form only while registration is open: none once closed at build, hidden until it opens', async ({ page, browser }) => {
  // Closed when the site was built (test clock 01/12/2026; window 15/06–20/08/2025): no form,
  // the reason and the lookup in its place.
  await page.goto('/hoi-cho/hoi-cho-cnnt-mien-trung-2025');
  await expect(page.getByRole('heading', { name: 'Gửi đăng ký gian hàng' })).toHaveCount(0);
  await expect(page.getByText('Đã hết hạn đăng ký. Thời hạn đăng ký là từ 08:00 15/06/2025 đến 17:00 20/08/2025.')).toBeVisible();
  await expect(page.locator('#dang-ky').getByRole('link', { name: 'tra cứu tình trạng đơn' })).toBeVisible();
  await expectNoAxeViolations(page);

  // Not open yet (Huế 2027 opens 08:00 01/02/2027): the browser's clock hides the form and says why…
  const HUE = '/hoi-cho/hoi-cho-thu-cong-my-nghe-lang-nghe-hue-2027';
  const submit = page.locator('#dang-ky').getByRole('button', { name: /Gửi đăng ký/ });
  await page.clock.setFixedTime(new Date('2026-12-01T09:00:00+07:00'));
  await page.goto(HUE);
  await expect(page.getByText('Hội chợ chưa mở đăng ký. Thời hạn đăng ký từ 08:00 01/02/2027 đến 17:00 15/05/2027.')).toBeVisible();
  await expect(submit).toBeHidden();
  await expectNoAxeViolations(page);
  // …and shows it once the window is open, though the page was built before.
  await page.clock.setFixedTime(new Date('2027-02-01T08:30:00+07:00'));
  await page.reload();
  await scrollToLive(page.locator('#dang-ky form'));
  await expect(submit).toBeVisible();
  await expect(page.getByText('Hội chợ chưa mở đăng ký.')).toHaveCount(0);

  // Without JavaScript the form stays, with the dates it takes registrations between.
  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const plain = await noJs.newPage();
  await plain.goto(HUE);
  await expect(plain.getByText('Biểu mẫu nhận đơn từ 08:00 01/02/2027 đến 17:00 15/05/2027; gửi trước thời gian này sẽ chưa được nhận.')).toBeVisible();
  await expect(plain.locator('#dang-ky').getByRole('button', { name: /Gửi đăng ký/ })).toBeVisible();
  await noJs.close();
});

test('a fair .ics downloads from its page and is valid RFC 5545', async ({ page, request }) => {
  const event = must(eventsOf(await getFeed(request)).find((e) => val(e, 'STATUS') === 'CONFIRMED'), 'a confirmed fair');
  const path = fairPath(event);
  await page.goto(path);
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: /Thêm vào lịch/ }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.ics$/);

  const response = await request.get(`${path}.ics`);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toMatch(/^text\/calendar; charset=utf-8$/i);
  const cal = parseIcs(await response.text());
  expect(cal.props['VERSION']?.value).toBe('2.0');
  expect(cal.props['PRODID']?.value).toBeTruthy();
  expect(cal.props['CALSCALE']?.value).toBe('GREGORIAN');
  expect(cal.props['METHOD']?.value).toBe('PUBLISH');
  const tz = must(cal.children.find((c) => c.name === 'VTIMEZONE'), 'VTIMEZONE');
  expect(tz.props['TZID']?.value).toBe('Asia/Ho_Chi_Minh');
  expect(tz.children[0]).toMatchObject({ name: 'STANDARD', props: { TZOFFSETFROM: { value: '+0700' }, TZOFFSETTO: { value: '+0700' }, TZNAME: { value: '+07' } } });

  expect(eventsOf(cal)).toHaveLength(1);
  const p = must(eventsOf(cal)[0], 'VEVENT').props;
  expect(p['UID']?.value).toBe(`${path.replace('/hoi-cho/', '')}@localhost`);
  // The build runs with the injected clock (TEST_NOW = 2026-12-01T02:00Z), so DTSTAMP is that day in UTC.
  expect(p['DTSTAMP']?.value).toMatch(/^20261201T\d{6}Z$/);
  expect(p['DTSTART']?.params).toEqual({ TZID: 'Asia/Ho_Chi_Minh' });
  expect(p['DTSTART']?.value).toMatch(/^\d{8}T\d{6}$/);
  expect(p['DTEND']?.params).toEqual({ TZID: 'Asia/Ho_Chi_Minh' });
  expect(p['SEQUENCE']?.value).toMatch(/^\d+$/);
  expect(p['STATUS']?.value).toBe('CONFIRMED');
  expect(unescapeText(must(p['SUMMARY'], 'SUMMARY').value)).toBe(await page.getByRole('heading', { level: 1 }).textContent());
  expect(p['LOCATION']?.value).toBeTruthy();
  expect(p['URL']?.value).toMatch(new RegExp(`${path}$`));
});

test('the subscription feed has every fair, and a cancelled fair is STATUS:CANCELLED everywhere', async ({ page, request }) => {
  const cal = await getFeed(request);
  expect(cal.props['X-WR-CALNAME']?.value).toBeTruthy();
  const events = eventsOf(cal);
  const uids = events.map((e) => val(e, 'UID'));
  expect(new Set(uids).size).toBe(uids.length);

  await page.goto('/hoi-cho');
  const listed = [...(await fairLinks(page, 'Hội chợ sắp diễn ra')), ...(await fairLinks(page, 'Hội chợ đã diễn ra'))];
  expect(events.map((e) => fairName(val(e, 'SUMMARY'))).sort()).toEqual(listed.sort());

  const cancelled = events.filter((e) => val(e, 'STATUS') === 'CANCELLED');
  expect(cancelled.length).toBeGreaterThan(0);
  for (const event of cancelled) {
    const path = fairPath(event);
    const single = must(eventsOf(parseIcs(await (await request.get(`${path}.ics`)).text()))[0], 'VEVENT');
    expect(single.props['STATUS']?.value).toBe('CANCELLED');
    await page.goto(path);
    await expect(page.getByText('Hội chợ đã bị hủy.')).toBeVisible();
    const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').first().textContent()) ?? '{}') as Record<string, unknown>;
    expect(ld['eventStatus']).toBe('https://schema.org/EventCancelled');
  }
  // A postponed fair is TENTATIVE in iCalendar and EventPostponed in JSON-LD.
  for (const event of events.filter((e) => val(e, 'STATUS') === 'TENTATIVE')) {
    await page.goto(fairPath(event));
    await expect(page.getByText('Hội chợ tạm hoãn.')).toBeVisible();
    const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').first().textContent()) ?? '{}') as Record<string, unknown>;
    expect(ld['eventStatus']).toBe('https://schema.org/EventPostponed');
  }
});

test('the RSS feed of upcoming fairs parses and lists the upcoming fairs', async ({ page, request }) => {
  const response = await request.get('/rss/hoi-cho.xml');
  expect(response.status()).toBe(200);
  const xml = await response.text();
  await page.goto('/hoi-cho');
  const upcoming = await fairLinks(page, 'Hội chợ sắp diễn ra');
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'application/xml');
    if (doc.querySelector('parsererror')) return null;
    return {
      root: doc.documentElement.nodeName,
      version: doc.documentElement.getAttribute('version'),
      channelTitle: doc.querySelector('channel > title')?.textContent ?? '',
      items: [...doc.querySelectorAll('item')].map((item) => ({
        title: item.querySelector('title')?.textContent ?? '',
        link: item.querySelector('link')?.textContent ?? '',
        guid: item.querySelector('guid')?.textContent ?? '',
        pubDate: item.querySelector('pubDate')?.textContent ?? '',
      })),
    };
  }, xml);
  const feed = must(parsed, 'well-formed XML');
  expect(feed.root).toBe('rss');
  expect(feed.version).toBe('2.0');
  expect(feed.channelTitle).toContain('Hội chợ');
  expect(feed.items.map((i) => i.title.replace(/ \((Đã hủy|Tạm hoãn)\)$/, '')).sort()).toEqual([...upcoming].sort());
  for (const item of feed.items) {
    expect(item.link).toMatch(/^http:\/\/localhost:\d+\/hoi-cho\/[a-z0-9-]+$/);
    expect(item.guid).toBe(item.link);
    expect(item.pubDate).toMatch(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d GMT$/);
  }
});
