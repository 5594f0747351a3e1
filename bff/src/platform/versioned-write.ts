import type { Connection, mongo, Types } from 'mongoose';
import { nowMs } from './clock';
import { isDuplicateKeyError } from './database';
import { matches } from './matches';

/**
 * One writer per version of a document. FerretDB 1.24 reads and writes a conditional update in
 * separate steps and stores the whole document back (FerretDB issue #3040): two concurrent
 * transitions from the same state could both "win", and an update of one field (an outbox entry's
 * "sent" mark, an overdue flag) could silently undo a concurrent state change. An insert under a
 * unique _id is atomic there as in MongoDB, so whoever inserts `<scope>:<id>:<version>` is the only
 * one allowed to write that version, and every write bumps the version.
 *
 * A process that dies between its claim and its update would leave the version claimed for ever;
 * a claim older than STALE_MS is therefore taken to be abandoned and may be replaced.
 */
const COLLECTION = 'version_claims';
const STALE_MS = 30_000;

interface VersionClaim {
  _id: string;
  at: number;
}

const claims = (conn: Connection) => conn.db!.collection<VersionClaim>(COLLECTION);

/** The claim on `version` of a document, released by the returned function; null when someone else holds it. */
export async function claimVersion(
  conn: Connection,
  scope: string,
  id: Types.ObjectId | string,
  version: number,
): Promise<(() => Promise<void>) | null> {
  const _id = `${scope}:${id.toString()}:${version}`;
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
  // A release that fails must not fail the write it guarded (that write has landed): the claim then
  // simply expires after STALE_MS.
  return async () => {
    await claims(conn).deleteOne({ _id, at }).catch(() => undefined);
  };
}

/**
 * Updates a document only at the version it was read at and only if it still matches `filter`,
 * under that version's claim, and bumps the version. False when someone else wrote (or is writing)
 * it first, or it no longer matches: read again and decide again. The filter is judged on the
 * document read by `_id` under the claim (writeAtVersion), not by the database: on FerretDB a
 * filter naming any other field reads the whole collection.
 */
export async function updateAtVersion(
  conn: Connection,
  collection: string,
  doc: { _id: Types.ObjectId; version?: number },
  filter: mongo.Filter<mongo.Document>,
  update: mongo.UpdateFilter<mongo.Document>,
): Promise<boolean> {
  return writeAtVersion(conn, collection, doc, update, (current) => matches(current, filter));
}

/**
 * Writes a document only at the version it was read at (whoever holds the claim on a version is its
 * only writer), with every statement by _id alone: FerretDB 1.24 filters in Go, reading the whole
 * collection, as soon as a filter names another field (measured: 28 ms instead of 2 ms at 1,000
 * documents). Under the claim the document is read again: still at `version` and still matching
 * `holds`, nobody can change it until the claim is released, since every writer needs the claim of
 * the current version. Bumps the version.
 */
export async function writeAtVersion<T extends { _id: Types.ObjectId | string; version?: number }>(
  conn: Connection,
  collection: string,
  doc: T,
  update: mongo.UpdateFilter<mongo.Document>,
  holds: (current: T) => boolean = () => true,
): Promise<boolean> {
  const version = doc.version ?? 0;
  const release = await claimVersion(conn, collection, doc._id, version);
  if (!release) return false;
  // ObjectId or string keys alike (list heads are keyed by name)
  const byId = { _id: doc._id } as mongo.Filter<mongo.Document>;
  try {
    const current = (await conn.db!.collection(collection).findOne(byId)) as T | null;
    if (!current || (current.version ?? 0) !== version || !holds(current)) return false;
    const res = await conn.db!.collection(collection).updateOne(byId, {
      ...update,
      $inc: { ...(update.$inc as Record<string, number> | undefined), version: 1 },
    });
    return res.modifiedCount === 1;
  } finally {
    await release();
  }
}
