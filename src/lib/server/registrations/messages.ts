/**
 * Every text the registration module sends or answers an applicant with, in one catalogue —
 * as errors.ts is for refusals: the messages to the outbox (one template per kind, used by every
 * `notify`), the sentence that says what happened to a registration, and the notices of the
 * management page. Changing a wording happens here, once.
 */
import { formatDateTime } from '../../format';
import { enqueueMessage, MAX_SMS_PARTS, SECRET_PLACEHOLDER, smsShape, smsText } from '../messaging';
import { getEnv } from '../env';
import type { DbLike } from '../db';
import { STATUS_LABELS } from './rules';
import type { FairInfo, RegistrationRow } from './types';

interface Template {
  subject: string;
  body: string;
  /**
   * The text sent when the message goes by SMS (most rural applicants give a phone, not an
   * e-mail): the code, what happened, and a short link. `cut(text)` shortens the one long
   * part (a reason, a list of booths) so the whole text, link included, stays within
   * MAX_SMS_PARTS parts (tested over the whole catalogue).
   */
  sms: (cut: (text: string) => string) => string;
}

/** What every template knows: the registration's code and the fair's name. */
interface Common {
  code: string;
  fair: string;
}

/** A catalogue of templates; `kind` becomes the outbox kind `registration.<kind>`. */
function defineMessages<T extends Record<string, (p: never) => Template>>(catalogue: T): T {
  return catalogue;
}

const lookupUrl = () => new URL('/hoi-cho/tra-cuu', getEnv().SITE_URL).href;

export const REGISTRATION_MESSAGES = defineMessages({
  /** The management link is the secret: the body holds SECRET_PLACEHOLDER, the outbox seals the link. */
  confirmation: (p: Common & { representative: string; establishment: string; quantity: number; boothType: string; statusLine: string; smsStatus: string; lookupUrl: string }) => ({
    subject: `Xác nhận đăng ký gian hàng – ${p.fair} (mã ${p.code})`,
    body:
      `Cảm ơn ${p.representative} (${p.establishment}) đã đăng ký ${String(p.quantity)} ${p.boothType.toLowerCase()}.\n` +
      `Mã đăng ký: ${p.code}\nTình trạng: ${p.statusLine}\n` +
      `Xem, sửa thông tin liên hệ hoặc hủy đơn: ${SECRET_PLACEHOLDER}\n` +
      `Tra cứu bằng mã và số điện thoại: ${p.lookupUrl}`,
    sms: () => `Đơn ${p.code}: ${p.smsStatus}. Quản lý đơn: ${SECRET_PLACEHOLDER}`,
  }),
  /** The link sent again (rotated: the old one no longer opens). */
  link_resend: (p: Common) => ({
    subject: `Đường liên kết quản lý đơn ${p.code} – ${p.fair}`,
    body:
      `Theo yêu cầu tại trang tra cứu, đây là đường liên kết quản lý mới của đơn ${p.code}: ${SECRET_PLACEHOLDER}\n` +
      'Đường liên kết gửi trước đây không còn dùng được. Nếu bạn không yêu cầu, hãy bỏ qua tin này.',
    sms: () => `Liên kết mới của đơn ${p.code}: ${SECRET_PLACEHOLDER} (liên kết cũ hết hiệu lực)`,
  }),
  offer: (p: Common & { quantity: number; boothType: string; hours: number }) => ({
    subject: `Mời nhận gian hàng – ${p.fair} (mã ${p.code})`,
    body:
      `Có ${String(p.quantity)} ${p.boothType.toLowerCase()} dành cho đơn ${p.code}.\n` +
      `Bạn có ${String(p.hours)} giờ kể từ khi nhận tin này để nhận hoặc từ chối: mở đường liên kết quản lý đã gửi cho bạn, hoặc vào ${lookupUrl()} và nhập mã đơn cùng số điện thoại. ` +
      'Sau thời hạn này, gian sẽ được mời cho đơn tiếp theo trong danh sách chờ.',
    sms: () => `Đơn ${p.code} được mời nhận ${String(p.quantity)} gian, trả lời trong ${String(p.hours)} giờ tại ${lookupUrl()}`,
  }),
  offer_expired: (p: Common) => ({
    subject: `Lời mời nhận gian đã hết hạn – ${p.fair} (mã ${p.code})`,
    body: `Lời mời nhận gian cho đơn ${p.code} đã hết hạn nên gian được chuyển cho đơn tiếp theo. Liên hệ ban tổ chức nếu bạn vẫn muốn tham gia.`,
    sms: () => `Lời mời nhận gian của đơn ${p.code} đã hết hạn. Tra cứu: ${lookupUrl()}`,
  }),
  offer_accepted: (p: Common & { quantity: number }) => ({
    subject: `Đã nhận gian hàng (mã ${p.code})`,
    body: `Bạn đã nhận ${String(p.quantity)} gian cho đơn ${p.code}. Ban tổ chức sẽ xét duyệt đơn.`,
    sms: () => `Đơn ${p.code} đã nhận ${String(p.quantity)} gian, chờ duyệt. Tra cứu: ${lookupUrl()}`,
  }),
  cancelled: (p: Common) => ({
    subject: `Đã hủy đăng ký gian hàng (mã ${p.code})`,
    body: `Đơn ${p.code} đã được hủy theo yêu cầu của bạn.`,
    sms: () => `Đơn ${p.code} đã được hủy theo yêu cầu của bạn. Tra cứu: ${lookupUrl()}`,
  }),
  reduced: (p: Common & { quantity: number }) => ({
    subject: `Đã giảm số gian (mã ${p.code})`,
    body: `Đơn ${p.code} tại ${p.fair} nay đăng ký ${String(p.quantity)} gian, giữ nguyên thứ tự của đơn. Các gian trả lại được mời cho đơn tiếp theo.`,
    sms: () => `Đơn ${p.code} nay còn ${String(p.quantity)} gian, giữ nguyên thứ tự. Tra cứu: ${lookupUrl()}`,
  }),
  approved: (p: Common & { quantity: number }) => ({
    subject: `Đơn đăng ký gian hàng đã được duyệt (mã ${p.code})`,
    body: `Đơn ${p.code} tại ${p.fair} đã được duyệt với ${String(p.quantity)} gian.`,
    sms: () => `Đơn ${p.code} đã được duyệt: ${String(p.quantity)} gian. Tra cứu: ${lookupUrl()}`,
  }),
  rejected: (p: Common & { reason: string }) => ({
    subject: `Đơn đăng ký gian hàng không được chấp nhận (mã ${p.code})`,
    body: `Đơn ${p.code} tại ${p.fair} không được chấp nhận.\nLý do: ${p.reason}`,
    sms: (cut) => `Đơn ${p.code} không được chấp nhận. Lý do: ${cut(p.reason)} Tra cứu: ${lookupUrl()}`,
  }),
  waitlisted: (p: Common) => ({
    subject: `Đơn được chuyển vào danh sách chờ (mã ${p.code})`,
    body: `Ban tổ chức đã chuyển đơn ${p.code} tại ${p.fair} vào danh sách chờ. Bạn sẽ được mời khi có gian trống.`,
    sms: () => `Đơn ${p.code} vào danh sách chờ, sẽ được mời khi có gian trống. Tra cứu: ${lookupUrl()}`,
  }),
  booths_assigned: (p: Common & { numbers: string }) => ({
    subject: `Số gian hàng của bạn (mã ${p.code})`,
    body: `Đơn ${p.code} tại ${p.fair} được bố trí gian số: ${p.numbers}.`,
    sms: (cut) => `Đơn ${p.code} được bố trí gian số ${cut(p.numbers)}. Tra cứu: ${lookupUrl()}`,
  }),
});

export type RegistrationMessageKind = keyof typeof REGISTRATION_MESSAGES;
type ParamsOf<K extends RegistrationMessageKind> = Omit<Parameters<(typeof REGISTRATION_MESSAGES)[K]>[0], keyof Common>;

/** "Lý do rất dài…": `text` cut to `room` characters (whole words where it can), with an ellipsis. */
function cutTo(text: string, room: number): string {
  if (text.length <= room) return text;
  const head = text.slice(0, Math.max(1, room - 1));
  const space = head.lastIndexOf(' ');
  return `${(space > room / 2 ? head.slice(0, space) : head).trimEnd()}…`;
}

/**
 * The SMS of a template, its long part cut until the text — with `secretLength` characters in
 * place of the placeholder, as sent (unaccented when `unaccented`) — fits MAX_SMS_PARTS parts.
 */
export function smsBody(template: Template, secretLength: number, unaccented: boolean): string {
  // A text without a long part is short by construction (the catalogue test proves two parts
  // with the longest values): no measuring on the registration's hot path.
  const seen = { long: false };
  const plain = template.sms((t) => {
    seen.long = true;
    return t;
  });
  if (!seen.long) return plain;
  const filler = 'x'.repeat(secretLength);
  for (let room = 400; room >= 0; room -= 10) {
    const text = template.sms((t) => cutTo(t, room));
    const sent = smsText(text.replace(SECRET_PLACEHOLDER, filler), { unaccented });
    if (smsShape(sent).parts <= MAX_SMS_PARTS) return text;
  }
  return template.sms(() => '…');
}

/** A management link for a message: the full page address for e-mail, the short one (`/q/<token>`) for SMS. */
export interface SecretLink {
  email: string;
  sms: string;
}

/**
 * One message to the applicant of `reg` about `fair`, from the catalogue: email when they gave
 * one, otherwise SMS to the phone (with the template's SMS text). Written to the outbox inside
 * `tx`, so it is sent only if the change it is about commits. `secret` replaces
 * SECRET_PLACEHOLDER when sent (sealed until then). `channel` forces one channel.
 */
export function notify<K extends RegistrationMessageKind>(
  tx: DbLike,
  fair: Pick<FairInfo, 'name'>,
  reg: Pick<RegistrationRow, 'email' | 'phone' | 'code'>,
  kind: K,
  params: ParamsOf<K>,
  secret?: SecretLink,
  channel: 'email' | 'sms' = reg.email ? 'email' : 'sms',
): void {
  const template = (REGISTRATION_MESSAGES[kind] as (p: Common & ParamsOf<K>) => Template)({ ...params, code: reg.code, fair: fair.name });
  const sms = channel === 'sms';
  const link = secret ? (sms ? secret.sms : secret.email) : undefined;
  enqueueMessage(
    {
      channel,
      to: sms ? reg.phone : (reg.email ?? reg.phone),
      subject: template.subject,
      body: sms ? smsBody(template, link?.length ?? 0, getEnv().SMS_UNACCENTED) : template.body,
      kind: `registration.${kind}`,
      ref: `registration:${reg.code}`,
      ...(link === undefined ? {} : { secret: link }),
    },
    tx,
  );
}

/** The few words an SMS confirmation says about the status. */
export function smsStatus(reg: Pick<RegistrationRow, 'status' | 'heldQuantity' | 'quantity'>): string {
  switch (reg.status) {
    case 'pending':
      return `đang giữ ${String(reg.heldQuantity)} gian, chờ duyệt`;
    case 'waitlisted':
      return `trong danh sách chờ (${String(reg.quantity)} gian)`;
    default:
      return STATUS_LABELS[reg.status].toLowerCase();
  }
}

/** What the answer to a registration (and its confirmation) says about its status. */
export function statusSentence(reg: Pick<RegistrationRow, 'status' | 'heldQuantity' | 'quantity' | 'offerExpiresAt'>, fair: FairInfo): string {
  switch (reg.status) {
    case 'pending':
      return `Ban tổ chức đang giữ ${String(reg.heldQuantity)} gian cho đơn của bạn và sẽ xét duyệt.`;
    case 'waitlisted':
      return `Loại gian này đã hết; đơn (${String(reg.quantity)} gian) được đưa vào danh sách chờ. Khi có gian trống, bạn sẽ được mời nhận gian.`;
    case 'offered':
      return reg.offerExpiresAt
        ? `Có ${String(reg.heldQuantity)} gian dành cho bạn. Hãy nhận hoặc từ chối trước ${formatDateTime(reg.offerExpiresAt)}.`
        : `Có ${String(reg.heldQuantity)} gian dành cho bạn. Bạn có ${String(fair.registration?.offerHours ?? 48)} giờ để trả lời, tính từ khi tin nhắn mời được gửi tới bạn.`;
    default:
      return STATUS_LABELS[reg.status];
  }
}

/** The answer to a second registration of the same establishment at the same fair. */
export const DUPLICATE_SENTENCE =
  'Cơ sở đã có đơn đăng ký ở hội chợ này (cùng số điện thoại hoặc mã số thuế). Dùng đường liên kết quản lý trong tin nhắn hoặc thư xác nhận để xem hoặc sửa đơn; mất đường liên kết thì tra cứu bằng mã đăng ký và số điện thoại để gửi lại.';

/** Notices of the management page after each of its actions (shown after the redirect). */
export const MANAGE_DONE = {
  'update-contact': 'Đã lưu thông tin liên hệ.',
  cancel: 'Đã hủy đơn đăng ký.',
  'accept-offer': 'Bạn đã nhận gian. Đơn đang chờ ban tổ chức duyệt.',
  'decline-offer': 'Bạn đã từ chối lời mời; gian được chuyển cho đơn tiếp theo.',
  reduce: 'Đã giảm số gian; đơn giữ nguyên thứ tự, các gian trả lại được mời cho đơn tiếp theo.',
  'update-products': 'Đã lưu sản phẩm trưng bày và lựa chọn công bố trong danh bạ gian hàng.',
} as const;

/** Notices of the lookup page after its actions. */
export const LOOKUP_DONE = {
  resend: 'Đã gửi lại đường liên kết quản lý tới số điện thoại hoặc email của đơn. Đường liên kết cũ không còn dùng được.',
  'accept-offer': MANAGE_DONE['accept-offer'],
  'decline-offer': MANAGE_DONE['decline-offer'],
} as const;
export type ManageAction = keyof typeof MANAGE_DONE;
