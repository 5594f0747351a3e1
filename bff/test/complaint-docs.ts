import { Types, type Connection } from 'mongoose';
import { recountComplaint } from '../src/modules/assessment/assessment-tallies';
import { Complaints, type ComplaintRecord } from '../src/modules/complaints/complaint.model';

type Overrides = Partial<Omit<ComplaintRecord, 'overdue' | 'assessment'>> & {
  overdue?: Partial<ComplaintRecord['overdue']>;
  assessment?: Partial<ComplaintRecord['assessment']>;
};

let sequence = 0;

/**
 * A complete complaint document as the complaints module stores it, for tests and benchmarks
 * that need precise scenarios (exact ratings, periods, deadlines) without walking every transition.
 * Insert it with the native driver (`Complaints(conn).collection.insertMany`).
 */
export function complaintDoc(o: Overrides = {}): ComplaintRecord {
  const createdAt = o.createdAt ?? new Date('2026-02-02T02:00:00Z');
  const n = ++sequence;
  const base: ComplaintRecord = {
    _id: new Types.ObjectId(),
    number: `GZ${createdAt.toISOString().slice(0, 10).replaceAll('-', '')}${String(n).padStart(6, '0')}${Math.random().toString(36).slice(2, 6)}`,
    residentId: new Types.ObjectId(),
    followerIds: [],
    categoryId: new Types.ObjectId(),
    categoryName: '路灯故障',
    deadlineRules: {
      dispatch: { amount: 2, unit: 'hours' },
      sign: { amount: 4, unit: 'working_hours' },
      firstContact: { amount: 24, unit: 'hours' },
      resolve: { amount: 3, unit: 'working_days' },
    },
    communityId: new Types.ObjectId(),
    communityName: '莲花社区',
    description: '小区门口路灯不亮已经三天了',
    photoIds: [],
    location: { point: { lat: 39.9, lng: 116.4 }, address: '莲花路1号' },
    showIdentityToUnit: true,
    state: 'submitted',
    stateChangedAt: createdAt,
    createdAt,
    idempotencyKey: `fixture-${n}-${Math.random().toString(36).slice(2)}`,
    requestHash: 'fixture',
    unitId: null,
    unitName: null,
    assistingUnitIds: [],
    deadlines: {},
    firstContactAt: null,
    resolvedAt: null,
    ratingDueAt: null,
    rating: null,
    appealDueAt: {},
    redoRounds: 0,
    sentBackThisRound: false,
    supervised: false,
    supervisions: [],
    appeal: null,
    events: [],
    outbox: [],
    version: 0,
    ...o,
    overdue: { any: false, dispatch: false, sign: false, firstContact: false, resolve: false, level: 0, ...o.overdue },
    assessment: { excluded: false, period: null, unitId: null, ...o.assessment },
  };
  return base;
}

/**
 * Inserts complaint documents and counts them in the assessment's tallies (assessment-tallies.ts), as
 * the module's own writes would: for tests that read lists, queues or the assessment.
 */
export async function insertComplaintDocs(conn: Connection, docs: ComplaintRecord[]): Promise<void> {
  await Complaints(conn).collection.insertMany(docs);
  for (const d of docs) await recountComplaint(conn, d._id);
}
