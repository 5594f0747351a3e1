import { Schema, Types, type mongo } from 'mongoose';
import {
  DESK_RULES, cstDate, maskName, type CaseAction, type CaseKind, type CaseState, type CaseSummary, type CaseView, type EnterpriseDashboard, type ErrorCode,
  type ItemView,
} from '@gongzhi/shared';
import { judgeAction, offeredActions, type ActionRule, type Refusal } from '../../platform/action-table';
import { now } from '../../platform/clock';
import { isDuplicateKeyError, modelFor } from '../../platform/database';
import type { AppDeps } from '../../platform/deps';
import { AppError } from '../../platform/errors';
import { judgedWrite } from '../../platform/judged-write';
import { createCalendarService } from '../calendar/calendar.service';
import type { UserRecord } from '../identity/user.model';
import { noticeTo } from '../notifications/notices';
import { enterpriseCaseNotice } from '../notifications/templates';
import { attachPhotos, checkOwnPhotos } from '../uploads/photos';
import { isOfficer, type EnterpriseService } from './enterprises.service';

type Side = 'enterprise' | 'officer';

interface CaseEvent {
  action: 'open' | CaseAction;
  by: Side;
  userId: mongo.BSON.ObjectId;
  text: string;
  photoIds: mongo.BSON.ObjectId[];
  at: Date;
}

interface CaseRecord {
  _id: mongo.BSON.ObjectId;
  number: string;
  enterpriseId: mongo.BSON.ObjectId;
  enterpriseName: string;
  kind: CaseKind;
  item?: { id: mongo.BSON.ObjectId; title: string };
  /** `<enterprise>:<item>` on an intent only: one 意向申报 per enterprise and item (unique, sparse) */
  intentKey?: string;
  subject: string;
  state: CaseState;
  version: number;
  openedBy: mongo.BSON.ObjectId;
  /** while open: when the officers' reply is due (working days, the street's calendar) */
  replyDueAt?: Date;
  events: CaseEvent[];
  rating?: { stars: number; comment: string; at: Date };
  createdAt: Date;
  updatedAt: Date;
}

interface FavouriteRecord {
  _id: string;
  enterpriseId: mongo.BSON.ObjectId;
  itemId: mongo.BSON.ObjectId;
  at: Date;
}

/** What the desk's rules look at besides the state and the side. */
interface CaseFacts {
  rated: boolean;
  /** the officers have replied at least once */
  replied: boolean;
}

const holds = (test: (f: CaseFacts) => boolean, refusal: ErrorCode) => ({ holds: test, refusal });

/** The one table of a service-desk case's life: the guards and the buttons both read it. */
export const CASE_TABLE: Record<CaseAction, ActionRule<CaseState, Side, CaseFacts>> = {
  reply: { from: ['open', 'answered'], to: 'answered', roles: ['officer'], requires: [], offered: true },
  follow_up: { from: ['answered'], to: 'open', roles: ['enterprise'], requires: [], offered: true },
  close: { from: ['open', 'answered'], to: 'closed', roles: ['enterprise'], requires: [], offered: true },
  rate: {
    from: ['answered', 'closed'], roles: ['enterprise'],
    requires: [holds((f) => f.replied, 'ENTERPRISE_CASE_STATE_CONFLICT'), holds((f) => !f.rated, 'ENTERPRISE_CASE_ALREADY_RATED')], offered: true,
  },
};

const judgeCase = (action: CaseAction, c: CaseRecord, side: Side): Refusal | null =>
  judgeAction(CASE_TABLE[action], { state: c.state, role: side, input: factsOf(c), conflict: 'ENTERPRISE_CASE_STATE_CONFLICT' });
const factsOf = (c: CaseRecord): CaseFacts => ({ rated: !!c.rating, replied: c.events.some((e) => e.action === 'reply') });

const loose = (collection: string) => new Schema({}, { strict: false, collection, versionKey: false, autoCreate: true });
const cases = loose('enterprise_cases');
cases.index({ enterpriseId: 1, _id: -1 }, { name: 'enterprise_id' });
// the officers' queue: by state, the reply due soonest first (overdue: open and due before now)
cases.index({ state: 1, replyDueAt: 1 }, { name: 'state_due' });
cases.index({ intentKey: 1 }, { name: 'intent', unique: true, sparse: true });
cases.index({ 'item.id': 1, kind: 1 }, { name: 'item_kind' });
const favourites = loose('enterprise_favourites');
favourites.index({ enterpriseId: 1, at: -1 }, { name: 'enterprise_at' });
favourites.index({ itemId: 1 }, { name: 'item' });
// running tallies for the dashboard, so it never reads every case or favourite: per item (favourites,
// intents) and for the desk (ratings). Each moves with the write it counts, by a conditional $inc.
const interest = loose('enterprise_item_interest');
const tallies = loose('enterprise_desk_tallies');
const MODELS = [modelFor('EnterpriseCase', cases), modelFor('EnterpriseFavourite', favourites), modelFor('EnterpriseItemInterest', interest), modelFor('EnterpriseDeskTally', tallies)];

/**
 * 企业服务台 (issue 15): cases an enterprise opens (a question, a request for help, or 意向申报 about an
 * item), answered by the street's enterprise service officers within DESK_RULES.replyWorkingDays
 * working days; favourites; and the officers' dashboard. A case moves only through CASE_TABLE and
 * platform/judged-write (the same read–judge–conditional-write the complaints use); its deadline is
 * counted on the street's working calendar, as complaints' are.
 */
export function createServiceDesk(deps: Pick<AppDeps, 'conn' | 'cipher'>, enterprises: EnterpriseService) {
  const { conn, cipher } = deps;
  for (const m of MODELS) m(conn);
  const calendar = createCalendarService(deps);
  const store = {
    cases: () => conn.db!.collection<CaseRecord>('enterprise_cases'),
    favourites: () => conn.db!.collection<FavouriteRecord>('enterprise_favourites'),
    interest: () => conn.db!.collection<{ _id: mongo.BSON.ObjectId; favourites: number; intents: number }>('enterprise_item_interest'),
    tallies: () => conn.db!.collection<{ _id: string; ratings: number; stars: number }>('enterprise_desk_tallies'),
  };
  const countInterest = (itemId: mongo.BSON.ObjectId, field: 'favourites' | 'intents', by: 1 | -1) =>
    store.interest().updateOne({ _id: itemId }, { $inc: { [field]: by } }, { upsert: true });
  const replyDue = (from: Date) => calendar.deadlineFrom(from, { amount: DESK_RULES.replyWorkingDays, unit: 'working_days' });

  // ---- views ------------------------------------------------------------------------------------------

  function summary(c: CaseRecord, at = now()): CaseSummary {
    return {
      id: c._id.toHexString(),
      number: c.number,
      kind: c.kind,
      subject: c.subject,
      state: c.state,
      enterpriseId: c.enterpriseId.toHexString(),
      enterpriseName: c.enterpriseName,
      ...(c.item ? { item: { id: c.item.id.toHexString(), title: c.item.title } } : {}),
      ...(c.replyDueAt && c.state === 'open' ? { replyDueAt: c.replyDueAt.toISOString() } : {}),
      overdue: c.state === 'open' && !!c.replyDueAt && c.replyDueAt < at,
      ...(c.rating ? { rating: { stars: c.rating.stars, comment: c.rating.comment } } : {}),
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
    };
  }

  async function view(c: CaseRecord, side: Side): Promise<CaseView> {
    // the enterprise's people appear to the officers by masked name; the officers to the enterprise as the office
    const people = await conn.db!.collection<UserRecord>('users')
      .find({ _id: { $in: [...new Set(c.events.filter((e) => e.by === 'enterprise').map((e) => e.userId.toHexString()))].map((id) => new Types.ObjectId(id)) } }, { projection: { 'realName.nameCipher': 1 } })
      .toArray();
    const names = new Map(people.map((p) => [p._id.toHexString(), p.realName ? maskName(cipher.decrypt(p.realName.nameCipher)) : '企业成员']));
    return {
      ...summary(c),
      events: c.events.map((e) => ({
        action: e.action,
        by: e.by,
        label: e.by === 'officer' ? '企业服务部' : `${c.enterpriseName} ${names.get(e.userId.toHexString()) ?? '企业成员'}`,
        text: e.text,
        photoIds: e.photoIds.map(String),
        at: e.at.toISOString(),
      })),
      viewer: { side, actions: offeredActions(CASE_TABLE, (action) => judgeCase(action, c, side)) },
    };
  }

  // ---- reaching a case ----------------------------------------------------------------------------------

  /** Its enterprise's members and the officers; anyone else: 404, so case ids cannot be probed. */
  async function reachableCase(user: UserRecord, rawId: string): Promise<{ c: CaseRecord; side: Side }> {
    const c = await store.cases().findOne({ _id: new Types.ObjectId(rawId) });
    if (!c) throw new AppError('ENTERPRISE_CASE_NOT_FOUND', 404);
    if (isOfficer(user)) return { c, side: 'officer' };
    if (!(await enterprises.isMember(user, c.enterpriseId))) throw new AppError('ENTERPRISE_CASE_NOT_FOUND', 404);
    return { c, side: 'enterprise' };
  }

  /** A member acting for their verified enterprise (officers read cases but do not open them for it). */
  async function actingFor(user: UserRecord, rawId: string) {
    const e = await enterprises.reachable(user, rawId);
    if (!(await enterprises.isMember(user, e._id))) throw new AppError('ENTERPRISE_NOT_FOUND', 404);
    if (e.state !== 'verified') throw new AppError('ENTERPRISE_NOT_VERIFIED', 409);
    return e;
  }

  async function currentItem(rawId: string) {
    const item = (await enterprises.currentItems()).find((i) => i._id.toHexString() === rawId);
    if (!item) throw new AppError('ENTERPRISE_ITEM_NOT_FOUND', 404);
    return item;
  }

  // ---- opening ------------------------------------------------------------------------------------------

  async function insertCase(user: UserRecord, e: { _id: mongo.BSON.ObjectId; name: string }, fields: Pick<CaseRecord, 'kind' | 'subject' | 'item' | 'intentKey'>, text: string, photoIds: mongo.BSON.ObjectId[]): Promise<CaseView> {
    const at = now();
    const _id = new Types.ObjectId();
    const record: CaseRecord = {
      _id,
      number: `QY${cstDate(at).replaceAll('-', '')}${_id.toHexString().slice(-4).toUpperCase()}`,
      enterpriseId: e._id,
      enterpriseName: e.name,
      ...fields,
      state: 'open',
      version: 0,
      openedBy: user._id,
      replyDueAt: await replyDue(at),
      events: [{ action: 'open', by: 'enterprise', userId: user._id, text, photoIds, at }],
      createdAt: at,
      updatedAt: at,
    };
    if (!record.item) delete record.item;
    if (!record.intentKey) delete record.intentKey;
    await store.cases().insertOne(record);
    await attachPhotos(conn, photoIds, user._id, { enterpriseCaseId: _id });
    return view(record, 'enterprise');
  }

  async function openCase(user: UserRecord, rawId: string, body: { kind: 'question' | 'help'; itemId?: string; subject: string; text: string; photoIds: string[] }): Promise<CaseView> {
    const e = await actingFor(user, rawId);
    const item = body.itemId ? await currentItem(body.itemId) : undefined;
    const photoIds = body.photoIds.map((id) => new Types.ObjectId(id));
    await checkOwnPhotos(conn, photoIds, user._id, 'photoIds');
    return insertCase(user, e, { kind: body.kind, subject: body.subject, ...(item ? { item: { id: item._id, title: item.title } } : {}) }, body.text, photoIds);
  }

  /** 意向申报: the enterprise means to apply for this item; once per enterprise and item (the unique intent key). */
  async function declareIntent(user: UserRecord, rawId: string, rawItemId: string, text: string): Promise<CaseView> {
    const e = await actingFor(user, rawId);
    const item = await currentItem(rawItemId);
    try {
      const opened = await insertCase(
        user, e,
        { kind: 'intent', subject: `意向申报：${item.title}`.slice(0, 40), item: { id: item._id, title: item.title }, intentKey: `${e._id.toHexString()}:${item._id.toHexString()}` },
        text || `我们有意申报“${item.title}”，请告知申报材料和流程。`,
        [],
      );
      await countInterest(item._id, 'intents', 1);
      return opened;
    } catch (err) {
      if (isDuplicateKeyError(err)) throw new AppError('ENTERPRISE_INTENT_EXISTS', 409);
      throw err;
    }
  }

  async function enterpriseCases(user: UserRecord, rawId: string): Promise<{ items: CaseSummary[] }> {
    const e = await enterprises.reachable(user, rawId);
    const list = await store.cases().find({ enterpriseId: e._id }, { hint: 'enterprise_id', projection: { events: 0 } }).sort({ enterpriseId: 1, _id: -1 }).limit(200).toArray();
    return { items: list.map((c) => summary(c)) };
  }

  /** The officers' queue: open ones first with the reply due soonest, then the rest newest first. */
  async function queue(q: { state?: CaseState; overdue?: 'true' | 'false' }): Promise<{ items: CaseSummary[] }> {
    const at = now();
    const filter: mongo.Filter<CaseRecord> = {};
    if (q.state) filter.state = q.state;
    if (q.overdue === 'true') Object.assign(filter, { state: 'open', replyDueAt: { $lt: at } });
    const list = await store.cases().find(filter, { hint: 'state_due', projection: { events: 0 } }).sort({ state: 1, replyDueAt: 1 }).limit(300).toArray();
    const order: Record<CaseState, number> = { open: 0, answered: 1, closed: 2 };
    list.sort((a, b) => order[a.state] - order[b.state] || (a.state === 'open' ? +a.replyDueAt! - +b.replyDueAt! : +b.updatedAt - +a.updatedAt));
    const items = list.map((c) => summary(c, at));
    return { items: q.overdue === 'false' ? items.filter((c) => !c.overdue) : items };
  }

  async function detail(user: UserRecord, rawId: string): Promise<CaseView> {
    const { c, side } = await reachableCase(user, rawId);
    return view(c, side);
  }

  // ---- moving a case ------------------------------------------------------------------------------------

  /** The case after the action, and the side that took it (for its view). */
  async function move(user: UserRecord, rawId: string, action: CaseAction, change: (c: CaseRecord, at: Date) => Promise<mongo.UpdateFilter<CaseRecord>>): Promise<{ moved: CaseRecord; side: Side }> {
    const { c: first, side } = await reachableCase(user, rawId);
    const at = now();
    const moved = await judgedWrite<CaseRecord>({
      first,
      read: async () => (await reachableCase(user, rawId)).c,
      judge: (c) => judgeCase(action, c, side),
      conflict: 'ENTERPRISE_CASE_STATE_CONFLICT',
      write: async (c) => {
        const update = await change(c, at);
        const to = CASE_TABLE[action].to;
        return store.cases().findOneAndUpdate(
          { _id: c._id, state: c.state, version: c.version },
          { ...update, $set: { ...(update.$set ?? {}), ...(to ? { state: to } : {}), updatedAt: at }, $inc: { version: 1 } },
          { returnDocument: 'after' },
        );
      },
    });
    return { moved, side };
  }
  const viewOf = async (done: Promise<{ moved: CaseRecord; side: Side }>) => {
    const { moved, side } = await done;
    return view(moved, side);
  };

  const event = (action: CaseAction, by: Side, user: UserRecord, text: string, photoIds: mongo.BSON.ObjectId[], at: Date): CaseEvent => ({ action, by, userId: user._id, text, photoIds, at });

  async function reply(user: UserRecord, rawId: string, body: { text: string; photoIds: string[] }): Promise<CaseView> {
    const photoIds = body.photoIds.map((id) => new Types.ObjectId(id));
    await checkOwnPhotos(conn, photoIds, user._id, 'photoIds');
    const { moved: c, side } = await move(user, rawId, 'reply', async (_c, at) => ({ $push: { events: event('reply', 'officer', user, body.text, photoIds, at) }, $unset: { replyDueAt: '' } }));
    await attachPhotos(conn, photoIds, user._id, { enterpriseCaseId: c._id });
    // to the member who opened it, once per reply (the key names the case and how many replies it has)
    const replies = c.events.filter((e) => e.action === 'reply').length;
    await noticeTo(conn, { key: `enterprise-case:${rawId}:reply:${replies}`, kind: 'enterprise_case', userId: c.openedBy, subjectId: c._id }, enterpriseCaseNotice({ id: rawId, subject: c.subject, number: c.number }, body.text, now()));
    return view(c, side);
  }

  async function followUp(user: UserRecord, rawId: string, body: { text: string; photoIds: string[] }): Promise<CaseView> {
    const photoIds = body.photoIds.map((id) => new Types.ObjectId(id));
    await checkOwnPhotos(conn, photoIds, user._id, 'photoIds');
    const { moved, side } = await move(user, rawId, 'follow_up', async (_c, at) => ({ $push: { events: event('follow_up', 'enterprise', user, body.text, photoIds, at) }, $set: { replyDueAt: await replyDue(at) } }));
    await attachPhotos(conn, photoIds, user._id, { enterpriseCaseId: moved._id });
    return view(moved, side);
  }

  const closeCase = (user: UserRecord, rawId: string) =>
    viewOf(move(user, rawId, 'close', async (_c, at) => ({ $push: { events: event('close', 'enterprise', user, '', [], at) }, $unset: { replyDueAt: '' } })));

  async function rateCase(user: UserRecord, rawId: string, body: { stars: number; comment: string }): Promise<CaseView> {
    const rated = await viewOf(move(user, rawId, 'rate', async (_c, at) => ({ $set: { rating: { stars: body.stars, comment: body.comment, at } }, $push: { events: event('rate', 'enterprise', user, `${body.stars}星${body.comment ? `：${body.comment}` : ''}`, [], at) } })));
    await store.tallies().updateOne({ _id: 'ratings' }, { $inc: { ratings: 1, stars: body.stars } }, { upsert: true });
    return rated;
  }

  /** The photos' access check: a case's attachments go to its enterprise's members and the officers. */
  async function seesPhotos(user: UserRecord, caseId: mongo.BSON.ObjectId): Promise<boolean> {
    try {
      await reachableCase(user, caseId.toHexString());
      return true;
    } catch {
      return false;
    }
  }

  // ---- favourites ---------------------------------------------------------------------------------------

  const favouriteId = (e: mongo.BSON.ObjectId, item: mongo.BSON.ObjectId) => `${e.toHexString()}:${item.toHexString()}`;

  async function favourite(user: UserRecord, rawId: string, rawItemId: string, on: boolean): Promise<void> {
    const e = await actingFor(user, rawId);
    if (!on) {
      const itemId = new Types.ObjectId(rawItemId);
      // counted down only by the delete that removed it, so two taps at once count once
      if ((await store.favourites().deleteOne({ _id: favouriteId(e._id, itemId) })).deletedCount === 1) await countInterest(itemId, 'favourites', -1);
      return;
    }
    const item = await currentItem(rawItemId);
    const marked = await store.favourites().updateOne({ _id: favouriteId(e._id, item._id) }, { $setOnInsert: { enterpriseId: e._id, itemId: item._id, at: now() } }, { upsert: true });
    if (marked.upsertedCount === 1) await countInterest(item._id, 'favourites', 1);
  }

  async function favouriteItems(user: UserRecord, rawId: string): Promise<{ items: ItemView[] }> {
    const e = await enterprises.reachable(user, rawId);
    const marked = await store.favourites().find({ enterpriseId: e._id }, { hint: 'enterprise_at' }).sort({ enterpriseId: 1, at: -1 }).limit(200).toArray();
    const current = new Map((await enterprises.currentItems()).map((i) => [i._id.toHexString(), i]));
    return { items: marked.flatMap((f) => { const item = current.get(f.itemId.toHexString()); return item ? [enterprises.itemView(item)] : []; }) };
  }

  // ---- the officers' dashboard ---------------------------------------------------------------------------

  /**
   * Counts only: enterprises and cases by state (each an indexed count), the running tallies of ratings
   * and of each item's favourites and intents, and how many verified enterprises each item fits.
   */
  async function dashboard(): Promise<EnterpriseDashboard> {
    const at = now();
    const items = await enterprises.currentItems();
    const byState = (state: CaseState) => store.cases().countDocuments({ state }, { hint: 'state_due' });
    const [byEnterpriseState, open, answered, closed, overdue, ratings, interestRows, matched] = await Promise.all([
      enterprises.countByState(),
      byState('open'),
      byState('answered'),
      byState('closed'),
      store.cases().countDocuments({ state: 'open', replyDueAt: { $lt: at } }, { hint: 'state_due' }),
      store.tallies().findOne({ _id: 'ratings' }),
      store.interest().find({ _id: { $in: items.map((i) => i._id) } }).toArray(),
      enterprises.matchedCounts(items),
    ]);
    const interestOf = new Map(interestRows.map((r) => [r._id.toHexString(), r]));
    return {
      enterprises: byEnterpriseState,
      cases: { open, answered, closed, overdue, meanStars: ratings?.ratings ? Math.round((ratings.stars / ratings.ratings) * 10) / 10 : null },
      items: items
        .map((i) => {
          const id = i._id.toHexString();
          return { id, title: i.title, kind: i.kind, matched: matched.get(id) ?? 0, favourites: interestOf.get(id)?.favourites ?? 0, intents: interestOf.get(id)?.intents ?? 0 };
        })
        .sort((a, b) => b.intents - a.intents || b.matched - a.matched),
    };
  }

  return { openCase, declareIntent, enterpriseCases, queue, detail, reply, followUp, closeCase, rateCase, seesPhotos, favourite, favouriteItems, dashboard };
}

export type ServiceDesk = ReturnType<typeof createServiceDesk>;
