import { randomUUID } from 'node:crypto';
import { now as clockNow } from '../../platform/clock';
import type { NoticeContent, TemplateName } from './templates';

/**
 * One notice on its way to one person, kept in the `outbox` array of the document whose change it
 * reports (a complaint, a volunteer notice), written in the same update as that change.
 *
 * The outbox worker (outbox-delivery.ts) puts it into the person's message centre, then spends one of
 * their one-time subscriptions to the template and sends it through WeChat. Final states:
 * `sent`; `unsubscribed` (no subscription left: WeChat was not called); `refused` (WeChat answered
 * 43101, the user holds no subscription there); `no_recipient` (the account is gone); `failed` (WeChat
 * kept failing). In every state but `no_recipient` the message centre has it.
 */
export interface OutboxEntry {
  id: string;
  kind: 'subscribe_message';
  /** the recipient's openid */
  touser: string;
  /** the template by name; its id is read from the config when the entry is sent */
  template: TemplateName;
  page: string;
  data: Record<string, { value: string }>;
  inbox: { title: string; body: string };
  createdAt: Date;
  status: OutboxStatus;
  attempts: number;
  /**
   * Not to be sent before this: the end of the lease of the worker delivering it, or the time of the
   * next try after a failed send; the epoch for a new entry, so the claim filter stays a plain range.
   */
  lockedUntil: Date;
  /** the token of the worker holding the lease (outbox-delivery.ts); gone once the entry is marked */
  leasedBy?: string;
  sentAt?: Date;
  /** WeChat's errcode when it refused the message */
  errcode?: number;
}

export type OutboxStatus = 'pending' | 'sent' | 'unsubscribed' | 'refused' | 'no_recipient' | 'failed';

/** One notice to `touser`, to record in the document of the change it reports, in the same update. */
export function outboxEntry(notice: NoticeContent, touser: string, at: Date = clockNow()): OutboxEntry {
  return {
    id: randomUUID(),
    kind: 'subscribe_message',
    touser,
    template: notice.template,
    page: notice.page,
    data: notice.data,
    inbox: notice.inbox,
    createdAt: at,
    status: 'pending',
    attempts: 0,
    lockedUntil: new Date(0),
  };
}
