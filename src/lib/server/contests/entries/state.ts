/**
 * The entry's state machine: every transition in one table — from which statuses, to which,
 * who may make it, whether it needs a reason, and the message it sends. Pure; the records
 * module applies a transition inside the IMMEDIATE transaction that re-reads the status.
 *
 * An entry asked for changes stays out of judging until the organisers accept it again (Award
 * Force lets such entries reach judges; this does not): only `accepted` is judged.
 */
import type { EntryStatus } from '../../../vocabulary';

export type EntryAction = 'save' | 'submit' | 'withdraw' | 'accept' | 'reject' | 'request-changes';
export type Actor = 'applicant' | 'organiser';

export interface Transition {
  from: readonly EntryStatus[];
  /** null: the status stays (saving a draft or requested changes). */
  to: EntryStatus | null;
  by: Actor;
  reason: boolean;
  /** The message sent to the applicant (messages.ts), if any. */
  message: 'received' | 'changes_requested' | 'accepted' | 'not_eligible' | 'withdrawn' | null;
}

export const TRANSITIONS: Readonly<Record<EntryAction, Transition>> = {
  save: { from: ['draft', 'changes_requested'], to: null, by: 'applicant', reason: false, message: null },
  submit: { from: ['draft', 'changes_requested'], to: 'submitted', by: 'applicant', reason: false, message: 'received' },
  withdraw: { from: ['draft', 'submitted', 'changes_requested'], to: 'withdrawn', by: 'applicant', reason: false, message: 'withdrawn' },
  accept: { from: ['submitted'], to: 'accepted', by: 'organiser', reason: false, message: 'accepted' },
  reject: { from: ['submitted', 'changes_requested'], to: 'not_eligible', by: 'organiser', reason: true, message: 'not_eligible' },
  'request-changes': { from: ['submitted'], to: 'changes_requested', by: 'organiser', reason: true, message: 'changes_requested' },
};

export const ORGANISER_ACTIONS = (Object.keys(TRANSITIONS) as EntryAction[]).filter((a) => TRANSITIONS[a].by === 'organiser');

/** Whether `action` may be taken on an entry in `status`. */
export function canTransition(status: EntryStatus, action: EntryAction): boolean {
  return TRANSITIONS[action].from.includes(status);
}

/** The status after `action` from `status`. */
export function nextStatus(status: EntryStatus, action: EntryAction): EntryStatus {
  return TRANSITIONS[action].to ?? status;
}

/** The applicant may change the dossier (fields and files) only in these. */
export function isEditable(status: EntryStatus): boolean {
  return status === 'draft' || status === 'changes_requested';
}

/** The screening checklist (TT 26/2014 eligibility), in order, with its labels. */
export const CHECKLIST = [
  { id: 'own-product', label: 'Sản phẩm do chính cơ sở sản xuất' },
  { id: 'mass-producible', label: 'Sản xuất hàng loạt, không phải sản phẩm đơn chiếc' },
  { id: 'no-violation', label: 'Không vi phạm sở hữu trí tuệ, chất lượng, an toàn thực phẩm, môi trường' },
  { id: 'documents-complete', label: 'Hồ sơ đủ giấy tờ (đăng ký kinh doanh, ảnh 3 góc, chứng nhận nếu có)' },
] as const;
export const CHECKLIST_IDS: string[] = CHECKLIST.map((c) => c.id);
