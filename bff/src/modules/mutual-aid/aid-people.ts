import { Types, type Connection, type mongo } from 'mongoose';
import type { AidPersonCard } from '@gongzhi/shared';
import { now } from '../../platform/clock';
import { isDuplicateKeyError } from '../../platform/database';
import { AppError } from '../../platform/errors';
import type { UserRecord } from '../identity/user.model';
import { aidStore, pairId } from './aid-store';

/**
 * People in mutual aid: the public card (the nickname they chose, or one made from the account; the
 * community; ratings: never a real name), blocks (both ways: neither sees the other's posts nor responds to them), and
 * suspensions by staff.
 */
export function aidPeople(conn: Connection) {
  const store = aidStore(conn);
  const users = () => conn.db!.collection<UserRecord>('users');

  /** 邻居 and four characters of the account: stable, and saying nothing about the person. */
  const nicknameOf = (id: mongo.BSON.ObjectId) => `邻居${id.toHexString().slice(-4).toUpperCase()}`;

  async function cards(ids: mongo.BSON.ObjectId[]): Promise<Map<string, AidPersonCard>> {
    const unique = [...new Map(ids.map((id) => [id.toHexString(), id])).values()];
    if (unique.length === 0) return new Map();
    const [people, reputations, profiles] = await Promise.all([
      users().find({ _id: { $in: unique } }, { projection: { 'realName.communityName': 1 } }).toArray(),
      store.reputation().find({ _id: { $in: unique } }).toArray(),
      store.profiles().find({ _id: { $in: unique } }, { projection: { nickname: 1 } }).toArray(),
    ]);
    const rep = new Map(reputations.map((r) => [r._id.toHexString(), r]));
    const chosen = new Map(profiles.map((p) => [p._id.toHexString(), p.nickname]));
    return new Map(
      people.map((p) => {
        const r = rep.get(p._id.toHexString());
        const card: AidPersonCard = {
          id: p._id.toHexString(),
          nickname: chosen.get(p._id.toHexString()) ?? nicknameOf(p._id),
          communityName: p.realName?.communityName ?? '',
          ratings: { count: r?.count ?? 0, mean: r?.count ? Math.round((r.sum / r.count) * 10) / 10 : null, tags: r?.tags ?? {} },
        };
        return [card.id, card];
      }),
    );
  }

  async function card(id: mongo.BSON.ObjectId): Promise<AidPersonCard> {
    const found = (await cards([id])).get(id.toHexString());
    if (!found) throw new AppError('AID_PERSON_NOT_FOUND', 404);
    return found;
  }

  /** Everyone this person blocked or was blocked by. */
  async function blockedWith(me: mongo.BSON.ObjectId): Promise<mongo.BSON.ObjectId[]> {
    const [mine, theirs] = await Promise.all([
      store.blocks().find({ blocker: me }, { projection: { blocked: 1 } }).toArray(),
      store.blocks().find({ blocked: me }, { projection: { blocker: 1 } }).toArray(),
    ]);
    return [...mine.map((b) => b.blocked), ...theirs.map((b) => b.blocker)];
  }

  async function isBlocked(a: mongo.BSON.ObjectId, b: mongo.BSON.ObjectId): Promise<boolean> {
    return (await store.blocks().countDocuments({ _id: { $in: [pairId(a, b), pairId(b, a)] } }, { limit: 1 })) > 0;
  }

  async function block(me: UserRecord, rawId: string): Promise<{ blocked: true }> {
    const other = new Types.ObjectId(rawId);
    if (other.equals(me._id)) throw new AppError('VALIDATION_FAILED', 400, [{ path: 'userId', message: '不能屏蔽自己' }]);
    await card(other); // 404 for no such person
    await store.blocks().updateOne({ _id: pairId(me._id, other) }, { $setOnInsert: { blocker: me._id, blocked: other, at: now() } }, { upsert: true });
    return { blocked: true };
  }

  async function unblock(me: UserRecord, rawId: string): Promise<void> {
    await store.blocks().deleteOne({ _id: pairId(me._id, new Types.ObjectId(rawId)) });
  }

  async function myBlocks(me: UserRecord): Promise<{ items: AidPersonCard[] }> {
    const mine = await store.blocks().find({ blocker: me._id }).toArray();
    const found = await cards(mine.map((b) => b.blocked));
    return { items: mine.flatMap((b) => found.get(b.blocked.toHexString()) ?? []) };
  }

  /** The nickname is unique among residents (case-insensitively), so nobody can pass for a neighbour people trust. */
  async function setNickname(me: mongo.BSON.ObjectId, nickname: string): Promise<AidPersonCard> {
    try {
      await store.profiles().updateOne({ _id: me }, { $set: { nickname, key: nickname.toLowerCase(), at: now() } }, { upsert: true });
    } catch (err) {
      if (isDuplicateKeyError(err)) throw new AppError('AID_NICKNAME_TAKEN', 409, [{ path: 'nickname', message: '这个昵称已有人使用，请换一个' }]);
      throw err;
    }
    return card(me);
  }

  async function isSuspended(id: mongo.BSON.ObjectId): Promise<boolean> {
    return (await store.suspensions().countDocuments({ _id: id, until: { $gt: now() } }, { limit: 1 })) > 0;
  }

  return { nicknameOf, cards, card, setNickname, blockedWith, isBlocked, block, unblock, myBlocks, isSuspended };
}

export type AidPeople = ReturnType<typeof aidPeople>;
