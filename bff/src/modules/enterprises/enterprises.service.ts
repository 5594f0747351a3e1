import { randomBytes } from 'node:crypto';
import { Schema, Types, type Connection, type mongo } from 'mongoose';
import {
  industryName, maskName, maskPhone, matchCriteria, sizeClassOf, type EligibilityCriteria, type EnterpriseDraft, type EnterpriseState, type EnterpriseView, type ItemDraft,
  type ItemView, type MatchView, type SizeClass,
} from '@gongzhi/shared';
import { now } from '../../platform/clock';
import { isDuplicateKeyError, modelFor } from '../../platform/database';
import type { AppDeps } from '../../platform/deps';
import { AppError } from '../../platform/errors';
import type { UserRecord } from '../identity/user.model';
import { noticesTo } from '../notifications/notices';
import { attachPhotos, checkOwnPhotos } from '../uploads/photos';
import { enterpriseMatchNotice } from '../notifications/templates';

/**
 * 企业服务 (issue 15, first part): enterprises register (one per credit code, enforced by a unique
 * index), the street's enterprise service officers verify them, officers publish support items with
 * structured criteria, and a verified enterprise sees every current item as eligible, possibly eligible
 * or not, with one readable line per criterion (shared/enterprise-rules.ts). An enterprise's data is
 * its members' and the officers': anyone else gets 404.
 */
interface EnterpriseRecord {
  _id: mongo.BSON.ObjectId;
  name: string;
  creditCode: string;
  legalRepresentative: string;
  /** encrypted (field-crypto): a person's phone */
  contactPhoneCipher: string;
  industry: string;
  employees: number;
  revenueWan: number;
  assetsWan: number;
  sizeClass: SizeClass;
  foundedOn: string;
  communityId: mongo.BSON.ObjectId;
  communityName: string;
  tags: string[];
  state: EnterpriseState;
  /** when its members last looked at its matches: what came after is 新匹配 */
  matchesSeenAt?: Date;
  review?: { reason: string; by: mongo.BSON.ObjectId; at: Date };
  /** the business licence's photo (an upload attached to the enterprise) */
  licencePhotoId?: mongo.BSON.ObjectId;
  createdBy: mongo.BSON.ObjectId;
  createdAt: Date;
}

interface MemberRecord {
  _id: string;
  enterpriseId: mongo.BSON.ObjectId;
  userId: mongo.BSON.ObjectId;
  role: 'admin' | 'member';
  at: Date;
}

interface ItemRecord extends Omit<ItemDraft, 'criteria'> {
  _id: mongo.BSON.ObjectId;
  criteria: EligibilityCriteria;
  version: number;
  publishedBy: mongo.BSON.ObjectId;
  publishedAt: Date;
  /** the latest edit, and what it changed in words */
  changedAt?: Date;
  changes?: string[];
  /**
   * How many verified enterprises it fits (eligible, or possibly): counted whole when it is announced
   * (published or edited), then one more for each enterprise verified since. For the dashboard.
   */
  matched?: number;
}

/** 资源包: items grouped by theme. */
interface BundleRecord {
  _id: mongo.BSON.ObjectId;
  title: string;
  description: string;
  itemIds: mongo.BSON.ObjectId[];
  updatedBy: mongo.BSON.ObjectId;
  updatedAt: Date;
}

/** Which of an item's fields an edit names, in the words an enterprise reads. */
const FIELD_NAMES: Array<[keyof ItemDraft, string]> = [
  ['title', '名称'], ['issuer', '发布机构'], ['summary', '摘要'], ['body', '正文'], ['benefit', '支持内容'], ['howToApply', '申报方式'], ['sourceUrl', '原文链接'],
];

/** What an edit changed, one line each: values that read well are quoted old → new; the criteria are said to have changed. */
function changesBetween(before: ItemRecord, after: ItemDraft): string[] {
  const lines: string[] = [];
  for (const [field, name] of FIELD_NAMES) {
    const was = before[field] ?? '';
    const now = after[field] ?? '';
    if (was === now) continue;
    lines.push(field === 'body' || field === 'summary' || field === 'howToApply' ? `${name}有修改` : `${name}：由“${String(was)}”改为“${String(now)}”`);
  }
  if (before.validFrom !== after.validFrom || before.validUntil !== after.validUntil) lines.push(`有效期：由 ${before.validFrom} 至 ${before.validUntil} 改为 ${after.validFrom} 至 ${after.validUntil}`);
  if (JSON.stringify(before.criteria) !== JSON.stringify(after.criteria)) lines.push('申报条件有调整，请查看逐条说明');
  return lines;
}

const loose = (collection: string) => new Schema({}, { strict: false, collection, versionKey: false, autoCreate: true });
const enterprises = loose('enterprises');
enterprises.index({ creditCode: 1 }, { unique: true, name: 'credit_code' });
enterprises.index({ state: 1, createdAt: 1 }, { name: 'state_created' });
const members = loose('enterprise_members');
members.index({ userId: 1 }, { name: 'user' });
members.index({ enterpriseId: 1 }, { name: 'enterprise' });
const invitations = loose('enterprise_invitations');
// a code lasts 7 days: the database removes it after
invitations.index({ expiresAt: 1 }, { name: 'expires', expireAfterSeconds: 0 });
const items = loose('enterprise_items');
items.index({ validUntil: 1 }, { name: 'valid_until' });
// every earlier version of an item, as it was (`<item>:<version>`)
const itemVersions = loose('enterprise_item_versions');
const bundles = loose('enterprise_bundles');
const MODELS = [
  modelFor('Enterprise', enterprises), modelFor('EnterpriseMember', members), modelFor('EnterpriseItem', items), modelFor('EnterpriseInvitation', invitations),
  modelFor('EnterpriseItemVersion', itemVersions), modelFor('EnterpriseBundle', bundles),
];
const INVITATION_DAYS = 7;
const ITEMS_CACHE_MS = 30_000;
const itemsCache = new WeakMap<Connection, { items: ItemRecord[]; day: string; loadedAt: number }>();

export const isOfficer = (user: UserRecord) => (user.roles ?? []).some((b) => b.role === 'enterprise_officer' || b.role === 'admin');
const memberId = (e: mongo.BSON.ObjectId, u: mongo.BSON.ObjectId) => `${e.toHexString()}:${u.toHexString()}`;
const cstToday = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

export function createEnterpriseService({ conn, cipher }: Pick<AppDeps, 'conn' | 'cipher'>) {
  for (const m of MODELS) m(conn);
  const db = () => conn.db!;
  const store = {
    enterprises: () => db().collection<EnterpriseRecord>('enterprises'),
    members: () => db().collection<MemberRecord>('enterprise_members'),
    items: () => db().collection<ItemRecord>('enterprise_items'),
    itemVersions: () => db().collection<Omit<ItemRecord, '_id'> & { _id: string; itemId: mongo.BSON.ObjectId; replacedAt: Date }>('enterprise_item_versions'),
    bundles: () => db().collection<BundleRecord>('enterprise_bundles'),
    invitations: () => db().collection<{ _id: string; enterpriseId: mongo.BSON.ObjectId; by: mongo.BSON.ObjectId; expiresAt: Date }>('enterprise_invitations'),
  };

  function view(e: EnterpriseRecord): EnterpriseView {
    return {
      id: e._id.toHexString(),
      name: e.name,
      creditCode: e.creditCode,
      legalRepresentative: e.legalRepresentative,
      contactPhone: maskPhone(cipher.decrypt(e.contactPhoneCipher)),
      industry: e.industry,
      industryName: industryName(e.industry),
      employees: e.employees,
      revenueWan: e.revenueWan,
      assetsWan: e.assetsWan,
      sizeClass: e.sizeClass,
      foundedOn: e.foundedOn,
      communityId: e.communityId.toHexString(),
      communityName: e.communityName,
      tags: e.tags,
      state: e.state,
      ...(e.review ? { review: { reason: e.review.reason, at: e.review.at.toISOString() } } : {}),
      ...(e.licencePhotoId ? { licencePhotoId: e.licencePhotoId.toHexString() } : {}),
      createdAt: e.createdAt.toISOString(),
    };
  }

  /** Its members and the officers; anyone else: it does not exist. */
  async function reachable(user: UserRecord, rawId: string): Promise<EnterpriseRecord> {
    const e = await store.enterprises().findOne({ _id: new Types.ObjectId(rawId) });
    if (!e) throw new AppError('ENTERPRISE_NOT_FOUND', 404);
    if (isOfficer(user)) return e;
    const member = await store.members().countDocuments({ _id: memberId(e._id, user._id) }, { limit: 1 });
    if (!member) throw new AppError('ENTERPRISE_NOT_FOUND', 404);
    return e;
  }

  async function register(user: UserRecord, d: EnterpriseDraft): Promise<EnterpriseView> {
    if (!user.realName) throw new AppError('REAL_NAME_REQUIRED', 403);
    const community = await db().collection('communities').findOne({ _id: new Types.ObjectId(d.communityId) }, { projection: { name: 1 } });
    if (!community) throw new AppError('VALIDATION_FAILED', 400, [{ path: 'communityId', message: '社区不存在' }]);
    if (d.foundedOn > cstToday(now())) throw new AppError('VALIDATION_FAILED', 400, [{ path: 'foundedOn', message: '成立日期不能晚于今天' }]);
    const licence = d.licencePhotoId ? new Types.ObjectId(d.licencePhotoId) : undefined;
    if (licence) await checkOwnPhotos(conn, [licence], user._id, 'licencePhotoId');
    const e: EnterpriseRecord = {
      _id: new Types.ObjectId(), name: d.name, creditCode: d.creditCode, legalRepresentative: d.legalRepresentative,
      contactPhoneCipher: cipher.encrypt(d.contactPhone), industry: d.industry, employees: d.employees, revenueWan: d.revenueWan, assetsWan: d.assetsWan,
      sizeClass: sizeClassOf(d.industry, d), foundedOn: d.foundedOn, communityId: community._id, communityName: String(community.name), tags: d.tags,
      state: 'pending', ...(licence ? { licencePhotoId: licence } : {}), createdBy: user._id, createdAt: now(),
    };
    try {
      await store.enterprises().insertOne(e);
    } catch (err) {
      if (isDuplicateKeyError(err)) throw new AppError('ENTERPRISE_CREDIT_CODE_TAKEN', 409, [{ path: 'creditCode', message: '这个统一社会信用代码已登记过企业' }]);
      throw err;
    }
    await store.members().insertOne({ _id: memberId(e._id, user._id), enterpriseId: e._id, userId: user._id, role: 'admin', at: e.createdAt });
    if (licence) await attachPhotos(conn, [licence], user._id, { enterpriseId: e._id });
    return view(e);
  }

  async function mine(user: UserRecord): Promise<{ items: EnterpriseView[] }> {
    const mine = await store.members().find({ userId: user._id }, { hint: 'user' }).toArray();
    const list = mine.length ? await store.enterprises().find({ _id: { $in: mine.map((m) => m.enterpriseId) } }).toArray() : [];
    return { items: list.map(view) };
  }

  async function detail(user: UserRecord, rawId: string): Promise<EnterpriseView> {
    return view(await reachable(user, rawId));
  }

  async function reviewList(state: EnterpriseState): Promise<{ items: EnterpriseView[] }> {
    const list = await store.enterprises().find({ state }, { hint: 'state_created' }).sort({ state: 1, createdAt: 1 }).limit(200).toArray();
    return { items: list.map(view) };
  }

  async function decide(user: UserRecord, rawId: string, body: { decision: 'verify' | 'reject'; reason: string }): Promise<EnterpriseView> {
    const state: EnterpriseState = body.decision === 'verify' ? 'verified' : 'rejected';
    const decided = await store.enterprises().findOneAndUpdate(
      { _id: new Types.ObjectId(rawId), state: 'pending' },
      { $set: { state, review: { reason: body.reason, by: user._id, at: now() } } },
      { returnDocument: 'after' },
    );
    if (!decided) {
      if (!(await store.enterprises().countDocuments({ _id: new Types.ObjectId(rawId) }, { limit: 1 }))) throw new AppError('ENTERPRISE_NOT_FOUND', 404);
      throw new AppError('ENTERPRISE_ALREADY_REVIEWED', 409);
    }
    if (state === 'verified') {
      // one more enterprise each current item it fits now reaches (the decision above happens once)
      const at = now();
      const fits = (await currentItems()).filter((i) => matchCriteria(i.criteria, profileOf(decided), at).fit !== 'ineligible');
      if (fits.length) await store.items().updateMany({ _id: { $in: fits.map((i) => i._id) } }, { $inc: { matched: 1 } });
    }
    return view(decided);
  }

  function itemView(i: ItemRecord, bundleIds: string[] = []): ItemView {
    return {
      id: i._id.toHexString(), kind: i.kind, title: i.title, issuer: i.issuer, summary: i.summary, body: i.body,
      ...(i.sourceUrl ? { sourceUrl: i.sourceUrl } : {}),
      validFrom: i.validFrom, validUntil: i.validUntil, benefit: i.benefit, howToApply: i.howToApply,
      ...(i.benefitWan !== undefined ? { benefitWan: i.benefitWan } : {}),
      criteria: i.criteria as ItemView['criteria'], version: i.version, publishedAt: i.publishedAt.toISOString(),
      ...(i.changedAt ? { changedAt: i.changedAt.toISOString(), changes: i.changes ?? [] } : {}),
      bundleIds,
    };
  }

  /** Each item's bundles, from one read of the (few) bundles. */
  async function bundlesByItem(): Promise<Map<string, string[]>> {
    const by = new Map<string, string[]>();
    for (const b of await store.bundles().find({}, { projection: { itemIds: 1 } }).toArray()) {
      for (const id of b.itemIds) by.set(id.toHexString(), [...(by.get(id.toHexString()) ?? []), b._id.toHexString()]);
    }
    return by;
  }

  /**
   * An officer edits an item: the version it replaces is kept as it was, the item takes the new fields
   * and the next version with what changed in words, and every enterprise it now fits is told once for
   * this version. Two edits at once: the second finds the version moved on (409).
   */
  async function updateItem(user: UserRecord, rawId: string, d: ItemDraft): Promise<ItemView> {
    const before = await store.items().findOne({ _id: new Types.ObjectId(rawId) });
    if (!before) throw new AppError('ENTERPRISE_ITEM_NOT_FOUND', 404);
    const changes = changesBetween(before, d);
    if (changes.length === 0) return itemView(before, (await bundlesByItem()).get(rawId) ?? []);
    const { _id, ...snapshot } = before;
    await store.itemVersions().updateOne({ _id: `${rawId}:${before.version}` }, { $setOnInsert: { ...snapshot, itemId: _id, replacedAt: now() } }, { upsert: true });
    const at = now();
    const unset = Object.fromEntries((['sourceUrl', 'benefitWan'] as const).filter((k) => d[k] === undefined).map((k) => [k, '']));
    const updated = await store.items().findOneAndUpdate(
      { _id, version: before.version },
      { $set: { ...d, criteria: d.criteria, version: before.version + 1, changedAt: at, changes, changedBy: user._id }, ...(Object.keys(unset).length ? { $unset: unset } : {}) } as mongo.UpdateFilter<ItemRecord>,
      { returnDocument: 'after' },
    );
    if (!updated) throw new AppError('ENTERPRISE_ITEM_CHANGED', 409);
    itemsCache.delete(conn);
    await announceMatches(updated);
    return itemView(updated, (await bundlesByItem()).get(rawId) ?? []);
  }

  /** How many verified enterprises a draft's criteria reach (eligible, or possibly), before publishing. */
  async function previewCriteria(criteria: EligibilityCriteria): Promise<{ eligible: number; possible: number; verified: number }> {
    const at = now();
    const counts = { eligible: 0, possible: 0, verified: 0 };
    for await (const e of store.enterprises().find({ state: 'verified' }, { hint: 'state_created' })) {
      counts.verified++;
      const { fit } = matchCriteria(criteria, profileOf(e), at);
      if (fit !== 'ineligible') counts[fit]++;
    }
    return counts;
  }

  // ---- bundles (资源包) ----------------------------------------------------------------------------------

  const bundleView = (b: BundleRecord) => ({ id: b._id.toHexString(), title: b.title, description: b.description, itemIds: b.itemIds.map(String), updatedAt: b.updatedAt.toISOString() });

  async function checkedItemIds(ids: string[]): Promise<mongo.BSON.ObjectId[]> {
    const unique = [...new Set(ids)].map((id) => new Types.ObjectId(id));
    const found = await store.items().countDocuments({ _id: { $in: unique } });
    if (found !== unique.length) throw new AppError('ENTERPRISE_ITEM_NOT_FOUND', 404, [{ path: 'itemIds', message: '有的政策或服务不存在' }]);
    return unique;
  }

  async function listBundles() {
    return { items: (await store.bundles().find({}).sort({ title: 1 }).limit(200).toArray()).map(bundleView) };
  }

  async function saveBundle(user: UserRecord, rawId: string | null, body: { title: string; description: string; itemIds: string[] }) {
    const itemIds = await checkedItemIds(body.itemIds);
    const fields = { title: body.title, description: body.description, itemIds, updatedBy: user._id, updatedAt: now() };
    if (!rawId) {
      const made: BundleRecord = { _id: new Types.ObjectId(), ...fields };
      await store.bundles().insertOne(made);
      return bundleView(made);
    }
    const saved = await store.bundles().findOneAndUpdate({ _id: new Types.ObjectId(rawId) }, { $set: fields }, { returnDocument: 'after' });
    if (!saved) throw new AppError('ENTERPRISE_BUNDLE_NOT_FOUND', 404);
    return bundleView(saved);
  }

  async function publishItem(user: UserRecord, d: ItemDraft): Promise<ItemView> {
    const item: ItemRecord = { _id: new Types.ObjectId(), ...d, criteria: d.criteria, version: 1, publishedBy: user._id, publishedAt: now() };
    await store.items().insertOne(item);
    itemsCache.delete(conn);
    await announceMatches(item);
    return itemView(item);
  }

  /**
   * Every verified enterprise the item fits (eligible, or possibly) is told once, through the outbox:
   * the notice's key names the item and the enterprise, so a second run (or two at once) adds nothing.
   * It goes to the member who registered the enterprise. Verified enterprises are read in batches.
   */
  async function announceMatches(item: ItemRecord): Promise<number> {
    const at = now();
    const content = enterpriseMatchNotice(item, at, item.version > 1);
    // the first version keeps the key it always had; each later version is announced once more
    const keyOf = (e: EnterpriseRecord) => `enterprise-match:${item._id.toHexString()}${item.version > 1 ? `:v${item.version}` : ''}:${e._id.toHexString()}`;
    let told = 0;
    let fitting = 0;
    let batch: EnterpriseRecord[] = [];
    const flush = async () => {
      const fits = batch.filter((e) => matchCriteria(item.criteria, profileOf(e), at).fit !== 'ineligible');
      fitting += fits.length;
      told += await noticesTo(conn, fits.map((e) => ({ key: keyOf(e), kind: 'enterprise_match', userId: e.createdBy, subjectId: item._id })), content);
      batch = [];
    };
    for await (const e of store.enterprises().find({ state: 'verified' }, { hint: 'state_created' })) {
      batch.push(e);
      if (batch.length === 500) await flush();
    }
    await flush();
    // the count of this version (a later version's announcement, already running, keeps its own)
    await store.items().updateOne({ _id: item._id, version: item.version }, { $set: { matched: fitting } });
    return told;
  }

  const profileOf = (e: EnterpriseRecord) => ({
    industry: e.industry, sizeClass: e.sizeClass, foundedOn: e.foundedOn, employees: e.employees, revenueWan: e.revenueWan,
    communityId: e.communityId.toHexString(), communityName: e.communityName, tags: e.tags,
  });

  /**
   * The items in their validity window. Every match reads all of them, so they are kept in memory for
   * ITEMS_CACHE_MS per connection (like the calendar): one publishing here drops the copy at once, one
   * in another process is seen within that time.
   */
  async function currentItems(): Promise<ItemRecord[]> {
    const today = cstToday(now());
    const hit = itemsCache.get(conn);
    if (hit && hit.day === today && Date.now() - hit.loadedAt < ITEMS_CACHE_MS) return hit.items;
    const items = (await store.items().find({ validUntil: { $gte: today } }, { hint: 'valid_until' }).limit(5000).toArray()).filter((i) => i.validFrom <= today);
    itemsCache.set(conn, { items, day: today, loadedAt: Date.now() });
    return items;
  }

  async function listItems(): Promise<{ items: ItemView[] }> {
    const inBundles = await bundlesByItem();
    return { items: (await currentItems()).map((i) => itemView(i, inBundles.get(i._id.toHexString()) ?? [])) };
  }

  const FIT_ORDER = { eligible: 0, possible: 1, ineligible: 2 } as const;

  /** Every current item against this verified enterprise: eligible first, then possible, then the rest; within each, the larger benefit first. */
  async function matches(user: UserRecord, rawId: string, kind?: ItemDraft['kind'], bundle?: string): Promise<{ items: MatchView[] }> {
    const e = await reachable(user, rawId);
    if (e.state !== 'verified') throw new AppError('ENTERPRISE_NOT_VERIFIED', 409);
    const at = now();
    const names = new Map((await db().collection('communities').find({}, { projection: { name: 1 } }).toArray()).map((c) => [String(c._id), String(c.name)]));
    const profile = profileOf(e);
    const inBundles = await bundlesByItem();
    const list = (await currentItems()).filter((i) => (!kind || i.kind === kind) && (!bundle || (inBundles.get(i._id.toHexString()) ?? []).includes(bundle))).map((i) => ({ item: i, ...matchCriteria(i.criteria, profile, at, (id) => names.get(id) ?? id) }));
    list.sort((a, b) => FIT_ORDER[a.fit] - FIT_ORDER[b.fit] || (b.item.benefitWan ?? 0) - (a.item.benefitWan ?? 0));
    // what came after the members' last look is new to them; an officer's look changes nothing
    const seen = e.matchesSeenAt?.getTime() ?? 0;
    if (!isOfficer(user)) await store.enterprises().updateOne({ _id: e._id }, { $set: { matchesSeenAt: at } });
    return {
      items: list.map((m) => ({
        ...itemView(m.item, inBundles.get(m.item._id.toHexString()) ?? []),
        fit: m.fit,
        lines: m.lines,
        isNew: m.fit !== 'ineligible' && m.item.publishedAt.getTime() > seen,
        isChanged: m.fit !== 'ineligible' && !!m.item.changedAt && m.item.changedAt.getTime() > seen && m.item.publishedAt.getTime() <= seen,
      })),
    };
  }

  // ---- colleagues --------------------------------------------------------------------------------

  async function membership(user: UserRecord, e: EnterpriseRecord): Promise<MemberRecord | null> {
    return store.members().findOne({ _id: memberId(e._id, user._id) });
  }

  /** An admin member makes a one-time code (8 characters, 7 days) a colleague redeems to join. */
  async function invite(user: UserRecord, rawId: string): Promise<{ code: string; expiresAt: string }> {
    const e = await reachable(user, rawId);
    if ((await membership(user, e))?.role !== 'admin') throw new AppError('ENTERPRISE_ADMIN_ONLY', 403);
    const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
    const code = Array.from(randomBytes(8), (b) => alphabet[b % alphabet.length]).join('');
    const expiresAt = new Date(now().getTime() + INVITATION_DAYS * 24 * 3600_000);
    await store.invitations().insertOne({ _id: code, enterpriseId: e._id, by: user._id, expiresAt });
    return { code, expiresAt: expiresAt.toISOString() };
  }

  /** The code is spent by the one who redeems it (deleted in the same step), so it admits one colleague. */
  async function join(user: UserRecord, code: string): Promise<EnterpriseView> {
    if (!user.realName) throw new AppError('REAL_NAME_REQUIRED', 403);
    const invitation = await store.invitations().findOneAndDelete({ _id: code, expiresAt: { $gt: now() } });
    if (!invitation) throw new AppError('ENTERPRISE_INVITATION_INVALID', 404);
    await store.members().updateOne({ _id: memberId(invitation.enterpriseId, user._id) }, { $setOnInsert: { enterpriseId: invitation.enterpriseId, userId: user._id, role: 'member', at: now() } }, { upsert: true });
    return view((await store.enterprises().findOne({ _id: invitation.enterpriseId }))!);
  }

  async function memberList(user: UserRecord, rawId: string) {
    const e = await reachable(user, rawId);
    const list = await store.members().find({ enterpriseId: e._id }, { hint: 'enterprise' }).toArray();
    const people = await db().collection<UserRecord>('users').find({ _id: { $in: list.map((m) => m.userId) } }, { projection: { 'realName.nameCipher': 1 } }).toArray();
    const names = new Map(people.map((p) => [p._id.toHexString(), p.realName ? maskName(cipher.decrypt(p.realName.nameCipher)) : '']));
    return { items: list.map((m) => ({ userId: m.userId.toHexString(), name: names.get(m.userId.toHexString()) ?? '', role: m.role, me: m.userId.equals(user._id) })) };
  }

  /** An admin removes a colleague, or anyone leaves; from then on they cannot act for the enterprise. The last admin cannot leave. */
  async function removeMember(user: UserRecord, rawId: string, rawUserId: string): Promise<void> {
    const e = await reachable(user, rawId);
    const target = new Types.ObjectId(rawUserId);
    const self = target.equals(user._id);
    if (!self && (await membership(user, e))?.role !== 'admin') throw new AppError('ENTERPRISE_ADMIN_ONLY', 403);
    const leaving = await store.members().findOne({ _id: memberId(e._id, target) });
    if (!leaving) throw new AppError('ENTERPRISE_NOT_FOUND', 404);
    if (leaving.role === 'admin' && (await store.members().countDocuments({ enterpriseId: e._id, role: 'admin' })) <= 1) throw new AppError('ENTERPRISE_LAST_ADMIN', 409);
    await store.members().deleteOne({ _id: leaving._id });
  }

  /** The licence photo: the enterprise's members and the officers; nobody else. */
  async function seesLicence(user: UserRecord, enterpriseId: mongo.BSON.ObjectId): Promise<boolean> {
    return isOfficer(user) || isMember(user, enterpriseId);
  }

  async function isMember(user: UserRecord, enterpriseId: mongo.BSON.ObjectId): Promise<boolean> {
    return (await store.members().countDocuments({ _id: memberId(enterpriseId, user._id) }, { limit: 1 })) > 0;
  }

  /** Enterprises by verification state: one indexed count each. */
  async function countByState(): Promise<Record<EnterpriseState, number>> {
    const count = (state: EnterpriseState) => store.enterprises().countDocuments({ state }, { hint: 'state_created' });
    const [pending, verified, rejected] = await Promise.all([count('pending'), count('verified'), count('rejected')]);
    return { pending, verified, rejected };
  }

  /** For the officers' dashboard: how many verified enterprises each item fits (ItemRecord.matched), read by id. */
  async function matchedCounts(list: ItemRecord[]): Promise<Map<string, number>> {
    const rows = list.length ? await store.items().find({ _id: { $in: list.map((i) => i._id) } }, { projection: { matched: 1 } }).toArray() : [];
    return new Map(rows.map((r) => [r._id.toHexString(), r.matched ?? 0]));
  }

  /** The announcement again for a published item (the fan-out is idempotent: keys name item and enterprise). */
  async function announceItem(rawId: string): Promise<number> {
    const item = await store.items().findOne({ _id: new Types.ObjectId(rawId) });
    return item ? announceMatches(item) : 0;
  }

  return {
    register, mine, detail, reviewList, decide, publishItem, updateItem, previewCriteria, announceItem, listItems, listBundles, saveBundle, matches, invite, join, memberList, removeMember,
    // for the service desk (service-desk.ts)
    reachable, isMember, seesLicence, currentItems, itemView, countByState, matchedCounts,
  };
}

export type EnterpriseService = ReturnType<typeof createEnterpriseService>;
