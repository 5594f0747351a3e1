import { Schema, type Connection, type mongo } from 'mongoose';
import { modelFor } from '../../platform/database';
import { ballotBox, type Settlement } from '../../platform/ballot-box';
import type { PollAnswer, PollAudience, PollQuestion } from '@gongzhi/shared';

/**
 * Where a poll lives: the poll itself in `polls` (its owner, a community or the street, and its
 * state), its ballots in the platform's ballot box (`poll_participations` who voted,
 * `poll_ballot_buckets` what was voted, `poll_tallies` the running counts: see platform/ballot-box.ts
 * for why they are apart and what joins them, which is nothing for a secret ballot).
 */
export interface PollRecord {
  _id: mongo.BSON.ObjectId;
  /** the community whose staff manage it, or null for the street (admin) */
  communityId: mongo.BSON.ObjectId | null;
  createdBy: mongo.BSON.ObjectId;
  status: 'draft' | 'published' | 'closed';
  title: string;
  description: string;
  /** an upload (image) shown above the description; its readers are the poll's */
  coverId?: mongo.BSON.ObjectId;
  questions: PollQuestion[];
  audience: PollAudience;
  minAge?: number;
  opensAt: Date;
  closesAt: Date;
  results: 'live' | 'after_close' | 'staff_only';
  ballot: 'secret' | 'named';
  /** free-text answers staff chose to show with the results, by question */
  publishedTexts?: Record<string, string[]>;
  audienceSize: number;
  createdAt: Date;
  publishedAt?: Date;
  closedAt?: Date;
  /** the reminders sent: when it opened (to subscribers), and 24 h before it closes (to those who had not answered) */
  noticed?: { opened?: Date; closing?: Date };
  /** the recount once closed: tally checked against the ballots, and the ballots CSV's SHA-256 */
  settled?: Settlement;
}

/** The content of a poll's stored ballot (see StoredBallot for what goes with it). */
export interface PollBallot {
  answers: PollAnswer[];
}

// A model only for its indexes (ensureIndexes builds them at start); the service uses the driver's collection.
const pollSchema = new Schema({}, { strict: false, collection: 'polls', versionKey: false, autoCreate: true });
// residents' lists and the reminders' sweep: by state, newest first; staff's: by owner, newest first
pollSchema.index({ status: 1, opensAt: -1 }, { name: 'status_opens' });
pollSchema.index({ communityId: 1, createdAt: -1 }, { name: 'owner_created' });
const Polls = modelFor('Poll', pollSchema);

export function pollStore(conn: Connection) {
  Polls(conn);
  return {
    polls: () => conn.db!.collection<PollRecord>('polls'),
    box: ballotBox<PollBallot>(conn, 'poll'),
  };
}

export type PollStore = ReturnType<typeof pollStore>;
