import { randomBytes, randomInt } from 'node:crypto';
import { Schema, type Connection, type mongo } from 'mongoose';
import { modelFor } from '../../platform/database';
import type { PollAnswer, PollAudience, PollQuestion } from '@gongzhi/shared';

/**
 * Where a poll lives. Four collections, and what joins them:
 *
 * - `polls`: the poll itself, its owner (a community or the street) and its state.
 * - `poll_participations`: WHO answered. `_id` is `<poll>:<user>` (the unique `_id` makes "one ballot
 *   per person" a fact the database enforces, across processes), plus the day (China Standard Time) and
 *   nothing else: no time of day, no answers.
 * - `poll_ballot_buckets`: WHAT was answered. BALLOT_BUCKETS documents per poll, made when it is
 *   published; a ballot goes into a random one, kept sorted by its random id, so neither the documents
 *   nor the place in an array says when it came. A secret ballot holds no user id and no time but the
 *   day; a named one (said so before answering) holds its user id.
 * - `poll_tallies`: one document per poll, the running counts, changed by one `$inc` per ballot.
 *
 * No multi-document transactions: the participation is written first, then the ballot, then the
 * tally. A process that dies after the participation loses that one ballot (the person cannot answer
 * again); it never counts one twice. One that dies between ballot and tally leaves the tally one short
 * of a recount of the ballots (GET …/ballots.csv), which the published digest lets anyone see.
 */
export const BALLOT_BUCKETS = 64;

export interface PollRecord {
  _id: mongo.BSON.ObjectId;
  /** the community whose staff manage it, or null for the street (admin) */
  communityId: mongo.BSON.ObjectId | null;
  createdBy: mongo.BSON.ObjectId;
  status: 'draft' | 'published' | 'closed';
  title: string;
  description: string;
  questions: PollQuestion[];
  audience: PollAudience;
  minAge?: number;
  opensAt: Date;
  closesAt: Date;
  results: 'live' | 'after_close' | 'staff_only';
  ballot: 'secret' | 'named';
  audienceSize: number;
  createdAt: Date;
  publishedAt?: Date;
  closedAt?: Date;
  /** the ballots CSV's SHA-256 once closed, with the count it was made at (a late ballot makes it stale) */
  ballotsDigest?: { ballots: number; sha256: string };
}

export interface StoredBallot {
  /** 32 random hex digits: no time, no counter, no order */
  id: string;
  answers: PollAnswer[];
  /** YYYY-MM-DD in China Standard Time */
  day: string;
  /** named ballots only */
  userId?: string;
}

export interface BallotBucket {
  _id: string;
  pollId: mongo.BSON.ObjectId;
  ballots: StoredBallot[];
}

export interface Participation {
  _id: string;
  pollId: mongo.BSON.ObjectId;
  day: string;
}

export interface QuestionTally {
  /** ballots that answered it */
  n?: number;
  /** option id → times chosen (single, multiple) */
  o?: Record<string, number>;
  /** option id → Borda points (ranking) */
  p?: Record<string, number>;
  /** rating → count, and their sum */
  r?: Record<string, number>;
  sum?: number;
}

export interface PollTally {
  _id: mongo.BSON.ObjectId;
  ballots: number;
  q?: Record<string, QuestionTally>;
}

// Models only for their indexes (ensureIndexes builds them at start); the service uses the driver's collections.
const loose = (collection: string) => new Schema({}, { strict: false, collection, versionKey: false, autoCreate: true });
const pollSchema = loose('polls');
// residents' lists: published polls, newest first; staff's: by owner, newest first
pollSchema.index({ status: 1, opensAt: -1 }, { name: 'status_opens' });
pollSchema.index({ communityId: 1, createdAt: -1 }, { name: 'owner_created' });
const bucketSchema = loose('poll_ballot_buckets');
bucketSchema.index({ pollId: 1 }, { name: 'poll' });
const Polls = modelFor('Poll', pollSchema);
const BallotBuckets = modelFor('PollBallotBucket', bucketSchema);
const Participations = modelFor('PollParticipation', loose('poll_participations'));
const Tallies = modelFor('PollTally', loose('poll_tallies'));

export function pollStore(conn: Connection) {
  // registers the models, and so their indexes, on this connection
  for (const model of [Polls, BallotBuckets, Participations, Tallies]) model(conn);
  const db = () => conn.db!;
  return {
    polls: () => db().collection<PollRecord>('polls'),
    participations: () => db().collection<Participation>('poll_participations'),
    buckets: () => db().collection<BallotBucket>('poll_ballot_buckets'),
    tallies: () => db().collection<PollTally>('poll_tallies'),
  };
}

export type PollStore = ReturnType<typeof pollStore>;

export const participationId = (pollId: mongo.BSON.ObjectId, userId: mongo.BSON.ObjectId) => `${pollId.toHexString()}:${userId.toHexString()}`;
export const bucketId = (pollId: mongo.BSON.ObjectId, n: number) => `${pollId.toHexString()}:${n}`;
export const randomBucket = (pollId: mongo.BSON.ObjectId) => bucketId(pollId, randomInt(BALLOT_BUCKETS));
export const newBallotId = () => randomBytes(16).toString('hex');
