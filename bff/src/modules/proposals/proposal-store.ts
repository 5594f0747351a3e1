import { Schema, type Connection, type mongo } from 'mongoose';
import type { ProposalState } from '@gongzhi/shared';
import { modelFor } from '../../platform/database';
import { isDuplicateKey, retryUpsert } from '../../platform/unique-race';

type ObjectId = mongo.BSON.ObjectId;

/**
 * Where proposals live: the proposal itself in `proposals` (its state, its support count, its answer
 * and progress, its timeline); one document per support in `proposal_supports` under the _id
 * `<proposal>:<user>`, so the unique _id is what allows one support per person, however many taps
 * arrive at once; and a community's own rules in `proposal_settings`, keyed by the community.
 */
export interface ProposalRecord {
  _id: ObjectId;
  communityId: ObjectId;
  authorId: ObjectId;
  title: string;
  text: string;
  photoIds: ObjectId[];
  place?: { point: { lat: number; lng: number }; address: string };
  state: ProposalState;
  /** false once withdrawn: the residents' lists show only listed proposals */
  listed: boolean;
  /** the community's threshold when it was proposed: the rule it is held to */
  threshold: number;
  supports: number;
  supportDeadline: Date;
  thresholdReachedAt?: Date;
  answerDeadline?: Date;
  answer?: { decision: 'adopted' | 'not_adopted' | 'merged'; text: string; into?: ObjectId; at: Date; by: ObjectId };
  progress: Array<{ text: string; at: Date; by: ObjectId }>;
  events: ProposalEvent[];
  /** notices recorded with a move but not yet addressed to everyone (proposal-notices.ts) */
  announcements: Announcement[];
  /** true while announcements wait: the sweep finds them by it */
  announcing?: true;
  /** once it takes no more supports, when its count is checked against the supports stored (proposal-sweep.ts) */
  settleSupportsAfter?: Date;
  /** what the count said before that check corrected it (a process died between a support and its count) */
  supportsRepairedFrom?: number;
  version: number;
  createdAt: Date;
}

export interface ProposalEvent {
  action: string;
  from: ProposalState;
  to: ProposalState | null;
  at: Date;
  actorId: ObjectId | null;
}

export interface Announcement {
  /** the event's key; each recipient's notice is keyed `<key>:<user>` */
  key: string;
  kind: 'answered' | 'progress';
  at: Date;
}

export interface SupportRecord {
  /** `<proposalId>:<userId>` */
  _id: string;
  proposalId: ObjectId;
  userId: ObjectId;
  at: Date;
}

export interface ProposalSettingsRecord {
  _id: ObjectId;
  threshold: number;
  updatedAt: Date;
  updatedBy: ObjectId;
}

// Models only for their indexes (ensureIndexes builds them at start); the service uses the driver's collections.
const proposalSchema = new Schema({}, { strict: false, collection: 'proposals', versionKey: false, autoCreate: true });
// the residents' lists: newest first, and most supported first (cursor: keysetAfter, platform/pagination.ts)
proposalSchema.index({ communityId: 1, listed: 1, _id: -1 }, { name: 'community_newest' });
proposalSchema.index({ communityId: 1, listed: 1, supports: -1, _id: -1 }, { name: 'community_supported' });
proposalSchema.index({ authorId: 1, _id: -1 }, { name: 'author_newest' });
// staff's queues: awaiting an answer by deadline, adopted newest first
proposalSchema.index({ communityId: 1, state: 1, answerDeadline: 1, _id: 1 }, { name: 'community_state_deadline' });
proposalSchema.index({ communityId: 1, state: 1, _id: -1 }, { name: 'community_state_newest' });
// the sweep: open proposals past their support window, and announcements left waiting
proposalSchema.index({ state: 1, supportDeadline: 1 }, { name: 'state_support_deadline' });
proposalSchema.index({ announcing: 1 }, { name: 'announcing', sparse: true });
proposalSchema.index({ settleSupportsAfter: 1 }, { name: 'settle_supports', sparse: true });
const Proposals = modelFor('Proposal', proposalSchema);

const supportSchema = new Schema({ _id: String }, { strict: false, collection: 'proposal_supports', versionKey: false, autoCreate: true });
// everyone who supported a proposal, to tell them of its answer and progress
supportSchema.index({ proposalId: 1, userId: 1 }, { name: 'proposal_supporters' });
const Supports = modelFor('ProposalSupport', supportSchema);

const settingsSchema = new Schema({}, { strict: false, collection: 'proposal_settings', versionKey: false, autoCreate: true });
const Settings = modelFor('ProposalSettings', settingsSchema);

export function proposalStore(conn: Connection) {
  Proposals(conn);
  Supports(conn);
  Settings(conn);
  const proposals = () => conn.db!.collection<ProposalRecord>('proposals');
  const supports = () => conn.db!.collection<SupportRecord>('proposal_supports');
  const settings = () => conn.db!.collection<ProposalSettingsRecord>('proposal_settings');
  return {
    proposals,
    supports,
    settings,
    /** The person's support, once: false when they supported it before (the unique _id; a concurrent twin included). */
    async insertSupport(proposalId: ObjectId, userId: ObjectId, at: Date): Promise<boolean> {
      try {
        await supports().insertOne({ _id: supportKey(proposalId, userId), proposalId, userId, at });
        return true;
      } catch (err) {
        if (isDuplicateKey(err)) return false;
        throw err;
      }
    },
    /** One more support on a proposal that still takes them; null when it no longer does. */
    countSupport: (proposalId: ObjectId) =>
      proposals().findOneAndUpdate({ _id: proposalId, state: { $in: ['open', 'awaiting_answer'] } }, { $inc: { supports: 1 } }, { returnDocument: 'after' }),
    dropSupport: (proposalId: ObjectId, userId: ObjectId) => supports().deleteOne({ _id: supportKey(proposalId, userId) }),
    /** the supports stored for a proposal, counted on their index */
    supportsStored: (proposalId: ObjectId) => supports().countDocuments({ proposalId }, { hint: 'proposal_supporters' }),
    hasSupported: async (proposalId: ObjectId, userId: ObjectId) =>
      Boolean(await supports().findOne({ _id: supportKey(proposalId, userId) }, { projection: { _id: 1 } })),
    threshold: async (communityId: ObjectId): Promise<number | undefined> => (await settings().findOne({ _id: communityId }))?.threshold,
    /** an upsert: two staff saving at once may race for the key (retryUpsert runs the loser again) */
    setThreshold: (communityId: ObjectId, threshold: number, by: ObjectId, at: Date) =>
      retryUpsert(() => settings().updateOne({ _id: communityId }, { $set: { threshold, updatedAt: at, updatedBy: by } }, { upsert: true })),
  };
}

export type ProposalStore = ReturnType<typeof proposalStore>;

export const supportKey = (proposalId: ObjectId, userId: ObjectId) => `${proposalId.toHexString()}:${userId.toHexString()}`;
