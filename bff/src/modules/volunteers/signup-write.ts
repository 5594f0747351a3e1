import type { Connection, mongo, Types } from 'mongoose';
import { retryWhileBusy } from '../../platform/database';
import { claimVersion } from '../../platform/versioned-write';

/**
 * updateAtVersion's protocol (platform/versioned-write.ts: whoever holds the claim on a version is
 * its only writer), with every statement by _id alone: FerretDB 1.24 filters in Go, reading the whole
 * collection, as soon as a filter names another field (measured: 28 ms instead of 2 ms at 1,000
 * documents), and updateAtVersion's update names `version`. Under the claim the document is read
 * again: still at `version` and still matching `holds`, nobody can change it until the claim is
 * released, since every writer needs the claim of the current version. Interoperates with
 * updateAtVersion writers of the same documents (same claims).
 */
export async function writeAtVersion<T extends { _id: Types.ObjectId; version?: number }>(
  conn: Connection,
  collection: string,
  doc: T,
  update: mongo.UpdateFilter<mongo.Document>,
  holds: (current: T) => boolean = () => true,
): Promise<boolean> {
  const version = doc.version ?? 0;
  const release = await claimVersion(conn, collection, doc._id, version);
  if (!release) return false;
  try {
    const current = (await retryWhileBusy(() => conn.db!.collection(collection).findOne({ _id: doc._id }))) as T | null;
    if (!current || (current.version ?? 0) !== version || !holds(current)) return false;
    const res = await retryWhileBusy(() =>
      conn.db!.collection(collection).updateOne(
        { _id: doc._id },
        { ...update, $inc: { ...(update.$inc as Record<string, number> | undefined), version: 1 } },
      ),
    );
    return res.modifiedCount === 1;
  } finally {
    await release();
  }
}
