import { Types, type Connection, type mongo } from 'mongoose';
import type { Logger } from 'pino';
import { ageOn } from '@gongzhi/shared';
import { noticeTo, recordedKeys } from './notices';
import { Subscriptions } from './subscriptions';
import type { NoticeContent } from './templates';

const DAY_MS = 24 * 3600_000;
const BATCH = 500;

export type VotingNoticeKind = 'opened' | 'closing';

interface Resident {
  _id: mongo.BSON.ObjectId;
  realName?: { communityId: mongo.BSON.ObjectId; birthDate: string };
}

/** What a vote gives the reminders: a poll, or a 民生微实事 budgeting round. */
export interface VotingOwner {
  _id: mongo.BSON.ObjectId;
  status: 'draft' | 'published' | 'closed';
  opensAt: Date;
  closesAt: Date;
  noticed?: { opened?: Date; closing?: Date };
}

export interface VotingReminders<O extends VotingOwner> {
  /** names the notices' keys and kinds: `<name>-opened:<owner>:<user>`, kind `<name>_opened` */
  name: string;
  owners: mongo.Collection<O>;
  /** an index on `status` first, for the two scans */
  hint: string;
  /** the communities whose residents are asked (null: the whole street), and the minimum age if any */
  audience: (owner: O) => { communityIds: mongo.BSON.ObjectId[] | null; minAge?: number };
  votersAmong: (ownerId: mongo.BSON.ObjectId, people: mongo.BSON.ObjectId[]) => Promise<Set<string>>;
  notice: (kind: VotingNoticeKind, owner: O) => NoticeContent;
}

/**
 * Reminders for a vote, through the outbox like every notice (notices.ts: one per event key, so two
 * workers or two runs announce each once), used by polls and by budgeting rounds:
 *
 * - when it opens, to the residents of its audience who asked to be told (they hold a one-time
 *   subscription to the poll reminder: 新问卷提醒我 on the polls page);
 * - 24 hours before it closes, to every resident of its audience who has not voted (by WeChat if they
 *   still hold a subscription, always in the message centre).
 *
 * An owner is marked reminded only after every notice is recorded, so a run that dies part-way is
 * finished by the next one.
 */
export async function remindVoters<O extends VotingOwner>(
  deps: { conn: Connection; logger?: Logger },
  source: VotingReminders<O>,
  at: Date,
): Promise<{ opened: number; closing: number }> {
  const users = deps.conn.db!.collection<Resident>('users');

  const inAudience = (owner: O, u: Resident) => {
    const { communityIds, minAge } = source.audience(owner);
    return !!u.realName && (!communityIds || communityIds.some((c) => c.equals(u.realName!.communityId))) && (minAge === undefined || ageOn(u.realName.birthDate, at) >= minAge);
  };

  async function announce(owner: O, kind: VotingNoticeKind, people: Resident[]): Promise<number> {
    const keys = people.map((u) => `${source.name}-${kind}:${owner._id.toHexString()}:${u._id.toHexString()}`);
    const done = await recordedKeys(deps.conn, keys);
    let recorded = 0;
    for (const [i, u] of people.entries()) {
      if (done.has(keys[i]!)) continue;
      if (await noticeTo(deps.conn, { key: keys[i]!, kind: `${source.name}_${kind}`, userId: u._id, subjectId: owner._id }, source.notice(kind, owner))) recorded++;
    }
    return recorded;
  }

  /** The audience's residents, a batch at a time, by community on the users index. */
  async function* audienceOf(owner: O): AsyncGenerator<Resident[]> {
    const filter: mongo.Filter<Resident> = { realName: { $exists: true }, deletedAt: { $exists: false } } as mongo.Filter<Resident>;
    const { communityIds } = source.audience(owner);
    if (communityIds) Object.assign(filter, { 'realName.communityId': { $in: communityIds.map((id) => new Types.ObjectId(id)) } });
    let batch: Resident[] = [];
    for await (const u of users.find(filter, { projection: { realName: { communityId: 1, birthDate: 1 } } })) {
      if (inAudience(owner, u)) batch.push(u);
      if (batch.length === BATCH) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
  }

  let opened = 0;
  const justOpened = await source.owners
    .find({ status: 'published', opensAt: { $lte: at }, closesAt: { $gt: at }, 'noticed.opened': { $exists: false } } as mongo.Filter<O>, { hint: source.hint })
    .toArray();
  for (const owner of justOpened as O[]) {
    const subscribers = await Subscriptions(deps.conn).find({ template: 'pollReminder', remaining: { $gte: 1 } }, { userId: 1 }).lean();
    for (let i = 0; i < subscribers.length; i += BATCH) {
      const ids = subscribers.slice(i, i + BATCH).map((s) => s.userId);
      const people = (await users.find({ _id: { $in: ids } }, { projection: { realName: { communityId: 1, birthDate: 1 } } }).toArray()).filter((u) => inAudience(owner, u));
      opened += await announce(owner, 'opened', people);
    }
    await source.owners.updateOne({ _id: owner._id } as mongo.Filter<O>, { $set: { 'noticed.opened': at } } as unknown as mongo.UpdateFilter<O>);
  }

  let closing = 0;
  const closingSoon = await source.owners
    .find({ status: 'published', closesAt: { $gt: at, $lte: new Date(at.getTime() + DAY_MS) }, 'noticed.closing': { $exists: false } } as mongo.Filter<O>, { hint: source.hint })
    .toArray();
  for (const owner of closingSoon as O[]) {
    for await (const batch of audienceOf(owner)) {
      const voted = await source.votersAmong(owner._id, batch.map((u) => u._id));
      closing += await announce(owner, 'closing', batch.filter((u) => !voted.has(u._id.toHexString())));
    }
    await source.owners.updateOne({ _id: owner._id } as mongo.Filter<O>, { $set: { 'noticed.closing': at } } as unknown as mongo.UpdateFilter<O>);
  }
  if (opened || closing) deps.logger?.info({ opened, closing, of: source.name }, 'voting reminders recorded');
  return { opened, closing };
}
