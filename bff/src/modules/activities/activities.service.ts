import { Schema, Types, type Connection, type mongo } from 'mongoose';
import type { Logger } from 'pino';
import {
  ageOn, maskName, type ActivityDraft, type ActivityPaymentView, type PaymentState, type ActivitySummary, type ActivityView, type RegistrationStatus, type RichNode,
} from '@gongzhi/shared';
import { now } from '../../platform/clock';
import { csvTable } from '../../platform/csv';
import { modelFor } from '../../platform/database';
import type { AppDeps } from '../../platform/deps';
import { AppError } from '../../platform/errors';
import { issueQrToken, verifyQrToken } from '../../platform/rotating-qr';
import { createSeating, emptySeating, seatCounts, type SeatingHolder } from '../../platform/seating';
import type { UserRecord } from '../identity/user.model';
import { noticeTo, recordedKeys } from '../notifications/notices';
import { attachPhotos, checkOwnPhotos } from '../uploads/photos';
import { activityNotice, type ActivityNoticeKind } from '../notifications/templates';
import type { PaymentGateway } from '../payments/payment-gateway';
import { createActivityPayments, holdSeatForPayment } from './activity-payments';

/**
 * 活动 (issue 14): a community party committee publishes an activity; people register within its
 * capacity through the platform's seating (the same seats, waitlist and promotion as volunteer shifts),
 * are reminded, and check in with the platform's rotating QR code (keyed `activity:<id>`, so a shift's
 * code never opens an activity).
 */
export interface ActivityRecord extends SeatingHolder {
  communityId: mongo.BSON.ObjectId;
  communityName: string;
  createdBy: mongo.BSON.ObjectId;
  status: 'draft' | 'published' | 'cancelled';
  title: string;
  body: string;
  startsAt: Date;
  endsAt: Date;
  place: { point: { lat: number; lng: number }; address: string };
  registrationDeadline: Date;
  cancelCutoff: Date;
  audience: 'community' | 'street' | 'everyone';
  minAge?: number;
  maxAge?: number;
  realNameRequired: boolean;
  price: ActivityDraft['price'];
  coverId?: mongo.BSON.ObjectId;
  cancelReason?: string;
  createdAt: Date;
}

export interface RegistrationRecord {
  _id: mongo.BSON.ObjectId;
  activityId: mongo.BSON.ObjectId;
  userId: mongo.BSON.ObjectId;
  status: RegistrationStatus;
  ticket?: number | null;
  createdAt: Date;
  promotedAt?: Date;
  cancelledAt?: Date;
  checkedInAt?: Date;
  /** paid activities: the money (activity-payments.ts) and until when a held seat waits for it */
  payment?: PaymentState;
  holdUntil?: Date;
  refundedFen?: number;
}

const loose = (collection: string) => new Schema({}, { strict: false, collection, versionKey: false, autoCreate: true });
const activities = loose('activities');
// the list: published ones by start; the organiser's: by community, newest first; the reminders: by start
activities.index({ status: 1, startsAt: 1 }, { name: 'status_starts' });
activities.index({ communityId: 1, createdAt: -1 }, { name: 'community_created' });
const registrations = loose('activity_registrations');
// one per person (the seating's rule), the line in ticket order, and "my activities"
registrations.index({ activityId: 1, userId: 1 }, { unique: true, name: 'activity_user' });
registrations.index({ activityId: 1, status: 1, ticket: 1 }, { name: 'activity_status_ticket' });
registrations.index({ userId: 1, createdAt: -1 }, { name: 'user_created' });
const Activities = modelFor('Activity', activities);
const Registrations = modelFor('ActivityRegistration', registrations);

/** The body as rich-text nodes built here from plain text: `## ` headings, `- ` list items, blank-line paragraphs. Nothing typed becomes markup. */
export function richNodes(body: string): RichNode[] {
  const text = (t: string) => ({ type: 'text' as const, text: t });
  return body
    .split(/\n\s*\n/)
    .map((block) => block.split('\n').map((l) => l.trim()).filter(Boolean))
    .filter((lines) => lines.length > 0)
    .flatMap((lines): RichNode[] => {
      if (lines.every((l) => l.startsWith('- '))) return [{ name: 'ul', children: lines.map((l) => ({ name: 'li' as const, children: [text(l.slice(2))] })) }];
      return lines.map((l) => (l.startsWith('## ') ? { name: 'h3' as const, children: [text(l.slice(3))] } : { name: 'p' as const, children: [text(l)] }));
    });
}

/** The rotating code's subject: the kind first, so a shift's code never opens an activity. */
const qrSubject = (id: mongo.BSON.ObjectId) => `activity:${id.toHexString()}`;

export function createActivityService({ conn, config, cipher, logger }: Pick<AppDeps, 'conn' | 'config' | 'cipher'> & { logger?: Logger }, gateway: PaymentGateway) {
  Activities(conn);
  Registrations(conn);
  const store = {
    activities: () => conn.db!.collection<ActivityRecord>('activities'),
    registrations: () => conn.db!.collection<RegistrationRecord>('activity_registrations'),
  };
  const seating = activitySeating(conn);
  const payments = createActivityPayments({
    conn, gateway, logger,
    releaseSeat: async (r, status, at) => !!(await seating.leaveSeat(r.activityId, r._id, 'confirmed', status, at, status === 'expired' ? { expiredAt: at } : { cancelledAt: at })),
  });

  // ---- who may do what --------------------------------------------------------------------------

  function organises(user: UserRecord, a: Pick<ActivityRecord, 'communityId'>): boolean {
    return (user.roles ?? []).some((b) => b.role === 'admin' || (b.role === 'party_committee' && b.communityId && a.communityId.equals(b.communityId)));
  }

  /** The community a party committee member publishes for (the admin: the draft's own, given as the committee's). */
  function committeeCommunity(user: UserRecord): mongo.BSON.ObjectId {
    const binding = (user.roles ?? []).find((b) => b.role === 'party_committee' && b.communityId);
    if (!binding) throw new AppError('FORBIDDEN', 403, [{ path: 'role', message: '由社区党委发布活动' }]);
    return new Types.ObjectId(String(binding.communityId));
  }

  function audienceRefusal(user: UserRecord, a: ActivityRecord, at: Date): AppError | undefined {
    const realName = user.realName;
    if (a.realNameRequired && !realName) return new AppError('REAL_NAME_REQUIRED', 403);
    if (a.audience === 'community' && !(realName && a.communityId.equals(realName.communityId))) return new AppError('ACTIVITY_NOT_IN_AUDIENCE', 403);
    if (a.audience === 'street' && !realName) return new AppError('REAL_NAME_REQUIRED', 403);
    if (realName && ((a.minAge !== undefined && ageOn(realName.birthDate, at) < a.minAge) || (a.maxAge !== undefined && ageOn(realName.birthDate, at) > a.maxAge))) {
      return new AppError('ACTIVITY_AGE_RESTRICTED', 403);
    }
    return undefined;
  }

  async function findActivity(rawId: string): Promise<ActivityRecord> {
    const a = await store.activities().findOne({ _id: new Types.ObjectId(rawId) });
    if (!a) throw new AppError('ACTIVITY_NOT_FOUND', 404);
    return a;
  }

  /** Drafts only by their organisers; published and cancelled ones by everyone signed in (audience rules apply to registering). */
  async function visibleActivity(user: UserRecord, rawId: string) {
    const a = await findActivity(rawId);
    const manages = organises(user, a);
    if (a.status === 'draft' && !manages) throw new AppError('ACTIVITY_NOT_FOUND', 404);
    return { a, manages };
  }

  async function managedActivity(user: UserRecord, rawId: string): Promise<ActivityRecord> {
    const a = await findActivity(rawId);
    if (!organises(user, a)) throw new AppError('ACTIVITY_NOT_FOUND', 404);
    return a;
  }

  const mineOf = (activityId: mongo.BSON.ObjectId, userId: mongo.BSON.ObjectId) => store.registrations().findOne({ activityId, userId });

  // ---- views -------------------------------------------------------------------------------------

  function summary(a: ActivityRecord, mine: RegistrationRecord | null): ActivitySummary {
    const counts = seatCounts(a);
    return {
      id: a._id.toHexString(),
      title: a.title,
      communityName: a.communityName,
      startsAt: a.startsAt.toISOString(),
      endsAt: a.endsAt.toISOString(),
      address: a.place.address,
      audience: a.audience,
      price: a.price,
      state: a.status,
      capacity: counts.capacity,
      confirmed: counts.confirmed,
      waitlisted: counts.waitlisted,
      ...(mine ? { registration: mine.status } : {}),
      ...(mine?.payment ? { payment: mine.payment } : {}),
      ...(a.coverId ? { coverId: a.coverId.toHexString() } : {}),
    };
  }

  /** `known`: my registration and place in line as a request just made them (no need to read or count them again). */
  async function view(user: UserRecord, a: ActivityRecord, manages: boolean, known?: { mine: RegistrationRecord; waitlistPosition: number | null }): Promise<ActivityView> {
    const at = now();
    const mine = known ? known.mine : await mineOf(a._id, user._id);
    const holding = mine && (mine.status === 'confirmed' || mine.status === 'waitlisted');
    const refusal = audienceRefusal(user, a, at);
    const reason =
      a.status === 'cancelled'
        ? '活动已取消'
        : a.status === 'draft'
          ? '活动尚未发布'
          : holding
            ? mine.status === 'confirmed' ? '您已报名' : '您在候补名单中'
            : mine?.status === 'attended'
              ? '您已签到'
              : mine?.status === 'expired'
                ? '未在规定时间内支付，名额已释放'
              : at >= a.registrationDeadline
                ? '报名已截止'
                : refusal?.message;
    return {
      ...summary(a, mine),
      body: a.body,
      nodes: richNodes(a.body),
      point: a.place.point,
      registrationDeadline: a.registrationDeadline.toISOString(),
      cancelCutoff: a.cancelCutoff.toISOString(),
      ...(a.minAge !== undefined ? { minAge: a.minAge } : {}),
      ...(a.maxAge !== undefined ? { maxAge: a.maxAge } : {}),
      realNameRequired: a.realNameRequired,
      ...(a.cancelReason ? { cancelReason: a.cancelReason } : {}),
      viewer: {
        manages,
        canRegister: !reason,
        ...(reason ? { reason } : {}),
        canCancel: !!holding && a.status === 'published' && at < a.cancelCutoff,
        waitlistPosition: known ? known.waitlistPosition : mine ? await seating.waitlistPosition(a._id, mine) : null,
        ...(mine?.payment && a.price.kind !== 'free'
          ? { payment: { state: mine.payment, amountFen: a.price.amountFen, ...(mine.payment === 'awaiting' && mine.holdUntil ? { holdUntil: mine.holdUntil.toISOString() } : {}), refundedFen: mine.refundedFen ?? 0 } }
          : {}),
      },
    };
  }

  async function notifyRegistered(a: ActivityRecord, kind: ActivityNoticeKind, keyOf: (r: RegistrationRecord) => string, detail?: string): Promise<number> {
    const people = await store.registrations().find({ activityId: a._id, status: { $in: ['confirmed', 'waitlisted'] } }, { hint: 'activity_status_ticket' }).toArray();
    const keys = people.map(keyOf);
    const done = await recordedKeys(conn, keys);
    let sent = 0;
    for (const [i, r] of people.entries()) {
      if (done.has(keys[i]!)) continue;
      if (await noticeTo(conn, { key: keys[i]!, kind: `activity_${kind}`, userId: r.userId, subjectId: a._id }, activityNotice(kind, a, detail))) sent++;
    }
    return sent;
  }

  // ---- organisers ---------------------------------------------------------------------------------

  function recordOf(d: ActivityDraft) {
    return {
      title: d.title,
      body: d.body,
      startsAt: new Date(d.startsAt),
      endsAt: new Date(d.endsAt),
      place: d.place,
      capacity: d.capacity,
      registrationDeadline: new Date(d.registrationDeadline),
      cancelCutoff: new Date(d.cancelCutoff),
      audience: d.audience,
      ...(d.minAge !== undefined ? { minAge: d.minAge } : {}),
      ...(d.maxAge !== undefined ? { maxAge: d.maxAge } : {}),
      realNameRequired: d.realNameRequired,
      price: d.price,
      ...(d.coverId ? { coverId: new Types.ObjectId(d.coverId) } : {}),
    };
  }

  /** A cover must be the organiser's own upload not attached elsewhere (or the one it has); attached once the activity is stored. */
  async function checkCover(user: UserRecord, d: ActivityDraft, a?: ActivityRecord): Promise<void> {
    if (!d.coverId || a?.coverId?.toHexString() === d.coverId) return;
    await checkOwnPhotos(conn, [new Types.ObjectId(d.coverId)], user._id, 'coverId');
  }

  /** Whether this person may see the activity's cover: whoever may see the activity. */
  async function seesCover(user: UserRecord, activityId: mongo.BSON.ObjectId): Promise<boolean> {
    return visibleActivity(user, activityId.toHexString()).then(
      () => true,
      () => false,
    );
  }

  async function createActivity(user: UserRecord, d: ActivityDraft): Promise<ActivityView> {
    const communityId = committeeCommunity(user);
    const community = await conn.db!.collection('communities').findOne({ _id: communityId }, { projection: { name: 1 } });
    if (new Date(d.startsAt) <= now()) throw new AppError('VALIDATION_FAILED', 400, [{ path: 'startsAt', message: '开始时间已过' }]);
    const a: ActivityRecord = {
      _id: new Types.ObjectId(), communityId, communityName: String(community?.name ?? ''), createdBy: user._id, status: 'draft',
      ...recordOf(d), ...emptySeating, createdAt: now(),
    };
    await checkCover(user, d);
    await store.activities().insertOne(a);
    if (a.coverId) await attachPhotos(conn, [a.coverId], user._id, { activityId: a._id });
    return view(user, a, true);
  }

  /** A draft changes freely; a published one keeps its price and never shrinks below its registrations, and a change of time or place is told to everyone registered. */
  async function updateActivity(user: UserRecord, rawId: string, d: ActivityDraft): Promise<ActivityView> {
    const a = await managedActivity(user, rawId);
    if (a.status === 'cancelled') throw new AppError('ACTIVITY_CANCELLED', 409);
    const next = recordOf(d);
    if (a.status === 'published') {
      if (JSON.stringify(next.price) !== JSON.stringify(a.price)) throw new AppError('VALIDATION_FAILED', 400, [{ path: 'price', message: '发布后不能修改价格' }]);
      if (next.capacity < (a.confirmedCount ?? 0)) throw new AppError('VALIDATION_FAILED', 400, [{ path: 'capacity', message: `已有${a.confirmedCount}人报名，名额不能少于此数` }]);
    }
    await checkCover(user, d, a);
    const updated = await store.activities().findOneAndUpdate({ _id: a._id, status: a.status }, { $set: next, ...(next.coverId ? {} : { $unset: { coverId: '' } }) }, { returnDocument: 'after' });
    if (!updated) throw new AppError('ACTIVITY_NOT_DRAFT', 409);
    if (updated.coverId) await attachPhotos(conn, [updated.coverId], user._id, { activityId: updated._id });
    if (a.status === 'published') {
      if (next.capacity > a.capacity) await seating.seatTheLine(a._id, now());
      const moved = a.startsAt.getTime() !== next.startsAt.getTime() || a.place.address !== next.place.address;
      if (moved) {
        const version = `${next.startsAt.getTime()}:${next.place.address}`;
        await notifyRegistered(updated, 'changed', (r) => `activity-changed:${r._id.toHexString()}:${version}`);
      }
    }
    return view(user, updated, true);
  }

  async function publishActivity(user: UserRecord, rawId: string): Promise<ActivityView> {
    const a = await managedActivity(user, rawId);
    if (a.startsAt <= now()) throw new AppError('VALIDATION_FAILED', 400, [{ path: 'startsAt', message: '开始时间已过，请先修改' }]);
    const published = await store.activities().findOneAndUpdate({ _id: a._id, status: 'draft' }, { $set: { status: 'published' } }, { returnDocument: 'after' });
    if (!published) throw new AppError('ACTIVITY_NOT_DRAFT', 409);
    return view(user, published, true);
  }

  async function cancelActivity(user: UserRecord, rawId: string, reason: string): Promise<ActivityView> {
    const a = await managedActivity(user, rawId);
    const cancelled = await store.activities().findOneAndUpdate({ _id: a._id, status: { $in: ['draft', 'published'] } }, { $set: { status: 'cancelled', cancelReason: reason } }, { returnDocument: 'after' });
    if (!cancelled) throw new AppError('ACTIVITY_CANCELLED', 409);
    // every payment goes back: settled (queried, closed or refunded) before anyone is told
    if (cancelled.price.kind !== 'free') await payments.activityCancelled(cancelled._id, now());
    await notifyRegistered(cancelled, 'cancelled', (r) => `activity-cancelled:${r._id.toHexString()}`, `活动已取消：${reason}`);
    return view(user, cancelled, true);
  }

  async function managedActivities(user: UserRecord): Promise<{ items: ActivitySummary[] }> {
    const admin = (user.roles ?? []).some((b) => b.role === 'admin');
    const filter = admin ? {} : { communityId: committeeCommunity(user) };
    const list = await store.activities().find(filter, { hint: 'community_created' }).sort({ communityId: 1, createdAt: -1 }).limit(100).toArray();
    return { items: list.map((a) => summary(a, null)) };
  }

  // ---- residents ----------------------------------------------------------------------------------

  /** Published activities not yet ended that this person is in the audience of, soonest first. */
  async function listActivities(user: UserRecord, price: 'all' | 'free' | 'paid'): Promise<{ items: ActivitySummary[] }> {
    const at = now();
    const filter: mongo.Filter<ActivityRecord> = { status: 'published', startsAt: { $gt: new Date(at.getTime() - 24 * 3600_000) } };
    if (price === 'free') filter['price.kind'] = 'free';
    if (price === 'paid') filter['price.kind'] = { $in: ['fee', 'deposit'] };
    const list = (await store.activities().find(filter, { hint: 'status_starts' }).sort({ status: 1, startsAt: 1 }).limit(100).toArray())
      .filter((a) => a.endsAt > at && (a.audience !== 'community' || (user.realName && a.communityId.equals(user.realName.communityId))));
    const mine = list.length ? await store.registrations().find({ userId: user._id, activityId: { $in: list.map((a) => a._id) } }).toArray() : [];
    return { items: list.map((a) => summary(a, mine.find((r) => r.activityId.equals(a._id)) ?? null)) };
  }

  async function myActivities(user: UserRecord): Promise<{ items: ActivitySummary[] }> {
    const mine = await store.registrations().find({ userId: user._id }, { hint: 'user_created' }).sort({ userId: 1, createdAt: -1 }).limit(100).toArray();
    const list = mine.length ? await store.activities().find({ _id: { $in: mine.map((r) => r.activityId) } }).toArray() : [];
    return { items: mine.flatMap((r) => list.filter((a) => a._id.equals(r.activityId)).map((a) => summary(a, r))) };
  }

  async function activityDetail(user: UserRecord, rawId: string): Promise<ActivityView> {
    const { a, manages } = await visibleActivity(user, rawId);
    return view(user, a, manages);
  }

  /** A seat, or a place in line when it is full; a second registration (also a concurrent one) answers 409. */
  async function register(user: UserRecord, rawId: string): Promise<ActivityView> {
    const { a, manages } = await visibleActivity(user, rawId);
    const at = now();
    if (a.status === 'cancelled') throw new AppError('ACTIVITY_CANCELLED', 409);
    if (a.status !== 'published' || at >= a.registrationDeadline) throw new AppError('ACTIVITY_REGISTRATION_CLOSED', 409);
    const refusal = audienceRefusal(user, a, at);
    if (refusal) throw refusal;
    const taken = await seating.takeSeatOrJoinWaitlist(a._id, { _id: new Types.ObjectId(), activityId: a._id, userId: user._id, createdAt: at } as never, at);
    if (taken.outcome === 'duplicate') throw new AppError('ACTIVITY_ALREADY_REGISTERED', 409);
    // a paid activity's seat waits PAYMENT_HOLD_MINUTES for its payment (POST …/payment); a place in line, until promoted
    const holdUntil = a.price.kind !== 'free' && taken.outcome === 'confirmed' ? await holdSeatForPayment(conn, taken.seat._id, at) : undefined;
    const mine = { ...taken.seat, ...(holdUntil ? { payment: 'awaiting' as const, holdUntil } : {}) };
    return view(user, { ...a, confirmedCount: taken.counts.confirmed, waitlistedCount: taken.counts.waitlisted }, manages, { mine, waitlistPosition: taken.waitlistPosition });
  }

  /** The WeChat Pay order of my seat held for payment: wx.requestPayment's signed parameters. */
  async function pay(user: UserRecord, rawId: string): Promise<ActivityPaymentView> {
    const { a } = await visibleActivity(user, rawId);
    const mine = await mineOf(a._id, user._id);
    if (!mine) throw new AppError('ACTIVITY_NOT_REGISTERED', 409);
    return payments.orderFor(user, a, mine, now());
  }

  /** Before the cut-off: the seat goes to the first in line (who is told), or the place in line is given up. */
  async function withdraw(user: UserRecord, rawId: string): Promise<ActivityView> {
    const { a, manages } = await visibleActivity(user, rawId);
    const at = now();
    const mine = await mineOf(a._id, user._id);
    if (!mine || (mine.status !== 'confirmed' && mine.status !== 'waitlisted')) throw new AppError('ACTIVITY_NOT_REGISTERED', 409);
    if (at >= a.cancelCutoff) throw new AppError('ACTIVITY_CANCEL_CLOSED', 409);
    const left = await seating.leaveSeat(a._id, mine._id, mine.status, 'cancelled', at, { cancelledAt: at });
    if (!left) throw new AppError('ACTIVITY_NOT_REGISTERED', 409);
    // cancelled before the cut-off: a fee or a deposit goes back (an unpaid order is closed)
    if (a.price.kind !== 'free' && mine.payment) await payments.registrationEnded(mine, 'withdrawn', at);
    return view(user, (await store.activities().findOne({ _id: a._id }))!, manages);
  }

  // ---- on the day ---------------------------------------------------------------------------------

  /** From an hour before the start to the end. */
  const checkInOpen = (a: ActivityRecord, at: Date) => at.getTime() >= a.startsAt.getTime() - 3600_000 && at < a.endsAt;

  async function qr(user: UserRecord, rawId: string) {
    const a = await managedActivity(user, rawId);
    const at = now();
    if (a.status !== 'published' || !checkInOpen(a, at)) throw new AppError('CHECK_IN_NOT_OPEN', 409);
    const code = issueQrToken(config.secrets.qrKey, qrSubject(a._id), 'check_in', at);
    return { token: code.token, expiresAt: code.expiresAt.toISOString() };
  }

  async function checkIn(user: UserRecord, rawId: string, token: string): Promise<ActivityView> {
    const { a, manages } = await visibleActivity(user, rawId);
    const at = now();
    if (a.status !== 'published' || !checkInOpen(a, at)) throw new AppError('CHECK_IN_NOT_OPEN', 409);
    verifyQrToken(config.secrets.qrKey, token, { subjectId: qrSubject(a._id), purpose: 'check_in', at });
    const mine = await mineOf(a._id, user._id);
    if (mine?.status === 'attended') throw new AppError('ALREADY_CHECKED_IN', 409);
    if (!mine || mine.status !== 'confirmed') throw new AppError('ACTIVITY_NOT_REGISTERED', 409);
    if (a.price.kind !== 'free' && mine.payment !== 'paid') throw new AppError('ACTIVITY_PAYMENT_NOT_DUE', 409, [{ path: 'payment', message: '请先完成支付' }]);
    const done = await store.registrations().updateOne({ _id: mine._id, status: 'confirmed' }, { $set: { status: 'attended', checkedInAt: at } });
    if (done.modifiedCount !== 1) throw new AppError('ALREADY_CHECKED_IN', 409);
    // a deposit goes back once the person came
    if (a.price.kind === 'deposit') await payments.registrationEnded(mine, 'attended', at);
    return view(user, a, manages);
  }

  async function rosterRows(a: ActivityRecord) {
    const regs = await store.registrations().find({ activityId: a._id, status: { $in: ['confirmed', 'waitlisted', 'attended'] } }).sort({ createdAt: 1 }).limit(2000).toArray();
    const people = regs.length ? await conn.db!.collection<UserRecord>('users').find({ _id: { $in: regs.map((r) => r.userId) } }, { projection: { 'realName.nameCipher': 1 } }).toArray() : [];
    const names = new Map(people.map((p) => [p._id.toHexString(), p.realName ? maskName(cipher.decrypt(p.realName.nameCipher)) : '未实名']));
    return regs.map((r) => ({
      nickname: `居民${r.userId.toHexString().slice(-4).toUpperCase()}`,
      maskedName: names.get(r.userId.toHexString()) ?? '',
      status: r.status,
      registeredAt: r.createdAt.toISOString(),
      ...(r.checkedInAt ? { checkedInAt: r.checkedInAt.toISOString() } : {}),
      ...(r.payment ? { payment: r.payment } : {}),
    }));
  }

  async function roster(user: UserRecord, rawId: string) {
    return { items: await rosterRows(await managedActivity(user, rawId)) };
  }

  async function rosterCsv(user: UserRecord, rawId: string): Promise<string> {
    const rows = await rosterRows(await managedActivity(user, rawId));
    const label: Record<RegistrationStatus, string> = { confirmed: '已报名', waitlisted: '候补', cancelled: '已取消', attended: '已签到', expired: '未按时支付' };
    return csvTable(['姓名（脱敏）', '编号', '状态', '报名时间', '签到时间'], rows.map((r) => [r.maskedName, r.nickname, label[r.status], r.registeredAt, r.checkedInAt ?? '']));
  }

  return {
    createActivity, updateActivity, publishActivity, seesCover, cancelActivity, managedActivities, listActivities, myActivities, activityDetail, register, pay, withdraw, qr, checkIn, roster, rosterCsv,
    /** WeChat Pay's notifications and the payments job */
    payments,
  };
}

export type ActivityService = ReturnType<typeof createActivityService>;

/** An activity's seats are its registrations; whoever is promoted from the waitlist is told once. */
export function activitySeating(conn: Connection) {
  return createSeating<RegistrationRecord & { _id: mongo.BSON.ObjectId }>(conn, {
    holders: 'activities',
    seats: 'activity_registrations',
    holderField: 'activityId',
    alsoSeated: ['attended'],
    onPromoted: async (r) => {
      const a = await conn.db!.collection<ActivityRecord>('activities').findOne({ _id: r.activityId });
      // promoted to a paid activity's seat: it waits for the payment from now
      if (a && a.price.kind !== 'free') await holdSeatForPayment(conn, r._id, now());
      if (a) await noticeTo(conn, { key: `activity-promoted:${r._id.toHexString()}`, kind: 'activity_promoted', userId: r.userId, subjectId: a._id }, activityNotice('promoted', a));
    },
  });
}

/**
 * Reminders 48 h and 2 h before an activity to everyone with a seat, once each (event keys), and the
 * seating repair for activities a dead process left miscounted: the worker's job.
 */
export async function runActivityRemindersOnce(deps: { conn: Connection }, opts: { now?: Date } = {}): Promise<{ recorded: number }> {
  const at = (opts.now ?? now()).getTime();
  const seating = activitySeating(deps.conn);
  let recorded = 0;
  for (const [kind, before, until] of [['reminder_48h', 48, 2], ['reminder_2h', 2, 0]] as const) {
    const soon = await deps.conn.db!.collection<ActivityRecord>('activities')
      .find({ status: 'published', startsAt: { $gt: new Date(at + until * 3600_000), $lte: new Date(at + before * 3600_000) } }, { hint: 'status_starts' })
      .toArray();
    for (const a of soon) {
      await seating.repairSeating(a._id, new Date(at));
      const seated = await deps.conn.db!.collection<RegistrationRecord>('activity_registrations').find({ activityId: a._id, status: 'confirmed' }, { hint: 'activity_status_ticket' }).toArray();
      const keys = seated.map((r) => `activity-${kind}:${r._id.toHexString()}`);
      const done = await recordedKeys(deps.conn, keys);
      for (const [i, r] of seated.entries()) {
        if (!done.has(keys[i]!) && (await noticeTo(deps.conn, { key: keys[i]!, kind: `activity_${kind}`, userId: r.userId, subjectId: a._id }, activityNotice(kind, a)))) recorded++;
      }
    }
  }
  return { recorded };
}
