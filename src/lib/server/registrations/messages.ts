/**
 * Every text the registration module sends or answers an applicant with, in one catalogue —
 * as errors.ts is for refusals: the messages to the outbox (one template per kind, used by every
 * `notify`), the sentence that says what happened to a registration, and the notices of the
 * management page. Changing a wording happens here, once.
 */
import { formatDateTime } from '../../format';
import { enqueueMessage, SECRET_PLACEHOLDER } from '../messaging';
import type { DbLike } from '../db';
import { STATUS_LABELS } from './rules';
import type { FairInfo, RegistrationRow } from './types';

interface Template {
  subject: string;
  body: string;
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

export const REGISTRATION_MESSAGES = defineMessages({
  /** The management link is the secret: the body holds SECRET_PLACEHOLDER, the outbox seals the link. */
  confirmation: (p: Common & { representative: string; establishment: string; quantity: number; boothType: string; statusLine: string; lookupUrl: string }) => ({
    subject: `Xác nhận đăng ký gian hàng – ${p.fair} (mã ${p.code})`,
    body:
      `Cảm ơn ${p.representative} (${p.establishment}) đã đăng ký ${String(p.quantity)} ${p.boothType.toLowerCase()}.\n` +
      `Mã đăng ký: ${p.code}\nTình trạng: ${p.statusLine}\n` +
      `Xem, sửa thông tin liên hệ hoặc hủy đơn: ${SECRET_PLACEHOLDER}\n` +
      `Tra cứu bằng mã và số điện thoại: ${p.lookupUrl}`,
  }),
  offer: (p: Common & { quantity: number; boothType: string; expires: Date }) => ({
    subject: `Mời nhận gian hàng – ${p.fair} (mã ${p.code})`,
    body:
      `Có ${String(p.quantity)} ${p.boothType.toLowerCase()} dành cho đơn ${p.code}.\n` +
      `Vui lòng mở đường liên kết quản lý đã gửi cho bạn để nhận hoặc từ chối trước ${formatDateTime(p.expires)}. ` +
      `Sau thời hạn này, gian sẽ được mời cho đơn tiếp theo trong danh sách chờ.`,
  }),
  offer_expired: (p: Common) => ({
    subject: `Lời mời nhận gian đã hết hạn – ${p.fair} (mã ${p.code})`,
    body: `Lời mời nhận gian cho đơn ${p.code} đã hết hạn nên gian được chuyển cho đơn tiếp theo. Liên hệ ban tổ chức nếu bạn vẫn muốn tham gia.`,
  }),
  offer_accepted: (p: Common & { quantity: number }) => ({
    subject: `Đã nhận gian hàng (mã ${p.code})`,
    body: `Bạn đã nhận ${String(p.quantity)} gian cho đơn ${p.code}. Ban tổ chức sẽ xét duyệt đơn.`,
  }),
  cancelled: (p: Common) => ({
    subject: `Đã hủy đăng ký gian hàng (mã ${p.code})`,
    body: `Đơn ${p.code} đã được hủy theo yêu cầu của bạn.`,
  }),
  approved: (p: Common & { quantity: number }) => ({
    subject: `Đơn đăng ký gian hàng đã được duyệt (mã ${p.code})`,
    body: `Đơn ${p.code} tại ${p.fair} đã được duyệt với ${String(p.quantity)} gian.`,
  }),
  rejected: (p: Common & { reason: string }) => ({
    subject: `Đơn đăng ký gian hàng không được chấp nhận (mã ${p.code})`,
    body: `Đơn ${p.code} tại ${p.fair} không được chấp nhận.\nLý do: ${p.reason}`,
  }),
  waitlisted: (p: Common) => ({
    subject: `Đơn được chuyển vào danh sách chờ (mã ${p.code})`,
    body: `Ban tổ chức đã chuyển đơn ${p.code} tại ${p.fair} vào danh sách chờ. Bạn sẽ được mời khi có gian trống.`,
  }),
  booths_assigned: (p: Common & { numbers: string }) => ({
    subject: `Số gian hàng của bạn (mã ${p.code})`,
    body: `Đơn ${p.code} tại ${p.fair} được bố trí gian số: ${p.numbers}.`,
  }),
});

export type RegistrationMessageKind = keyof typeof REGISTRATION_MESSAGES;
type ParamsOf<K extends RegistrationMessageKind> = Omit<Parameters<(typeof REGISTRATION_MESSAGES)[K]>[0], keyof Common>;

/**
 * One message to the applicant of `reg` about `fair`, from the catalogue: email when they gave
 * one, otherwise SMS to the phone. Written to the outbox inside `tx`, so it is sent only if the
 * change it is about commits. `secret` replaces SECRET_PLACEHOLDER when sent (sealed until then).
 */
export function notify<K extends RegistrationMessageKind>(
  tx: DbLike,
  fair: Pick<FairInfo, 'name'>,
  reg: Pick<RegistrationRow, 'email' | 'phone' | 'code'>,
  kind: K,
  params: ParamsOf<K>,
  secret?: string,
): void {
  const template = REGISTRATION_MESSAGES[kind] as (p: Common & ParamsOf<K>) => Template;
  const { subject, body } = template({ ...params, code: reg.code, fair: fair.name });
  enqueueMessage(
    {
      channel: reg.email ? 'email' : 'sms',
      to: reg.email ?? reg.phone,
      subject,
      body,
      kind: `registration.${kind}`,
      ref: `registration:${reg.code}`,
      ...(secret === undefined ? {} : { secret }),
    },
    tx,
  );
}

/** What the answer to a registration (and its confirmation) says about its status. */
export function statusSentence(reg: Pick<RegistrationRow, 'status' | 'heldQuantity' | 'quantity' | 'offerExpiresAt'>, fair: FairInfo): string {
  switch (reg.status) {
    case 'pending':
      return `Ban tổ chức đang giữ ${String(reg.heldQuantity)} gian cho đơn của bạn và sẽ xét duyệt.`;
    case 'waitlisted':
      return `Loại gian này đã hết; đơn (${String(reg.quantity)} gian) được đưa vào danh sách chờ. Khi có gian trống, bạn sẽ được mời nhận gian.`;
    case 'offered':
      return `Có ${String(reg.heldQuantity)} gian dành cho bạn. Hãy xác nhận qua đường liên kết quản lý trước ${reg.offerExpiresAt ? formatDateTime(reg.offerExpiresAt) : ''} (${String(fair.registration?.offerHours ?? 48)} giờ).`;
    default:
      return STATUS_LABELS[reg.status];
  }
}

/** The answer to a second registration of the same establishment at the same fair. */
export const DUPLICATE_SENTENCE =
  'Cơ sở đã có đơn đăng ký ở hội chợ này (cùng số điện thoại hoặc mã số thuế). Dùng đường liên kết quản lý trong thư xác nhận để xem hoặc sửa đơn.';

/** Notices of the management page after each of its actions (shown after the redirect). */
export const MANAGE_DONE = {
  'update-contact': 'Đã lưu thông tin liên hệ.',
  cancel: 'Đã hủy đơn đăng ký.',
  'accept-offer': 'Bạn đã nhận gian. Đơn đang chờ ban tổ chức duyệt.',
  'decline-offer': 'Bạn đã từ chối lời mời; gian được chuyển cho đơn tiếp theo.',
} as const;
export type ManageAction = keyof typeof MANAGE_DONE;
