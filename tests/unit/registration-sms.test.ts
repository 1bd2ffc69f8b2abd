/**
 * Every registration message kind has an SMS text: the code, a short link (the management link
 * `/q/<token>` for those with a secret, the lookup page for the others), and at most two parts
 * once the link is put in — unaccented (GSM, 153 a part) and accented (UCS-2, 67 a part), with
 * the longest values a message can carry (a 1,000-character reason, twenty booth numbers) and a
 * long site address.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_SMS_PARTS, SECRET_PLACEHOLDER, smsShape, smsText } from '../../src/lib/server/messaging';
import { REGISTRATION_MESSAGES, smsBody } from '../../src/lib/server/registrations/messages';
import { newToken, shortManageUrl } from '../../src/lib/server/registrations/tokens';

const SITE = 'https://khuyencong.sct.quangngai.example.gov.vn';

// Before any getEnv() (it caches): this file's messages are written for a long site address.
const previous = process.env['SITE_URL'];
process.env['SITE_URL'] = SITE;
afterAll(() => {
  if (previous === undefined) delete process.env['SITE_URL'];
  else process.env['SITE_URL'] = previous;
});

const common = { code: 'K7M2QX', fair: 'Hội chợ triển lãm hàng công nghiệp nông thôn tiêu biểu tỉnh Quảng Ngãi năm 2028' };
const WORST: { [K in keyof typeof REGISTRATION_MESSAGES]: Parameters<(typeof REGISTRATION_MESSAGES)[K]>[0] } = {
  confirmation: { ...common, representative: 'Nguyễn Thị Phương Thảo', establishment: 'Hợp tác xã nông nghiệp dịch vụ tổng hợp', quantity: 2, boothType: 'Gian hàng tiêu chuẩn', statusLine: 'x'.repeat(300), smsStatus: 'trong danh sách chờ (20 gian)', lookupUrl: `${SITE}/hoi-cho/tra-cuu` },
  link_resend: common,
  offer: { ...common, quantity: 20, boothType: 'Gian đôi', hours: 720 },
  offer_expired: common,
  offer_accepted: { ...common, quantity: 20 },
  cancelled: common,
  reduced: { ...common, quantity: 19 },
  approved: { ...common, quantity: 20 },
  rejected: { ...common, reason: 'Hồ sơ chưa đầy đủ giấy chứng nhận đăng ký hộ kinh doanh và ảnh sản phẩm. '.repeat(14).slice(0, 1000) },
  waitlisted: common,
  booths_assigned: { ...common, numbers: Array.from({ length: 20 }, (_, i) => `KHU-B-${String(i + 1).padStart(3, '0')}`).join(', ') },
};

describe('the SMS texts of the registration catalogue', () => {
  const link = shortManageUrl(newToken());
  for (const unaccented of [true, false]) {
    for (const kind of Object.keys(REGISTRATION_MESSAGES) as (keyof typeof REGISTRATION_MESSAGES)[]) {
      it(`${kind} (${unaccented ? 'unaccented, GSM' : 'accented, UCS-2'}): code, short link, ≤ ${String(MAX_SMS_PARTS)} parts`, () => {
        const template = (REGISTRATION_MESSAGES[kind] as (p: unknown) => Parameters<typeof smsBody>[0])(WORST[kind]);
        const body = smsBody(template, link.length, unaccented);
        const hasSecret = template.body.includes(SECRET_PLACEHOLDER);
        expect(body.includes(SECRET_PLACEHOLDER)).toBe(hasSecret);
        const sent = smsText(body.replace(SECRET_PLACEHOLDER, link), { unaccented });
        expect(smsShape(sent).parts, sent).toBeLessThanOrEqual(MAX_SMS_PARTS);
        expect(sent).toContain('K7M2QX');
        expect(sent).toContain(hasSecret ? link : `${SITE}/hoi-cho/tra-cuu`);
        if (unaccented) expect(smsShape(sent).encoding).toBe('gsm7');
      });
    }
  }

  it('keeps a short reason whole and cuts a long one at a word with an ellipsis', () => {
    const short = smsBody(REGISTRATION_MESSAGES.rejected({ ...common, reason: 'Thiếu ảnh sản phẩm.' }), 0, true);
    expect(short).toContain('Lý do: Thiếu ảnh sản phẩm.');
    const long = smsBody(REGISTRATION_MESSAGES.rejected(WORST.rejected), 0, false);
    expect(long).toMatch(/Lý do: .+… Tra cứu:/);
  });

  it('management tokens keep 128 bits and the short link stays short', () => {
    const token = newToken();
    expect(Buffer.from(token, 'base64url')).toHaveLength(16);
    expect(shortManageUrl(token)).toBe(`${SITE}/q/${token}`);
  });
});
