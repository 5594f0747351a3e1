import type { Connection } from 'mongoose';
import { isDuplicateKeyError } from './database';

/**
 * Exclusive, expiring claims for workers that may run in several processes at once: one document per
 * piece of work, taken by one conditional update (`lockedUntil` passed, not done) that inserts it when it
 * does not exist yet. Of concurrent takers exactly one matches or inserts; the others miss the filter or
 * lose the insert to the unique `_id`. A worker that dies holding a lease frees the work when it runs out.
 */
const COLLECTION = 'worker_leases';

interface LeaseDoc {
  _id: string;
  lockedUntil: Date;
  doneAt?: Date;
}

const leases = (conn: Connection) => conn.db!.collection<LeaseDoc>(COLLECTION);

export async function acquireLease(conn: Connection, key: string, at: Date, leaseMs: number): Promise<boolean> {
  try {
    const taken = await leases(conn).findOneAndUpdate(
      { _id: key, doneAt: { $exists: false }, lockedUntil: { $lte: at } },
      { $set: { lockedUntil: new Date(at.getTime() + leaseMs) } },
      { upsert: true, returnDocument: 'after' },
    );
    return taken !== null;
  } catch (err) {
    // held or done: the filter missed, and the upsert's insert met the existing _id
    if (isDuplicateKeyError(err)) return false;
    throw err;
  }
}

/** Records that the work behind `key` is done, so nobody repeats it even if the item's own update was lost. */
export async function markDone(conn: Connection, key: string, at: Date): Promise<void> {
  await leases(conn).updateOne({ _id: key }, { $set: { doneAt: at } }, { upsert: true });
}

export async function isDone(conn: Connection, key: string): Promise<boolean> {
  return (await leases(conn).countDocuments({ _id: key, doneAt: { $exists: true } }, { limit: 1 })) > 0;
}
