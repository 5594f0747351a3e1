import type { Connection } from 'mongoose';
import { isDuplicateKeyError } from './database';

/**
 * Exclusive, expiring claims for workers that may run in several processes at once.
 *
 * Why not a conditional findOneAndUpdate on the work item itself: FerretDB 1.24 on SQLite evaluates
 * the filter and writes the updated document in separate steps (FerretDB issue #3040), so two
 * concurrent `findOneAndUpdate({_id, lockedUntil: {$lte: now}}, …)` can both succeed. Inserts under
 * a unique index are atomic there as in MongoDB, so a claim is an insert of a key nobody else can
 * insert.
 *
 * Time is cut into slots of `leaseMs`; a claim made in slot k inserts the keys for slots k and k+1,
 * and holds only if both inserts succeed. Two holders' key pairs are disjoint, so their claims are
 * at least one full slot apart: a lease lasts between leaseMs and 2 × leaseMs, and a worker that died
 * holding one frees the work when it runs out.
 */
const COLLECTION = 'worker_leases';

interface LeaseDoc {
  _id: string;
  key: string;
  at: Date;
}

const leases = (conn: Connection) => conn.db!.collection<LeaseDoc>(COLLECTION);

const indexed = new WeakSet<Connection>();

export async function acquireLease(conn: Connection, key: string, at: Date, leaseMs: number): Promise<boolean> {
  if (!indexed.has(conn)) {
    await leases(conn).createIndex({ key: 1 });
    indexed.add(conn);
  }
  const slot = Math.floor(at.getTime() / leaseMs);
  for (const s of [slot, slot + 1]) {
    try {
      await leases(conn).insertOne({ _id: `${key}#${s}`, key, at });
    } catch (err) {
      if (isDuplicateKeyError(err)) return false;
      throw err;
    }
  }
  return true;
}

/** Records that the work behind `key` is done, so nobody repeats it even if the item's own update was lost. */
export async function markDone(conn: Connection, key: string, at: Date): Promise<void> {
  try {
    await leases(conn).insertOne({ _id: `${key}#done`, key, at });
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
  }
  await leases(conn).deleteMany({ key, _id: { $ne: `${key}#done` } });
}

export async function isDone(conn: Connection, key: string): Promise<boolean> {
  return (await leases(conn).countDocuments({ _id: `${key}#done` }, { limit: 1 })) > 0;
}
