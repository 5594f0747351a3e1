import type { Connection, Types } from 'mongoose';
import { isDuplicateKeyError } from '../../../platform/database';
import { Signups, type SignupState } from './signup.model';

/**
 * No overlapping commitments: a volunteer's time held by active sign-ups is one small document per
 * volunteer (`volunteer_commitments`, keyed by the user's id), and a time is held by one conditional
 * update that adds it only if nothing held overlaps it. Two racing requests for overlapping shifts
 * meet on that one document, so exactly one of them adds its time.
 *
 * The time is held before the sign-up exists and given back after it left, so an entry can outlive
 * its sign-up when a process dies in between: an entry in the way whose sign-up is not active (left,
 * or never inserted and older than ABANDONED_MS) is dropped and the hold tried again.
 */
export const COMMITMENTS = 'volunteer_commitments';
const ABANDONED_MS = 5 * 60_000;
const ACTIVE: readonly SignupState[] = ['confirmed', 'waitlisted'];

interface Commitment {
  signupId: Types.ObjectId;
  startAt: Date;
  endAt: Date;
  heldAt: Date;
}

const commitments = (conn: Connection) => conn.db!.collection<{ _id: Types.ObjectId; active: Commitment[] }>(COMMITMENTS);

export interface TimeHolder {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  startAt: Date;
  endAt: Date;
}

/** Holds the sign-up's time; false when another active sign-up of the volunteer overlaps it. */
export async function holdTime(conn: Connection, signup: TimeHolder, at: Date): Promise<boolean> {
  const overlapping = { startAt: { $lt: signup.endAt }, endAt: { $gt: signup.startAt } };
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const held = await commitments(conn).updateOne(
        { _id: signup.userId, 'active.signupId': { $ne: signup._id }, active: { $not: { $elemMatch: overlapping } } },
        { $push: { active: { signupId: signup._id, startAt: signup.startAt, endAt: signup.endAt, heldAt: at } } },
        { upsert: true },
      );
      if (held.modifiedCount + held.upsertedCount === 1) return true;
    } catch (err) {
      // the document exists and does not match (an upsert then inserts its _id again), or a racing first upsert
      if (!isDuplicateKeyError(err)) throw err; // counts the engine's deadlock answer too (platform/unique-race.ts)
    }
    const doc = await commitments(conn).findOne({ _id: signup.userId });
    if (!doc) continue;
    if (doc.active.some((e) => e.signupId.equals(signup._id))) return true; // a racing request for the same shift holds it: the sign-up's unique index decides
    const inTheWay = doc.active.filter((e) => e.startAt < signup.endAt && e.endAt > signup.startAt);
    const stale = await staleOf(conn, inTheWay, at);
    if (stale.length < inTheWay.length) return false;
    await commitments(conn).updateOne({ _id: signup.userId }, { $pull: { active: { signupId: { $in: stale } } } });
  }
  return false;
}

/** Gives the sign-up's time back (cancelled, no-show, a sign-up that never came), and forgets times that are over. */
export async function releaseTime(conn: Connection, userId: Types.ObjectId, signupId: Types.ObjectId, at: Date): Promise<void> {
  await commitments(conn).updateOne({ _id: userId }, { $pull: { active: { $or: [{ signupId }, { endAt: { $lte: at } }] } as never } });
}

/** The entries whose sign-up is no longer active, or was never inserted by a request that died. */
async function staleOf(conn: Connection, entries: Commitment[], at: Date): Promise<Types.ObjectId[]> {
  const signups = await Signups(conn).find({ _id: { $in: entries.map((e) => e.signupId) } }, { status: 1 }).lean();
  return entries
    .filter((e) => {
      const s = signups.find((x) => x._id.equals(e.signupId));
      return s ? !ACTIVE.includes(s.status) : at.getTime() - e.heldAt.getTime() > ABANDONED_MS;
    })
    .map((e) => e.signupId);
}
