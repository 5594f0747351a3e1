import { Types, type mongo } from 'mongoose';
import { now } from '../../platform/clock';
import { isDuplicateKeyError } from '../../platform/database';
import { AppError } from '../../platform/errors';
import { managedCommunities, managesCommunity } from '../identity/community-scope';
import type { UserRecord } from '../identity/user.model';
import type { AidService } from './aid.service';
import { timeBank, type AidPostRecord } from './aid-store';

/** Reports from this many different residents hide a post or a message until staff decide (PRODUCT.md). */
export const REPORTS_TO_HIDE = 3;
const DAY_MS = 24 * 3600_000;
/** A finished post the author does not confirm is confirmed after this long, with the hours the helper gave. */
export const AUTO_CONFIRM_MS = 3 * DAY_MS;

/**
 * Safety in mutual aid: reports (one per resident per thing; three different residents hide it for
 * review), the staff's moderation queue and suspensions, the 无人响应 list, and the sweep that expires
 * posts and confirms finished ones nobody confirmed.
 */
export function createAidSafety(aid: AidService) {
  const { store, people } = aid;

  /** The staff's communities, as a filter on anything kept by community (posts, reports). */
  function staffScope(user: UserRecord): { communityId?: { $in: mongo.BSON.ObjectId[] } } {
    const scope = managedCommunities(user);
    return scope === 'street' ? {} : { communityId: { $in: scope } };
  }

  async function report(user: UserRecord, body: { target: 'post' | 'message' | 'person'; id: string; postId?: string; reason: string }): Promise<{ hidden: boolean }> {
    if (!user.realName) throw new AppError('REAL_NAME_REQUIRED', 403);
    const targetId = new Types.ObjectId(body.id);
    let post: AidPostRecord | undefined;
    if (body.target === 'post') post = (await aid.reachablePost(user, body.id)).post;
    if (body.target === 'message') {
      const message = await store.messages().findOne({ _id: targetId });
      if (!message) throw new AppError('AID_POST_NOT_FOUND', 404);
      const reached = await aid.reachablePost(user, message.postId.toHexString());
      if (reached.role !== 'author' && reached.role !== 'helper') throw new AppError('AID_NOT_PARTY', 403);
      if (message.senderId.equals(user._id)) throw new AppError('FORBIDDEN', 403);
      post = reached.post;
    }
    // a person is reported to the staff of their own community
    const person = body.target === 'person' ? await aid.conn.db!.collection<UserRecord>('users').findOne({ _id: targetId }, { projection: { 'realName.communityId': 1 } }) : null;
    if (body.target === 'person') {
      if (!person?.realName) throw new AppError('AID_PERSON_NOT_FOUND', 404);
      if (targetId.equals(user._id)) throw new AppError('FORBIDDEN', 403);
    }
    if (post?.authorId.equals(user._id) && body.target === 'post') throw new AppError('FORBIDDEN', 403);
    try {
      await store.reports().insertOne({
        _id: `${body.target}:${body.id}:${user._id.toHexString()}`,
        target: body.target, targetId, ...(post ? { postId: post._id } : {}),
        communityId: post?.communityId ?? new Types.ObjectId(String(person?.realName?.communityId ?? user.realName.communityId)),
        reporterId: user._id, reason: body.reason, at: now(),
      });
    } catch (err) {
      // one resident reporting three times counts once
      if (isDuplicateKeyError(err)) throw new AppError('AID_ALREADY_REPORTED', 409);
      throw err;
    }
    if (body.target === 'post') {
      await store.posts().updateOne({ _id: targetId }, { $inc: { reports: 1 } });
      // hidden once, by the report that reaches the threshold (a conditional pipeline write remembers the state to restore)
      const hid = await store.posts().updateOne(
        { _id: targetId, reports: { $gte: REPORTS_TO_HIDE }, state: { $nin: ['hidden', 'removed'] } },
        [{ $set: { hiddenFrom: '$state', state: 'hidden' } }],
      );
      return { hidden: hid.modifiedCount === 1 };
    }
    if (body.target === 'message') {
      const counted = await store.messages().findOneAndUpdate({ _id: targetId }, { $inc: { reports: 1 } }, { returnDocument: 'after' });
      if (counted && counted.reports >= REPORTS_TO_HIDE && !counted.hidden && !counted.moderation) {
        await store.messages().updateOne({ _id: targetId, hidden: false }, { $set: { hidden: true } });
        return { hidden: true };
      }
    }
    return { hidden: false };
  }

  async function reportsOf(target: 'post' | 'message', ids: mongo.BSON.ObjectId[]) {
    const found = ids.length ? await store.reports().find({ target, targetId: { $in: ids } }, { hint: 'target' }).toArray() : [];
    const by = new Map<string, Array<{ reason: string; at: string }>>();
    for (const r of found) by.set(r.targetId.toHexString(), [...(by.get(r.targetId.toHexString()) ?? []), { reason: r.reason, at: r.at.toISOString() }]);
    return by;
  }

  async function moderationQueue(user: UserRecord) {
    const posts = await store.posts().find({ ...staffScope(user), state: 'hidden' }).limit(100).toArray();
    const messages = await store.messages().find({ hidden: true, moderation: { $exists: false } }, { hint: 'hidden_post' }).limit(200).toArray();
    const postsOfMessages = messages.length ? await store.posts().find({ _id: { $in: messages.map((m) => m.postId) } }, { projection: { communityId: 1 } }).toArray() : [];
    const ofPosts = new Map(postsOfMessages.map((p) => [p._id.toHexString(), p]));
    const mine = messages.filter((m) => {
      const p = ofPosts.get(m.postId.toHexString());
      return p && managesCommunity(user, p.communityId);
    });
    const [postReports, messageReports, cards] = await Promise.all([
      reportsOf('post', posts.map((p) => p._id)),
      reportsOf('message', mine.map((m) => m._id)),
      people.cards([...posts.map((p) => p.authorId), ...mine.map((m) => m.senderId)]),
    ]);
    return {
      items: [
        ...posts.map((p) => ({ target: 'post' as const, id: p._id.toHexString(), postId: p._id.toHexString(), text: p.text, reports: postReports.get(p._id.toHexString()) ?? [], author: cards.get(p.authorId.toHexString())! })),
        ...mine.map((m) => ({ target: 'message' as const, id: m._id.toHexString(), postId: m.postId.toHexString(), text: m.text, reports: messageReports.get(m._id.toHexString()) ?? [], author: cards.get(m.senderId.toHexString())! })),
      ],
    };
  }

  /** Staff restore what was hidden, or remove it; its author is told the reason. */
  async function moderate(user: UserRecord, target: 'post' | 'message', rawId: string, body: { decision: 'restore' | 'remove'; reason: string }): Promise<{ state: string }> {
    const id = new Types.ObjectId(rawId);
    const moderation = { reason: body.reason, by: user._id, at: now() };
    if (target === 'post') {
      const post = await store.posts().findOne({ _id: id, state: 'hidden' });
      if (!post || !managesCommunity(user, post.communityId)) throw new AppError('AID_POST_NOT_FOUND', 404);
      const state = body.decision === 'restore' ? (post.hiddenFrom ?? 'open') : 'removed';
      const done = await store.posts().findOneAndUpdate({ _id: id, state: 'hidden' }, { $set: { state, moderation }, $unset: { hiddenFrom: '' } }, { returnDocument: 'after' });
      if (!done) throw new AppError('AID_STATE_CONFLICT', 409);
      await aid.notify('moderated', done, done.authorId, `post:${rawId}:${body.decision}`, body.decision === 'restore' ? `经审核已恢复：${body.reason}` : `经审核已移除：${body.reason}`);
      return { state };
    }
    const message = await store.messages().findOne({ _id: id, hidden: true });
    const post = message ? await store.posts().findOne({ _id: message.postId }) : null;
    if (!message || !post || !managesCommunity(user, post.communityId)) throw new AppError('AID_POST_NOT_FOUND', 404);
    await store.messages().updateOne({ _id: id }, { $set: { hidden: body.decision === 'remove', moderation: { ...moderation, decision: body.decision } } });
    await aid.notify('moderated', post, message.senderId, `message:${rawId}:${body.decision}`, body.decision === 'restore' ? `您的消息经审核已恢复：${body.reason}` : `您的消息经审核已移除：${body.reason}`);
    return { state: body.decision === 'restore' ? 'restored' : 'removed' };
  }

  async function suspend(user: UserRecord, body: { userId: string; reason: string; until: string }): Promise<{ until: string }> {
    const target = await residentInScope(user, body.userId);
    const until = new Date(body.until);
    if (until <= now()) throw new AppError('VALIDATION_FAILED', 400, [{ path: 'until', message: '截止日期应在今天之后' }]);
    await store.suspensions().updateOne({ _id: target._id }, { $set: { until, reason: body.reason, by: user._id, at: now() } }, { upsert: true });
    return { until: until.toISOString() };
  }

  /** People residents reported, in the staff's communities, with every reason and any suspension in force. */
  async function reportedPeople(user: UserRecord) {
    const found = await store.reports().find({ target: 'person', ...staffScope(user) }, { hint: 'target_community' }).sort({ at: -1 }).limit(300).toArray();
    const ids = [...new Map(found.map((r) => [r.targetId.toHexString(), r.targetId])).values()];
    const [cards, suspended] = await Promise.all([people.cards(ids), store.suspensions().find({ _id: { $in: ids }, until: { $gt: now() } }).toArray()]);
    const suspensionOf = new Map(suspended.map((s) => [s._id.toHexString(), { until: s.until.toISOString(), reason: s.reason }]));
    return {
      items: ids.flatMap((id) => {
        const card = cards.get(id.toHexString());
        if (!card) return [];
        const suspension = suspensionOf.get(id.toHexString());
        const reports = found.filter((r) => r.targetId.equals(id)).map((r) => ({ reason: r.reason, at: r.at.toISOString() }));
        return [{ person: card, reports, ...(suspension ? { suspension } : {}) }];
      }),
    };
  }

  /** Whom staff can suspend or lift: a resident of one of their communities. */
  async function residentInScope(user: UserRecord, rawId: string) {
    const target = await aid.conn.db!.collection<UserRecord>('users').findOne({ _id: new Types.ObjectId(rawId) }, { projection: { realName: 1 } });
    if (!target?.realName || !managesCommunity(user, new Types.ObjectId(String(target.realName.communityId)))) throw new AppError('AID_PERSON_NOT_FOUND', 404);
    return target;
  }

  async function suspensions(user: UserRecord) {
    const current = await store.suspensions().find({ until: { $gt: now() } }, { hint: 'until' }).sort({ until: 1 }).limit(500).toArray();
    const inScope = current.length ? await aid.conn.db!.collection<UserRecord>('users').find({ _id: { $in: current.map((s) => s._id) } }, { projection: { 'realName.communityId': 1 } }).toArray() : [];
    const mine = new Set(inScope.filter((u) => u.realName && managesCommunity(user, new Types.ObjectId(String(u.realName.communityId)))).map((u) => u._id.toHexString()));
    const kept = current.filter((s) => mine.has(s._id.toHexString()));
    const cards = await people.cards(kept.map((s) => s._id));
    return { items: kept.flatMap((s) => { const person = cards.get(s._id.toHexString()); return person ? [{ person, until: s.until.toISOString(), reason: s.reason }] : []; }) };
  }

  async function liftSuspension(user: UserRecord, rawId: string): Promise<void> {
    const target = await residentInScope(user, rawId);
    await store.suspensions().deleteOne({ _id: target._id });
  }

  /** Asks nobody responded to within a day, still open, in the staff's communities. */
  async function unanswered(user: UserRecord) {
    const at = now();
    const list = await store.posts()
      .find({ ...staffScope(user), state: 'open', kind: 'ask', responses: 0, endsAt: { $gt: at }, createdAt: { $lte: new Date(at.getTime() - DAY_MS) } })
      .sort({ _id: 1 })
      .limit(100)
      .toArray();
    const summaries = await aid.summaries(list);
    return { items: summaries.map((s, i) => ({ ...s, ...(list[i]!.handedOver ? { handedOver: { note: list[i]!.handedOver!.note, at: list[i]!.handedOver!.at.toISOString() } } : {}) })) };
  }

  async function handover(user: UserRecord, rawId: string, note: string) {
    const post = await store.posts().findOne({ _id: new Types.ObjectId(rawId) });
    if (!post || !managesCommunity(user, post.communityId)) throw new AppError('AID_POST_NOT_FOUND', 404);
    const updated = await store.posts().findOneAndUpdate({ _id: post._id, state: 'open' }, { $set: { handedOver: { note, by: user._id, at: now() } } }, { returnDocument: 'after' });
    if (!updated) throw new AppError('AID_STATE_CONFLICT', 409);
    await aid.notify('handed_over', updated, updated.authorId, post._id.toHexString(), `社区工作人员已接手：${note}`);
    return aid.view(user, updated, 'staff');
  }

  /** Hours credited per community, for staff (their communities; the admin every one). */
  async function timeBankTotals(user: UserRecord) {
    const scope = managedCommunities(user);
    const match = scope === 'street' ? {} : { communityId: { $in: scope } };
    const rows = await timeBank.Ledger(aid.conn).aggregate<{ _id: mongo.BSON.ObjectId; hours: number; helpers: unknown[] }>([
      { $match: match },
      { $group: { _id: '$communityId', hours: { $sum: '$delta' }, helpers: { $addToSet: '$userId' } } },
    ]);
    const names = new Map((await aid.conn.db!.collection('communities').find({ _id: { $in: rows.map((r) => r._id) } }, { projection: { name: 1 } }).toArray()).map((c) => [String(c._id), String(c.name)]));
    return {
      items: rows
        .map((r) => ({ communityId: r._id.toHexString(), communityName: names.get(r._id.toHexString()) ?? '', hours: Math.round(r.hours * 100) / 100, helpers: r.helpers.length }))
        .sort((a, b) => b.hours - a.hours),
    };
  }

  /**
   * The sweep: open posts past their end become expired; finished posts not confirmed within three days
   * are confirmed with the helper's hours and credited (on the author's behalf, with the reason); and a
   * confirmed post whose credit a crash lost is credited now. Each a conditional write, so runs in
   * several processes agree.
   */
  async function sweep(at: Date = now()): Promise<{ expired: number; confirmed: number }> {
    const expired = await store.posts().updateMany({ state: 'open', endsAt: { $lte: at } }, { $set: { state: 'expired' } });
    let confirmed = 0;
    const due = await store.posts().find({ state: 'done', doneAt: { $lte: new Date(at.getTime() - AUTO_CONFIRM_MS) } }, { hint: 'state_done' }).limit(200).toArray();
    for (const post of due) {
      const done = await store.posts().findOneAndUpdate({ _id: post._id, state: 'done' }, { $set: { state: 'confirmed', confirmedHours: post.claimedHours, confirmedAt: at } }, { returnDocument: 'after' });
      if (!done) continue;
      await aid.credit(done, done.claimedHours!, done.authorId, '完成后3天未确认，系统按帮忙人填写的时长自动确认');
      await aid.notify('confirmed', done, done.helperId!, post._id.toHexString(), `已自动确认完成，${done.claimedHours}小时已记入时间银行`);
      confirmed++;
    }
    return { expired: expired.modifiedCount, confirmed };
  }

  return { report, moderationQueue, moderate, reportedPeople, suspensions, liftSuspension, suspend, unanswered, handover, timeBankTotals, sweep };
}

export type AidSafety = ReturnType<typeof createAidSafety>;
