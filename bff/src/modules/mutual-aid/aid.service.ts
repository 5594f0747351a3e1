import { Types, type mongo } from 'mongoose';
import {
  ageOn, distanceMeters, type AidAction, type AidCategoryBody, type AidCategoryView, type AidMessageView, type AidPostDraft, type AidPostSummary,
  type AidPostView, type AidState, type TimeBankView,
} from '@gongzhi/shared';
import type { Refusal } from '../../platform/action-table';
import { refused } from '../../platform/action-table';
import { now } from '../../platform/clock';
import type { AppDeps } from '../../platform/deps';
import { isDuplicateKeyError } from '../../platform/database';
import { AppError } from '../../platform/errors';
import { invalidCursor } from '../../platform/pagination';
import { managesCommunity } from '../identity/community-scope';
import type { UserRecord } from '../identity/user.model';
import { noticeTo } from '../notifications/notices';
import { aidNotice, type AidNoticeKind } from '../notifications/templates';
import { attachPhotos, checkOwnPhotos } from '../uploads/photos';
import { judgeAid, offeredAid, type AidFacts, type AidRole } from './aid-actions';
import { aidPeople } from './aid-people';
import { aidStore, pairId, timeBank, type AidCategoryRecord, type AidPostRecord } from './aid-store';

/** The categories a new district starts with (admin-editable); minors only where marked. */
export const DEFAULT_AID_CATEGORIES: Array<Omit<AidCategoryRecord, 'active'>> = [
  { _id: 'errand', name: '跑腿代购', openToMinors: true, order: 1 },
  { _id: 'clinic', name: '陪同就医', openToMinors: false, order: 2 },
  { _id: 'repair', name: '家居维修', openToMinors: false, order: 3 },
  { _id: 'tutoring', name: '学习辅导', openToMinors: true, order: 4 },
  { _id: 'company', name: '照看陪伴', openToMinors: false, order: 5 },
  { _id: 'lending', name: '物品借用', openToMinors: true, order: 6 },
  { _id: 'other', name: '其他', openToMinors: true, order: 7 },
];

const HOUR_MS = 3600_000;
/** A post starts within 30 days of being made and lasts at most 30 days (shared/mutual-aid.ts), so an open post is at most this old. */
export const OPEN_POST_MAX_AGE_DAYS = 60;
/** The feed's windows of time, each four times the last; the widest covers every open post. */
const FEED_WINDOWS_DAYS = [1, 4, 16, OPEN_POST_MAX_AGE_DAYS + 1];
/** How far the feed's "nearest" looks. */
const NEAREST_METRES = 5000;
/** Messages are announced at most once per person per this window (batched). */
const MESSAGE_BATCH_MS = 10 * 60_000;

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** 社区互助 (issue 13): posts, taking one on, the conversation, completion and the time bank. */
export function createAidService({ conn, wechat, cipher }: Pick<AppDeps, 'conn' | 'wechat' | 'cipher'>) {
  const store = aidStore(conn);
  const people = aidPeople(conn);

  // ---- categories -----------------------------------------------------------------------------------

  async function categoryRecords(): Promise<AidCategoryRecord[]> {
    let found = await store.categories().find({}).sort({ order: 1 }).toArray();
    if (found.length === 0) {
      // a new district: the defaults, once (upserts, so two first readers agree)
      for (const c of DEFAULT_AID_CATEGORIES) await store.categories().updateOne({ _id: c._id }, { $setOnInsert: { ...c, active: true } }, { upsert: true });
      found = await store.categories().find({}).sort({ order: 1 }).toArray();
    }
    return found;
  }

  const categoryView = (c: AidCategoryRecord): AidCategoryView => ({ code: c._id, name: c.name, openToMinors: c.openToMinors, active: c.active });

  async function categories(): Promise<{ items: AidCategoryView[] }> {
    return { items: (await categoryRecords()).map(categoryView) };
  }

  async function setCategory(code: string, body: AidCategoryBody): Promise<AidCategoryView> {
    const order = (await categoryRecords()).length + 1;
    const updated = await store.categories().findOneAndUpdate({ _id: code }, { $set: body, $setOnInsert: { order } }, { upsert: true, returnDocument: 'after' });
    return categoryView(updated!);
  }

  // ---- my card --------------------------------------------------------------------------------------------

  /** A nickname of the resident's choosing: content-checked, never their own real name, unique. */
  async function setNickname(user: UserRecord, nickname: string) {
    residentOf(user);
    const named = (message: string) => new AppError('VALIDATION_FAILED', 400, [{ path: 'nickname', message }]);
    if (/^邻居[0-9A-F]{4}$/i.test(nickname)) throw named('“邻居”加四位编号是系统给出的昵称，请换一个');
    const realName = cipher.decrypt(user.realName!.nameCipher);
    // the whole name, or the given name of a name of three characters or more (周桂芳 → 桂芳)
    const given = realName.length > 2 ? realName.slice(1) : realName;
    if (nickname.includes(given)) throw named('昵称不能包含您的真实姓名');
    const verdict = await wechat.checkText({ openid: user.openid, content: nickname, scene: 1 });
    if (verdict.suggest === 'risky') throw new AppError('CONTENT_RISKY', 400, [{ path: 'nickname', message: '昵称可能包含不当信息，请换一个' }]);
    return people.setNickname(user._id, nickname);
  }

  // ---- who someone is to a post -------------------------------------------------------------------------

  const isMinor = (user: UserRecord) => !!user.realName && ageOn(user.realName.birthDate, now()) < 18;

  function residentOf(user: UserRecord): mongo.BSON.ObjectId {
    if (!user.realName) throw new AppError('REAL_NAME_REQUIRED', 403);
    return new Types.ObjectId(String(user.realName.communityId));
  }

  /** The state as people see it: an open post past its end is expired (the sweep writes it down later). */
  const stateOf = (post: AidPostRecord, at = now()): AidState => (post.state === 'open' && post.endsAt <= at ? 'expired' : post.state);

  async function roleOf(user: UserRecord, post: AidPostRecord): Promise<AidRole> {
    if (post.authorId.equals(user._id)) return 'author';
    if (post.helperId?.equals(user._id)) return 'helper';
    if (user.realName && post.communityId.equals(user.realName.communityId)) {
      const responded = (await store.responses().countDocuments({ _id: pairId(post._id, user._id) }, { limit: 1 })) > 0;
      return responded ? 'responder' : 'neighbour';
    }
    return 'staff';
  }

  async function findPost(rawId: string): Promise<AidPostRecord> {
    const post = await store.posts().findOne({ _id: new Types.ObjectId(rawId) });
    if (!post) throw new AppError('AID_POST_NOT_FOUND', 404);
    return post;
  }

  /**
   * The post as this person may reach it: its community's residents (not blocked by or blocking its
   * author) while it is visible; its author and helper always; the community's staff always. Anyone
   * else: 404, so ids cannot be probed.
   */
  async function reachablePost(user: UserRecord, rawId: string): Promise<{ post: AidPostRecord; role: AidRole }> {
    const post = await findPost(rawId);
    const role = await roleOf(user, post);
    if (role === 'author' || role === 'helper') return { post, role };
    if (role === 'staff') {
      if (!managesCommunity(user, post.communityId)) throw new AppError('AID_POST_NOT_FOUND', 404);
      return { post, role };
    }
    if (post.state === 'hidden' || post.state === 'removed' || (await people.isBlocked(user._id, post.authorId))) throw new AppError('AID_POST_NOT_FOUND', 404);
    return { post, role };
  }

  async function factsFor(user: UserRecord, post: AidPostRecord, role: AidRole, extra: Partial<AidFacts> = {}): Promise<AidFacts> {
    const category = (await categoryRecords()).find((c) => c._id === post.category);
    const side = role === 'author' || role === 'helper' ? role : undefined;
    const [blocked, suspended, rated] = await Promise.all([
      role === 'author' ? Promise.resolve(false) : people.isBlocked(user._id, post.authorId),
      people.isSuspended(user._id),
      role === 'author' || role === 'helper' ? store.ratings().countDocuments({ _id: pairId(post._id, user._id) }, { limit: 1 }).then((n) => n > 0) : Promise.resolve(false),
    ]);
    return { blocked, minorBarred: isMinor(user) && !category?.openToMinors, suspended, responded: false, rated, hoursFit: true, phoneShared: !!(side && post.phoneShare?.[side]), ...extra };
  }

  function guard(action: AidAction, post: AidPostRecord, role: AidRole, facts: AidFacts): void {
    const refusal: Refusal | null = judgeAid(action, stateOf(post) === 'expired' ? 'expired' : post.state, role, facts);
    if (refusal) throw refused(refusal);
  }

  // ---- views ------------------------------------------------------------------------------------------

  const placeOf = (post: AidPostRecord) => JSON.parse(cipher.decrypt(post.placeCipher)) as { lat: number; lng: number; address: string };

  async function summaries(list: AidPostRecord[], from?: { lat: number; lng: number }): Promise<AidPostSummary[]> {
    const [cats, cards] = await Promise.all([categoryRecords(), people.cards(list.map((p) => p.authorId))]);
    return list.map((p) => {
      const [lng, lat] = p.rough.coordinates;
      return {
        id: p._id.toHexString(),
        kind: p.kind,
        category: p.category,
        categoryName: cats.find((c) => c._id === p.category)?.name ?? p.category,
        text: p.text,
        state: stateOf(p),
        startsAt: p.startsAt.toISOString(),
        endsAt: p.endsAt.toISOString(),
        area: p.area,
        roughPoint: { lat, lng },
        communityId: p.communityId.toHexString(),
        ...(from ? { distance: Math.round(distanceMeters(from, { lat, lng }) / 100) * 100 } : {}),
        responses: p.responses,
        author: cards.get(p.authorId.toHexString())!,
        createdAt: p.createdAt.toISOString(),
      };
    });
  }

  async function view(user: UserRecord, post: AidPostRecord, role: AidRole): Promise<AidPostView> {
    const [[summary], facts] = await Promise.all([summaries([post]), factsFor(user, post, role)]);
    const responseDocs = role === 'author' || role === 'staff'
      ? await store.responses().find({ postId: post._id }, { hint: 'post' }).sort({ at: 1 }).limit(100).toArray()
      : role === 'responder' || role === 'helper'
        ? await store.responses().find({ _id: pairId(post._id, user._id) }).toArray()
        : [];
    const cards = await people.cards([...responseDocs.map((r) => r.userId), ...(post.helperId ? [post.helperId] : [])]);
    const party = role === 'author' || role === 'helper';
    const place = party ? placeOf(post) : undefined;
    const phones = party && post.helperId ? await phonesFor(post, role) : undefined;
    return {
      ...summary!,
      photoIds: post.photoIds.map(String),
      ...(place ? { place: { point: { lat: place.lat, lng: place.lng }, address: place.address } } : {}),
      ...(post.helperId ? { helper: cards.get(post.helperId.toHexString())! } : {}),
      responseList: responseDocs.map((r) => ({ responder: cards.get(r.userId.toHexString())!, note: r.note, at: r.at.toISOString(), accepted: !!post.helperId?.equals(r.userId) })),
      hours: { ...(post.claimedHours !== undefined ? { claimed: post.claimedHours } : {}), ...(post.confirmedHours !== undefined ? { confirmed: post.confirmedHours } : {}) },
      ...(phones ? { phones } : {}),
      ...(post.moderation && (role === 'author' || role === 'staff') ? { moderation: { reason: post.moderation.reason } } : {}),
      viewer: { role, actions: role === 'staff' ? [] : offeredAid(stateOf(post) === 'expired' ? 'expired' : post.state, role, facts), rated: facts.rated },
    };
  }

  async function notify(kind: AidNoticeKind, post: AidPostRecord, to: mongo.BSON.ObjectId, key: string, detail?: string): Promise<void> {
    await noticeTo(conn, { key: `aid-${kind}:${key}`, kind: `aid_${kind}`, userId: to, subjectId: post._id }, aidNotice(kind, post, now(), detail));
  }

  // ---- posting ------------------------------------------------------------------------------------------

  /** `madeAt`: when the post was first made (its start must fall within 30 days of that, for the feed's windows). */
  async function checkedDraft(user: UserRecord, draft: AidPostDraft, madeAt: Date = now()): Promise<void> {
    const category = (await categoryRecords()).find((c) => c._id === draft.category && c.active);
    if (!category) throw new AppError('AID_CATEGORY_UNKNOWN', 400, [{ path: 'category', message: '没有这个互助类别' }]);
    if (isMinor(user) && !category.openToMinors) throw new AppError('AID_MINOR_CATEGORY', 403, [{ path: 'category', message: `未成年人不能发布“${category.name}”` }]);
    if (new Date(draft.endsAt) <= now()) throw new AppError('VALIDATION_FAILED', 400, [{ path: 'endsAt', message: '结束时间已过' }]);
    if (new Date(draft.startsAt).getTime() > madeAt.getTime() + 30 * 24 * HOUR_MS) throw new AppError('VALIDATION_FAILED', 400, [{ path: 'startsAt', message: '开始时间最晚在30天内' }]);
    const verdict = await wechat.checkText({ openid: user.openid, content: `${draft.text}\n${draft.place.area}`, scene: 1 });
    if (verdict.suggest === 'risky') throw new AppError('CONTENT_RISKY', 400, [{ path: 'text', message: '内容可能包含不当信息，请修改后再发布' }]);
    await checkOwnPhotos(conn, draft.photoIds.map((id) => new Types.ObjectId(id)), user._id, 'photoIds');
  }

  function recordOf(draft: AidPostDraft) {
    const { lat, lng } = draft.place.point;
    return {
      kind: draft.kind,
      category: draft.category,
      text: draft.text,
      photoIds: draft.photoIds.map((id) => new Types.ObjectId(id)),
      startsAt: new Date(draft.startsAt),
      endsAt: new Date(draft.endsAt),
      placeCipher: cipher.encrypt(JSON.stringify({ lat, lng, address: draft.place.address })),
      area: draft.place.area,
      rough: { type: 'Point' as const, coordinates: [round3(lng), round3(lat)] as [number, number] },
    };
  }

  async function createPost(user: UserRecord, draft: AidPostDraft): Promise<AidPostView> {
    const communityId = residentOf(user);
    if (await people.isSuspended(user._id)) throw new AppError('AID_SUSPENDED', 403);
    await checkedDraft(user, draft);
    const post: AidPostRecord = { _id: new Types.ObjectId(), ...recordOf(draft), communityId, authorId: user._id, state: 'open', responses: 0, reports: 0, createdAt: now() };
    await store.posts().insertOne(post);
    await attachPhotos(conn, post.photoIds, user._id, { aidPostId: post._id });
    return view(user, post, 'author');
  }

  async function updatePost(user: UserRecord, rawId: string, draft: AidPostDraft): Promise<AidPostView> {
    const { post, role } = await reachablePost(user, rawId);
    guard('edit', post, role, await factsFor(user, post, role));
    await checkedDraft(user, draft, post.createdAt);
    const updated = await store.posts().findOneAndUpdate({ _id: post._id, state: 'open', helperId: { $exists: false } }, { $set: recordOf(draft) }, { returnDocument: 'after' });
    if (!updated) throw new AppError('AID_STATE_CONFLICT', 409);
    await attachPhotos(conn, updated.photoIds, user._id, { aidPostId: post._id });
    return view(user, updated, 'author');
  }

  async function closePost(user: UserRecord, rawId: string): Promise<AidPostView> {
    const { post, role } = await reachablePost(user, rawId);
    guard('close', post, role, await factsFor(user, post, role));
    const closed = await store.posts().findOneAndUpdate({ _id: post._id, state: 'open' }, { $set: { state: 'closed' } }, { returnDocument: 'after' });
    if (!closed) throw new AppError('AID_STATE_CONFLICT', 409);
    return view(user, closed, role);
  }

  async function postDetail(user: UserRecord, rawId: string): Promise<AidPostView> {
    const { post, role } = await reachablePost(user, rawId);
    return view(user, post, role);
  }

  // ---- the feed -----------------------------------------------------------------------------------------

  async function feed(user: UserRecord, q: { kind?: 'ask' | 'offer'; category?: string; sort: 'newest' | 'nearest'; lat?: number; lng?: number; cursor?: string; limit: number }) {
    const communityId = residentOf(user);
    const at = now();
    const blocked = await people.blockedWith(user._id);
    const cats = await categoryRecords();
    const filter: mongo.Filter<AidPostRecord> = { communityId, state: 'open', endsAt: { $gt: at } };
    if (q.kind) filter.kind = q.kind;
    if (q.category) filter.category = q.category;
    else if (isMinor(user)) filter.category = { $in: cats.filter((c) => c.openToMinors).map((c) => c._id) };
    if (blocked.length) filter.authorId = { $nin: blocked };
    if (q.sort === 'nearest') {
      if (q.lat === undefined || q.lng === undefined) throw new AppError('VALIDATION_FAILED', 400, [{ path: 'query.lat', message: '按距离排序需要您的位置' }]);
      // $near pages by offset: the cursor is how many came before
      const offset = q.cursor === undefined ? 0 : Number(q.cursor);
      if (!Number.isInteger(offset) || offset < 0 || offset > 1000) throw invalidCursor();
      filter.rough = { $near: { $geometry: { type: 'Point', coordinates: [q.lng, q.lat] }, $maxDistance: NEAREST_METRES } } as never;
      const rows = await store.posts().find(filter).skip(offset).limit(q.limit + 1).toArray();
      const page = rows.slice(0, q.limit);
      return { items: await summaries(page, { lat: q.lat, lng: q.lng }), nextCursor: rows.length > q.limit ? String(offset + q.limit) : null };
    }
    if (q.cursor !== undefined && !/^[0-9a-f]{24}$/.test(q.cursor)) throw invalidCursor();
    const before = q.cursor ? new Types.ObjectId(q.cursor) : undefined;
    // Newest first, looked for in windows of time going back from the cursor (or now): the engine sorts
    // what a window holds, so a window stays small however many posts the community has made over the
    // years. An open post was made at most OPEN_POST_MAX_AGE_DAYS ago, so the widest window finds them all.
    const from = before ? before.getTimestamp().getTime() + 1000 : at.getTime();
    let rows: AidPostRecord[] = [];
    for (const days of FEED_WINDOWS_DAYS) {
      const since = Types.ObjectId.createFromTime(Math.floor((from - days * 24 * HOUR_MS) / 1000));
      filter._id = before ? { $lt: before, $gte: since } : { $gte: since };
      rows = await store.posts().find(filter, { hint: 'community_state_id' }).sort({ communityId: 1, state: 1, _id: -1 }).limit(q.limit + 1).toArray();
      if (rows.length > q.limit) break;
    }
    const page = rows.slice(0, q.limit);
    return { items: await summaries(page), nextCursor: rows.length > q.limit ? page[page.length - 1]!._id.toHexString() : null };
  }

  async function mine(user: UserRecord, role: 'author' | 'helper'): Promise<{ items: AidPostSummary[] }> {
    const filter = role === 'author' ? { authorId: user._id } : { helperId: user._id };
    const list = await store.posts().find(filter, { hint: role === 'author' ? 'author_id' : 'helper_id' }).sort({ _id: -1 }).limit(100).toArray();
    return { items: await summaries(list) };
  }

  // ---- taking it on -------------------------------------------------------------------------------------

  async function respond(user: UserRecord, rawId: string, note: string): Promise<AidPostView> {
    residentOf(user);
    const { post, role } = await reachablePost(user, rawId);
    guard('respond', post, role, await factsFor(user, post, role));
    try {
      await store.responses().insertOne({ _id: pairId(post._id, user._id), postId: post._id, userId: user._id, note, at: now() });
    } catch (err) {
      if (isDuplicateKeyError(err)) throw new AppError('AID_ALREADY_RESPONDED', 409);
      throw err;
    }
    const counted = await store.posts().findOneAndUpdate({ _id: post._id }, { $inc: { responses: 1 } }, { returnDocument: 'after' });
    await notify('response', post, post.authorId, pairId(post._id, user._id));
    return view(user, counted ?? post, 'responder');
  }

  /** The author accepts one responder: a conditional write, so of two accepts at once exactly one wins. */
  async function accept(user: UserRecord, rawId: string, responderId: string): Promise<AidPostView> {
    const { post, role } = await reachablePost(user, rawId);
    const helperId = new Types.ObjectId(responderId);
    const response = await store.responses().findOne({ _id: pairId(post._id, helperId) });
    const blocked = await people.isBlocked(user._id, helperId);
    guard('accept', post, role, await factsFor(user, post, role, { responded: !!response, blocked }));
    const at = now();
    const accepted = await store.posts().findOneAndUpdate(
      { _id: post._id, state: 'open', helperId: { $exists: false }, endsAt: { $gt: at } },
      { $set: { state: 'accepted', helperId, acceptedAt: at } },
      { returnDocument: 'after' },
    );
    if (!accepted) throw new AppError('AID_ALREADY_ACCEPTED', 409);
    await notify('accepted', accepted, helperId, post._id.toHexString());
    // the others, politely
    const others = await store.responses().find({ postId: post._id }, { hint: 'post' }).toArray();
    for (const r of others) if (!r.userId.equals(helperId)) await notify('taken', accepted, r.userId, r._id);
    return view(user, accepted, 'author');
  }

  // ---- the conversation ---------------------------------------------------------------------------------

  /** Staff read a conversation only when something in it (or its post) was reported. */
  async function staffMayRead(post: AidPostRecord): Promise<boolean> {
    if (post.reports > 0) return true;
    return (await store.messages().countDocuments({ postId: post._id, reports: { $gt: 0 } }, { limit: 1 })) > 0;
  }

  async function messages(user: UserRecord, rawId: string): Promise<{ items: AidMessageView[] }> {
    const { post, role } = await reachablePost(user, rawId);
    const party = role === 'author' || role === 'helper';
    if (!party && !(role === 'staff' && (await staffMayRead(post)))) throw new AppError('AID_NOT_PARTY', 403);
    const list = await store.messages().find({ postId: post._id }, { hint: 'post_id' }).sort({ postId: 1, _id: 1 }).limit(500).toArray();
    const cards = await people.cards([post.authorId, ...(post.helperId ? [post.helperId] : [])]);
    return {
      items: list.map((m) => {
        const hide = m.hidden && role !== 'staff';
        return {
          id: m._id.toHexString(),
          mine: m.senderId.equals(user._id),
          sender: cards.get(m.senderId.toHexString())?.nickname ?? '',
          text: hide ? '' : m.text,
          photoIds: hide ? [] : m.photoIds.map(String),
          at: m.at.toISOString(),
          hidden: m.hidden,
        };
      }),
    };
  }

  async function sendMessage(user: UserRecord, rawId: string, body: { text: string; photoIds: string[] }): Promise<AidMessageView> {
    const { post, role } = await reachablePost(user, rawId);
    guard('message', post, role, await factsFor(user, post, role));
    if (body.text) {
      const verdict = await wechat.checkText({ openid: user.openid, content: body.text, scene: 1 });
      if (verdict.suggest === 'risky') throw new AppError('CONTENT_RISKY', 400, [{ path: 'text', message: '内容可能包含不当信息，请修改后再发送' }]);
    }
    const photoIds = body.photoIds.map((id) => new Types.ObjectId(id));
    await checkOwnPhotos(conn, photoIds, user._id, 'photoIds');
    const at = now();
    const message = { _id: new Types.ObjectId(), postId: post._id, senderId: user._id, text: body.text, photoIds, at, reports: 0, hidden: false };
    await store.messages().insertOne(message);
    await attachPhotos(conn, photoIds, user._id, { aidChatId: post._id });
    const to = role === 'author' ? post.helperId! : post.authorId;
    // one notice per person per ten minutes, however many messages
    await notify('message', post, to, `${post._id.toHexString()}:${to.toHexString()}:${Math.floor(at.getTime() / MESSAGE_BATCH_MS)}`);
    const sender = (await people.cards([user._id])).get(user._id.toHexString())!;
    return { id: message._id.toHexString(), mine: true, sender: sender.nickname, text: message.text, photoIds: body.photoIds, at: at.toISOString(), hidden: false };
  }

  // ---- phone numbers, shared only by choice of both --------------------------------------------------------

  /** What each side of a taken post sees of the phones: whether each has shared, and the other's number once both have. */
  async function phonesFor(post: AidPostRecord, role: 'author' | 'helper'): Promise<{ mine: boolean; theirs: boolean; theirPhone?: string }> {
    const mine = !!post.phoneShare?.[role];
    const theirs = !!post.phoneShare?.[role === 'author' ? 'helper' : 'author'];
    if (!mine || !theirs) return { mine, theirs };
    const other = await conn.db!.collection<UserRecord>('users').findOne({ _id: role === 'author' ? post.helperId! : post.authorId }, { projection: { 'realName.phoneCipher': 1 } });
    return { mine, theirs, ...(other?.realName ? { theirPhone: cipher.decrypt(other.realName.phoneCipher) } : {}) };
  }

  async function setPhoneShared(user: UserRecord, rawId: string, share: boolean): Promise<AidPostView> {
    const { post, role } = await reachablePost(user, rawId);
    guard(share ? 'share_phone' : 'withhold_phone', post, role, await factsFor(user, post, role));
    const side = role as 'author' | 'helper';
    const field = `phoneShare.${side}`;
    const updated = await store.posts().findOneAndUpdate(
      { _id: post._id, [side === 'author' ? 'authorId' : 'helperId']: user._id, state: { $in: ['accepted', 'done', 'confirmed'] } },
      share ? { $set: { [field]: now() } } : { $unset: { [field]: '' } },
      { returnDocument: 'after' },
    );
    if (!updated) throw new AppError('AID_STATE_CONFLICT', 409);
    if (share) {
      const to = side === 'author' ? updated.helperId! : updated.authorId;
      const both = !!updated.phoneShare?.author && !!updated.phoneShare?.helper;
      await notify('message', updated, to, `${post._id.toHexString()}:phone:${side}`, both ? '双方都已公开手机号，可以在对话页查看' : '对方愿意公开手机号，您也公开后双方可见');
    }
    return view(user, updated, side);
  }

  // ---- completion and the time bank ----------------------------------------------------------------------

  const windowHours = (post: AidPostRecord) => (post.endsAt.getTime() - post.startsAt.getTime()) / HOUR_MS;

  async function complete(user: UserRecord, rawId: string, hours: number): Promise<AidPostView> {
    const { post, role } = await reachablePost(user, rawId);
    guard('complete', post, role, await factsFor(user, post, role, { hoursFit: hours <= windowHours(post) }));
    const done = await store.posts().findOneAndUpdate({ _id: post._id, state: 'accepted', helperId: user._id }, { $set: { state: 'done', claimedHours: hours, doneAt: now() } }, { returnDocument: 'after' });
    if (!done) throw new AppError('AID_STATE_CONFLICT', 409);
    await notify('done', done, post.authorId, post._id.toHexString());
    return view(user, done, 'helper');
  }

  /** Credits the helper once: the ledger's first entry for this post is unique, so a repeat changes nothing. */
  async function credit(post: AidPostRecord, hours: number, by: mongo.BSON.ObjectId, reason?: string): Promise<void> {
    try {
      await timeBank.append(conn, { userId: post.helperId!, postId: post._id, communityId: post.communityId, hours, confirmedBy: by, ...(reason ? { reason } : {}) } as never, null);
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'HOURS_ALREADY_CONFIRMED')) throw err;
    }
  }

  async function confirm(user: UserRecord, rawId: string, hours: number): Promise<AidPostView> {
    const { post, role } = await reachablePost(user, rawId);
    guard('confirm', post, role, await factsFor(user, post, role, { hoursFit: hours <= windowHours(post) }));
    const confirmed = await store.posts().findOneAndUpdate({ _id: post._id, state: 'done' }, { $set: { state: 'confirmed', confirmedHours: hours, confirmedAt: now() } }, { returnDocument: 'after' });
    if (!confirmed) throw new AppError('AID_STATE_CONFLICT', 409);
    await credit(confirmed, hours, user._id);
    await notify('confirmed', confirmed, confirmed.helperId!, post._id.toHexString(), `对方已确认完成，${hours}小时已记入时间银行`);
    return view(user, confirmed, 'author');
  }

  async function rate(user: UserRecord, rawId: string, body: { stars: number; tags: string[] }): Promise<AidPostView> {
    const { post, role } = await reachablePost(user, rawId);
    guard('rate', post, role, await factsFor(user, post, role));
    const rateeId = role === 'author' ? post.helperId! : post.authorId;
    const tags = [...new Set(body.tags)];
    try {
      await store.ratings().insertOne({ _id: pairId(post._id, user._id), postId: post._id, raterId: user._id, rateeId, stars: body.stars, tags, at: now() });
    } catch (err) {
      if (isDuplicateKeyError(err)) throw new AppError('AID_ALREADY_RATED', 409);
      throw err;
    }
    await store.reputation().updateOne({ _id: rateeId }, { $inc: { count: 1, sum: body.stars, ...Object.fromEntries(tags.map((t) => [`tags.${t}`, 1])) } }, { upsert: true });
    return view(user, post, role);
  }

  /** The uploads' access check: a post's photos go with the post; a conversation's only to its two sides (and staff handling a report). */
  async function seesPhotos(user: UserRecord, upload: { aidPostId?: mongo.BSON.ObjectId | null; aidChatId?: mongo.BSON.ObjectId | null }): Promise<boolean> {
    const subject = upload.aidPostId ?? upload.aidChatId;
    if (!subject) return false;
    try {
      const { post, role } = await reachablePost(user, subject.toHexString());
      if (upload.aidPostId) return true;
      return role === 'author' || role === 'helper' || (role === 'staff' && (await staffMayRead(post)));
    } catch {
      return false;
    }
  }

  async function myTimeBank(user: UserRecord): Promise<TimeBankView> {
    const entries = await timeBank.Ledger(conn).find({ userId: user._id } as never).sort({ at: -1 }).limit(100).lean();
    const posts = entries.length ? await store.posts().find({ _id: { $in: entries.map((e) => e.postId as mongo.BSON.ObjectId) } }, { projection: { text: 1 } }).toArray() : [];
    const texts = new Map(posts.map((p) => [p._id.toHexString(), p.text]));
    return {
      balance: await timeBank.totalOf(conn, user._id),
      entries: entries.map((e) => ({
        postId: String(e.postId),
        hours: e.hours as number,
        delta: e.delta as number,
        kind: e.kind as 'confirmation' | 'correction',
        at: (e.at as Date).toISOString(),
        text: texts.get(String(e.postId)) ?? '',
      })),
    };
  }

  return {
    conn, people, store, stateOf, summaries, view, reachablePost, notify, credit, categoryRecords,
    setNickname, setPhoneShared, categories, setCategory, createPost, updatePost, closePost, postDetail, feed, mine, respond, accept, messages, sendMessage, complete, confirm, rate, myTimeBank, seesPhotos,
  };
}

export type AidService = ReturnType<typeof createAidService>;

