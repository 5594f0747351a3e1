import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import { ballotBox } from '../../platform/ballot-box';
import { now as clockNow } from '../../platform/clock';
import { budgetRoundNotice } from '../notifications/templates';
import { remindVoters } from '../notifications/voting-reminders';
import type { BudgetRoundRecord } from './budgeting.service';

/** A budgeting round's reminders to its community (notifications/voting-reminders.ts): when it opens, and a day before it closes. */
export async function runBudgetRemindersOnce(deps: { conn: Connection; logger?: Logger }, opts: { now?: Date } = {}): Promise<{ opened: number; closing: number }> {
  const box = ballotBox<object>(deps.conn, 'budget');
  return remindVoters(deps, {
    name: 'budget',
    owners: deps.conn.db!.collection<BudgetRoundRecord>('budget_rounds'),
    hint: 'status_closes',
    audience: (round) => ({ communityIds: [round.communityId] }),
    votersAmong: box.votersAmong,
    notice: budgetRoundNotice,
  }, opts.now ?? clockNow());
}
