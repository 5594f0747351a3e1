import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import { now as clockNow } from '../../platform/clock';
import type { MiniProgramApi } from '../../wechat/miniprogram';
import { WechatApiError } from '../../wechat/wechat-api-error';
import { Users } from '../identity/user.model';
import { depositMessage } from './message-centre';
import type { OutboxEntry } from './outbox';
import { refundSubscription, spendSubscription } from './subscriptions';
import type { TemplateIds } from './templates';

export interface OutboxDeps {
  conn: Connection;
  wechat: Pick<MiniProgramApi, 'sendSubscribeMessage'>;
  /** the configured template ids (config.wechat.subscribeTemplates) */
  templates: TemplateIds;
  logger?: Logger;
}

/** WeChat's answer when the user holds no subscription to the template: final, never retried. */
export const NOT_SUBSCRIBED_ERRCODE = 43101;

export type OutboxOutcome = 'sent' | 'retry' | 'failed' | 'refused' | 'unsubscribed' | 'no_recipient';

export interface OutboxRunOptions {
  now?: Date;
  /** how long a claimed entry stays with its worker; a worker that dies mid-send frees it after this */
  leaseMs?: number;
  /** after this many failed sends the entry is marked failed and left alone */
  maxAttempts?: number;
  /** documents looked at per run */
  batch?: number;
  /** collections whose documents carry an `outbox` array (each with an index on `outbox.status`) */
  collections?: string[];
}

export const OUTBOX_DEFAULTS = { leaseMs: 60_000, maxAttempts: 5, batch: 50, collections: ['complaints', 'notices'] };

/**
 * Delivers pending outbox entries one at a time: lease the entry, put it into the recipient's message
 * centre, spend one of their one-time subscriptions to its template, send it through WeChat, mark it.
 * Without a subscription WeChat is not called (`unsubscribed`); WeChat's 43101 is final (`refused`);
 * other failures give the subscription back and are tried again, up to maxAttempts (`failed`).
 *
 * An entry is due when it is `pending` and its `lockedUntil` has passed; `lockedUntil` is both the
 * lease of the worker delivering it and, after a failed send, the time of the next try. Leasing is
 * one conditional update of the entry (`{status: 'pending', lockedUntil ≤ now}` → lockedUntil =
 * now + leaseMs, leasedBy = a token of this run), so among workers running at once, in this process
 * or others, exactly one gets it. Every later mark names that token: a worker whose lease ran out
 * and was taken over cannot mark the entry any more.
 *
 * Delivery is at least once, and once unless a worker dies: while a lease holds nobody else sends the
 * entry, and the "sent" mark lands in the same document update that ends the lease, so a send that
 * was marked is never repeated. A worker that dies (or stalls beyond leaseMs) after WeChat accepted
 * the message and before the mark leaves the entry pending, and it is sent again once the lease runs
 * out: the one case of a duplicate message, preferred to losing a message. Each successful send is
 * recorded at most once (`attempts` counts sends tried, `sentAt` the one that was recorded).
 */
export async function runOutboxOnce(deps: OutboxDeps, opts: OutboxRunOptions = {}): Promise<Record<Exclude<OutboxOutcome, 'retry'>, number>> {
  const o = { ...OUTBOX_DEFAULTS, ...opts };
  const at = o.now ?? clockNow();
  const counts = { sent: 0, failed: 0, refused: 0, unsubscribed: 0, no_recipient: 0 };
  for (const collection of o.collections) {
    // Only documents with an entry due now: entries leased by a dead worker, or waiting for their next
    // try, must not fill the batch and starve due ones behind them (the soak saw 72 left undelivered).
    // Served by the index on outbox.status; the due test is repeated by each lease below.
    const docs = await deps.conn.db!.collection(collection)
      .find({ outbox: { $elemMatch: { status: 'pending', lockedUntil: { $lte: at } } } }, { projection: { outbox: 1 } })
      .limit(o.batch)
      .toArray();
    for (const doc of docs) {
      for (const entry of (doc.outbox ?? []) as OutboxEntry[]) {
        if (entry.status !== 'pending' || entry.lockedUntil > at) continue;
        const slot: OutboxSlot = { conn: deps.conn, collection, docId: doc._id, entryId: entry.id };
        const lease = await claimOutboxEntry(slot, at, o.leaseMs);
        if (!lease) continue;
        const outcome = await deliver(deps, slot, lease, o.maxAttempts, at, o.leaseMs);
        if (outcome !== 'retry') counts[outcome]++;
      }
    }
  }
  return counts;
}

export interface OutboxSlot {
  conn: Connection;
  collection: string;
  docId: unknown;
  entryId: string;
}

export interface OutboxLease {
  token: string;
  entry: OutboxEntry;
}

/** The entry in its document, still pending and matching `match` (due, or leased by a given worker). */
function pendingEntry(slot: OutboxSlot, match: Record<string, unknown>) {
  return { _id: slot.docId as never, outbox: { $elemMatch: { id: slot.entryId, status: 'pending', ...match } } };
}

/** Leases one due entry for `leaseMs`: the lease, or null when it is not due or another worker has it. */
export async function claimOutboxEntry(slot: OutboxSlot, at: Date, leaseMs: number): Promise<OutboxLease | null> {
  const token = randomUUID();
  const doc = await slot.conn.db!.collection(slot.collection).findOneAndUpdate(
    pendingEntry(slot, { lockedUntil: { $lte: at } }),
    { $set: { 'outbox.$.lockedUntil': new Date(at.getTime() + leaseMs), 'outbox.$.leasedBy': token } },
    { projection: { outbox: 1 }, returnDocument: 'after' },
  );
  const entry = (doc?.outbox as OutboxEntry[] | undefined)?.find((e) => e.id === slot.entryId);
  return entry ? { token, entry } : null;
}

async function deliver(
  deps: OutboxDeps,
  slot: OutboxSlot,
  { token, entry }: OutboxLease,
  maxAttempts: number,
  at: Date,
  leaseMs: number,
): Promise<OutboxOutcome> {
  // only while the lease is still this worker's; a lost race leaves the entry to its new holder
  const mark = (set: Record<string, unknown>) =>
    deps.conn.db!.collection(slot.collection).updateOne(pendingEntry(slot, { leasedBy: token }), { $set: set, $unset: { 'outbox.$.leasedBy': '' } });
  const user = await Users(deps.conn).findOne({ openid: entry.touser }, { _id: 1 }).lean();
  if (!user) {
    // the account was deleted (its openid is a tombstone now): nobody to tell
    await mark({ 'outbox.$.status': 'no_recipient' });
    return 'no_recipient';
  }
  // the message centre first: whatever WeChat does, the notice is not lost (written once per entry)
  await depositMessage(deps.conn, {
    entryId: entry.id,
    userId: user._id,
    title: entry.inbox.title,
    body: entry.inbox.body,
    page: entry.page,
    createdAt: entry.createdAt ?? at,
  });
  if (!(await spendSubscription(deps.conn, user._id, entry.template))) {
    // WeChat would answer 43101: do not call it
    await mark({ 'outbox.$.status': 'unsubscribed' });
    return 'unsubscribed';
  }
  const attempts = (entry.attempts ?? 0) + 1;
  try {
    await deps.wechat.sendSubscribeMessage({ touser: entry.touser, templateId: deps.templates[entry.template], page: entry.page, data: entry.data });
  } catch (err) {
    const errcode = (err as { errcode?: number }).errcode;
    if (err instanceof WechatApiError && errcode === NOT_SUBSCRIBED_ERRCODE) {
      // WeChat holds no subscription although we counted one (spent elsewhere, or a refund after a send
      // that did arrive): final, the count stays spent
      deps.logger?.info({ entryId: entry.id, errcode }, 'outbox send refused: not subscribed');
      await mark({ 'outbox.$.status': 'refused', 'outbox.$.errcode': errcode, 'outbox.$.attempts': attempts });
      return 'refused';
    }
    await refundSubscription(deps.conn, user._id, entry.template);
    const giveUp = attempts >= maxAttempts;
    // openids are personal data: log the entry id and WeChat's code, never the recipient.
    deps.logger?.warn({ entryId: entry.id, attempts, giveUp, errcode }, 'outbox send failed');
    // the next try comes one lease length later
    await mark({
      'outbox.$.attempts': attempts,
      'outbox.$.lockedUntil': new Date(at.getTime() + leaseMs),
      ...(giveUp ? { 'outbox.$.status': 'failed', ...(errcode === undefined ? {} : { 'outbox.$.errcode': errcode }) } : {}),
    });
    return giveUp ? 'failed' : 'retry';
  }
  await mark({ 'outbox.$.status': 'sent', 'outbox.$.sentAt': at, 'outbox.$.attempts': attempts });
  return 'sent';
}
