import { randomUUID } from 'node:crypto';
import { now as clockNow } from '../../platform/clock';

/**
 * Subscribe-message templates (订阅消息). These ids are placeholders: the real ones are chosen in the
 * WeChat admin console (mp.weixin.qq.com → 订阅消息 → 我的模板) and each template's keywords must match
 * the data keys built below (thing1, character_string2, phrase3, time4, thing5).
 */
export const TEMPLATE_IDS = {
  complaintProgress: 'gongzhi-complaint-progress-dev',
  ratingReminder: 'gongzhi-rating-reminder-dev',
  overdueAlert: 'gongzhi-overdue-alert-dev',
} as const;

export type OutboxKind = 'accepted' | 'dispatched' | 'resolved' | 'rating_reminder' | 'overdue';

export interface OutboxEntry {
  id: string;
  kind: 'subscribe_message';
  touser: string;
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  /**
   * Not to be sent before this: the end of the lease of the worker delivering it, or the time of the
   * next try after a failed send; the epoch for a new entry, so the claim filter stays a plain range.
   */
  lockedUntil: Date;
  /** the token of the worker holding the lease (outbox-delivery.ts); gone once the entry is marked */
  leasedBy?: string;
  sentAt?: Date;
}

export interface OutboxSubject {
  _id?: { toString(): string };
  number: string;
  categoryName: string;
  /** for 'overdue': which deadline was missed, in Chinese (e.g. 签收) */
  missed?: string;
}

const PHRASE: Record<OutboxKind, string> = {
  accepted: '已受理',
  dispatched: '已派单',
  resolved: '已办结',
  rating_reminder: '待评价',
  overdue: '已超时',
};

const HINT: Record<OutboxKind, string> = {
  accepted: '已受理，将尽快派单处理',
  dispatched: '已派至处置单位办理',
  resolved: '已办结，请在7日内评价',
  rating_reminder: '评价即将截止，请尽快评价',
  overdue: '超时未办，请尽快处理',
};

/** One notification to record in the complaint's own document, in the same update as the change it reports. */
export function outboxEntry(kind: OutboxKind, complaint: OutboxSubject, touser: string, at: Date = clockNow()): OutboxEntry {
  const staff = kind === 'overdue';
  const id = complaint._id?.toString();
  const page = staff
    ? `packages/workbench/detail/index${id ? `?id=${id}` : ''}`
    : `packages/complaints/detail/index${id ? `?id=${id}` : ''}`;
  return {
    id: randomUUID(),
    kind: 'subscribe_message',
    touser,
    templateId: staff ? TEMPLATE_IDS.overdueAlert : kind === 'rating_reminder' ? TEMPLATE_IDS.ratingReminder : TEMPLATE_IDS.complaintProgress,
    page,
    data: {
      thing1: { value: thing(complaint.categoryName) },
      character_string2: { value: characterString(complaint.number) },
      phrase3: { value: PHRASE[kind] },
      time4: { value: cstMinute(at) },
      thing5: { value: thing(staff && complaint.missed ? `${complaint.missed}超时，请尽快处理` : HINT[kind]) },
    },
    status: 'pending',
    attempts: 0,
    lockedUntil: new Date(0),
  };
}

// WeChat's keyword limits: thing ≤ 20 characters, character_string ≤ 32 letters/digits/symbols, phrase ≤ 5 Chinese characters.
export function thing(text: string): string {
  const chars = Array.from(text.trim());
  return chars.length <= 20 ? chars.join('') : chars.slice(0, 19).join('') + '…';
}

function characterString(text: string): string {
  return text.replace(/[^\w-]/g, '').slice(0, 32);
}

/** `time` keywords are read by people in China: Beijing time, minutes. */
export function cstMinute(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}
