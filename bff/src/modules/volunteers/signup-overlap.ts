import { Types, type Connection } from 'mongoose';
import { now } from '../../platform/clock';
import { isDuplicateKeyError } from '../../platform/database';
import { Signups, type SignupRecord, type SignupState } from './signup.model';
import { writeAtVersion } from '../../platform/versioned-write';

/**
 * A volunteer's time held by active sign-ups, one document per volunteer keyed by the user's id, so
 * the overlap check is a lookup by _id (FerretDB 1.24 scans the collection for any other filter).
 * Every change is a versioned write (platform/versioned-write.ts): of two requests of the same
 * volunteer for overlapping shifts, exactly one records its time; the other reads again and sees it.
 *
 * An entry whose sign-up is no longer active (cancelled and the removal lost, attended, withdrawn)
 * is dropped when it is found in the way, after reading that sign-up by _id.
 */
export const COMMITMENTS = 'volunteer_commitments';

export interface Commitment {
  signupId: string;
  startAt: Date;
  endAt: Date;
}

interface CommitmentsDoc {
  _id: Types.ObjectId;
  version: number;
  active: Commitment[];
}

const ACTIVE: readonly SignupState[] = ['pending', 'confirmed', 'waitlisted'];

const docs = (conn: Connection) => conn.db!.collection<CommitmentsDoc>(COMMITMENTS);

/** The empty document registration creates, so that a volunteer's first sign-up finds it by _id. */
export function noCommitments(userId: Types.ObjectId): CommitmentsDoc {
  return { _id: userId, version: 0, active: [] };
}

export async function createCommitments(conn: Connection, userId: Types.ObjectId): Promise<void> {
  try {
    await docs(conn).insertOne(noCommitments(userId));
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
  }
}

/** Records the sign-up's time; false when another active sign-up of the volunteer overlaps it. */
export async function holdTime(conn: Connection, signup: SignupRecord): Promise<boolean> {
  const id = signup._id.toString();
  for (;;) {
    const doc = await commitmentsOf(conn, signup.userId);
    const stale = new Set<string>();
    for (const e of doc.active) {
      if (e.signupId === id || !(e.startAt < signup.endAt && e.endAt > signup.startAt)) continue;
      const other = await Signups(conn).findById(new Types.ObjectId(e.signupId), { status: 1 }).lean();
      if (other && ACTIVE.includes(other.status)) return false;
      stale.add(e.signupId);
    }
    const at = now();
    const active = doc.active
      .filter((e) => e.signupId !== id && !stale.has(e.signupId) && e.endAt > at)
      .concat({ signupId: id, startAt: signup.startAt, endAt: signup.endAt });
    if (await writeAtVersion(conn, COMMITMENTS, doc, { $set: { active } })) return true;
  }
}

/** Gives the sign-up's time back (cancelled, no-show). */
export async function releaseTime(conn: Connection, userId: Types.ObjectId, signupId: Types.ObjectId): Promise<void> {
  const id = signupId.toString();
  for (;;) {
    const doc = await commitmentsOf(conn, userId);
    if (!doc.active.some((e) => e.signupId === id)) return;
    if (await writeAtVersion(conn, COMMITMENTS, doc, { $set: { active: doc.active.filter((e) => e.signupId !== id) } })) return;
  }
}

/**
 * The volunteer's document; for a volunteer registered before it existed, built once from their
 * sign-ups (the only scan, once per volunteer).
 */
async function commitmentsOf(conn: Connection, userId: Types.ObjectId): Promise<CommitmentsDoc> {
  for (;;) {
    const doc = await docs(conn).findOne({ _id: userId });
    if (doc) return { ...doc, active: doc.active ?? [] };
    const held = await Signups(conn).find({ userId, status: { $in: [...ACTIVE] } }, { startAt: 1, endAt: 1 }).lean();
    try {
      await docs(conn).insertOne({ ...noCommitments(userId), active: held.map((s) => ({ signupId: s._id.toString(), startAt: s.startAt, endAt: s.endAt })) });
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
    }
  }
}
