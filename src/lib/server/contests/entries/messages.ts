/**
 * Every message to an applicant about an online entry (one catalogue): e-mail when they gave an
 * address, otherwise SMS to the mobile number. Enqueued in the transaction of the change, so a
 * message is sent only for a change that committed; the management link travels sealed.
 */
import { enqueueMessage, SECRET_PLACEHOLDER } from '../../messaging';
import type { DbLike } from '../../db';
import { ENTRY_STATUS } from '../../../vocabulary';

export type EntryMessageKind = 'draft' | 'received' | 'changes_requested' | 'accepted' | 'not_eligible' | 'withdrawn' | 'result';

interface Params {
  code: string;
  contest: string;
  reason?: string | null | undefined;
  recognised?: boolean;
}

const LINK = `Quản lý hồ sơ: ${SECRET_PLACEHOLDER}`;

const TEMPLATES: Record<EntryMessageKind, (p: Params) => { subject: string; body: string; sms: string; link: boolean }> = {
  draft: (p) => ({
    subject: `Đã lưu bản nháp hồ sơ ${p.code}`,
    body: `Hồ sơ dự thi ${p.code} (${p.contest}) đã được lưu ở dạng bản nháp, chưa gửi ban tổ chức. Mở đường dẫn để bổ sung và gửi hồ sơ. Không chia sẻ đường dẫn này.\n${LINK}`,
    sms: `Ho so ${p.code} da luu nhap, chua gui. ${LINK}`,
    link: true,
  }),
  received: (p) => ({
    subject: `Đã nhận hồ sơ dự thi ${p.code}`,
    body: `Ban tổ chức đã nhận hồ sơ dự thi ${p.code} (${p.contest}) và sẽ xét hồ sơ. Kết quả xét sẽ được báo qua tin nhắn này.\n${LINK}`,
    sms: `Da nhan ho so du thi ${p.code}. ${LINK}`,
    link: true,
  }),
  changes_requested: (p) => ({
    subject: `Hồ sơ ${p.code}: đề nghị bổ sung`,
    body: `Ban tổ chức đề nghị bổ sung, sửa hồ sơ ${p.code} (${p.contest}): ${p.reason ?? ''}\nHãy mở đường dẫn quản lý hồ sơ đã nhận trước đó để sửa và gửi lại.`,
    sms: `Ho so ${p.code} can bo sung: ${(p.reason ?? '').slice(0, 60)}. Mo duong dan quan ly da nhan de sua.`,
    link: false,
  }),
  accepted: (p) => ({
    subject: `Hồ sơ ${p.code} đủ điều kiện`,
    body: `Hồ sơ ${p.code} (${p.contest}) đủ điều kiện và được đưa vào vòng chấm điểm.`,
    sms: `Ho so ${p.code} du dieu kien, vao vong cham diem.`,
    link: false,
  }),
  not_eligible: (p) => ({
    subject: `Hồ sơ ${p.code} không đủ điều kiện`,
    body: `Hồ sơ ${p.code} (${p.contest}) không đủ điều kiện dự thi. Lý do: ${p.reason ?? ''}`,
    sms: `Ho so ${p.code} khong du dieu kien: ${(p.reason ?? '').slice(0, 80)}`,
    link: false,
  }),
  withdrawn: (p) => ({
    subject: `Đã rút hồ sơ ${p.code}`,
    body: `Hồ sơ ${p.code} (${p.contest}) đã được rút theo yêu cầu của cơ sở.`,
    sms: `Ho so ${p.code} da duoc rut.`,
    link: false,
  }),
  result: (p) => ({
    subject: `Kết quả bình chọn: hồ sơ ${p.code}`,
    body: `Kết quả ${p.contest} đã được công bố: sản phẩm của hồ sơ ${p.code} ${p.recognised ? 'được công nhận sản phẩm công nghiệp nông thôn tiêu biểu' : 'chưa đạt'}.`,
    sms: `Ket qua binh chon: ho so ${p.code} ${p.recognised ? 'duoc cong nhan SP CNNT tieu bieu' : 'chua dat'}.`,
    link: false,
  }),
};

export const ENTRY_STATUS_LABEL = (s: string): string => (ENTRY_STATUS.has(s) ? ENTRY_STATUS.label(s) : s);

/** Queues one message about the entry to its applicant (inside `tx`). `link` fills the management link. */
export function notifyApplicant(
  tx: DbLike,
  entry: { code: string; email: string | null; phone: string },
  kind: EntryMessageKind,
  params: Omit<Params, 'code'>,
  link?: string,
): void {
  const t = TEMPLATES[kind]({ ...params, code: entry.code });
  const channel = entry.email ? 'email' : 'sms';
  const withLink = t.link && link !== undefined;
  const text = channel === 'email' ? t.body : t.sms;
  enqueueMessage(
    {
      channel,
      to: entry.email ?? entry.phone,
      subject: t.subject,
      body: withLink ? text : text.replace(` ${LINK}`, '').replace(`\n${LINK}`, ''),
      kind: `contest_entry.${kind}`,
      ref: `contest-entry:${entry.code}`,
      ...(withLink ? { secret: link } : {}),
    },
    tx,
  );
}
