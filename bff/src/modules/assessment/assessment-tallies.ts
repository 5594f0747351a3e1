import { Schema, Types, type Connection, type mongo } from 'mongoose';
import { isDuplicateKeyError, modelFor } from '../../platform/database';
import { ASSESSED_STATES } from '../complaints/complaint-queries';
import type { ComplaintCounting } from '../complaints/complaint-counting';
import { Complaints, type ComplaintRecord, type CountedContribution, type TallyOp } from '../complaints/complaint.model';
import { emptyCounts, tally, type AssessmentCounts } from './assessment-counts';

/**
 * The assessment's counts per unit and month, kept as they change: one document per `<period>:<unitId>`
 * with a counter per figure, so a month's table reads one document per unit however many complaints
 * it has (assessment.service.ts says which complaints a month assesses).
 *
 * A complaint records what it adds now (`assessment.counted`). A write that changes it (a resolution,
 * a rating, a redo, an appeal ruling) records, in the same conditional update, the new contribution
 * and the tally changes that take the old one out and put the new one in (`assessment.tallyOps`).
 * Then each change is applied to its tally at most once: the tally remembers the ids of the changes
 * it has taken (the last APPLIED_KEPT), and the complaint drops the change once it is applied. A
 * process that dies in between leaves the change on the complaint; the deadline sweep applies it
 * (applyPendingTallies), and a second application is refused by the tally.
 */
// the driver's update typing does not follow dotted paths into the complaint record
const update = (u: Record<string, unknown>) => u as mongo.UpdateFilter<mongo.Document>;

export interface TallyRecord extends AssessmentCounts {
  _id: string;
  period: string;
  unitId: Types.ObjectId;
  /** ids of the latest changes applied, to refuse a retried one */
  applied: string[];
}

const APPLIED_KEPT = 1_000;
const COUNTERS = Object.keys(emptyCounts()) as Array<keyof AssessmentCounts>;

const tallySchema = new Schema<TallyRecord>(
  {
    _id: { type: String, required: true },
    period: { type: String, required: true },
    unitId: { type: Schema.Types.ObjectId, required: true },
    ...Object.fromEntries(COUNTERS.map((k) => [k, { type: Number, default: 0 }])),
    applied: { type: [String], default: [] },
  },
  { collection: 'assessment_tallies', versionKey: false },
);

export const AssessmentTallies = modelFor<TallyRecord>('AssessmentTally', tallySchema);

export const tallyKey = (period: string, unitId: Types.ObjectId | string) => `${period}:${unitId.toString()}`;

type Facts = Pick<ComplaintRecord, 'state' | 'unitId' | 'overdue' | 'rating'> & { assessment?: Partial<ComplaintRecord['assessment']> | null };

/** What a complaint in this state adds to the assessment: null outside it (not resolved, rated or closed; no period). */
export function contributionOf(c: Facts): CountedContribution | null {
  const period = c.assessment?.period;
  if (!period || !c.unitId || !(ASSESSED_STATES as readonly string[]).includes(c.state)) return null;
  return {
    key: tallyKey(period, c.unitId),
    excluded: Boolean(c.assessment?.excluded),
    lateContact: Boolean(c.overdue?.firstContact),
    satisfaction: c.rating?.satisfaction ?? null,
    resolved: c.rating ? c.rating.resolved : null,
  };
}

const countsOf = (c: CountedContribution) =>
  tally(emptyCounts(), { excluded: c.excluded, lateContact: c.lateContact, satisfaction: c.satisfaction, resolved: c.resolved, count: 1 });

const same = (a: CountedContribution | null, b: CountedContribution | null) =>
  a === b || (a !== null && b !== null && a.key === b.key && a.excluded === b.excluded && a.lateContact === b.lateContact && a.satisfaction === b.satisfaction && a.resolved === b.resolved);

/**
 * What a write must add to its update so the tallies follow it: the complaint `before` the write
 * (read at the version the update pins) and the same complaint with the write's fields set. Empty
 * when the write changes nothing the assessment counts.
 */
export function tallyChange(before: ComplaintRecord, after: Facts): { set: Record<string, unknown>; ops: TallyOp[] } {
  const was = before.assessment?.counted ?? null;
  const now = contributionOf(after);
  if (same(was, now)) return { set: {}, ops: [] };
  const inc = new Map<string, Record<string, number>>();
  const add = (c: CountedContribution, sign: 1 | -1) => {
    const into = inc.get(c.key) ?? {};
    for (const [name, n] of Object.entries(countsOf(c))) if (n) into[name] = (into[name] ?? 0) + sign * n;
    inc.set(c.key, into);
  };
  if (was) add(was, -1);
  if (now) add(now, 1);
  const opId = `${before._id.toHexString()}:${(before.version ?? 0) + 1}`;
  const ops = [...inc]
    .map(([key, counts], i) => ({ id: `${opId}:${i}`, key, inc: Object.fromEntries(Object.entries(counts).filter(([, n]) => n !== 0)) }))
    .filter((op) => Object.keys(op.inc).length > 0);
  return { set: { 'assessment.counted': now }, ops };
}

/** Applies a complaint's recorded tally changes, each at most once, then drops them from the complaint. */
export async function applyTallyOps(conn: Connection, complaintId: Types.ObjectId, ops: TallyOp[]): Promise<void> {
  if (!ops.length) return;
  const tallies = conn.db!.collection<{ _id: string }>('assessment_tallies');
  for (const op of ops) {
    const [period, unitId] = op.key.split(':');
    try {
      await tallies.updateOne(
        { _id: op.key },
        { $setOnInsert: { period, unitId: new Types.ObjectId(unitId), ...emptyCounts(), applied: [] } },
        { upsert: true },
      );
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err; // a concurrent first change of this tally created it
    }
    // no match: this change was applied already
    await tallies.updateOne(
      { _id: op.key, applied: { $ne: op.id } },
      { $inc: op.inc, $push: { applied: { $each: [op.id], $slice: -APPLIED_KEPT } } },
    );
  }
  await Complaints(conn).collection.updateOne({ _id: complaintId }, update({ $pull: { 'assessment.tallyOps': { id: { $in: ops.map((o) => o.id) } } } }));
}

/** The sweep's repair: tally changes a process recorded but did not apply before it died. */
export async function applyPendingTallies(conn: Connection, batch = 100): Promise<number> {
  const pending = await Complaints(conn)
    .collection.find<Pick<ComplaintRecord, '_id' | 'assessment'>>({ 'assessment.tallyOps.id': { $gt: '' } }, { projection: { assessment: 1 } })
    .limit(batch)
    .toArray();
  for (const c of pending) await applyTallyOps(conn, c._id, c.assessment.tallyOps ?? []);
  return pending.length;
}

/**
 * Counts a complaint as it stands, if what it adds differs from what it has counted: for complaints
 * written without a transition (seeding, fixtures, data older than the tallies). One conditional
 * update at the version read, then the changes are applied.
 */
export async function recountComplaint(conn: Connection, id: Types.ObjectId): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const c = await Complaints(conn).collection.findOne<ComplaintRecord>({ _id: id }, { projection: { events: 0, outbox: 0 } });
    if (!c) return;
    const change = tallyChange(c, c);
    if (!change.ops.length) return applyTallyOps(conn, id, c.assessment?.tallyOps ?? []);
    const done = await Complaints(conn).collection.findOneAndUpdate(
      { _id: id, version: c.version },
      update({ $set: change.set, $push: { 'assessment.tallyOps': { $each: change.ops } }, $inc: { version: 1 } }),
      { returnDocument: 'after', projection: { assessment: 1 } },
    );
    if (done) return applyTallyOps(conn, id, done.assessment?.tallyOps ?? []);
  }
}

/** Marks a database whose assessed complaints are all counted (a document of the tallies' collection that no period names). */
export const COUNTED_MARK = 'counted';

/**
 * At start, once per database: complaints assessed before the tallies existed are counted (a full
 * read of the assessed complaints, like a migration), then the mark says so; from then on every
 * write keeps the tallies.
 */
export async function countUncountedComplaints(conn: Connection): Promise<number> {
  const tallies = conn.db!.collection<{ _id: string }>('assessment_tallies');
  if (await tallies.findOne({ _id: COUNTED_MARK })) return 0;
  const uncounted = Complaints(conn).collection.find(
    { state: { $in: [...ASSESSED_STATES] }, 'assessment.counted': { $exists: false }, 'assessment.period': { $type: 'string' } },
    { projection: { _id: 1 } },
  );
  let n = 0;
  for await (const c of uncounted) {
    await recountComplaint(conn, c._id);
    n++;
  }
  await tallies.updateOne({ _id: COUNTED_MARK }, { $set: { at: new Date() } }, { upsert: true });
  return n;
}

/** The port through which the complaints module keeps these tallies (complaints/complaint-counting.ts). */
export const assessmentCounting: ComplaintCounting = {
  change: tallyChange,
  apply: applyTallyOps,
  applyPending: applyPendingTallies,
};
