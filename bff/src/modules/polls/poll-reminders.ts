import { Types, type Connection, type mongo } from 'mongoose';
import type { Logger } from 'pino';
import { ageOn } from '@gongzhi/shared';
import { now as clockNow } from '../../platform/clock';
import { noticeTo, recordedKeys } from '../notifications/notices';
import { Subscriptions } from '../notifications/subscriptions';
import { pollNotice, type PollNoticeKind } from '../notifications/templates';
import { pollStore, type PollRecord } from './poll-store';

const DAY_MS = 24 * 3600_000;
const BATCH = 500;

interface Resident {
  _id: mongo.BSON.ObjectId;
  realName?: { communityId: mongo.BSON.ObjectId; birthDate: string };
}

/**
 * The polls' reminders, through the outbox like every notice (notifications/notices.ts, one per
 * event key, so two workers or two runs announce each once):
 *
 * - when a poll opens, to the residents of its audience who asked to be told (they hold a one-time
 *   subscription to the poll reminder: 新问卷提醒我 on the polls page);
 * - 24 hours before it closes, to every resident of its audience who has not answered (by WeChat if
 *   they still hold a subscription, always in the message centre).
 *
 * A poll is marked reminded only after every notice is recorded, so a run that dies part-way is
 * finished by the next one.
 */
export async function runPollRemindersOnce(deps: { conn: Connection; logger?: Logger }, opts: { now?: Date } = {}): Promise<{ opened: number; closing: number }> {
  const at = opts.now ?? clockNow();
  const { polls, box } = pollStore(deps.conn);
  const users = deps.conn.db!.collection<Resident>('users');

  const inAudience = (poll: PollRecord, u: Resident) =>
    !!u.realName &&
    (poll.audience.scope === 'street' || poll.audience.communityIds.includes(u.realName.communityId.toString())) &&
    (poll.minAge === undefined || ageOn(u.realName.birthDate, at) >= poll.minAge);

  async function announce(poll: PollRecord, kind: PollNoticeKind, people: Resident[]): Promise<number> {
    const keys = people.map((u) => `poll-${kind}:${poll._id.toHexString()}:${u._id.toHexString()}`);
    const done = await recordedKeys(deps.conn, keys);
    let recorded = 0;
    for (const [i, u] of people.entries()) {
      if (done.has(keys[i]!)) continue;
      if (await noticeTo(deps.conn, { key: keys[i]!, kind: `poll_${kind}`, userId: u._id, subjectId: poll._id }, pollNotice(kind, poll))) recorded++;
    }
    return recorded;
  }

  /** The audience's residents, a batch at a time, by community on the users index. */
  async function* audienceOf(poll: PollRecord): AsyncGenerator<Resident[]> {
    const filter: mongo.Filter<Resident> = { realName: { $exists: true }, deletedAt: { $exists: false } } as mongo.Filter<Resident>;
    if (poll.audience.scope === 'communities') Object.assign(filter, { 'realName.communityId': { $in: poll.audience.communityIds.map((id) => new Types.ObjectId(id)) } });
    let batch: Resident[] = [];
    for await (const u of users.find(filter, { projection: { realName: { communityId: 1, birthDate: 1 } } })) {
      if (inAudience(poll, u)) batch.push(u);
      if (batch.length === BATCH) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
  }

  let opened = 0;
  const justOpened = await polls().find({ status: 'published', opensAt: { $lte: at }, closesAt: { $gt: at }, 'noticed.opened': { $exists: false } }, { hint: 'status_opens' }).toArray();
  for (const poll of justOpened) {
    const subscribers = await Subscriptions(deps.conn).find({ template: 'pollReminder', remaining: { $gte: 1 } }, { userId: 1 }).lean();
    for (let i = 0; i < subscribers.length; i += BATCH) {
      const ids = subscribers.slice(i, i + BATCH).map((s) => s.userId);
      const people = (await users.find({ _id: { $in: ids } }, { projection: { realName: { communityId: 1, birthDate: 1 } } }).toArray()).filter((u) => inAudience(poll, u));
      opened += await announce(poll, 'opened', people);
    }
    await polls().updateOne({ _id: poll._id }, { $set: { 'noticed.opened': at } });
  }

  let closing = 0;
  const closingSoon = await polls().find({ status: 'published', closesAt: { $gt: at, $lte: new Date(at.getTime() + DAY_MS) }, 'noticed.closing': { $exists: false } }, { hint: 'status_opens' }).toArray();
  for (const poll of closingSoon) {
    for await (const batch of audienceOf(poll)) {
      const answered = await box.votersAmong(poll._id, batch.map((u) => u._id));
      closing += await announce(poll, 'closing', batch.filter((u) => !answered.has(u._id.toHexString())));
    }
    await polls().updateOne({ _id: poll._id }, { $set: { 'noticed.closing': at } });
  }
  if (opened || closing) deps.logger?.info({ opened, closing }, 'poll reminders recorded');
  return { opened, closing };
}
