import type { Connection, Types } from 'mongoose';
import { nowMs } from '../../platform/clock';
import { isDuplicateKeyError } from '../../platform/database';

/**
 * One mover per version of a complaint. FerretDB 1.24 on SQLite reads and writes a conditional
 * findOneAndUpdate in separate steps (FerretDB issue #3040; see platform/worker-lease.ts), so two
 * concurrent transitions from the same state could both "win". An insert under a unique _id is
 * atomic there as in MongoDB: whoever inserts `<complaintId>:<version>` is the only one allowed
 * to write that version; everyone else answers 409.
 *
 * A process that dies between its claim and its update would leave the version claimed for ever;
 * a claim older than STALE_MS is therefore taken to be abandoned and may be replaced.
 */
const COLLECTION = 'complaint_moves';
const STALE_MS = 30_000;

interface MoveClaim {
  _id: string;
  at: number;
}

const claims = (conn: Connection) => conn.db!.collection<MoveClaim>(COLLECTION);

export async function claimMove(conn: Connection, complaintId: Types.ObjectId, version: number): Promise<(() => Promise<void>) | null> {
  const _id = `${complaintId.toString()}:${version}`;
  const at = nowMs();
  const insert = async () => {
    try {
      await claims(conn).insertOne({ _id, at });
      return true;
    } catch (err) {
      if (isDuplicateKeyError(err)) return false;
      throw err;
    }
  };
  if (!(await insert())) {
    const removed = await claims(conn).deleteOne({ _id, at: { $lt: at - STALE_MS } });
    if (removed.deletedCount !== 1 || !(await insert())) return null;
  }
  return async () => {
    await claims(conn).deleteOne({ _id, at });
  };
}
