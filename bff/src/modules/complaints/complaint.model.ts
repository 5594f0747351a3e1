import { Schema, type Types } from 'mongoose';
import { OPEN_COMPLAINT_STATES, type CategoryDeadlines, type ComplaintState, type Satisfaction } from '@gongzhi/shared';
import { modelFor } from '../../platform/database';
import type { OutboxEntry } from '../notifications/outbox';

export type ActorRole = 'resident' | 'dispatcher' | 'unit_staff' | 'community_staff' | 'admin' | 'system';

export interface ComplaintEvent {
  action: string;
  from: ComplaintState | null;
  to: ComplaintState | null;
  at: Date;
  actorId: Types.ObjectId | null;
  actorRole: ActorRole;
  /** a unit or office name, never a person's name */
  actorLabel: string;
  note?: string;
  photoIds?: Types.ObjectId[];
  /** shown on the resident's timeline */
  public: boolean;
  /**
   * What of this event may reach the public (Open311) and followers: the staff note only when
   * marked public, or generated text such as "派至…"; masked (redactPersonalData) when shown.
   */
  publicNote?: string;
}

/** A complaint's share of one unit's month of the assessment: the tally it is in and the facts it counts with. */
export interface CountedContribution {
  /** the tally's _id, `<period>:<unitId>` */
  key: string;
  excluded: boolean;
  lateContact: boolean;
  satisfaction: Satisfaction | null;
  resolved: boolean | null;
}

/** One change to a tally, applied at most once (its id is remembered by the tally). */
export interface TallyOp {
  id: string;
  key: string;
  inc: Record<string, number>;
}

export type DeadlineName = 'dispatch' | 'sign' | 'firstContact' | 'resolve';

export interface ComplaintRecord {
  _id: Types.ObjectId;
  /** 'GZ' + YYYYMMDD (Beijing date) + 6 digits */
  number: string;
  residentId: Types.ObjectId;
  followerIds: Types.ObjectId[];
  categoryId: Types.ObjectId;
  categoryName: string;
  /** the category's deadlines when the complaint was filed: later catalogue edits do not move running clocks */
  deadlineRules: CategoryDeadlines;
  communityId: Types.ObjectId;
  communityName: string;
  description: string;
  photoIds: Types.ObjectId[];
  location: { point: { lat: number; lng: number }; address: string };
  showIdentityToUnit: boolean;
  /** the resident let the description and address be published (masked); absent on older complaints: no */
  publicConsent?: boolean;
  /** …and the exact point rather than the ~100 m area */
  publicExactPoint?: boolean;
  state: ComplaintState;
  stateChangedAt: Date;
  createdAt: Date;
  idempotencyKey: string;
  /** sha256 of the creation body, to tell a retry from a reused key */
  requestHash: string;
  unitId?: Types.ObjectId | null;
  unitName?: string | null;
  assistingUnitIds: Types.ObjectId[];
  deadlines: Partial<Record<DeadlineName, Date>>;
  firstContactAt?: Date | null;
  resolvedAt?: Date | null;
  ratingDueAt?: Date | null;
  rating?: { satisfaction: Satisfaction; resolved: boolean; comment?: string; source: 'resident' | 'phone'; at: Date } | null;
  /** until when the unit may appeal, per kind (3 working days from the rating / the dispatch) */
  appealDueAt: { rating?: Date | null; assignment?: Date | null };
  redoRounds: number;
  sentBackThisRound: boolean;
  overdue: { any: boolean; dispatch: boolean; sign: boolean; firstContact: boolean; resolve: boolean; level: number };
  supervised: boolean;
  supervisions: Array<{ at: Date; note: string; by: Types.ObjectId }>;
  appeal?: {
    kind: 'rating' | 'assignment';
    reason: string;
    filedAt: Date;
    unitId: Types.ObjectId;
    status: 'pending' | 'upheld' | 'dismissed';
    ruling?: { reason: string; at: Date; by: Types.ObjectId };
  } | null;
  assessment: {
    excluded: boolean;
    period?: string | null;
    unitId?: Types.ObjectId | null;
    /** what this complaint adds to its unit's month of the assessment now (assessment-tallies.ts); absent: nothing */
    counted?: CountedContribution | null;
    /** tally changes recorded with the write that caused them, removed once applied (assessment-tallies.ts) */
    tallyOps?: TallyOp[];
  };
  events: ComplaintEvent[];
  outbox: OutboxEntry[];
  /** bumped by every write: a conditional update pins it when it must know the exact document it changes */
  version: number;
}

const ObjectId = Schema.Types.ObjectId;
const durationSchema = new Schema({ amount: Number, unit: String }, { _id: false });

const complaintSchema = new Schema<ComplaintRecord>(
  {
    number: { type: String, required: true },
    residentId: { type: ObjectId, required: true },
    followerIds: { type: [ObjectId], default: [] },
    categoryId: { type: ObjectId, required: true },
    categoryName: { type: String, required: true },
    deadlineRules: {
      type: new Schema({ dispatch: durationSchema, sign: durationSchema, firstContact: durationSchema, resolve: durationSchema }, { _id: false }),
      required: true,
    },
    communityId: { type: ObjectId, required: true },
    communityName: { type: String, required: true },
    description: { type: String, required: true },
    photoIds: { type: [ObjectId], default: [] },
    location: {
      type: new Schema({ point: { type: new Schema({ lat: Number, lng: Number }, { _id: false }) }, address: String }, { _id: false }),
      required: true,
    },
    showIdentityToUnit: { type: Boolean, required: true },
    publicConsent: { type: Boolean, default: false },
    publicExactPoint: { type: Boolean, default: false },
    state: { type: String, required: true },
    stateChangedAt: { type: Date, required: true },
    createdAt: { type: Date, required: true },
    idempotencyKey: { type: String, required: true },
    requestHash: { type: String, required: true },
    unitId: { type: ObjectId, default: null },
    unitName: { type: String, default: null },
    assistingUnitIds: { type: [ObjectId], default: [] },
    deadlines: { type: Schema.Types.Mixed, default: {} },
    firstContactAt: { type: Date, default: null },
    resolvedAt: { type: Date, default: null },
    ratingDueAt: { type: Date, default: null },
    rating: { type: Schema.Types.Mixed, default: null },
    appealDueAt: { type: Schema.Types.Mixed, default: {} },
    redoRounds: { type: Number, default: 0 },
    sentBackThisRound: { type: Boolean, default: false },
    overdue: {
      type: new Schema(
        { any: Boolean, dispatch: Boolean, sign: Boolean, firstContact: Boolean, resolve: Boolean, level: Number },
        { _id: false },
      ),
      default: () => ({ any: false, dispatch: false, sign: false, firstContact: false, resolve: false, level: 0 }),
    },
    supervised: { type: Boolean, default: false },
    supervisions: { type: Schema.Types.Mixed, default: () => [] },
    appeal: { type: Schema.Types.Mixed, default: null },
    assessment: { type: Schema.Types.Mixed, default: () => ({ excluded: false, period: null, unitId: null }) },
    events: { type: Schema.Types.Mixed, default: () => [] },
    outbox: { type: Schema.Types.Mixed, default: () => [] },
    version: { type: Number, default: 0 },
  },
  { collection: 'complaints', versionKey: false, minimize: false },
);
complaintSchema.index({ number: 1 }, { unique: true });
// A double tap on "submit" carries the same key: the second insert fails here and returns the first.
complaintSchema.index({ residentId: 1, idempotencyKey: 1 }, { unique: true, sparse: true });
// The lists people page through, newest first (complaint-queries.ts): each page is an equality on
// the leading fields and a range on _id, so it reads only the entries it returns.
complaintSchema.index({ residentId: 1, _id: -1 });
complaintSchema.index({ followerIds: 1, _id: -1 });
complaintSchema.index({ state: 1, _id: -1 });
complaintSchema.index({ state: 1, 'overdue.any': 1, _id: -1 });
complaintSchema.index({ state: 1, supervised: 1, _id: -1 });
complaintSchema.index({ 'appeal.status': 1, _id: -1 });
complaintSchema.index({ unitId: 1, state: 1, _id: -1 });
complaintSchema.index({ unitId: 1, state: 1, 'overdue.any': 1, _id: -1 });
complaintSchema.index({ assistingUnitIds: 1, state: 1, _id: -1 });
complaintSchema.index({ categoryId: 1, state: 1, _id: -1 });
complaintSchema.index({ 'assessment.period': 1, unitId: 1, state: 1, _id: -1 });
// background work: the deadline sweep, the outbox, tally changes left unapplied by a crash
complaintSchema.index({ 'overdue.any': 1, state: 1 });
complaintSchema.index({ 'outbox.status': 1 });
complaintSchema.index({ 'assessment.tallyOps.id': 1 }, { sparse: true });

export const Complaints = modelFor<ComplaintRecord>('Complaint', complaintSchema);

/** States in which the complaint is still being worked on (duplicates are offered only among these). */
export const OPEN_STATES: readonly ComplaintState[] = OPEN_COMPLAINT_STATES;
