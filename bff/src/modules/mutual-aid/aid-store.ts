import { Schema, type Connection, type mongo } from 'mongoose';
import { modelFor } from '../../platform/database';
import { hoursLedger } from '../../platform/hours-ledger';

/**
 * Where mutual aid lives. A post's exact place is encrypted (`placeCipher`: only its author and the
 * accepted helper read it); everyone else gets `rough`, the point rounded to ~100 m, and the `area`
 * the author names. Ids that join a person to a post once are `<post>:<user>` (one response, one
 * rating, one report each, enforced by the unique _id).
 */
export type StoredAidState = 'open' | 'accepted' | 'done' | 'confirmed' | 'closed' | 'expired' | 'hidden' | 'removed';

export interface AidPostRecord {
  _id: mongo.BSON.ObjectId;
  kind: 'ask' | 'offer';
  category: string;
  communityId: mongo.BSON.ObjectId;
  authorId: mongo.BSON.ObjectId;
  text: string;
  photoIds: mongo.BSON.ObjectId[];
  startsAt: Date;
  endsAt: Date;
  /** `{lat, lng, address}` encrypted (field-crypto) */
  placeCipher: string;
  area: string;
  /** GeoJSON point rounded to 3 decimals (~100 m): the feed's "nearest" and everyone's map */
  rough: { type: 'Point'; coordinates: [number, number] };
  state: StoredAidState;
  /** while hidden for review: the state to restore */
  hiddenFrom?: StoredAidState;
  helperId?: mongo.BSON.ObjectId;
  responses: number;
  reports: number;
  claimedHours?: number;
  confirmedHours?: number;
  acceptedAt?: Date;
  doneAt?: Date;
  confirmedAt?: Date;
  moderation?: { reason: string; by: mongo.BSON.ObjectId; at: Date };
  handedOver?: { note: string; by: mongo.BSON.ObjectId; at: Date };
  /** when each side chose to show the other their phone number (each number shows once both have) */
  phoneShare?: { author?: Date; helper?: Date };
  createdAt: Date;
}

export interface AidResponseRecord {
  _id: string;
  postId: mongo.BSON.ObjectId;
  userId: mongo.BSON.ObjectId;
  note: string;
  at: Date;
}

export interface AidMessageRecord {
  _id: mongo.BSON.ObjectId;
  postId: mongo.BSON.ObjectId;
  senderId: mongo.BSON.ObjectId;
  text: string;
  photoIds: mongo.BSON.ObjectId[];
  at: Date;
  reports: number;
  hidden: boolean;
  moderation?: { reason: string; by: mongo.BSON.ObjectId; at: Date; decision: 'restore' | 'remove' };
}

export interface AidRatingRecord {
  _id: string;
  postId: mongo.BSON.ObjectId;
  raterId: mongo.BSON.ObjectId;
  rateeId: mongo.BSON.ObjectId;
  stars: number;
  tags: string[];
  at: Date;
}

export interface AidReputationRecord {
  _id: mongo.BSON.ObjectId;
  count: number;
  sum: number;
  tags?: Record<string, number>;
}

export interface AidReportRecord {
  _id: string;
  target: 'post' | 'message' | 'person';
  targetId: mongo.BSON.ObjectId;
  postId?: mongo.BSON.ObjectId;
  communityId: mongo.BSON.ObjectId;
  reporterId: mongo.BSON.ObjectId;
  reason: string;
  at: Date;
}

export interface AidBlockRecord {
  _id: string;
  blocker: mongo.BSON.ObjectId;
  blocked: mongo.BSON.ObjectId;
  at: Date;
}

export interface AidSuspensionRecord {
  _id: mongo.BSON.ObjectId;
  until: Date;
  reason: string;
  by: mongo.BSON.ObjectId;
  at: Date;
}

/** A resident's mutual-aid card: the nickname they chose (`key` is its lower-cased form, unique). */
export interface AidProfileRecord {
  _id: mongo.BSON.ObjectId;
  nickname: string;
  key: string;
  at: Date;
}

export interface AidCategoryRecord {
  _id: string;
  name: string;
  openToMinors: boolean;
  active: boolean;
  order: number;
}

const loose = (collection: string) => new Schema({}, { strict: false, collection, versionKey: false, autoCreate: true });

const posts = loose('aid_posts');
// the community feed, newest first (state and kind filtered on it); nearest: the rough point
posts.index({ communityId: 1, state: 1, _id: -1 }, { name: 'community_state_id' });
// DocumentDB takes no compound regular + 2dsphere index: the community is filtered beside this one (test/geo-engine.test.ts)
posts.index({ rough: '2dsphere' }, { name: 'rough_2dsphere' });
posts.index({ authorId: 1, _id: -1 }, { name: 'author_id' });
posts.index({ helperId: 1, _id: -1 }, { name: 'helper_id', sparse: true });
// the sweep: open posts past their end, done ones past the 3 days
posts.index({ state: 1, endsAt: 1 }, { name: 'state_ends' });
posts.index({ state: 1, doneAt: 1 }, { name: 'state_done' });
const responses = loose('aid_responses');
responses.index({ postId: 1 }, { name: 'post' });
const messages = loose('aid_messages');
messages.index({ postId: 1, _id: 1 }, { name: 'post_id' });
messages.index({ hidden: 1, postId: 1 }, { name: 'hidden_post' });
const reports = loose('aid_reports');
reports.index({ target: 1, targetId: 1 }, { name: 'target' });
// staff's list of reported people, their communities' newest first
reports.index({ target: 1, communityId: 1, at: -1 }, { name: 'target_community' });
const blocks = loose('aid_blocks');
blocks.index({ blocker: 1 }, { name: 'blocker' });
blocks.index({ blocked: 1 }, { name: 'blocked' });
const profiles = loose('aid_profiles');
profiles.index({ key: 1 }, { name: 'nickname_key', unique: true });
const suspensions = loose('aid_suspensions');
suspensions.index({ until: 1 }, { name: 'until' });

const MODELS = [
  modelFor('AidPost', posts),
  modelFor('AidResponse', responses),
  modelFor('AidMessage', messages),
  modelFor('AidRating', loose('aid_ratings')),
  modelFor('AidReputation', loose('aid_reputation')),
  modelFor('AidReport', reports),
  modelFor('AidBlock', blocks),
  modelFor('AidSuspension', suspensions),
  modelFor('AidProfile', profiles),
  modelFor('AidCategory', loose('aid_categories')),
];

/** 时间银行: the platform's append-only hours ledger, one subject per post, with the community for staff totals. */
export const timeBank = hoursLedger<{ postId: mongo.BSON.ObjectId; communityId: mongo.BSON.ObjectId }>({
  collection: 'aid_time_bank',
  model: 'AidTimeBankEntry',
  subjectField: 'postId',
  extra: { communityId: { type: Schema.Types.ObjectId, required: true } },
  indexes: [{ communityId: 1 }],
});

export function aidStore(conn: Connection) {
  for (const model of MODELS) model(conn);
  timeBank.Ledger(conn);
  const c = <T extends mongo.Document>(name: string) => conn.db!.collection<T>(name);
  return {
    posts: () => c<AidPostRecord>('aid_posts'),
    responses: () => c<AidResponseRecord>('aid_responses'),
    messages: () => c<AidMessageRecord>('aid_messages'),
    ratings: () => c<AidRatingRecord>('aid_ratings'),
    reputation: () => c<AidReputationRecord>('aid_reputation'),
    reports: () => c<AidReportRecord>('aid_reports'),
    blocks: () => c<AidBlockRecord>('aid_blocks'),
    suspensions: () => c<AidSuspensionRecord>('aid_suspensions'),
    categories: () => c<AidCategoryRecord>('aid_categories'),
    profiles: () => c<AidProfileRecord>('aid_profiles'),
  };
}

export type AidStore = ReturnType<typeof aidStore>;

export const pairId = (a: mongo.BSON.ObjectId, b: mongo.BSON.ObjectId) => `${a.toHexString()}:${b.toHexString()}`;
