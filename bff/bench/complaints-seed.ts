/**
 * Seeds a bench database with complaints shaped exactly like the complaints module's records
 * (ComplaintRecord), so the real list and assessment queries run against them: ~2,000 residents,
 * the demo district's units and categories, every state, spread over the last 12 months.
 * Written with the native driver's insertMany in batches; indexes are the model's own.
 */
import { randomInt } from 'node:crypto';
import mongoose, { Types } from 'mongoose';
import type { ComplaintState } from '@gongzhi/shared';
import { devOpenidFor } from '../dev/wechat-simulator';
import { connectDatabase, ensureIndexes } from '../src/platform/database';
import { Categories, type CategoryRecord } from '../src/modules/catalogue/category.model';
import { emptyCounts, tally } from '../src/modules/assessment/assessment-counts';
import { contributionOf, COUNTED_MARK } from '../src/modules/assessment/assessment-tallies';
import { Complaints, type ComplaintEvent, type ComplaintRecord } from '../src/modules/complaints/complaint.model';
import { Users } from '../src/modules/identity/user.model';
import { Communities, Units } from '../src/modules/reference/reference.model';

export const BENCH_RESIDENTS = 2_000;
const BATCH = 5_000;
/**
 * Complaints carry a dozen secondary indexes (complaint.model.ts): on FerretDB 2 a batch of 5,000
 * took longer than the driver's 60 s socket timeout on a loaded machine, 1,000 do not.
 */
const COMPLAINT_BATCH = 1_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The login name (dev:<name>) of seeded resident i: the simulator maps it to the openid stored here. */
export const benchResidentLogin = (i: number) => `bench-resident-${i}`;

export interface SeededComplaints {
  count: number;
  ms: number;
  /** the assessment month with resolutions in it, 'YYYY-MM' */
  busiestPeriod: string;
}

/** The path a complaint took to reach its state (events in order). */
const PATHS: Record<ComplaintState, Array<[string, ComplaintState]>> = {
  submitted: [],
  rejected: [['reject', 'rejected']],
  accepted: [['accept', 'accepted']],
  dispatched: [['accept', 'accepted'], ['dispatch', 'dispatched']],
  returned: [['accept', 'accepted'], ['dispatch', 'dispatched'], ['return', 'returned']],
  signed: [['accept', 'accepted'], ['dispatch', 'dispatched'], ['sign', 'signed']],
  in_progress: [['accept', 'accepted'], ['dispatch', 'dispatched'], ['sign', 'signed'], ['recordContact', 'in_progress']],
  resolved: [['accept', 'accepted'], ['dispatch', 'dispatched'], ['sign', 'signed'], ['recordContact', 'in_progress'], ['resolve', 'resolved']],
  reopened: [['accept', 'accepted'], ['dispatch', 'dispatched'], ['sign', 'signed'], ['recordContact', 'in_progress'], ['resolve', 'resolved'], ['sendBack', 'reopened']],
  rated: [['accept', 'accepted'], ['dispatch', 'dispatched'], ['sign', 'signed'], ['recordContact', 'in_progress'], ['resolve', 'resolved'], ['rate', 'rated']],
  closed: [['accept', 'accepted'], ['dispatch', 'dispatched'], ['sign', 'signed'], ['recordContact', 'in_progress'], ['resolve', 'resolved'], ['rate', 'rated'], ['close', 'closed']],
};

/** What state a complaint of this age is likely in: old ones are mostly finished, recent ones anywhere in the flow. */
function stateForAge(ageDays: number): ComplaintState {
  const r = Math.random();
  if (ageDays > 14) {
    if (r < 0.78) return 'closed';
    if (r < 0.86) return 'rejected';
    if (r < 0.9) return 'rated';
    if (r < 0.93) return 'resolved';
    if (r < 0.96) return 'in_progress';
    return (['signed', 'reopened', 'dispatched', 'returned'] as const)[randomInt(0, 4)]!;
  }
  const recent: ComplaintState[] = ['submitted', 'accepted', 'dispatched', 'returned', 'signed', 'in_progress', 'in_progress', 'resolved', 'reopened', 'rated', 'closed', 'rejected'];
  return recent[randomInt(0, recent.length)]!;
}

const cstMonth = (d: Date) => new Date(d.getTime() + 8 * HOUR).toISOString().slice(0, 7);
const cstYmd = (d: Date) => new Date(d.getTime() + 8 * HOUR).toISOString().slice(0, 10).replaceAll('-', '');
/** An ObjectId minted at `at` (its first 4 bytes are the creation second), unique by `serial`. */
const objectIdAt = (at: Date, serial: number) =>
  new Types.ObjectId(Math.floor(at.getTime() / 1000).toString(16).padStart(8, '0') + 'be' + serial.toString(16).padStart(14, '0'));

/** The district, categories and residents every bench database needs; the demo seed must have run. */
export async function seedBenchResidents(mongoUri: string, appId: string): Promise<void> {
  const conn = await connectDatabase(mongoUri);
  try {
    const users = Users(conn).collection;
    const docs = Array.from({ length: BENCH_RESIDENTS }, (_, i) => ({
      openid: devOpenidFor(appId, benchResidentLogin(i)),
      tokenVersion: 0,
      roles: [],
      createdAt: new Date(),
    }));
    for (let i = 0; i < docs.length; i += BATCH) await users.insertMany(docs.slice(i, i + BATCH), { ordered: false });
  } finally {
    await conn.close();
  }
}

export async function seedComplaints(mongoUri: string, count: number): Promise<SeededComplaints> {
  const started = Date.now();
  const conn = await connectDatabase(mongoUri);
  try {
    Complaints(conn);
    await ensureIndexes(conn);
    const units = await Units(conn).find({}, { name: 1, kind: 1 }).lean();
    const communities = await Communities(conn).find({}, { name: 1 }).lean();
    const residents = (await Users(conn).find({}, { openid: 1, roles: 1 }).sort({ _id: 1 }).lean())
      .filter((u) => !(u.roles ?? []).length)
      .map((u) => u._id);
    const categories = await leafCategories(conn);
    if (!units.length || !communities.length || !categories.length || residents.length < BENCH_RESIDENTS) {
      throw new Error('seed the demo district and the bench residents first');
    }
    const coll = conn.db!.collection('complaints');
    const now = Date.now();
    const periods = new Map<string, number>();
    // the assessment's tallies, as the complaints' writes would have kept them (assessment-tallies.ts)
    const tallies = new Map<string, ReturnType<typeof emptyCounts>>();
    for (let first = 0; first < count; first += COMPLAINT_BATCH) {
      const batch: Array<Omit<ComplaintRecord, never>> = [];
      for (let i = first; i < Math.min(first + COMPLAINT_BATCH, count); i++) {
        const createdAt = new Date(now - Math.random() * 365 * DAY);
        const c = complaintAt(i, createdAt, {
          residentId: residents[i % BENCH_RESIDENTS]!,
          category: categories[i % categories.length]!,
          community: communities[i % communities.length]!,
          unit: units[randomInt(0, units.length)]!,
        });
        if (c.assessment.period) periods.set(c.assessment.period, (periods.get(c.assessment.period) ?? 0) + 1);
        const counted = contributionOf(c);
        if (counted) {
          c.assessment.counted = counted;
          const { key, ...facts } = counted;
          tallies.set(key, tally(tallies.get(key) ?? emptyCounts(), { ...facts, count: 1 }));
        }
        batch.push(c);
      }
      await coll.insertMany(batch as unknown as mongoose.mongo.OptionalId<mongoose.mongo.Document>[], { ordered: false });
    }
    const tallyDocs = [...tallies].map(([key, counts]) => {
      const [period, unitId] = key.split(':');
      return { _id: key, period, unitId: new Types.ObjectId(unitId), ...counts, applied: [] };
    });
    await conn.db!.collection<{ _id: string }>('assessment_tallies').insertMany([...tallyDocs, { _id: COUNTED_MARK }]);
    const busiestPeriod = [...periods.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? cstMonth(new Date());
    return { count, ms: Date.now() - started, busiestPeriod };
  } finally {
    await conn.close();
  }
}

async function leafCategories(conn: mongoose.Connection): Promise<CategoryRecord[]> {
  const all = await Categories(conn).find({ active: true }).lean<CategoryRecord[]>();
  return all.filter((c) => !all.some((o) => o.parentId?.equals(c._id)) && c.admission.accepted);
}

function complaintAt(
  serial: number,
  createdAt: Date,
  ref: { residentId: Types.ObjectId; category: CategoryRecord; community: { _id: Types.ObjectId; name: string }; unit: { _id: Types.ObjectId; name: string } },
): ComplaintRecord {
  const state = stateForAge((Date.now() - createdAt.getTime()) / DAY);
  const path = PATHS[state];
  const events: ComplaintEvent[] = [
    { action: 'submit', from: null, to: 'submitted', at: createdAt, actorId: ref.residentId, actorRole: 'resident', actorLabel: '居民', public: true },
  ];
  let at = createdAt;
  let from: ComplaintState = 'submitted';
  const moments: Partial<Record<string, Date>> = {};
  for (const [action, to] of path) {
    at = new Date(at.getTime() + (0.5 + Math.random() * 20) * HOUR);
    moments[action] = at;
    const staffSide = !['rate', 'sendBack'].includes(action);
    events.push({
      action, from, to, at,
      actorId: staffSide ? null : ref.residentId,
      actorRole: staffSide ? (['sign', 'return', 'recordContact', 'resolve'].includes(action) ? 'unit_staff' : 'dispatcher') : 'resident',
      actorLabel: staffSide ? ref.unit.name : '居民',
      ...(action === 'return' ? {} : { note: `${action} 说明` }),
      public: action !== 'return',
    });
    from = to;
  }
  const dispatched = Boolean(moments.dispatch);
  const resolvedAt = moments.resolve ?? null;
  const ratedAt = moments.rate ?? null;
  const lateContact = Math.random() < 0.1;
  const satisfaction = (['satisfied', 'satisfied', 'basically_satisfied', 'unsatisfied'] as const)[randomInt(0, 4)]!;
  return {
    _id: objectIdAt(createdAt, serial),
    number: `GZ${cstYmd(createdAt)}${String(serial).padStart(6, '0')}`,
    residentId: ref.residentId,
    followerIds: [],
    categoryId: ref.category._id,
    categoryName: ref.category.name,
    deadlineRules: ref.category.deadlines,
    communityId: ref.community._id,
    communityName: ref.community.name,
    description: `小区门口的路灯坏了好几天，晚上很黑，老人孩子出行不便（压测数据 ${serial}）`,
    photoIds: [],
    location: { point: { lat: 22.54 + Math.random() / 100, lng: 114.05 + Math.random() / 100 }, address: `莲花路${serial % 300}号` },
    showIdentityToUnit: Math.random() < 0.8,
    state,
    stateChangedAt: at,
    createdAt,
    idempotencyKey: `bench-${serial}`,
    requestHash: 'bench',
    unitId: dispatched ? ref.unit._id : null,
    unitName: dispatched ? ref.unit.name : null,
    assistingUnitIds: [],
    deadlines: {
      dispatch: new Date(createdAt.getTime() + 2 * HOUR),
      ...(dispatched ? { sign: new Date(moments.dispatch!.getTime() + 4 * HOUR), firstContact: new Date(moments.dispatch!.getTime() + 24 * HOUR), resolve: new Date(moments.dispatch!.getTime() + 5 * DAY) } : {}),
    },
    firstContactAt: moments.recordContact ?? null,
    resolvedAt,
    ratingDueAt: resolvedAt ? new Date(resolvedAt.getTime() + 7 * DAY) : null,
    rating: ratedAt ? { satisfaction, resolved: satisfaction !== 'unsatisfied', source: 'resident', at: ratedAt } : null,
    appealDueAt: {},
    redoRounds: state === 'reopened' ? 1 : 0,
    sentBackThisRound: state === 'reopened',
    overdue: { any: lateContact, dispatch: false, sign: false, firstContact: lateContact && dispatched, resolve: false, level: lateContact ? 1 : 0 },
    supervised: false,
    supervisions: [],
    appeal: null,
    assessment: { excluded: false, period: resolvedAt && state !== 'reopened' ? cstMonth(resolvedAt) : null, unitId: resolvedAt ? ref.unit._id : null },
    events,
    outbox: [],
    version: events.length - 1,
  };
}
