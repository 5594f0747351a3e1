import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import { now as clockNow } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import { createCalendarService } from '../calendar/calendar.service';
import { move, reachThreshold } from './proposal-moves';
import { announce } from './proposal-notices';
import { proposalStore } from './proposal-store';

/**
 * One pass over the proposals' clocks, safe in several processes at once (worker.ts):
 * 1. an open proposal whose 30-day window passed short of its threshold closes as expired (readers
 *    already see it so, proposal-actions.ts shownState; this writes it), as the system through move(),
 *    so one that someone moved meanwhile is refused and left alone; one whose count reached the
 *    threshold but whose process died before the move is moved to awaiting an answer now;
 * 2. announcements a process recorded with an answer or a progress report but died before addressing
 *    are addressed (each person's notice has its own key: nobody is told twice);
 * 3. a proposal that takes no more supports has its count checked, once, a minute after its last
 *    move (no support can still be in flight): a process that died between storing a support and
 *    counting it left the count short, and the supports stored are what counts.
 */
export async function runProposalSweepOnce(deps: { conn: Connection; logger?: Logger }, opts: { now?: Date; batch?: number } = {}) {
  const at = opts.now ?? clockNow();
  const batch = opts.batch ?? 200;
  const store = proposalStore(deps.conn);
  let expired = 0;
  const calendar = createCalendarService(deps);
  const due = await store.proposals()
    .find({ state: 'open', supportDeadline: { $lt: at } }, { hint: 'state_support_deadline', projection: { _id: 1, supports: 1, threshold: 1 } })
    .limit(batch)
    .toArray();
  for (const { _id, supports, threshold } of due) {
    if (supports >= threshold) {
      await reachThreshold(store, calendar, _id, at);
      continue;
    }
    try {
      await move(store, { id: _id, action: 'expire', roles: ['system'], actorId: null, at });
      expired++;
    } catch (err) {
      if (!(err instanceof AppError && (err.status === 409 || err.status === 404))) throw err;
    }
  }
  let announced = 0;
  const waiting = await store.proposals().find({ announcing: true }, { hint: 'announcing' }).limit(batch).toArray();
  for (const p of waiting) announced += await announce(deps.conn, store, p);
  let repaired = 0;
  const unsettled = await store.proposals()
    .find({ settleSupportsAfter: { $lte: at } }, { hint: 'settle_supports', projection: { _id: 1, supports: 1, settleSupportsAfter: 1 } })
    .limit(batch)
    .toArray();
  for (const p of unsettled) {
    const stored = await store.supportsStored(p._id);
    const settle = { $unset: { settleSupportsAfter: '' as const } };
    const update = stored === p.supports ? settle : { ...settle, $set: { supports: stored, supportsRepairedFrom: p.supports } };
    const done = await store.proposals().updateOne({ _id: p._id, settleSupportsAfter: p.settleSupportsAfter }, update);
    if (done.modifiedCount && stored !== p.supports) {
      repaired++;
      deps.logger?.warn({ proposalId: p._id.toHexString(), counted: p.supports, stored }, 'proposal support count repaired');
    }
  }
  return { expired, announced, repaired };
}
