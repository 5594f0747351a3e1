import { Types, type Connection } from 'mongoose';
import type { Logger } from 'pino';
import { now as clockNow } from '../../platform/clock';
import { pollNotice } from '../notifications/templates';
import { remindVoters } from '../notifications/voting-reminders';
import { pollStore } from './poll-store';

/** A poll's reminders (notifications/voting-reminders.ts): when it opens, and a day before it closes. */
export async function runPollRemindersOnce(deps: { conn: Connection; logger?: Logger }, opts: { now?: Date } = {}): Promise<{ opened: number; closing: number }> {
  const { polls, box } = pollStore(deps.conn);
  return remindVoters(deps, {
    name: 'poll',
    owners: polls(),
    hint: 'status_opens',
    audience: (poll) => ({ communityIds: poll.audience.scope === 'street' ? null : poll.audience.communityIds.map((id) => new Types.ObjectId(id)), minAge: poll.minAge }),
    votersAmong: box.votersAmong,
    notice: pollNotice,
  }, opts.now ?? clockNow());
}
