import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import { now as clockNow } from '../../platform/clock';
import { updateAtVersion } from '../../platform/versioned-write';
import { acquireLease, isDone, markDone } from '../../platform/worker-lease';
import type { MiniProgramApi } from '../../wechat/miniprogram';
import type { OutboxEntry } from './outbox';

export interface OutboxDeps {
  conn: Connection;
  wechat: Pick<MiniProgramApi, 'sendSubscribeMessage'>;
  logger?: Logger;
}

export interface OutboxRunOptions {
  now?: Date;
  /** how long a claimed entry stays with its worker; a worker that dies mid-send frees it after this */
  leaseMs?: number;
  /** after this many failed sends the entry is marked failed and left alone */
  maxAttempts?: number;
  /** documents looked at per run */
  batch?: number;
  /** collections whose documents carry an `outbox` array */
  collections?: string[];
}

export const OUTBOX_DEFAULTS = { leaseMs: 60_000, maxAttempts: 5, batch: 50, collections: ['complaints', 'volunteer_notices'] };

/**
 * Delivers pending outbox entries one at a time: claim the entry (a lease, platform/worker-lease.ts),
 * send it through WeChat, record it done, mark it sent in its document.
 *
 * At-least-once, and once in practice: a worker that dies after WeChat accepted the message but
 * before recording it done makes the entry be sent again once its lease runs out. While a lease
 * holds, no other worker (in this process or another) sends the same entry. The `#done` record
 * guards against the document's own "sent" mark being lost: on FerretDB an update of one entry can
 * be overwritten by a concurrent update of the same document.
 *
 * Entries are addressed by index (`outbox.3.status`): FerretDB 1.24 knows neither arrayFilters nor
 * the positional `$`; outbox arrays are only appended to, and the filter pins the entry's id too.
 */
export async function runOutboxOnce(deps: OutboxDeps, opts: OutboxRunOptions = {}): Promise<{ sent: number; failed: number }> {
  const o = { ...OUTBOX_DEFAULTS, ...opts };
  const at = o.now ?? clockNow();
  let sent = 0;
  let failed = 0;
  for (const name of o.collections) {
    const docs = await deps.conn.db!.collection(name)
      .find({ 'outbox.status': 'pending' }, { projection: { outbox: 1 } })
      .limit(o.batch)
      .toArray();
    for (const doc of docs) {
      for (const [index, entry] of ((doc.outbox ?? []) as OutboxEntry[]).entries()) {
        if (entry.status !== 'pending' || (entry.lockedUntil && entry.lockedUntil > at)) continue;
        const slot = { conn: deps.conn, collection: name, docId: doc._id, index, entryId: entry.id };
        if (!(await claimOutboxEntry(slot, at, o.leaseMs))) continue;
        const outcome = await deliver(deps, slot, entry, o.maxAttempts, at, o.leaseMs);
        if (outcome === 'sent') sent++;
        if (outcome === 'failed') failed++;
      }
    }
  }
  return { sent, failed };
}

export interface OutboxSlot {
  conn: Connection;
  collection: string;
  docId: unknown;
  index: number;
  entryId: string;
}

/** Takes the lease on one entry: false when another worker holds it. */
export function claimOutboxEntry(slot: OutboxSlot, at: Date, leaseMs: number): Promise<boolean> {
  return acquireLease(slot.conn, `outbox:${slot.entryId}`, at, leaseMs);
}

async function deliver(
  deps: OutboxDeps,
  slot: OutboxSlot,
  entry: OutboxEntry,
  maxAttempts: number,
  at: Date,
  leaseMs: number,
): Promise<'sent' | 'failed' | 'retry' | 'repaired'> {
  const p = `outbox.${slot.index}`;
  const key = `outbox:${entry.id}`;
  const mine = { [`${p}.id`]: entry.id, [`${p}.status`]: 'pending' };
  const mark = (set: Record<string, unknown>) => markEntry(deps.conn, slot, mine, set);
  const markSent = () => mark({ [`${p}.status`]: 'sent', [`${p}.sentAt`]: at });
  if (await isDone(deps.conn, key)) {
    await markSent();
    return 'repaired';
  }
  const attempts = (entry.attempts ?? 0) + 1;
  try {
    await deps.wechat.sendSubscribeMessage({ touser: entry.touser, templateId: entry.templateId, page: entry.page, data: entry.data });
  } catch (err) {
    const giveUp = attempts >= maxAttempts;
    // openids are personal data: log the entry id and WeChat's code, never the recipient.
    deps.logger?.warn({ entryId: entry.id, attempts, giveUp, errcode: (err as { errcode?: number }).errcode }, 'outbox send failed');
    // the next try waits for the lease either way; lockedUntil only spares other workers a pointless claim
    await mark({ [`${p}.attempts`]: attempts, [`${p}.lockedUntil`]: new Date(at.getTime() + leaseMs), ...(giveUp ? { [`${p}.status`]: 'failed' } : {}) });
    return giveUp ? 'failed' : 'retry';
  }
  await markDone(deps.conn, key, at);
  await mark({ [`${p}.status`]: 'sent', [`${p}.sentAt`]: at, [`${p}.attempts`]: attempts });
  return 'sent';
}

/**
 * Marks an entry through a versioned write, so the mark can never undo a concurrent state change
 * (platform/versioned-write.ts). If a transition keeps winning, the mark is left for the next run:
 * the `#done` record already stops a second send, and the next run repairs the mark.
 */
async function markEntry(conn: Connection, slot: OutboxSlot, filter: Record<string, unknown>, set: Record<string, unknown>): Promise<void> {
  const collection = conn.db!.collection(slot.collection);
  for (let attempt = 0; attempt < 3; attempt++) {
    const doc = await collection.findOne({ _id: slot.docId as never, ...filter }, { projection: { version: 1 } });
    if (!doc) return;
    if (await updateAtVersion(conn, slot.collection, doc as { _id: never; version?: number }, filter, { $set: set })) return;
  }
}
