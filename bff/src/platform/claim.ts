import type { Connection } from 'mongoose';
import { isDuplicateKeyError } from './database';

/**
 * Claims a key for good by inserting it under a unique _id: true for the one caller that inserted it,
 * false for everyone else. FerretDB 1.24 evaluates a conditional update's filter and write in two
 * steps (FerretDB issue #3040), so "first one wins" races are settled by inserts, which are atomic
 * there as in MongoDB.
 */
export async function claimKey(conn: Connection, collection: string, _id: string, fields: Record<string, unknown> = {}): Promise<boolean> {
  try {
    await conn.db!.collection<{ _id: string }>(collection).insertOne({ _id, ...fields });
    return true;
  } catch (err) {
    if (isDuplicateKeyError(err)) return false;
    throw err;
  }
}

/** The fields stored with a claim, to tell a caller's own earlier claim (a retry) from someone else's. */
export async function claimHolder<T extends Record<string, unknown>>(conn: Connection, collection: string, _id: string): Promise<T | null> {
  return (await conn.db!.collection<{ _id: string }>(collection).findOne({ _id })) as T | null;
}
