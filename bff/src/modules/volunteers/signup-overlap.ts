import { Types, type Connection } from 'mongoose';
import { now } from '../../platform/clock';
import { isDuplicateKeyError } from '../../platform/database';
import { Signups, type SignupState } from './signup.model';

/**
 * A volunteer's time held by active sign-ups, so that of two requests of the same volunteer for
 * overlapping shifts exactly one records its time; the other reads again and sees it.
 *
 * Every read is by _id (FerretDB 1.24 scans the collection for any other filter), and every change is
 * one insert, because on FerretDB an insert under a unique _id is atomic and cheap, while an update is
 * neither (measured under a 1,000-request storm: ~1 ms an insert, ~7 ms an update, and a versioned
 * update costs four statements). The state is a chain: the document `<userId>` in COMMITMENTS is a
 * checkpoint (version v and the entries at v); version v+1 is the document `<userId>:<v+1>` in LINKS,
 * and so on. Whoever inserts link v+1 made change v+1; a reader walks from the checkpoint to the last
 * link. A reader that walked far moves the checkpoint forward (a plain update: a lost or out-of-order
 * checkpoint only makes the next walk longer, since links are never removed).
 *
 * An entry whose sign-up is no longer active (cancelled and the removal lost, attended, withdrawn)
 * is dropped when it is found in the way, after reading that sign-up by _id; an entry whose sign-up
 * does not exist yet is a sign-up in progress (it is inserted after its time is held) unless it is older
 * than IN_PROGRESS_MS, when its request has died.
 */
export const COMMITMENTS = 'volunteer_commitments';
export const COMMITMENT_LINKS = 'volunteer_commitment_links';
const IN_PROGRESS_MS = 5 * 60_000;
const CHECKPOINT_AFTER = 4;

export interface Commitment {
  signupId: string;
  startAt: Date;
  endAt: Date;
  /** when the time was held: a sign-up still missing long after it was dropped by a dead request */
  heldAt?: Date;
}

interface CommitmentsDoc {
  _id: Types.ObjectId;
  version: number;
  active: Commitment[];
}

interface CommitmentLink {
  _id: string;
  userId: Types.ObjectId;
  version: number;
  active: Commitment[];
}

const ACTIVE: readonly SignupState[] = ['pending', 'confirmed', 'waitlisted'];

const docs = (conn: Connection) => conn.db!.collection<CommitmentsDoc>(COMMITMENTS);
const links = (conn: Connection) => conn.db!.collection<CommitmentLink>(COMMITMENT_LINKS);
const linkId = (userId: Types.ObjectId, version: number) => `${userId.toString()}:${version}`;

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

/** What holdTime needs of a sign-up, which need not exist yet. */
export interface TimeHolder {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  startAt: Date;
  endAt: Date;
}

/** Records the sign-up's time; false when another active sign-up of the volunteer overlaps it. */
export async function holdTime(conn: Connection, signup: TimeHolder): Promise<boolean> {
  const id = signup._id.toString();
  // First from the checkpoint alone: usually it is the latest version, and if not, inserting the link
  // after it fails and the chain is walked. One read fewer for most sign-ups.
  for (let walk = false; ; walk = true) {
    const state = await commitmentsOf(conn, signup.userId, walk);
    const at = now();
    const stale = new Set<string>();
    for (const e of state.active) {
      if (e.signupId === id || !(e.startAt < signup.endAt && e.endAt > signup.startAt)) continue;
      const other = await Signups(conn).findById(new Types.ObjectId(e.signupId), { status: 1 }).lean();
      if (other ? ACTIVE.includes(other.status) : !e.heldAt || at.getTime() - e.heldAt.getTime() < IN_PROGRESS_MS) return false;
      stale.add(e.signupId);
    }
    const active = state.active
      .filter((e) => e.signupId !== id && !stale.has(e.signupId) && e.endAt > at)
      .concat({ signupId: id, startAt: signup.startAt, endAt: signup.endAt, heldAt: at });
    if (await change(conn, signup.userId, state.version, active)) return true;
  }
}

/** Gives the sign-up's time back (cancelled, no-show, a sign-up that failed). */
export async function releaseTime(conn: Connection, userId: Types.ObjectId, signupId: Types.ObjectId): Promise<void> {
  const id = signupId.toString();
  for (;;) {
    const state = await commitmentsOf(conn, userId);
    if (!state.active.some((e) => e.signupId === id)) return;
    if (await change(conn, userId, state.version, state.active.filter((e) => e.signupId !== id))) return;
  }
}

/** Change `version` + 1: false when someone else made it first. */
async function change(conn: Connection, userId: Types.ObjectId, version: number, active: Commitment[]): Promise<boolean> {
  try {
    await links(conn).insertOne({ _id: linkId(userId, version + 1), userId, version: version + 1, active });
    return true;
  } catch (err) {
    if (isDuplicateKeyError(err)) return false;
    throw err;
  }
}

/**
 * The volunteer's entries at the latest version; for a volunteer registered before the checkpoint
 * document existed, built once from their sign-ups (the only scan, once per volunteer).
 */
async function commitmentsOf(conn: Connection, userId: Types.ObjectId, walk = true): Promise<{ version: number; active: Commitment[] }> {
  for (;;) {
    const doc = await docs(conn).findOne({ _id: userId });
    if (doc) {
      let state = { version: doc.version ?? 0, active: doc.active ?? [] };
      if (!walk) return state;
      for (let walked = 0; ; walked++) {
        const next = await links(conn).findOne({ _id: linkId(userId, state.version + 1) });
        if (!next) {
          if (walked >= CHECKPOINT_AFTER) await docs(conn).updateOne({ _id: userId }, { $set: { version: state.version, active: state.active } }).catch(() => undefined);
          return state;
        }
        state = { version: next.version, active: next.active };
      }
    }
    const held = await Signups(conn).find({ userId, status: { $in: [...ACTIVE] } }, { startAt: 1, endAt: 1 }).lean();
    try {
      await docs(conn).insertOne({ ...noCommitments(userId), active: held.map((s) => ({ signupId: s._id.toString(), startAt: s.startAt, endAt: s.endAt })) });
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
    }
  }
}
